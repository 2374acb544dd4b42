// SPDX-License-Identifier: GPL-3.0-or-later
// A trained method restored from a checkpoint, with loaders over the datasets of its roles: what
// the analyses that look inside a model (rain features, gradient shares) start from.
#pragma once

#include "core/checkpoint/checkpoint_info.h"
#include "core/training/role_data_p.h"
#include "models/framework/method.h"

#include <QMap>
#include <QString>

#include <memory>

namespace pluvia::core {

struct CheckpointBatchesRequest {
    QString checkpoint;
    // role → dataset (as for training); empty: the datasets the checkpoint's run trained on,
    // from the workspace's store
    QMap<QString, QString> data;
    QString workspace; // resolves registered dataset names and runs (may be empty)
    QString device = QStringLiteral("cpu");
    int cropSize = 0; // 0: the checkpoint's crop_size
    int batchSize = 8; // 0: the checkpoint's batch_size
    quint64 seed = 0;
};

struct CheckpointBatches {
    std::unique_ptr<models::Method> method;
    CheckpointInfo info;
    std::unique_ptr<RoleLoaders> loaders; // unflipped crops, one loader thread
};

// Returns false with *error naming the checkpoint or dataset and the problem.
bool openCheckpointBatches(
    const CheckpointBatchesRequest &request, CheckpointBatches *out, QString *error);

// The same for an analysis whose report names the checkpoint it looked at (its method and
// checkpointStep) and carries an error.
template<typename Report>
bool openCheckpointBatchesFor(
    const CheckpointBatchesRequest &request, CheckpointBatches *out, Report *report)
{
    if (!openCheckpointBatches(request, out, &report->error))
        return false;
    report->method = out->info.method;
    report->checkpointStep = out->info.step;
    return true;
}

} // namespace pluvia::core
