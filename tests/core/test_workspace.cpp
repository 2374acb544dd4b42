// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/workspace/workspace.h"

#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest/QtTest>

using pluvia::core::DatasetEntry;
using pluvia::core::DatasetKind;
using pluvia::core::Workspace;

class TestWorkspace : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void createsLayoutAndStore()
    {
        QTemporaryDir dir;
        QString error;
        auto workspace = Workspace::open(dir.filePath(QStringLiteral("ws")), &error);
        QVERIFY2(workspace, qPrintable(error));
        QVERIFY(QFileInfo(workspace->datasetsFolder()).isDir());
        QVERIFY(QFileInfo(workspace->runsFolder()).isDir());
        QVERIFY(QFile::exists(dir.filePath(QStringLiteral("ws/pluvia.db"))));
        QVERIFY(workspace->datasets().isEmpty());
    }

    void datasetsPersistAndPathsAreRelative()
    {
        QTemporaryDir dir;
        QString error;
        const QString inside = dir.filePath(QStringLiteral("ws/datasets/rain100l"));
        const QString outside = dir.filePath(QStringLiteral("elsewhere/real"));
        {
            auto workspace = Workspace::open(dir.filePath(QStringLiteral("ws")), &error);
            QVERIFY2(workspace, qPrintable(error));
            QVERIFY2(
                workspace->addDataset({ 0, QStringLiteral("synthetic"), DatasetKind::Paired, inside,
                                          pluvia::core::ImageContent::RainyAndClean, {}, {} },
                    &error),
                qPrintable(error));
            QVERIFY2(workspace->addDataset(
                         { 0, QStringLiteral("real"), DatasetKind::Unpaired, outside,
                             pluvia::core::ImageContent::Rainy, QStringLiteral("note"), {} },
                         &error),
                qPrintable(error));
            // Same name again updates instead of duplicating.
            QVERIFY(workspace->addDataset(
                { 0, QStringLiteral("real"), DatasetKind::Unpaired, outside,
                    pluvia::core::ImageContent::Rainy, QStringLiteral("changed"), {} },
                &error));
        }
        // Reading the store directly (an independent path) shows what was stored.
        {
            auto db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("raw"));
            db.setDatabaseName(dir.filePath(QStringLiteral("ws/pluvia.db")));
            QVERIFY(db.open());
            QSqlQuery query(QStringLiteral("SELECT name, path FROM datasets ORDER BY id"), db);
            QVERIFY(query.next());
            QCOMPARE(query.value(1).toString(), QStringLiteral("datasets/rain100l"));
            QVERIFY(query.next());
            QCOMPARE(query.value(1).toString(), QFileInfo(outside).absoluteFilePath());
            QVERIFY(!query.next());
            QSqlQuery version(QStringLiteral("PRAGMA user_version"), db);
            QVERIFY(version.next());
            QCOMPARE(version.value(0).toInt(), 2); // datasets (1), runs and metrics (2)
            QSqlQuery mode(QStringLiteral("PRAGMA journal_mode"), db);
            QVERIFY(mode.next());
            QCOMPARE(mode.value(0).toString(), QStringLiteral("wal"));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("raw"));

        auto workspace = Workspace::open(dir.filePath(QStringLiteral("ws")), &error);
        QVERIFY(workspace);
        const auto entries = workspace->datasets();
        QCOMPARE(entries.size(), 2);
        QCOMPARE(entries[0].path, QFileInfo(inside).absoluteFilePath());
        QCOMPARE(entries[0].kind, DatasetKind::Paired);
        QCOMPARE(entries[1].note, QStringLiteral("changed"));
        QVERIFY(entries[1].added.isValid());

        QVERIFY(workspace->removeDataset(QStringLiteral("real"), &error));
        QVERIFY(!workspace->removeDataset(QStringLiteral("real"), &error));
        QVERIFY(error.contains(QStringLiteral("real")));
        QCOMPARE(workspace->datasets().size(), 1);
    }

    void rejectsNewerSchemaAndNonDatabases()
    {
        QTemporaryDir dir;
        QString error;
        const QString newer = dir.filePath(QStringLiteral("newer"));
        QVERIFY(Workspace::open(newer, &error));
        {
            auto db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("bump"));
            db.setDatabaseName(newer + QStringLiteral("/pluvia.db"));
            QVERIFY(db.open());
            QSqlQuery(QStringLiteral("PRAGMA user_version = 99"), db);
        }
        QSqlDatabase::removeDatabase(QStringLiteral("bump"));
        QVERIFY(!Workspace::open(newer, &error));
        QVERIFY2(
            error.contains(QStringLiteral("99")) && error.contains(QStringLiteral("pluvia.db")),
            qPrintable(error));

        const QString broken = dir.filePath(QStringLiteral("broken"));
        QDir().mkpath(broken);
        QFile file(broken + QStringLiteral("/pluvia.db"));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("this is not an SQLite database, just text that happens to be long enough");
        file.close();
        QVERIFY(!Workspace::open(broken, &error));
        QVERIFY2(error.contains(QStringLiteral("pluvia.db")), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestWorkspace)
#include "test_workspace.moc"
