// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/checkpoint/workspace_repair.h"

#include "core/checkpoint/checkpoint_info.h"
#include "core/store/run_store.h"
#include "core/store/store_database_p.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>

#include <memory>

namespace pluvia::core {

namespace {

const QString kStoreFile = QStringLiteral("pluvia.db");

// Tables in the order their rows can be inserted (parents before children).
const QStringList kTables = { QStringLiteral("datasets"), QStringLiteral("experiments"),
    QStringLiteral("runs"), QStringLiteral("metric_keys"), QStringLiteral("metrics"),
    QStringLiteral("artifacts"), QStringLiteral("run_events") };

// A plain read-only connection to a store file, without the checks and migrations of
// openStoreConnection (which refuses a damaged store); closed with the object.
class RawConnection
{
public:
    explicit RawConnection(const QString &path)
        : m_name(QStringLiteral("pluvia-raw-%1").arg(quintptr(this)))
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        if (!db.open())
            m_error = db.lastError().text();
    }
    ~RawConnection()
    {
        {
            QSqlDatabase db = QSqlDatabase::database(m_name, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_name);
    }
    RawConnection(const RawConnection &) = delete;
    RawConnection &operator=(const RawConnection &) = delete;
    QSqlDatabase db() const { return QSqlDatabase::database(m_name, false); }
    QString error() const { return m_error; }

private:
    QString m_name;
    QString m_error;
};

QStringList runFolders(const QString &workspaceFolder)
{
    return QDir(QDir(workspaceFolder).filePath(QStringLiteral("runs")))
        .entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
}

QStringList checkpointFiles(const QString &runFolder)
{
    return QDir(QDir(runFolder).filePath(QStringLiteral("checkpoints")))
        .entryList({ QStringLiteral("step-*.pt") }, QDir::Files, QDir::Name);
}

// Copies every readable row of `table` from `from` to `to`; a scan that stops on damage keeps
// the rows read before it.
RecoveredTable copyTable(QSqlDatabase from, QSqlDatabase to, const QString &table)
{
    RecoveredTable result { table, 0, {} };
    QSqlQuery read(from);
    read.setForwardOnly(true);
    // NOT INDEXED: a damaged index must not hide the rows of a sound table.
    if (!read.exec(QStringLiteral("SELECT * FROM %1 NOT INDEXED").arg(table))) {
        result.lost = read.lastError().text();
        return result;
    }
    const QSqlRecord columns = read.record();
    QStringList names, marks;
    for (int i = 0; i < columns.count(); ++i) {
        names << columns.fieldName(i);
        marks << QStringLiteral("?");
    }
    QSqlQuery write(to);
    write.prepare(QStringLiteral("INSERT OR IGNORE INTO %1 (%2) VALUES (%3)")
                      .arg(table, names.join(QLatin1Char(',')), marks.join(QLatin1Char(','))));
    int failed = 0;
    while (read.next()) {
        for (int i = 0; i < columns.count(); ++i)
            write.bindValue(i, read.value(i));
        if (write.exec())
            ++result.rows;
        else
            ++failed;
    }
    if (read.lastError().isValid())
        result.lost = read.lastError().text();
    if (failed > 0)
        result.lost += QStringLiteral("%1%2 row(s) refused by the new store")
                           .arg(result.lost.isEmpty() ? QString() : QStringLiteral("; "))
                           .arg(failed);
    return result;
}

// A run the store lost, described by its checkpoints: the last readable one gives its method,
// parameters and step; every checkpoint becomes an artifact again.
QString reindexRun(RunStore &store, const QString &runId)
{
    const QString folder = store.runFolder(runId);
    const QStringList files = checkpointFiles(folder);
    std::optional<CheckpointInfo> last;
    QString why = QStringLiteral("no checkpoint in %1/checkpoints").arg(folder);
    for (auto it = files.crbegin(); it != files.crend() && !last; ++it)
        last
            = readCheckpointInfo(QDir(folder).filePath(QStringLiteral("checkpoints/") + *it), &why);
    if (!last)
        return why;
    std::optional<CheckpointInfo> first = readCheckpointInfo(
        QDir(folder).filePath(QStringLiteral("checkpoints/") + files.first()), &why);
    RunRecord run;
    run.id = runId;
    run.method = last->method;
    run.preset = last->preset;
    run.params = last->params;
    run.seed = last->seed;
    run.device = last->device;
    run.totalSteps = last->totalSteps;
    run.step = last->step;
    run.status = last->step >= last->totalSteps ? RunStatus::Finished : RunStatus::Stopped;
    run.created = first && first->created.isValid() ? first->created : last->created;
    run.pluviaVersion = last->pluviaVersion;
    run.libtorch = last->libtorch;
    run.note = QStringLiteral("re-indexed by workspace repair from its checkpoints; its metric "
                              "series and data roles were lost with the store");
    if (const QString error = store.createRun(&run); !error.isEmpty())
        return error;
    for (const QString &file : files) {
        QString ignored;
        const std::optional<CheckpointInfo> info = readCheckpointInfo(
            QDir(folder).filePath(QStringLiteral("checkpoints/") + file), &ignored);
        if (!info)
            continue;
        ArtifactRecord artifact;
        artifact.runId = runId;
        artifact.kind = QStringLiteral("checkpoint");
        artifact.path = QDir(folder).filePath(QStringLiteral("checkpoints/") + file);
        artifact.step = info->step;
        artifact.created
            = info->created.isValid() ? info->created : QDateTime::currentDateTimeUtc();
        if (const QString error = store.addArtifact(&artifact); !error.isEmpty())
            return error;
    }
    return {};
}

} // namespace

WorkspaceCheck checkWorkspace(const QString &workspaceFolder)
{
    WorkspaceCheck check;
    check.storePath = QDir::toNativeSeparators(QDir(workspaceFolder).filePath(kStoreFile));
    const QString path = QDir(workspaceFolder).filePath(kStoreFile);
    QStringList stored;
    if (!QFileInfo::exists(path)) {
        check.damage << QStringLiteral("there is no store (pluvia.db)");
    } else if (QFileInfo(path).size() == 0) {
        check.damage << QStringLiteral("the store is empty (0 bytes)");
    } else {
        const RawConnection connection(path);
        QSqlDatabase db = connection.db();
        QSqlQuery query(db);
        if (!connection.error().isEmpty()) {
            check.damage << connection.error();
        } else if (!query.exec(QStringLiteral("PRAGMA user_version")) || !query.next()) {
            check.damage << query.lastError().text();
        } else {
            const int version = query.value(0).toInt();
            query.finish();
            if (const QString damage = inspectStoreIntegrity(db, version, true); !damage.isEmpty())
                check.damage << damage.split(QStringLiteral("; "));
            if (query.exec(QStringLiteral("SELECT id FROM runs NOT INDEXED")))
                while (query.next())
                    stored << query.value(0).toString();
        }
    }
    check.storedRuns = int(stored.size());
    const QStringList folders = runFolders(workspaceFolder);
    for (const QString &folder : folders)
        if (!stored.contains(folder))
            check.unindexedRuns << folder;
    for (const QString &id : stored)
        if (!folders.contains(id))
            check.runsWithoutFolder << id;
    return check;
}

WorkspaceRepair repairWorkspace(const QString &workspaceFolder)
{
    WorkspaceRepair repair;
    const QDir workspace(workspaceFolder);
    const QString store = workspace.filePath(kStoreFile);
    if (!workspace.exists()) {
        repair.error
            = QStringLiteral("%1: not a folder").arg(QDir::toNativeSeparators(workspaceFolder));
        return repair;
    }
    // 1. The store as it is, set aside (with its WAL, which holds the newest transactions).
    repair.savedCopy = store + QStringLiteral(".damaged-")
        + QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    for (const QString &suffix : { QString(), QStringLiteral("-wal") }) {
        if (QFileInfo::exists(store + suffix)
            && !QFile::copy(store + suffix, repair.savedCopy + suffix)) {
            repair.error = QStringLiteral("%1: cannot copy the store aside to %2")
                               .arg(QDir::toNativeSeparators(store + suffix),
                                   QDir::toNativeSeparators(repair.savedCopy + suffix));
            return repair;
        }
    }
    // 2. A new store beside it, filled from the copy and the run folders.
    QTemporaryDir building(workspace.filePath(QStringLiteral(".repair-XXXXXX")));
    if (!building.isValid()) {
        repair.error = QStringLiteral("%1: cannot create a folder for the new store (%2)")
                           .arg(QDir::toNativeSeparators(workspaceFolder), building.errorString());
        return repair;
    }
    {
        QString error;
        const QString connection = openStoreConnection(building.path(), &error);
        if (connection.isEmpty()) {
            repair.error = error;
            return repair;
        }
        if (QFileInfo::exists(repair.savedCopy) && QFileInfo(repair.savedCopy).size() > 0) {
            const RawConnection old(repair.savedCopy);
            QSqlDatabase fresh = QSqlDatabase::database(connection, false);
            for (const QString &table : kTables) {
                if (!old.error().isEmpty()) {
                    repair.tables.push_back({ table, 0, old.error() });
                    continue;
                }
                fresh.transaction();
                repair.tables.push_back(copyTable(old.db(), fresh, table));
                fresh.commit();
            }
        }
        closeStoreConnection(connection);
        // Reading the copy made SQLite add its shared-memory index (and an empty WAL when the
        // store had none): the copy stays as the store was.
        QFile::remove(repair.savedCopy + QStringLiteral("-shm"));
        if (!QFileInfo::exists(store + QStringLiteral("-wal")))
            QFile::remove(repair.savedCopy + QStringLiteral("-wal"));
    }
    {
        // The run folders now live in the workspace, not beside the new store: re-index with
        // the workspace's paths, then move the new store's file into place.
        QString error;
        const std::unique_ptr<RunStore> rebuilt = RunStore::open(building.path(), &error);
        if (!rebuilt) {
            repair.error = error;
            return repair;
        }
        const QStringList folders = runFolders(workspaceFolder);
        QStringList stored;
        for (const RunRecord &run : rebuilt->runs())
            stored << run.id;
        QDir(building.path()).mkpath(QStringLiteral("runs"));
        for (const QString &id : folders) {
            if (stored.contains(id))
                continue;
            // The new store's run folder is a link to the workspace's, so that runFolder() and
            // the artifacts' relative paths point where the files are.
            const QString linked = QDir(building.path()).filePath(QStringLiteral("runs/") + id);
            QFile::link(workspace.filePath(QStringLiteral("runs/") + id), linked);
            if (const QString why = reindexRun(*rebuilt, id); why.isEmpty())
                repair.reindexedRuns << id;
            else
                repair.problems << QStringLiteral("run %1: not re-indexed: %2").arg(id, why);
        }
    }
    // 3. Only now is pluvia.db replaced (rename within the workspace's file system).
    const QString built = QDir(building.path()).filePath(kStoreFile);
    QFile::remove(store + QStringLiteral("-wal"));
    QFile::remove(store + QStringLiteral("-shm"));
    if (QFileInfo::exists(store) && !QFile::remove(store)) {
        repair.error
            = QStringLiteral("%1: cannot replace the store (the damaged one is kept; its "
                             "copy is %2)")
                  .arg(QDir::toNativeSeparators(store), QDir::toNativeSeparators(repair.savedCopy));
        return repair;
    }
    if (!QFile::rename(built, store)) {
        repair.error = QStringLiteral("%1: cannot move the new store into place from %2")
                           .arg(QDir::toNativeSeparators(store), QDir::toNativeSeparators(built));
        building.setAutoRemove(false);
    }
    return repair;
}

} // namespace pluvia::core
