// SPDX-License-Identifier: GPL-3.0-or-later
// How far apart synthetic and real rain are over a run's training: the domain-gap score of the
// rain-layer features at every checkpoint of the run still on disk, each on the same crops (the
// same seed), recorded in the run's metric series `domain_gap/knn_accuracy` and
// `domain_gap/mmd2` at the checkpoint's step so that plots show it beside the losses. Optionally
// one t-SNE map per checkpoint, all from the same seed, so that layouts can be compared.
// Blocking; call it off the GUI thread.
#pragma once

#include "core/analysis/feature_table.h"
#include "core/analysis/tsne.h"
#include "core/jobs/progress.h"

#include <QMap>
#include <QString>
#include <QVector>

namespace pluvia::core {

struct DomainGapHistoryRequest {
    QString workspace;
    QString run; // id or unique prefix
    QMap<QString, QString> data; // role → dataset; empty: the run's own training roles
    QString device = QStringLiteral("cpu");
    QString extractor = QStringLiteral("stats");
    int samples = 128;
    quint64 seed = 0;
    QString mapsFolder; // "" for none; else step-<N>.csv per checkpoint
    TsneOptions tsne;
    ProgressCallback progress; // (checkpoints done, checkpoints); false cancels
};

struct DomainGapAtCheckpoint {
    qint64 step = 0;
    QString checkpoint;
    TableDomainGap gap;
    int points = 0;
    QString map; // the map written, or ""
};

struct DomainGapHistory {
    QString runId;
    QVector<DomainGapAtCheckpoint> checkpoints; // by step
    QString error;
    bool ok() const { return error.isEmpty(); }
};

DomainGapHistory measureDomainGapHistory(const DomainGapHistoryRequest &request);

// The k-NN domain accuracy a run recorded at its checkpoints, by step (empty when the workspace
// or run has none).
struct RecordedDomainGap {
    QVector<double> steps;
    QVector<double> knnAccuracy;
};
RecordedDomainGap recordedDomainGap(const QString &workspace, const QString &runId);

} // namespace pluvia::core
