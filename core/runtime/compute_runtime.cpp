// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/runtime/compute_runtime.h"

#include "models/runtime.h"

#include <torch/torch.h>

namespace pluvia::core {

int configureComputeThreads(int threads)
{
    return models::configureThreads(threads);
}

int computeThreads()
{
    return torch::get_num_threads();
}

QStringList computeDevices()
{
    QStringList names;
    for (const auto &device : models::availableDevices())
        names << QString::fromStdString(device.name);
    return names;
}

QString checkComputeDevice(const QString &device)
{
    return QString::fromStdString(models::checkDevice(device.toStdString()));
}

QString libtorchDescription()
{
    return QString::fromStdString(models::libtorchDescription());
}

} // namespace pluvia::core
