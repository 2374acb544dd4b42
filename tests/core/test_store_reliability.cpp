// SPDX-License-Identifier: GPL-3.0-or-later
// The store under concurrent first use and after damage (issue 18): several connections opening
// a new workspace at once all migrate and create runs without "database is locked" or a
// duplicate id; a store SQLite finds damaged, one missing a table, and an empty file beside run
// folders are refused with the file and the reason, never recreated or read as empty.
#include "core/store/run_store.h"

#include <QDir>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest/QtTest>

#include <atomic>
#include <thread>
#include <vector>

using namespace pluvia::core;

namespace {

RunRecord runAt(const QDateTime &created)
{
    RunRecord r;
    r.experiment = QStringLiteral("baselines");
    r.method = QStringLiteral("supervised");
    r.preset = QStringLiteral("quick");
    r.device = QStringLiteral("cpu");
    r.threads = 1;
    r.status = RunStatus::Stopped;
    r.totalSteps = 10;
    r.created = created;
    return r;
}

// A store with one run and enough metric points to span many pages, closed again (SQLite folds
// the WAL into pluvia.db when the last connection closes).
QString storeWithMetrics(const QString &folder)
{
    QString error;
    auto store = RunStore::open(folder, &error);
    if (!store)
        return error;
    RunRecord run = runAt(QDateTime::currentDateTimeUtc());
    if (const QString e = store->createRun(&run); !e.isEmpty())
        return e;
    QVector<MetricPoint> points;
    for (int step = 1; step <= 3000; ++step)
        points.push_back({ QStringLiteral("loss/total"), step, double(step), 1.0 / step });
    return store->appendMetrics(run.id, points);
}

// Executes one statement on the store directly (as a user with the sqlite3 tool would).
bool execOnStore(const QString &folder, const QString &statement)
{
    bool ok = false;
    {
        QSqlDatabase db
            = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("raw"));
        db.setDatabaseName(QDir(folder).filePath(QStringLiteral("pluvia.db")));
        ok = db.open() && QSqlQuery(db).exec(statement);
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("raw"));
    return ok;
}

} // namespace

class TestStoreReliability : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // The issue's failure: 3 trains started at once on a new folder failed with "migration 0 -> 1
    // failed: database is locked" or "UNIQUE constraint failed: runs.id". Here 6 connections
    // open a new workspace at the same moment and each creates a run stamped with the same
    // second (so their generated ids collide), 8 times.
    void concurrentFirstUse()
    {
        constexpr int kConnections = 6;
        const QDateTime created
            = QDateTime::fromString(QStringLiteral("2026-12-07T10:15:02Z"), Qt::ISODate);
        for (int trial = 0; trial < 8; ++trial) {
            QTemporaryDir dir;
            std::atomic<int> waiting { kConnections };
            std::vector<QString> errors(kConnections);
            std::vector<QString> ids(kConnections);
            std::vector<std::thread> threads;
            for (int i = 0; i < kConnections; ++i) {
                threads.emplace_back([&, i] {
                    --waiting;
                    while (waiting.load() > 0) // start together
                        std::this_thread::yield();
                    auto store = RunStore::open(dir.path(), &errors[i]);
                    if (!store)
                        return;
                    RunRecord run = runAt(created);
                    errors[i] = store->createRun(&run);
                    ids[i] = run.id;
                });
            }
            for (std::thread &thread : threads)
                thread.join();
            for (const QString &error : errors)
                QVERIFY2(error.isEmpty(), qPrintable(error));
            QString error;
            auto store = RunStore::open(dir.path(), &error);
            QVERIFY2(store, qPrintable(error));
            const QString base = created.toLocalTime().toString(QStringLiteral("yyyyMMdd-HHmmss"))
                + QStringLiteral("-supervised");
            QStringList expected { base };
            for (int n = 2; n <= kConnections; ++n)
                expected << base + QStringLiteral("-%1").arg(n);
            QStringList stored;
            for (const RunRecord &run : store->runs())
                stored << run.id;
            stored.sort();
            expected.sort();
            QCOMPARE(stored, expected);
            QStringList returned(ids.begin(), ids.end());
            returned.sort();
            QCOMPARE(returned, expected); // each caller was told the id it got
        }
    }

    // Garbage over the middle of pluvia.db: the issue saw `runs show` list no metrics and
    // `runs export --csv` write a header-only file, both exiting 0.
    void damagedStoreIsRefused()
    {
        QTemporaryDir dir;
        QCOMPARE(storeWithMetrics(dir.path()), QString());
        const QString db = QDir(dir.path()).filePath(QStringLiteral("pluvia.db"));
        QFile file(db);
        QVERIFY(file.open(QIODevice::ReadWrite));
        const qint64 size = file.size();
        QVERIFY2(size > 8 * 4096, qPrintable(QString::number(size)));
        QVERIFY(file.seek(size / 2 / 4096 * 4096)); // a whole page in the middle
        QVERIFY(file.write(QByteArray(4096, char(0xA5))) == 4096);
        file.close();
        const QByteArray damaged = [&] {
            QFile f(db);
            return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
        }();
        QString error;
        QVERIFY(!RunStore::open(dir.path(), &error));
        QVERIFY2(error.startsWith(
                     QDir::toNativeSeparators(db) + QStringLiteral(": the store is damaged (")),
            qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("pluvia-cli workspace repair")), qPrintable(error));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), damaged); // nothing was changed
    }

    // The "metrics table dropped": SQLite's checks pass, the table list does not.
    void missingTableIsRefused()
    {
        QTemporaryDir dir;
        QCOMPARE(storeWithMetrics(dir.path()), QString());
        QVERIFY(execOnStore(dir.path(), QStringLiteral("DROP TABLE metrics")));
        QString error;
        QVERIFY(!RunStore::open(dir.path(), &error));
        QVERIFY2(error.contains(QStringLiteral("the store is damaged (table metrics is missing)")),
            qPrintable(error));
    }

    // A 0-byte pluvia.db beside run folders was silently re-created empty by `runs list`; with no
    // run folder it is a new store and is created as before.
    void emptyStoreBesideRunFoldersIsRefused()
    {
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("runs/20261207-101502-jrgr/checkpoints")));
        QFile empty(QDir(dir.path()).filePath(QStringLiteral("pluvia.db")));
        QVERIFY(empty.open(QIODevice::WriteOnly));
        empty.close();
        QString error;
        QVERIFY(!RunStore::open(dir.path(), &error));
        QVERIFY2(error.contains(QStringLiteral("the store is empty (0 bytes) but the workspace "
                                               "holds 1 run folder(s)")),
            qPrintable(error));
        QCOMPARE(QFileInfo(empty.fileName()).size(), 0); // not recreated

        QTemporaryDir fresh;
        QFile newStore(QDir(fresh.path()).filePath(QStringLiteral("pluvia.db")));
        QVERIFY(newStore.open(QIODevice::WriteOnly));
        newStore.close();
        auto store = RunStore::open(fresh.path(), &error);
        QVERIFY2(store, qPrintable(error));
        QVERIFY(store->runs().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestStoreReliability)
#include "test_store_reliability.moc"
