// SPDX-License-Identifier: GPL-3.0-or-later
// A run's metric series in the formats other tools read (DESIGN.md §6, UX.md #10–11).
//
// CSV: one row per stored point, "key,step,wall_time,value", sorted by key then step; wall time
// in seconds since the Unix epoch; a NaN value (a diverged loss) is written as "nan". Every point
// of the store is written (no sampling).
// TensorBoard: one event file with every point as a scalar summary, tag = key.
//
// Both write to a temporary file and rename it when complete. Reentrant; the store must belong
// to the calling thread.
#pragma once

#include "core/store/run_store.h"

namespace pluvia::core {

// Returns "" or an error naming the file.
QString exportRunCsv(const RunStore &store, const QString &runId, const QString &path);
// Writes into `folder` (created); *fileName receives the event file's path. Returns "" or an error.
QString exportRunTensorBoard(
    const RunStore &store, const QString &runId, const QString &folder, QString *fileName);

} // namespace pluvia::core
