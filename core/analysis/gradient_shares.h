// SPDX-License-Identifier: GPL-3.0-or-later
// Which loss term drives which network: for a checkpoint, the gradient each weighted term of the
// method's training objective (models::Method::objective) sends into each network it updates,
// as the L2 norm over that network's parameters, averaged over batches of its training data
// (`pluvia-cli gradients`). Where one term's share dwarfs the others, that term decides what the
// network learns: e.g. adversarial terms moving colour statistics instead of rain.
//
// share(term, network) = norm(term, network) / Σ_terms norm(·, network). Norms do not add (terms
// can cancel), so `total` — the norm of the summed objective's gradient — is given beside them.
#pragma once

#include "core/jobs/progress.h"

#include <QMap>
#include <QString>
#include <QStringList>
#include <QVector>

namespace pluvia::core {

struct GradientSharesRequest {
    QString checkpoint;
    QMap<QString, QString> data; // as RainFeatureRequest::data (empty: the run's own datasets)
    QString workspace;
    QString device = QStringLiteral("cpu");
    int batches = 4; // batches averaged (each counts every phase of the method's step cycle)
    int batchSize = 0; // 0: the checkpoint's batch_size
    quint64 seed = 0;
    ProgressCallback progress; // (batches done, total); false cancels
};

struct GradientSharesReport {
    QString method;
    qint64 checkpointStep = 0;
    QString stage; // the stage the checkpoint's step belongs to
    QStringList networks; // the networks the objective updates
    QStringList terms; // every term met (in the order met), then "total"
    QVector<QVector<double>> norms; // [term][network], mean over the batches that had the term
    QVector<QVector<double>> shares; // [term][network], "total" excluded; NaN where no gradient
    QString error;
    bool ok() const { return error.isEmpty(); }
};

// Blocking; call it off the GUI thread.
GradientSharesReport measureGradientShares(const GradientSharesRequest &request);

} // namespace pluvia::core
