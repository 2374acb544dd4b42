// SPDX-License-Identifier: GPL-3.0-or-later
// A run's reproducibility card: what it was trained on (datasets with their content hashes),
// with what (method, preset, every parameter that differs from the preset, seed, device,
// threads, the Pluvia and LibTorch versions) and the exact `pluvia-cli train` line that re-runs
// it. Reentrant.
#pragma once

#include "core/store/run_store.h"

#include <QStringList>

namespace pluvia::core {

// The arguments of `pluvia-cli train` that repeat the run (into `workspace`, or the run's own
// workspace when ""): method, preset, a --set for every parameter whose value differs from the
// preset's, the datasets of its roles (not those filled from a fallback), the seed, device, total
// steps and the engine's schedules.
QStringList reproduceArguments(const RunRecord &run, const QString &workspace);
// The same as one shell line, each argument quoted when it needs to be.
QString reproduceCommand(const RunRecord &run, const QString &workspace);
// The card as plain text, one fact per line.
QString runCard(const RunRecord &run, const QString &workspace);

} // namespace pluvia::core
