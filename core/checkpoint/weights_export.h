// SPDX-License-Identifier: GPL-3.0-or-later
// Exporting a checkpoint's networks as a PyTorch state dict, for research code in Python: one
// network with its own names ("down.0.weight", as its PyTorch twin in bench/ names them), or
// every network with its name as prefix ("F_r.down.0.weight"). Python reads the file with
// torch.load; models/framework/state_dict_writer.h has the format.
#pragma once

#include <QString>
#include <QStringList>

namespace pluvia::core {

struct WeightsExportReport {
    QString error; // "" on success; names the file and the reason
    QString method;
    qint64 step = 0;
    QStringList networks; // those written
    int tensors = 0;
    qint64 bytes = 0;
    bool ok() const { return error.isEmpty(); }
};

// Reads `checkpoint` (or an exported model) on the CPU and writes `out` atomically. `network`
// "" writes all networks, prefixed; otherwise that network alone, unprefixed (an unknown name is
// an error listing the checkpoint's networks).
WeightsExportReport exportWeights(
    const QString &checkpoint, const QString &out, const QString &network = {});

} // namespace pluvia::core
