// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/analysis/checkpoint_batches_p.h"

#include "core/checkpoint/checkpoint_p.h"
#include "core/store/run_store.h"

namespace pluvia::core {

namespace {

// The roles a run trained on, as --data would give them: not validation (its pairs are not
// training rain), not a role filled from another role's clean images (rebuilt the same way).
QMap<QString, QString> trainingRoles(const QString &workspace, const QString &runId, QString *error)
{
    std::unique_ptr<RunStore> store = RunStore::open(workspace, error);
    if (!store)
        return {};
    const std::optional<RunRecord> run = store->run(runId, error);
    if (!run)
        return {};
    QMap<QString, QString> data;
    for (const RunRole &role : run->roles)
        if (role.role != QLatin1String("validation")
            && !role.note.endsWith(QLatin1String("(fallback)")))
            data.insert(role.role, role.path);
    return data;
}

} // namespace

bool openCheckpointBatches(
    const CheckpointBatchesRequest &request, CheckpointBatches *out, QString *error)
{
    out->method = loadMethodFromCheckpoint(request.checkpoint, request.device, &out->info, error);
    if (!out->method)
        return false;
    const int crop
        = request.cropSize > 0 ? request.cropSize : int(out->method->params().integer("crop_size"));
    QMap<QString, QString> data = request.data;
    if (data.isEmpty()) {
        if (request.workspace.isEmpty() || out->info.runId.isEmpty()) {
            *error = QStringLiteral("%1: give the datasets of the method's roles (no workspace "
                                    "to look up the run that trained it)")
                         .arg(request.checkpoint);
            return false;
        }
        data = trainingRoles(request.workspace, out->info.runId, error);
        if (data.isEmpty())
            return false;
    }
    QVector<ResolvedRole> roles;
    QStringList notes;
    if (!resolveRoles(out->method->description(), data, { request.workspace, crop, {} }, &roles,
            &notes, error))
        return false;
    LoaderOptions loader;
    loader.batchSize = request.batchSize > 0 ? request.batchSize
                                             : int(out->method->params().integer("batch_size"));
    loader.cropSize = crop;
    loader.horizontalFlip = false;
    loader.seed = request.seed;
    loader.workerThreads = 1;
    out->loaders = std::make_unique<RoleLoaders>(roles, loader);
    if (!out->loaders->error().isEmpty()) {
        *error = out->loaders->error();
        return false;
    }
    return true;
}

} // namespace pluvia::core
