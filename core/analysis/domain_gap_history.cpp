// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/analysis/domain_gap_history.h"

#include "core/analysis/rain_features.h"
#include "core/store/run_store.h"

#include <QDateTime>
#include <QDir>

namespace pluvia::core {

namespace {

const QString kAccuracyKey = QStringLiteral("domain_gap/knn_accuracy");

} // namespace

DomainGapHistory measureDomainGapHistory(const DomainGapHistoryRequest &request)
{
    DomainGapHistory history;
    std::unique_ptr<RunStore> store = RunStore::open(request.workspace, &history.error);
    if (!store)
        return history;
    const std::optional<RunRecord> run = store->run(request.run, &history.error);
    if (!run)
        return history;
    history.runId = run->id;
    const QDir folder(QDir(store->runFolder(run->id)).filePath(QStringLiteral("checkpoints")));
    const QStringList files
        = folder.entryList({ QStringLiteral("step-*.pt") }, QDir::Files, QDir::Name);
    if (files.isEmpty()) {
        history.error = QStringLiteral("run %1 has no checkpoints in %2")
                            .arg(run->id, QDir::toNativeSeparators(folder.path()));
        return history;
    }
    if (!request.mapsFolder.isEmpty() && !QDir().mkpath(request.mapsFolder)) {
        history.error = QStringLiteral("%1: cannot create the folder")
                            .arg(QDir::toNativeSeparators(request.mapsFolder));
        return history;
    }
    for (int i = 0; i < files.size(); ++i) {
        if (request.progress && !request.progress(i, files.size())) {
            history.error = QStringLiteral("cancelled");
            return history;
        }
        RainFeatureRequest features;
        features.checkpoint = folder.filePath(files[i]);
        features.data = request.data; // empty: the run's own training datasets
        features.workspace = request.workspace;
        features.device = request.device;
        features.extractor = request.extractor;
        features.samples = request.samples;
        features.seed = request.seed; // the same crops at every checkpoint
        const RainFeatureReport report = extractRainFeatures(features);
        if (!report.ok()) {
            history.error = report.error;
            return history;
        }
        DomainGapAtCheckpoint point;
        point.step = report.checkpointStep;
        point.checkpoint = features.checkpoint;
        point.points = report.table.rows;
        point.gap = domainGapOfTable(report.table);
        if (!point.gap.valid) {
            history.error = QStringLiteral("%1: the features of %2 hold fewer than two domains")
                                .arg(QDir::toNativeSeparators(features.checkpoint), report.method);
            return history;
        }
        if (!request.mapsFolder.isEmpty()) {
            const TsneResult map = runTsne(
                report.table.values, report.table.rows, report.table.columns, request.tsne);
            if (!map.ok()) {
                history.error = QStringLiteral("%1: %2").arg(
                    features.checkpoint, map.cancelled ? QStringLiteral("cancelled") : map.error);
                return history;
            }
            point.map
                = QDir(request.mapsFolder)
                      .filePath(
                          QStringLiteral("step-%1.csv").arg(point.step, 8, 10, QLatin1Char('0')));
            if (const QString e = writeMap(point.map, report.table, map.embedding); !e.isEmpty()) {
                history.error = e;
                return history;
            }
        }
        const double now = double(QDateTime::currentMSecsSinceEpoch()) / 1000.0;
        const QString e = store->appendMetrics(run->id,
            { { kAccuracyKey, point.step, now, point.gap.gap.knnAccuracy },
                { QStringLiteral("domain_gap/mmd2"), point.step, now, point.gap.gap.mmd2 } });
        if (!e.isEmpty()) {
            history.error = e;
            return history;
        }
        history.checkpoints.push_back(point);
    }
    if (request.progress)
        request.progress(files.size(), files.size());
    return history;
}

RecordedDomainGap recordedDomainGap(const QString &workspace, const QString &runId)
{
    RecordedDomainGap recorded;
    QString error;
    if (workspace.isEmpty() || runId.isEmpty())
        return recorded;
    const std::unique_ptr<RunStore> store = RunStore::open(workspace, &error);
    if (!store)
        return recorded;
    const MetricSeries series = store->series(runId, kAccuracyKey);
    for (int i = 0; i < series.steps.size(); ++i) {
        recorded.steps << double(series.steps[i]);
        recorded.knnAccuracy << series.values[i];
    }
    return recorded;
}

} // namespace pluvia::core
