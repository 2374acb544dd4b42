// SPDX-License-Identifier: GPL-3.0-or-later
// The one job shape (core/jobs/job.h): results, errors and cancellation each end a job exactly
// once, progress carries an ETA from the rate so far, warnings and published partial results
// arrive in order before the end, and a job destroyed while it runs is cancelled without a
// signal afterwards.
#include "core/jobs/job.h"

#include <QSignalSpy>
#include <QThread>
#include <QtTest/QtTest>

#include <atomic>
#include <stdexcept>

using namespace pluvia::core;

class TestJobs : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void resultArrivesOnceWithItsRequestId()
    {
        TaskJob<int> job(42, [](JobContext &) { return 6 * 7; });
        QSignalSpy finished(&job, &Job::finished);
        job.start();
        QVERIFY(job.isRunning());
        QVERIFY(finished.wait(10000));
        QTest::qWait(50); // nothing more arrives
        QCOMPARE(finished.count(), 1);
        QCOMPARE(finished.first().at(0).value<quint64>(), quint64(42));
        QCOMPARE(finished.first().at(1).value<JobOutcome>(), JobOutcome::Succeeded);
        QCOMPARE(job.result(), 42);
        QVERIFY(job.isFinished());
        QVERIFY(!job.isRunning());
    }

    void exceptionsAndResultErrorsFailTheJob()
    {
        TaskJob<int> throwing(
            1, [](JobContext &) -> int { throw std::runtime_error("disk on fire\nsecond line"); });
        QSignalSpy thrown(&throwing, &Job::finished);
        throwing.start();
        QVERIFY(thrown.wait(10000));
        QCOMPARE(throwing.outcome(), JobOutcome::Failed);
        QCOMPARE(throwing.errorText(), QStringLiteral("disk on fire")); // its first line

        struct Report {
            QString error;
        };
        TaskJob<Report> reporting(2, [](JobContext &) { return Report { QStringLiteral("bad") }; });
        QSignalSpy reported(&reporting, &Job::finished);
        reporting.start();
        QVERIFY(reported.wait(10000));
        QCOMPARE(reporting.outcome(), JobOutcome::Failed);
        QCOMPARE(reporting.errorText(), QStringLiteral("bad"));
    }

    // Progress: the ETA is the elapsed time scaled by the work left over the work done; the
    // last figures always arrive, and before the end.
    void progressWarningsAndPartialsComeBeforeTheEnd()
    {
        TaskJob<int> job(7, [](JobContext &context) {
            for (int i = 1; i <= 4; ++i) {
                QThread::msleep(20);
                context.setProgress(i, 4);
                context.publish(i * 10);
            }
            context.warn(QStringLiteral("one file skipped"));
            return 0;
        });
        QVector<QString> order;
        JobProgress last;
        QVector<int> partials;
        connect(&job, &Job::progressChanged, this, [&](const JobProgress &p) {
            order << QStringLiteral("progress");
            last = p;
        });
        connect(&job, &Job::resultPublished, this,
            [&](quint64, const QVariant &v) { partials << v.toInt(); });
        connect(&job, &Job::warningRaised, this,
            [&](quint64, const QString &) { order << QStringLiteral("warning"); });
        connect(&job, &Job::finished, this, [&] { order << QStringLiteral("finished"); });
        QSignalSpy finished(&job, &Job::finished);
        job.start();
        QVERIFY(finished.wait(10000));
        QCOMPARE(order.last(), QStringLiteral("finished"));
        QVERIFY(order.contains(QStringLiteral("warning")));
        QCOMPARE(last.requestId, quint64(7));
        QCOMPARE(last.done, qint64(4));
        QCOMPARE(last.total, qint64(4));
        QCOMPARE(last.etaSeconds, 0.0); // all done
        QVERIFY(last.elapsedSeconds >= 0.06);
        QCOMPARE(partials, QVector<int>({ 10, 20, 30, 40 })); // none lost, in order
        QCOMPARE(job.warnings(), QStringList({ QStringLiteral("one file skipped") }));
    }

    void etaIsTheRateSoFar()
    {
        std::atomic<bool> release { false };
        TaskJob<int> job(0, [&](JobContext &context) {
            QThread::msleep(200);
            context.setProgress(1, 5); // 1 of 5 in ~0.2 s: ~0.8 s left
            while (!release)
                QThread::msleep(5);
            return 0;
        });
        JobProgress seen;
        connect(&job, &Job::progressChanged, this, [&](const JobProgress &p) { seen = p; });
        QSignalSpy finished(&job, &Job::finished);
        job.start();
        QTRY_VERIFY_WITH_TIMEOUT(seen.done == 1, 10000);
        QVERIFY2(qAbs(seen.etaSeconds - 4.0 * seen.elapsedSeconds) < 1e-9,
            qPrintable(QStringLiteral("%1 %2").arg(seen.etaSeconds).arg(seen.elapsedSeconds)));
        release = true;
        QVERIFY(finished.wait(10000));
    }

    void cancelEndsTheJobCancelled()
    {
        TaskJob<int> job(3, [](JobContext &context) {
            int polls = 0;
            while (!context.isCancelled()) {
                QThread::msleep(2);
                ++polls;
            }
            // A core function's callback asks it to stop once cancelled.
            return context.progressCallback()(1, 2) ? -1 : polls;
        });
        QSignalSpy finished(&job, &Job::finished);
        job.start();
        QTest::qWait(30);
        job.cancel();
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.count(), 1);
        QCOMPARE(job.outcome(), JobOutcome::Cancelled);
        QVERIFY(job.result() >= 0);
    }

    // Destroying a running job cancels it; its work ends on its own, and nobody hears from it.
    void destroyingAJobCancelsItWithoutSignals()
    {
        auto ended = std::make_shared<std::atomic<bool>>(false);
        QObject owner;
        int signals = 0;
        auto *job = new TaskJob<int>(
            9,
            [ended](JobContext &context) {
                while (!context.isCancelled())
                    QThread::msleep(2);
                context.setProgress(1, 1);
                *ended = true;
                return 1;
            },
            &owner);
        connect(job, &Job::finished, &owner, [&] { ++signals; });
        connect(job, &Job::progressChanged, &owner, [&] { ++signals; });
        job->start();
        delete job;
        QTRY_VERIFY_WITH_TIMEOUT(ended->load(), 10000);
        QTest::qWait(50);
        QCOMPARE(signals, 0);
    }

    // What the GUI does before it exits: destroyed jobs are cancelled, and waitForJobs() returns
    // only once their work has (here 100 ms after it saw the cancellation).
    void waitForJobsReturnsAfterTheWork()
    {
        auto ended = std::make_shared<std::atomic<bool>>(false);
        auto *job = new TaskJob<int>(10, [ended](JobContext &context) {
            while (!context.isCancelled())
                QThread::msleep(2);
            QThread::msleep(100);
            *ended = true;
            return 1;
        });
        job->start();
        QThread::msleep(20);
        delete job;
        QVERIFY(!ended->load());
        waitForJobs();
        QVERIFY(ended->load());
    }

    void startTaskDeliversTheResultAndDeletesTheJob()
    {
        QObject owner;
        QString got;
        QPointer<Job> job = startTask(
            &owner, [](JobContext &) { return QStringLiteral("done"); },
            [&](const TaskJob<QString> &finished) { got = finished.result(); }, 5);
        QVERIFY(job);
        QCOMPARE(job->requestId(), quint64(5));
        QTRY_COMPARE_WITH_TIMEOUT(got, QStringLiteral("done"), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(job.isNull(), 10000);
    }
};

QTEST_GUILESS_MAIN(TestJobs)
#include "test_jobs.moc"
