// SPDX-License-Identifier: GPL-3.0-or-later
// Exporting a model to share: a checkpoint's method, parameters and networks, without what only
// resuming needs (optimiser state, image pools, the method's generator) and without the run's
// identity and time, so that the same training makes the same file byte for byte. Derain,
// decompose and generate read it like any checkpoint; resuming refuses it.
#pragma once

#include <QString>

namespace pluvia::core {

struct ModelExportReport {
    QString error; // "" on success; names the file and the reason
    QString method;
    qint64 step = 0;
    qint64 bytes = 0; // size of the written model
    bool ok() const { return error.isEmpty(); }
};

// Reads `checkpoint` (on the CPU) and writes the model to `out` atomically. A teacher the
// checkpoint's parameters name is not needed by inference and is dropped from them.
ModelExportReport exportModel(const QString &checkpoint, const QString &out);

} // namespace pluvia::core
