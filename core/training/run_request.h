// SPDX-License-Identifier: GPL-3.0-or-later
// What a user asks of a training run: method, parameters, data, device and the engine's
// schedules (DESIGN.md §7 `pluvia-cli train`). Value types.
#pragma once

#include <QJsonObject>
#include <QMap>
#include <QString>
#include <QStringList>

namespace pluvia::core {

struct EngineOptions {
    qint64 steps = 0; // total steps; 0: the method's epochs × steps per epoch
    int checkpointEvery = 500; // steps between scheduled checkpoints (also on pause and stop)
    int keepLast = 3; // scheduled checkpoints kept (the best one is kept apart)
    int validateEvery = 0; // steps between validations; 0: at every checkpoint
    int validationImages = 16; // images of the validation role used, at most
    int previewEvery = 100; // steps between preview visuals; 0: only on request
    int logEvery = 1; // steps between logged loss values (reading them syncs a GPU)
    int loaderThreads = 2; // decoding threads per data role
    int tileSize = 512; // validation and preview inference tiles
    double timeLimitSeconds = 0.0; // stop (resumably) after this much training time; 0: none
    // A checkpoint or model of the same method whose networks a new run starts from (fine-tuning
    // imported or earlier weights); "": the method's own initialisation.
    QString initWeights;
};

// As stored with a run (runs.options) and read back on resume; missing keys keep the defaults.
QJsonObject engineOptionsToJson(const EngineOptions &options);
EngineOptions engineOptionsFromJson(const QJsonObject &json);
// "" when the options are usable, else what is wrong and what is allowed.
QString checkEngineOptions(const EngineOptions &options);

struct RunRequest {
    QString workspace; // folder of the workspace the run belongs to
    QString method; // "supervised", "jrgr", ...
    QString preset; // "" = paper
    QStringList overrides; // "key=value"
    QMap<QString, QString> data; // role → dataset folder, manifest, or registered name
    QString device = QStringLiteral("cpu");
    quint64 seed = 0;
    EngineOptions engine;
    QString experiment; // "" for none
    QString note;
};

struct ResumeRequest {
    QString workspace;
    QString runId; // or a unique prefix
    qint64 steps = 0; // new total steps; 0: keep the run's
    QString device; // "" keeps the run's device
};

} // namespace pluvia::core
