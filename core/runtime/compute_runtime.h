// SPDX-License-Identifier: GPL-3.0-or-later
// Core's façade over the LibTorch runtime, for app/ and widgets/ (which never see LibTorch).
#pragma once

#include <QString>
#include <QStringList>

namespace pluvia::core {

// Sets LibTorch's intra-op threads (Debian's LibTorch starts with 1); threads <= 0 means one per
// available core. Call once at program start. Returns the count in effect.
int configureComputeThreads(int threads = 0);
int computeThreads();

// "cpu", then "cuda:N" for each GPU this LibTorch build can use here.
QStringList computeDevices();
// Empty when `device` is usable, otherwise a message saying why not.
QString checkComputeDevice(const QString &device);
// E.g. "LibTorch 1.13.0 (CPU)".
QString libtorchDescription();

} // namespace pluvia::core
