// SPDX-License-Identifier: GPL-3.0-or-later
// A run's data roles (private to core): which dataset each role of the method reads, checked
// against the role's kind, and the loaders that turn them into one TrainingBatch per step.
//
// Any role accepts a dataset of its own kind; an unpaired rainy (clean) role also accepts a
// paired dataset, whose rainy (clean) images it then reads. An optional role that is absent is
// filled from its fallback role's clean images when the method names one.
//
// Thread affinity: resolveRoles() blocks (inspection, hashing): call it off the GUI thread.
// RoleLoaders belongs to the training thread.
#pragma once

#include "core/data/batch_loader_p.h"
#include "core/store/run_store.h"
#include "models/framework/method.h"

#include <QMap>
#include <QStringList>

#include <functional>
#include <memory>
#include <vector>

namespace pluvia::core {

struct ResolvedRole {
    RunRole record; // what the store keeps about it
    models::RoleContent content = models::RoleContent::RainyAndClean;
    QVector<DatasetPair> pairs; // RainyAndClean
    QStringList images; // Rainy or Clean
    QVector<DatasetScene> scenes; // Frames
    bool isValidation() const { return record.role == QLatin1String(models::kValidationRole); }
};

// How roles are resolved: inspection of every file's header, then content hashing.
struct RoleResolution {
    // Names registered datasets; its cache/file-digests spares hashing unchanged files again
    // ("": no registered names, every file hashed).
    QString workspace;
    // The training crop (smaller images are skipped; validation images only need 11 px, SSIM's
    // window).
    int cropSize = 0;
    // Called often from any thread with a status line to show ("role rainy: hashing 5000 of
    // 200000 files", about once a second) or "" with nothing new; false cancels.
    std::function<bool(const QString &status)> progress;
};

// `data` maps role names to dataset folders, manifest files, or names of datasets registered in
// the workspace. Appends human-readable lines to *log (skipped files, fallback roles). Returns
// false and sets *error (naming the role and the dataset; "cancelled" when progress said so) on
// failure.
bool resolveRoles(const models::MethodDescription &method, const QMap<QString, QString> &data,
    const RoleResolution &how, QVector<ResolvedRole> *roles, QStringList *log, QString *error);

// The roles of a stored run, re-resolved from their recorded paths; *log notes every dataset
// whose content hash differs from the recorded one (the resumed run cannot then be exact).
bool reresolveRoles(const models::MethodDescription &method, const QVector<RunRole> &recorded,
    const RoleResolution &how, QVector<ResolvedRole> *roles, QStringList *log, QString *error);

class RoleLoaders
{
public:
    // One loader per training role (the validation role is not loaded), seeded per role.
    RoleLoaders(const QVector<ResolvedRole> &roles, const LoaderOptions &options);
    ~RoleLoaders();

    QString error() const; // "" when every loader can run

    // The next batch of every role. Files skipped while assembling it are appended to *problems.
    // Returns false and sets *error when a role cannot deliver a batch.
    bool next(models::TrainingBatch *batch, QStringList *problems, QString *error);
    qint64 position() const; // index of the next batch (equal for all roles)
    void seek(qint64 batchIndex);
    qint64 stepsPerEpoch() const; // batches per epoch of the first training role

    struct RoleLoader; // one role's loader, whatever its kind (role_data.cpp)

private:
    std::vector<std::unique_ptr<RoleLoader>> m_loaders;
    QString m_error;
};

} // namespace pluvia::core
