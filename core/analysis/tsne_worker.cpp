// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/analysis/tsne_worker.h"

#include <QElapsedTimer>

namespace pluvia::core {

void TsneWorker::start(
    quint64 request, const FeatureTable &table, const TsneOptions &options, bool pca)
{
    m_cancel = false;
    QMetaObject::invokeMethod(
        this, [this, request, table, options, pca] { run(request, table, options, pca); },
        Qt::QueuedConnection);
}

void TsneWorker::run(
    quint64 request, const FeatureTable &table, const TsneOptions &options, bool pca)
{
    if (pca) {
        QElapsedTimer clock;
        clock.start();
        TsneResult result;
        result.embedding = pcaProjection(table.values, table.rows, table.columns, 2);
        result.seconds = clock.nsecsElapsed() * 1e-9;
        Q_EMIT finished(request, result);
        return;
    }
    const TsneResult result = runTsne(table.values, table.rows, table.columns, options,
        [&](int iteration, double kl, const std::vector<float> &embedding) {
            Q_EMIT progress(request, iteration, kl, embedding);
            return !m_cancel.load();
        });
    Q_EMIT finished(request, result);
}

} // namespace pluvia::core
