// SPDX-License-Identifier: GPL-3.0-or-later
#include "support/engine_fixtures.h"

#include "support/test_support.h"

#include "core/image/image_io_p.h"
#include "core/store/run_store.h"
#include "core/synth/rain_params.h"
#include "core/synth/synth_dataset.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QSignalSpy>
#include <QtTest/QTest>

namespace pluvia::test {

QString makePairedDataset(
    const QString &folder, int count, int width, int height, std::uint64_t seed)
{
    const QString clean = QDir(folder).filePath(QStringLiteral("clean"));
    QDir().mkpath(clean);
    for (int i = 0; i < count; ++i) {
        const QString path = QDir(clean).filePath(QStringLiteral("img%1.png").arg(i));
        const QString error
            = core::writeImage(path, texturedImage(width, height, seed + std::uint64_t(i)));
        if (!error.isEmpty())
            QTest::qFail(qPrintable(error), __FILE__, __LINE__);
    }
    core::SynthRequest request;
    request.cleanInputs = { clean };
    request.outFolder = QDir(folder).filePath(QStringLiteral("paired"));
    request.styles = { { QStringLiteral("light"), *core::rainPreset(QStringLiteral("light")) } };
    request.seed = seed;
    const core::SynthReport report = core::synthesizeDataset(request);
    if (!report.ok())
        QTest::qFail(qPrintable(report.error), __FILE__, __LINE__);
    return request.outFolder;
}

core::RunRequest tinySupervisedRun(const QString &workspace, const QString &dataset, qint64 steps)
{
    core::RunRequest request;
    request.workspace = workspace;
    request.method = QStringLiteral("supervised");
    request.preset = QStringLiteral("quick");
    request.overrides = tinySupervisedOverrides();
    request.data.insert(QStringLiteral("synthetic_paired"), dataset);
    request.seed = 7;
    request.engine.steps = steps;
    request.engine.previewEvery = 0;
    request.engine.loaderThreads = 1;
    request.engine.checkpointEvery = 5;
    return request;
}

QStringList tinySupervisedOverrides()
{
    return { QStringLiteral("batch_size=2"), QStringLiteral("crop_size=48"),
        QStringLiteral("width_multiplier=0.125"), QStringLiteral("unet_levels=3") };
}

std::unique_ptr<core::Workspace> workspaceWithPairs(const QString &folder, const QString &dataset)
{
    QString error;
    std::unique_ptr<core::Workspace> workspace = core::Workspace::open(folder, &error);
    if (workspace
        && !workspace->addDataset({ 0, QStringLiteral("pairs"), core::DatasetKind::Paired, dataset,
                                      core::ImageContent::RainyAndClean, {}, {} },
            &error))
        workspace.reset();
    if (!workspace)
        qWarning("%s", qPrintable(error));
    return workspace;
}

TinyModel tinyTrainedModel(const QString &folder, int count, std::uint64_t seed, qint64 steps)
{
    const QString dataset
        = makePairedDataset(QDir(folder).filePath(QStringLiteral("data")), count, 160, 120, seed);
    return { dataset, dataset + QStringLiteral("/rain"),
        trainedCheckpoint(
            tinySupervisedRun(QDir(folder).filePath(QStringLiteral("ws")), dataset, steps)) };
}

QString trainedCheckpoint(const core::RunRequest &request)
{
    core::TrainingRun run(request);
    run.start();
    if (!waitForFinish(run) || run.status() != core::RunStatus::Finished)
        return {};
    QString error;
    const auto store = core::RunStore::open(request.workspace, &error);
    if (!store)
        return {};
    const auto checkpoints = store->artifacts(run.runId(), QStringLiteral("checkpoint"));
    return checkpoints.isEmpty() ? QString() : checkpoints.back().path;
}

bool waitForFinish(core::TrainingRun &run, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!run.isFinished() && !deadline.hasExpired())
        QTest::qWait(10);
    return run.isFinished();
}

bool waitForStatus(core::TrainingRun &run, core::RunStatus status, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (run.status() != status && !run.isFinished() && !deadline.hasExpired())
        QTest::qWait(5);
    return run.status() == status;
}

} // namespace pluvia::test
