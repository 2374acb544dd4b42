// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/store/store_database_p.h"

#include <QAtomicInteger>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QMutex>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>

#include <functional>
#include <vector>

namespace pluvia::core {

namespace {

bool execAll(QSqlQuery &query, const std::vector<const char *> &statements)
{
    for (const char *statement : statements)
        if (!query.exec(QString::fromLatin1(statement)))
            return false;
    return true;
}

// Each step migrates the store from version (index) to version (index + 1). Steps are never
// edited once released; a new schema version appends a step.
const std::vector<std::function<bool(QSqlQuery &)>> &migrations()
{
    static const std::vector<std::function<bool(QSqlQuery &)>> steps = {
        // 0 -> 1: datasets registered in the workspace.
        [](QSqlQuery &query) {
            return execAll(query,
                { "CREATE TABLE datasets ("
                  " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                  " name TEXT NOT NULL UNIQUE,"
                  " kind TEXT NOT NULL,"
                  " path TEXT NOT NULL,"
                  " content TEXT NOT NULL DEFAULT '',"
                  " note TEXT NOT NULL DEFAULT '',"
                  " added TEXT NOT NULL)" });
        },
        // 1 -> 2: experiments, runs, metric series, artifacts and run events.
        [](QSqlQuery &query) {
            return execAll(query,
                { "CREATE TABLE experiments ("
                  " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                  " name TEXT NOT NULL UNIQUE,"
                  " created TEXT NOT NULL,"
                  " note TEXT NOT NULL DEFAULT '')",
                    "CREATE TABLE runs ("
                    " id TEXT PRIMARY KEY,"
                    " experiment_id INTEGER REFERENCES experiments(id),"
                    " method TEXT NOT NULL,"
                    " preset TEXT NOT NULL,"
                    " params TEXT NOT NULL,"
                    " roles TEXT NOT NULL,"
                    " options TEXT NOT NULL,"
                    " seed INTEGER NOT NULL,"
                    " device TEXT NOT NULL,"
                    " threads INTEGER NOT NULL,"
                    " status TEXT NOT NULL,"
                    " total_steps INTEGER NOT NULL,"
                    " step INTEGER NOT NULL DEFAULT 0,"
                    " created TEXT NOT NULL,"
                    " updated TEXT NOT NULL,"
                    " ended TEXT NOT NULL DEFAULT '',"
                    " pluvia_version TEXT NOT NULL,"
                    " libtorch TEXT NOT NULL,"
                    " host TEXT NOT NULL,"
                    " pid INTEGER NOT NULL DEFAULT 0,"
                    " error TEXT NOT NULL DEFAULT '',"
                    " note TEXT NOT NULL DEFAULT '')",
                    "CREATE TABLE metric_keys ("
                    " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                    " run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,"
                    " key TEXT NOT NULL,"
                    " UNIQUE (run_id, key))",
                    "CREATE TABLE metrics ("
                    " key_id INTEGER NOT NULL REFERENCES metric_keys(id) ON DELETE CASCADE,"
                    " step INTEGER NOT NULL,"
                    " wall_time REAL NOT NULL,"
                    " value REAL,"
                    " PRIMARY KEY (key_id, step)) WITHOUT ROWID",
                    "CREATE TABLE artifacts ("
                    " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                    " run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,"
                    " kind TEXT NOT NULL,"
                    " path TEXT NOT NULL,"
                    " step INTEGER NOT NULL,"
                    " created TEXT NOT NULL,"
                    " value REAL,"
                    " note TEXT NOT NULL DEFAULT '')",
                    "CREATE INDEX artifacts_by_run ON artifacts (run_id, kind, step)",
                    "CREATE TABLE run_events ("
                    " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                    " run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,"
                    " step INTEGER NOT NULL,"
                    " wall_time REAL NOT NULL,"
                    " kind TEXT NOT NULL,"
                    " message TEXT NOT NULL DEFAULT '')",
                    "CREATE INDEX run_events_by_run ON run_events (run_id, id)" });
        },
    };
    return steps;
}

QString newConnectionName()
{
    static QAtomicInteger<quint64> counter;
    return QStringLiteral("pluvia-store-%1").arg(counter.fetchAndAddRelaxed(1));
}

// The tables each schema version has; a store missing one was damaged (or edited by hand).
QStringList expectedTables(int version)
{
    QStringList tables;
    if (version >= 1)
        tables << QStringLiteral("datasets");
    if (version >= 2)
        tables << QStringLiteral("experiments") << QStringLiteral("runs")
               << QStringLiteral("metric_keys") << QStringLiteral("metrics")
               << QStringLiteral("artifacts") << QStringLiteral("run_events");
    return tables;
}

// Stores whose quick_check passed in this process: the check reads every page, so it runs once
// per store and process, not at every connection (the GUI opens one per job).
QSet<QString> &checkedStores()
{
    static QSet<QString> stores;
    return stores;
}
QMutex &checkedStoresMutex()
{
    static QMutex mutex;
    return mutex;
}

// Runs the migration from `from` (as read before) to the current schema inside BEGIN IMMEDIATE,
// which waits for any other writer: when several processes open a new workspace at once, the
// first migrates and the others find the version already current when their turn comes.
QString migrate(QSqlQuery &query)
{
    if (!query.exec(QStringLiteral("BEGIN IMMEDIATE")))
        return query.lastError().text();
    if (!query.exec(QStringLiteral("PRAGMA user_version")) || !query.next()) {
        const QString why = query.lastError().text();
        query.exec(QStringLiteral("ROLLBACK"));
        return why;
    }
    const int version = query.value(0).toInt();
    query.finish();
    for (int v = version; v < kStoreSchemaVersion; ++v) {
        if (!migrations()[size_t(v)](query)
            || !query.exec(QStringLiteral("PRAGMA user_version = %1").arg(v + 1))) {
            const QString why = query.lastError().text();
            query.exec(QStringLiteral("ROLLBACK"));
            return QStringLiteral("migration %1 -> %2 failed: %3").arg(v).arg(v + 1).arg(why);
        }
    }
    if (!query.exec(QStringLiteral("COMMIT"))) {
        const QString why = query.lastError().text();
        query.exec(QStringLiteral("ROLLBACK"));
        return why;
    }
    return {};
}

// Switching a new store to WAL needs a moment's exclusive lock, and SQLite answers "locked" at
// once instead of calling the busy handler when another connection holds one; so it is retried
// for as long as the busy timeout allows.
bool setWalMode(QSqlQuery &query)
{
    QElapsedTimer clock;
    clock.start();
    for (;;) {
        if (query.exec(QStringLiteral("PRAGMA journal_mode=WAL")))
            return true;
        const QString code = query.lastError().nativeErrorCode();
        const bool busy = code == QLatin1String("5") || code == QLatin1String("6"); // BUSY, LOCKED
        if (!busy || clock.elapsed() > kStoreBusyTimeoutMs)
            return false;
        QThread::msleep(10);
    }
}

} // namespace

QString storeDamageAdvice(const QString &workspaceFolder)
{
    const QString folder = QDir::toNativeSeparators(workspaceFolder);
    return QStringLiteral(
        "nothing was changed; `pluvia-cli workspace check %1` lists the damage "
        "and `pluvia-cli workspace repair %1` copies the store aside and rebuilds "
        "it from what can still be read and the run folders")
        .arg(folder);
}

QString inspectStoreIntegrity(QSqlDatabase &db, int version, bool full)
{
    QSqlQuery query(db);
    if (!query.exec(full ? QStringLiteral("PRAGMA integrity_check(20)")
                         : QStringLiteral("PRAGMA quick_check(20)")))
        return query.lastError().text();
    QStringList problems;
    while (query.next()) {
        const QString line = query.value(0).toString();
        if (line != QLatin1String("ok"))
            problems << line;
    }
    if (!query.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table'")))
        return query.lastError().text();
    QStringList present;
    while (query.next())
        present << query.value(0).toString();
    for (const QString &table : expectedTables(version))
        if (!present.contains(table))
            problems << QStringLiteral("table %1 is missing").arg(table);
    return problems.join(QLatin1String("; "));
}

QString openStoreConnection(const QString &workspaceFolder, QString *error)
{
    const QString dbPath = QDir(workspaceFolder).filePath(QStringLiteral("pluvia.db"));
    const QString nativePath = QDir::toNativeSeparators(dbPath);
    // An empty store file beside run folders is a lost store, not a new one: creating the tables
    // would hide every run. (A new workspace has neither.)
    const QFileInfo file(dbPath);
    const int runFolders = int(QDir(QDir(workspaceFolder).filePath(QStringLiteral("runs")))
                                   .entryList(QDir::Dirs | QDir::NoDotAndDotDot)
                                   .size());
    if (file.exists() && file.size() == 0 && runFolders > 0) {
        *error = QStringLiteral("%1: the store is empty (0 bytes) but the workspace holds %2 run "
                                "folder(s); %3")
                     .arg(nativePath)
                     .arg(runFolders)
                     .arg(storeDamageAdvice(workspaceFolder));
        return {};
    }
    const QString connection = newConnectionName();
    bool ready = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        db.setDatabaseName(dbPath);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(kStoreBusyTimeoutMs));
        auto fail = [&](const QString &what) {
            *error = QStringLiteral("%1: %2").arg(nativePath, what);
            db.close();
            return false;
        };
        ready = [&] {
            if (!db.open())
                return fail(db.lastError().text());
            QSqlQuery query(db);
            // WAL lets the GUI read a run while the trainer writes it (DESIGN.md §6).
            if (!setWalMode(query))
                return fail(QStringLiteral("not a Pluvia store, or a damaged one (%1); %2")
                                .arg(query.lastError().text(), storeDamageAdvice(workspaceFolder)));
            // NORMAL is durable across application crashes in WAL mode; only a power loss can
            // lose the last transactions, never corrupt the store.
            query.exec(QStringLiteral("PRAGMA synchronous=NORMAL"));
            query.exec(QStringLiteral("PRAGMA foreign_keys=ON"));
            if (!query.exec(QStringLiteral("PRAGMA user_version")) || !query.next())
                return fail(query.lastError().text());
            const int version = query.value(0).toInt();
            query.finish();
            if (version > kStoreSchemaVersion)
                return fail(QStringLiteral("store has schema version %1, this Pluvia reads up to "
                                           "%2; open it with a newer Pluvia")
                                .arg(version)
                                .arg(kStoreSchemaVersion));
            const QString canonical = QFileInfo(dbPath).canonicalFilePath();
            QMutexLocker lock(&checkedStoresMutex());
            if (version > 0 && !checkedStores().contains(canonical)) {
                const QString damage = inspectStoreIntegrity(db, version, false);
                if (!damage.isEmpty())
                    return fail(QStringLiteral("the store is damaged (%1); %2")
                                    .arg(damage, storeDamageAdvice(workspaceFolder)));
                checkedStores().insert(canonical);
            }
            lock.unlock();
            if (version < kStoreSchemaVersion) {
                if (const QString why = migrate(query); !why.isEmpty())
                    return fail(why);
            }
            return true;
        }();
    }
    if (!ready) {
        QSqlDatabase::removeDatabase(connection);
        return {};
    }
    return connection;
}

void closeStoreConnection(const QString &connection)
{
    {
        QSqlDatabase db = QSqlDatabase::database(connection, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(connection);
}

} // namespace pluvia::core
