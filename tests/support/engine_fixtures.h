// SPDX-License-Identifier: GPL-3.0-or-later
// Fixtures for engine tests: small synthetic paired datasets and quick run requests.
#pragma once

#include "core/training/run_request.h"
#include "core/training/training_run.h"
#include "core/workspace/workspace.h"

#include <QString>

#include <cstdint>
#include <memory>

namespace pluvia::test {

// Writes `count` textured clean images of width × height into <folder>/clean and renders light
// synthetic rain onto them into <folder>/paired (a paired dataset with a manifest). Returns the
// paired dataset's folder; fails the calling test on error.
QString makePairedDataset(
    const QString &folder, int count, int width, int height, std::uint64_t seed);

// The supervised baseline at a size that trains in milliseconds per step (8-channel U-Net,
// batch 2, 48-pixel crops), no previews, one loader thread.
core::RunRequest tinySupervisedRun(const QString &workspace, const QString &dataset, qint64 steps);
// Those sizes as "key=value" over the quick preset (also for a training panel's form).
QStringList tinySupervisedOverrides();

// Opens (or creates) the workspace at `folder` with the paired dataset `dataset` registered as
// "pairs"; nullptr, with a test warning, on error.
std::unique_ptr<core::Workspace> workspaceWithPairs(const QString &folder, const QString &dataset);

// Spins the event loop until `run` has emitted finished(); false on timeout.
bool waitForFinish(core::TrainingRun &run, int timeoutMs = 120000);
// Spins the event loop until `run` reports `status` (false when it finished otherwise or on
// timeout).
bool waitForStatus(core::TrainingRun &run, core::RunStatus status, int timeoutMs = 120000);

// Trains `request` to its end and returns its last checkpoint's path ("" when the run failed).
QString trainedCheckpoint(const core::RunRequest &request);

// A model to derain with: a paired dataset of `count` 160 × 120 images under <folder>/data, and
// the tiny baseline trained on it for `steps` steps in the workspace <folder>/ws.
struct TinyModel {
    QString dataset; // the paired dataset it was trained on
    QString rainy; // the dataset's rainy images
    QString checkpoint; // "" when training failed
};
TinyModel tinyTrainedModel(const QString &folder, int count, std::uint64_t seed, qint64 steps);

} // namespace pluvia::test
