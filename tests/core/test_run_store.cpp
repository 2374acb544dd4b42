// SPDX-License-Identifier: GPL-3.0-or-later
// The experiment store: runs, metric series, artifacts and events; the migration from a
// version-1 store; readers following a writer; and the batched store writer.
#include "core/store/run_store.h"
#include "core/store/store_writer_p.h"
#include "core/workspace/workspace.h"

#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest/QtTest>

#include <cmath>
#include <thread>

using namespace pluvia::core;

namespace {

RunRecord sampleRun(const QString &method = QStringLiteral("supervised"))
{
    RunRecord r;
    r.experiment = QStringLiteral("baselines");
    r.method = method;
    r.preset = QStringLiteral("quick");
    r.params
        = { { QStringLiteral("batch_size"), 4 }, { QStringLiteral("loss"), QStringLiteral("l1") } };
    r.roles = { { QStringLiteral("synthetic_paired"), QStringLiteral("/data/syn"),
        QStringLiteral("paired"), QStringLiteral("rainy+clean"), 36, QStringLiteral("ab12"), {} } };
    r.options = { { QStringLiteral("checkpoint_every"), 5 } };
    r.seed = 18446744073709551557ULL; // above 2^63: stored as a signed 64-bit pattern
    r.device = QStringLiteral("cpu");
    r.threads = 2;
    r.status = RunStatus::Running;
    r.totalSteps = 100;
    r.pluviaVersion = QStringLiteral("0.1.0");
    r.libtorch = QStringLiteral("LibTorch 1.13.1 (CPU)");
    return r;
}

} // namespace

class TestRunStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void runRoundTrip()
    {
        QTemporaryDir dir;
        QString error;
        auto store = RunStore::open(dir.path(), &error);
        QVERIFY2(store, qPrintable(error));
        RunRecord record = sampleRun();
        QCOMPARE(store->createRun(&record), QString());
        QVERIFY(record.id.endsWith(QLatin1String("-supervised")));
        RunRecord second = sampleRun();
        QCOMPARE(store->createRun(&second), QString());
        QVERIFY2(second.id != record.id, qPrintable(second.id)); // same second, distinct ids

        const auto loaded = store->run(record.id);
        QVERIFY(loaded);
        QCOMPARE(loaded->experiment, QStringLiteral("baselines"));
        QCOMPARE(loaded->params, record.params);
        QCOMPARE(loaded->roles.size(), 1);
        QCOMPARE(loaded->roles[0].contentHash, QStringLiteral("ab12"));
        QCOMPARE(loaded->roles[0].items, 36);
        QCOMPARE(loaded->options, record.options);
        QCOMPARE(loaded->seed, record.seed);
        QCOMPARE(loaded->status, RunStatus::Running); // this process is alive
        QCOMPARE(loaded->pid, qint64(QCoreApplication::applicationPid()));

        QCOMPARE(store->updateRun(record.id, RunStatus::Finished, 100, 100, {}), QString());
        const auto finished = store->run(record.id);
        QCOMPARE(finished->status, RunStatus::Finished);
        QCOMPARE(finished->step, qint64(100));
        QVERIFY(finished->ended.isValid());
        QCOMPARE(store->runs().size(), 2);
    }

    void prefixLookup()
    {
        QTemporaryDir dir;
        QString error;
        auto store = RunStore::open(dir.path(), &error);
        RunRecord a = sampleRun(), b = sampleRun();
        a.id = QStringLiteral("20260101-000000-supervised");
        b.id = QStringLiteral("20260101-000001-supervised");
        QCOMPARE(store->createRun(&a), QString());
        QCOMPARE(store->createRun(&b), QString());
        QCOMPARE(store->run(QStringLiteral("20260101-000001"))->id, b.id);
        QVERIFY(!store->run(QStringLiteral("20260101-00000"), &error));
        QVERIFY2(error.contains(QStringLiteral("matches 2 runs")), qPrintable(error));
        QVERIFY(!store->run(QStringLiteral("nope"), &error));
        QVERIFY2(error.contains(QStringLiteral("no run 'nope'")), qPrintable(error));
    }

    // NaN (a diverged loss) is kept as NULL and read back as NaN; a point stored again for the
    // same step replaces the old one (a resumed run redoing lost steps).
    void metricSeries()
    {
        QTemporaryDir dir;
        QString error;
        auto store = RunStore::open(dir.path(), &error);
        RunRecord run = sampleRun();
        QCOMPARE(store->createRun(&run), QString());
        const QVector<MetricPoint> points = {
            { QStringLiteral("loss/l1"), 1, 10.0, 0.5 },
            { QStringLiteral("loss/l1"), 2, 11.0, std::nan("") },
            { QStringLiteral("loss/l1"), 3, 12.0, 0.25 },
            { QStringLiteral("val/psnr_y"), 3, 12.5, 21.0 },
        };
        QCOMPARE(store->appendMetrics(run.id, points), QString());
        QCOMPARE(store->appendMetrics(run.id, { { QStringLiteral("loss/l1"), 3, 13.0, 0.125 } }),
            QString());
        QCOMPARE(store->metricKeys(run.id),
            QStringList({ QStringLiteral("loss/l1"), QStringLiteral("val/psnr_y") }));
        const MetricSeries series = store->series(run.id, QStringLiteral("loss/l1"));
        QCOMPARE(series.steps, QVector<qint64>({ 1, 2, 3 }));
        QCOMPARE(series.values[0], 0.5);
        QVERIFY(std::isnan(series.values[1]));
        QCOMPARE(series.values[2], 0.125);
        QCOMPARE(series.wallTimes[2], 13.0);

        QCOMPARE(store->deleteMetricsAfter(run.id, 1), QString());
        QCOMPARE(store->series(run.id, QStringLiteral("loss/l1")).steps, QVector<qint64>({ 1 }));
        QVERIFY(store->series(run.id, QStringLiteral("val/psnr_y")).steps.isEmpty());
    }

    void artifactsAndEvents()
    {
        QTemporaryDir dir;
        QString error;
        auto store = RunStore::open(dir.path(), &error);
        RunRecord run = sampleRun();
        QCOMPARE(store->createRun(&run), QString());
        const QString inside
            = store->runFolder(run.id) + QStringLiteral("/checkpoints/step-00000005.pt");
        ArtifactRecord artifact { 0, run.id, QStringLiteral("checkpoint"), inside, 5, {},
            std::nan(""), QStringLiteral("scheduled") };
        QCOMPARE(store->addArtifact(&artifact), QString());
        ArtifactRecord best { 0, run.id, QStringLiteral("best"),
            store->runFolder(run.id) + QStringLiteral("/best.pt"), 5, {}, 23.5, {} };
        QCOMPARE(store->addArtifact(&best), QString());
        QCOMPARE(store->artifacts(run.id).size(), 2);
        const auto checkpoints = store->artifacts(run.id, QStringLiteral("checkpoint"));
        QCOMPARE(checkpoints.size(), 1);
        QCOMPARE(checkpoints[0].path, inside); // stored relative, returned absolute
        QVERIFY(std::isnan(checkpoints[0].value));
        QCOMPARE(store->artifacts(run.id, QStringLiteral("best"))[0].value, 23.5);
        QCOMPARE(store->removeArtifact(run.id, inside), QString());
        QCOMPARE(store->artifacts(run.id).size(), 1);

        QCOMPARE(store->addEvent(run.id, { 0, 1.0, QStringLiteral("start"), QStringLiteral("go") }),
            QString());
        QCOMPARE(store->addEvent(
                     run.id, { 40, 2.0, QStringLiteral("resume"), QStringLiteral("from 40") }),
            QString());
        const auto events = store->events(run.id);
        QCOMPARE(events.size(), 2);
        QCOMPARE(events[1].kind, QStringLiteral("resume"));
        QCOMPARE(events[1].step, qint64(40));

        // The raw table holds the relative path: the workspace can be moved.
        {
            QSqlDatabase raw
                = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("raw"));
            raw.setDatabaseName(dir.filePath(QStringLiteral("pluvia.db")));
            QVERIFY(raw.open());
            QSqlQuery query(QStringLiteral("SELECT path FROM artifacts"), raw);
            QVERIFY(query.next());
            QCOMPARE(query.value(0).toString(), QStringLiteral("runs/%1/best.pt").arg(run.id));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("raw"));
    }

    // A run whose process is gone is reported as interrupted (kill -9, crash).
    void deadProcessMeansInterrupted()
    {
        QTemporaryDir dir;
        QString error;
        auto store = RunStore::open(dir.path(), &error);
        RunRecord run = sampleRun();
        QCOMPARE(store->createRun(&run), QString());
        // A real process that ran and is gone (reaped by QProcess).
        QProcess child;
        child.start(QStringLiteral("sleep"), { QStringLiteral("30") });
        QVERIFY(child.waitForStarted());
        const qint64 deadPid = child.processId();
        child.kill();
        QVERIFY(child.waitForFinished());
        // Set through a connection of the test's own, independent of the store's code.
        {
            QSqlDatabase raw
                = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("raw2"));
            raw.setDatabaseName(dir.filePath(QStringLiteral("pluvia.db")));
            QVERIFY(raw.open());
            QVERIFY(QSqlQuery(raw).exec(QStringLiteral("UPDATE runs SET pid = %1").arg(deadPid)));
            raw.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("raw2"));
        QCOMPARE(store->run(run.id)->status, RunStatus::Interrupted);
        const QJsonObject options { { QStringLiteral("steps"), 500 } };
        QCOMPARE(store->claimRun(run.id, options), QString());
        QCOMPARE(store->run(run.id)->status, RunStatus::Running);
        QCOMPARE(store->run(run.id)->options, options);
    }

    // A version-1 store (datasets only) is migrated in place; its datasets survive.
    void migratesVersionOneStore()
    {
        QTemporaryDir dir;
        {
            QSqlDatabase db
                = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("v1"));
            db.setDatabaseName(dir.filePath(QStringLiteral("pluvia.db")));
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral(
                "CREATE TABLE datasets (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL "
                "UNIQUE, kind TEXT NOT NULL, path TEXT NOT NULL, content TEXT NOT NULL DEFAULT '', "
                "note TEXT NOT NULL DEFAULT '', added TEXT NOT NULL)")));
            QVERIFY(q.exec(
                QStringLiteral("INSERT INTO datasets (name, kind, path, added) VALUES "
                               "('old', 'paired', 'datasets/old', '2026-01-01T00:00:00Z')")));
            QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = 1")));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("v1"));
        QString error;
        auto workspace = Workspace::open(dir.path(), &error);
        QVERIFY2(workspace, qPrintable(error));
        QCOMPARE(workspace->datasets().size(), 1);
        QCOMPARE(workspace->datasets()[0].name, QStringLiteral("old"));
        auto store = RunStore::open(dir.path(), &error);
        RunRecord run = sampleRun();
        QCOMPARE(store->createRun(&run), QString());
        QCOMPARE(store->runs().size(), 1);
    }

    // A reader on another connection follows a writer thread committing batches (WAL).
    void readerFollowsWriter()
    {
        QTemporaryDir dir;
        QString error;
        auto reader = RunStore::open(dir.path(), &error);
        RunRecord run = sampleRun();
        QCOMPARE(reader->createRun(&run), QString());
        QString writerError; // written by the writer thread, read after flush()
        {
            StoreWriter writer(
                dir.path(), run.id, [&](const QString &e) { writerError = e; }, 20);
            qint64 seen = 0;
            for (int step = 1; step <= 300; ++step) {
                writer.append({ { QStringLiteral("loss/total"), step, double(step), 1.0 / step } });
                if (step % 50 == 0) {
                    std::this_thread::sleep_for(std::chrono::milliseconds(60));
                    const qint64 now
                        = reader->series(run.id, QStringLiteral("loss/total")).steps.size();
                    QVERIFY(now >= seen);
                    seen = now;
                }
            }
            QVERIFY2(seen > 0, "the reader saw nothing while the writer ran");
            writer.flush();
            QCOMPARE(reader->series(run.id, QStringLiteral("loss/total")).steps.size(), 300);
            QCOMPARE(writer.pointsWritten(), qint64(300));
        }
        QCOMPARE(writerError, QString());
    }

    // An operation posted after points sees them, and flush() waits for both.
    void writerKeepsOrder()
    {
        QTemporaryDir dir;
        QString error;
        auto reader = RunStore::open(dir.path(), &error);
        RunRecord run = sampleRun();
        QCOMPARE(reader->createRun(&run), QString());
        StoreWriter writer(
            dir.path(), run.id, [](const QString &) {}, 10000, 1000000);
        for (int step = 1; step <= 10; ++step)
            writer.append({ { QStringLiteral("loss/total"), step, 0.0, double(step) } });
        int seenByOperation = -1;
        writer.post([&](RunStore &s) {
            seenByOperation = int(s.series(run.id, QStringLiteral("loss/total")).steps.size());
            return s.deleteMetricsAfter(run.id, 4);
        });
        writer.append({ { QStringLiteral("loss/total"), 5, 0.0, 50.0 } });
        writer.flush();
        QCOMPARE(seenByOperation, 10);
        const MetricSeries series = reader->series(run.id, QStringLiteral("loss/total"));
        QCOMPARE(series.steps, QVector<qint64>({ 1, 2, 3, 4, 5 }));
        QCOMPARE(series.values.back(), 50.0);
    }
};

QTEST_GUILESS_MAIN(TestRunStore)
#include "test_run_store.moc"
