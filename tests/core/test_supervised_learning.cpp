// SPDX-License-Identifier: GPL-3.0-or-later
// The supervised baseline visibly learns on the demo's synthetic pairs: on a tiny fixed set,
// PSNR-Y of its output rises by at least 3 dB within a bounded number of CPU steps, and ends
// at least 3 dB above the rainy input itself (a network that learned nothing but the identity
// would not). PSNR is measured by the folder evaluation on the derained files, independently of
// the engine's own validation.
#include "core/inference/derain_request.h"
#include "core/metrics/evaluation.h"
#include "core/store/run_store.h"
#include "core/training/training_run.h"
#include "core/workspace/demo_workspace.h"

#include "support/engine_fixtures.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest/QtTest>

using namespace pluvia::core;

namespace {

// Steps allowed: with the quick preset at 64-pixel crops this takes about 15 s on two cores.
constexpr qint64 kSteps = 200;

double meanPsnr(const QString &predictions, const QString &groundTruth)
{
    const EvalReport report = evaluateFolders(predictions, groundTruth, {});
    return report.measured > 0 ? report.meanPsnr : std::nan("");
}

double psnrOfCheckpoint(const QString &checkpoint, const QString &set, const QString &out)
{
    DerainRequest request;
    request.checkpoint = checkpoint;
    request.inputs = { set + QStringLiteral("/rain") };
    request.outFolder = out;
    const DerainReport report = derainImages(request);
    if (!report.ok())
        qWarning("%s", qPrintable(report.error));
    return meanPsnr(out, set + QStringLiteral("/norain"));
}

} // namespace

class TestSupervisedLearning : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void learnsOnTheDemoPairs()
    {
        QTemporaryDir dir;
        const DemoReport demo
            = buildDemoWorkspace(dir.filePath(QStringLiteral("demo")), DemoOptions {}, {});
        QVERIFY2(demo.ok(), qPrintable(demo.error));
        // The tiny fixed set: the demo's first four synthetic pairs.
        const QString synthetic = dir.filePath(QStringLiteral("demo/datasets/synthetic"));
        const QString set = dir.filePath(QStringLiteral("tiny"));
        QDir().mkpath(set + QStringLiteral("/rain"));
        QDir().mkpath(set + QStringLiteral("/norain"));
        const QStringList names = QDir(synthetic + QStringLiteral("/rain"))
                                      .entryList(QDir::Files, QDir::Name)
                                      .mid(0, 4);
        QCOMPARE(names.size(), 4);
        for (const QString &name : names) {
            QVERIFY(QFile::copy(synthetic + QStringLiteral("/rain/") + name,
                set + QStringLiteral("/rain/") + name));
            QVERIFY(QFile::copy(synthetic + QStringLiteral("/norain/") + name,
                set + QStringLiteral("/norain/") + name));
        }

        RunRequest request;
        request.workspace = dir.filePath(QStringLiteral("ws"));
        request.method = QStringLiteral("supervised");
        request.preset = QStringLiteral("quick");
        request.overrides = { QStringLiteral("crop_size=64") };
        request.data.insert(QStringLiteral("synthetic_paired"), set);
        request.engine.steps = kSteps;
        request.engine.previewEvery = 0;
        request.engine.checkpointEvery = int(kSteps);
        request.engine.keepLast = 2; // the step-0 and the final checkpoint
        TrainingRun run(request);
        run.start();
        QVERIFY(pluvia::test::waitForFinish(run));
        QCOMPARE(run.status(), RunStatus::Finished);

        QString error;
        auto store = RunStore::open(request.workspace, &error);
        const auto checkpoints = store->artifacts(run.runId(), QStringLiteral("checkpoint"));
        QCOMPARE(checkpoints.size(), 2);
        QCOMPARE(checkpoints.front().step, qint64(0));
        QCOMPARE(checkpoints.back().step, kSteps);

        const double rainy
            = meanPsnr(set + QStringLiteral("/rain"), set + QStringLiteral("/norain"));
        const double before = psnrOfCheckpoint(
            checkpoints.front().path, set, dir.filePath(QStringLiteral("before")));
        const double after
            = psnrOfCheckpoint(checkpoints.back().path, set, dir.filePath(QStringLiteral("after")));
        qInfo("PSNR-Y on the 4 pairs: rainy input %.2f dB, untrained %.2f dB, after %lld steps "
              "%.2f dB",
            rainy, before, qlonglong(kSteps), after);
        QVERIFY2(
            after >= before + 3.0, qPrintable(QStringLiteral("%1 -> %2").arg(before).arg(after)));
        QVERIFY2(after >= rainy + 3.0,
            qPrintable(QStringLiteral("rainy %1, derained %2").arg(rainy).arg(after)));
    }
};

QTEST_GUILESS_MAIN(TestSupervisedLearning)
#include "test_supervised_learning.moc"
