// SPDX-License-Identifier: GPL-3.0-or-later
// Core's registry of active runs (core/training/training_runs.h), driven as the GUI drives it but
// without one: several runs at once, each event passed on once with its run, controls by
// handle, a stored run resumed once (not twice), the end of each run told once with its status,
// and the registry's destructor stopping what still trains (checkpoints written).
#include "core/store/run_store.h"
#include "core/training/training_runs.h"

#include "support/engine_fixtures.h"

#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest/QtTest>

using namespace pluvia;
using namespace pluvia::core;

class TestTrainingRuns : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_dataset;

private Q_SLOTS:
    void initTestCase()
    {
        m_dataset = test::makePairedDataset(m_dir.filePath(QStringLiteral("data")), 4, 96, 72, 3);
    }

    void twoRunsAreTaggedControlledAndEndOnce()
    {
        // The workspace exists before its runs start, as in the GUI (two runs creating one new
        // store at the same moment is issue 18's concurrent use).
        const QString workspace = m_dir.filePath(QStringLiteral("two"));
        QVERIFY(test::workspaceWithPairs(workspace, m_dataset));
        TrainingRuns runs;
        QSignalSpy errors(&runs, &TrainingRuns::errorOccurred);
        QSignalSpy added(&runs, &TrainingRuns::runAdded);
        QSignalSpy created(&runs, &TrainingRuns::runCreated);
        QSignalSpy steps(&runs, &TrainingRuns::stepCompleted);
        QSignalSpy metrics(&runs, &TrainingRuns::metricsLogged);
        QSignalSpy finished(&runs, &TrainingRuns::runFinished);
        const quint64 first = runs.start(test::tinySupervisedRun(workspace, m_dataset, 100000));
        const quint64 second = runs.start(test::tinySupervisedRun(workspace, m_dataset, 100000));
        QVERIFY(first != 0 && second != 0 && first != second);
        QCOMPARE(added.count(), 2);
        QCOMPARE(runs.count(), 2);
        QCOMPARE(runs.active().at(0).handle, first); // in the order they were started
        QCOMPARE(runs.active().at(1).handle, second);
        QTRY_VERIFY2_WITH_TIMEOUT(created.count() == 2,
            qPrintable(errors.isEmpty() ? QStringLiteral("no error")
                                        : errors.first().at(1).value<RunError>().message),
            30000);

        // Each step event names the run whose handle it carries.
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                QSet<quint64> seen;
                for (const QList<QVariant> &s : std::as_const(steps))
                    seen.insert(s.at(0).value<quint64>());
                return seen.size() == 2;
            }(),
            30000);
        for (const QList<QVariant> &s : std::as_const(steps)) {
            const ActiveRun *run = runs.find(s.at(0).value<quint64>());
            QVERIFY(run);
            QCOMPARE(s.at(1).value<StepEvent>().runId, run->runId);
        }
        QSet<QString> metricIds;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                for (const QList<QVariant> &m : std::as_const(metrics))
                    metricIds.insert(m.at(0).toString());
                return metricIds.size() == 2;
            }(),
            30000);
        QVERIFY(metricIds.contains(runs.find(first)->runId));
        QVERIFY(metricIds.contains(runs.find(second)->runId));

        // Pause acts on one run only.
        QSignalSpy status(&runs, &TrainingRuns::statusChanged);
        runs.pause(first);
        QTRY_VERIFY_WITH_TIMEOUT(runs.find(first)->status == RunStatus::Paused, 30000);
        QCOMPARE(runs.find(second)->status, RunStatus::Running);
        for (const QList<QVariant> &s : std::as_const(status))
            QCOMPARE(s.at(0).value<quint64>(), first);

        const QString firstId = runs.find(first)->runId;
        runs.stop(first);
        QVERIFY(finished.wait(30000));
        QCOMPARE(finished.count(), 1);
        QCOMPARE(finished.first().at(0).value<RunStatus>(), RunStatus::Stopped);
        QCOMPARE(finished.first().at(1).value<quint64>(), first);
        QCOMPARE(finished.first().at(2).toString(), firstId);
        QCOMPARE(runs.count(), 1);
        QVERIFY(!runs.find(first));
        runs.stop(first); // an ended handle is ignored
        runs.stopAll();
        QVERIFY(finished.wait(30000));
        QCOMPARE(finished.count(), 2);
        QVERIFY(runs.isEmpty());
        QTest::qWait(100);
        QCOMPARE(finished.count(), 2); // once per run
        QVERIFY(errors.isEmpty());
    }

    // A stored run resumes through the registry, once at a time, to its planned total.
    void aStoredRunResumesOnce()
    {
        const QString workspace = m_dir.filePath(QStringLiteral("resume"));
        TrainingRuns runs;
        QSignalSpy metrics(&runs, &TrainingRuns::metricsLogged);
        QSignalSpy finished(&runs, &TrainingRuns::runFinished);
        constexpr int kSteps = 300;
        const quint64 handle = runs.start(test::tinySupervisedRun(workspace, m_dataset, kSteps));
        QTRY_VERIFY_WITH_TIMEOUT(metrics.count() > 0, 30000);
        const QString runId = runs.find(handle)->runId;
        runs.stop(handle);
        QVERIFY(finished.wait(30000));

        ResumeRequest request;
        request.workspace = workspace;
        request.runId = runId;
        const quint64 resumed = runs.resumeStored(request);
        QVERIFY(resumed != 0);
        QCOMPARE(runs.find(resumed)->resumed, runId);
        QCOMPARE(runs.resumeStored(request), quint64(0)); // not the same run twice
        QCOMPARE(runs.count(), 1);
        QVERIFY(finished.wait(60000));
        QCOMPARE(finished.last().at(0).value<RunStatus>(), RunStatus::Finished);
        QString error;
        const auto store = RunStore::open(workspace, &error);
        QVERIFY2(store, qPrintable(error));
        QCOMPARE(store->run(runId)->step, qint64(kSteps));
    }

    // Destroying the registry stops its runs after their step: the store says stopped.
    void destroyingTheRegistryStopsItsRuns()
    {
        const QString workspace = m_dir.filePath(QStringLiteral("destroyed"));
        QString runId;
        {
            TrainingRuns runs;
            QSignalSpy metrics(&runs, &TrainingRuns::metricsLogged);
            QSignalSpy finished(&runs, &TrainingRuns::runFinished);
            const quint64 handle
                = runs.start(test::tinySupervisedRun(workspace, m_dataset, 100000));
            QTRY_VERIFY_WITH_TIMEOUT(metrics.count() > 0, 30000);
            runId = runs.find(handle)->runId;
        }
        QString error;
        const auto store = RunStore::open(workspace, &error);
        QVERIFY2(store, qPrintable(error));
        QCOMPARE(store->run(runId)->status, RunStatus::Stopped);
        QVERIFY(!store->artifacts(runId, QStringLiteral("checkpoint")).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestTrainingRuns)
#include "test_training_runs.moc"
