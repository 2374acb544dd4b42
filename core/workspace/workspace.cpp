// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/workspace/workspace.h"

#include <QAtomicInteger>
#include <QDir>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

#include <functional>

namespace pluvia::core {

namespace {

// Each step migrates the store from version (index) to version (index + 1). Steps are never
// edited once released; a new schema version appends a step.
const std::vector<std::function<bool(QSqlQuery &)>> &migrations()
{
    static const std::vector<std::function<bool(QSqlQuery &)>> steps = {
        // 0 -> 1: datasets registered in the workspace.
        [](QSqlQuery &query) {
            return query.exec(QStringLiteral("CREATE TABLE datasets ("
                                             " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                                             " name TEXT NOT NULL UNIQUE,"
                                             " kind TEXT NOT NULL,"
                                             " path TEXT NOT NULL,"
                                             " content TEXT NOT NULL DEFAULT '',"
                                             " note TEXT NOT NULL DEFAULT '',"
                                             " added TEXT NOT NULL)"));
        },
    };
    return steps;
}

QString newConnectionName()
{
    static QAtomicInteger<quint64> counter;
    return QStringLiteral("pluvia-workspace-%1").arg(counter.fetchAndAddRelaxed(1));
}

} // namespace

struct Workspace::Private {
    QString folder;
    QString connection;
    QSqlDatabase db() const { return QSqlDatabase::database(connection, false); }

    QString relativeToWorkspace(const QString &path) const
    {
        const QString absolute = QFileInfo(path).absoluteFilePath();
        const QString relative = QDir(folder).relativeFilePath(absolute);
        return relative.startsWith(QLatin1String("..")) ? absolute : relative;
    }
    QString absoluteFromStore(const QString &stored) const
    {
        return QDir::cleanPath(QDir(folder).absoluteFilePath(stored));
    }
};

Workspace::Workspace(std::unique_ptr<Private> d)
    : d(std::move(d))
{ }

Workspace::~Workspace()
{
    {
        QSqlDatabase db = d->db();
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(d->connection);
}

std::unique_ptr<Workspace> Workspace::open(const QString &folder, QString *error)
{
    const QString root = QFileInfo(folder).absoluteFilePath();
    QDir dir(root);
    for (const QString &sub : { QString(), QStringLiteral("datasets"), QStringLiteral("runs") }) {
        if (!dir.mkpath(sub.isEmpty() ? QStringLiteral(".") : sub)) {
            *error
                = QStringLiteral("%1: cannot create the workspace folder").arg(dir.filePath(sub));
            return nullptr;
        }
    }

    auto p = std::make_unique<Private>();
    p->folder = root;
    p->connection = newConnectionName();
    const QString dbPath = dir.filePath(databaseFileName());
    bool ready = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), p->connection);
        db.setDatabaseName(dbPath);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
        auto fail = [&](const QString &what) {
            *error = QStringLiteral("%1: %2").arg(dbPath, what);
            db.close();
            return false;
        };
        ready = [&] {
            if (!db.open())
                return fail(db.lastError().text());
            QSqlQuery query(db);
            // WAL lets the GUI read a run while the trainer writes it (DESIGN.md §6).
            if (!query.exec(QStringLiteral("PRAGMA journal_mode=WAL")))
                return fail(
                    QStringLiteral("not a Pluvia store (%1)").arg(query.lastError().text()));
            if (!query.exec(QStringLiteral("PRAGMA user_version")) || !query.next())
                return fail(query.lastError().text());
            const int version = query.value(0).toInt();
            if (version > kSchemaVersion)
                return fail(QStringLiteral("store has schema version %1, this Pluvia reads up to "
                                           "%2; open it with a newer Pluvia")
                                .arg(version)
                                .arg(kSchemaVersion));
            for (int v = version; v < kSchemaVersion; ++v) {
                if (!db.transaction())
                    return fail(db.lastError().text());
                if (!migrations()[size_t(v)](query)
                    || !query.exec(QStringLiteral("PRAGMA user_version = %1").arg(v + 1))) {
                    const QString why = query.lastError().text();
                    db.rollback();
                    return fail(
                        QStringLiteral("migration %1 -> %2 failed: %3").arg(v).arg(v + 1).arg(why));
                }
                if (!db.commit())
                    return fail(db.lastError().text());
            }
            return true;
        }();
    }
    if (!ready) {
        QSqlDatabase::removeDatabase(p->connection);
        return nullptr;
    }
    return std::unique_ptr<Workspace>(new Workspace(std::move(p)));
}

QString Workspace::folder() const
{
    return d->folder;
}

QString Workspace::datasetsFolder() const
{
    return QDir(d->folder).filePath(QStringLiteral("datasets"));
}

QString Workspace::runsFolder() const
{
    return QDir(d->folder).filePath(QStringLiteral("runs"));
}

QVector<DatasetEntry> Workspace::datasets() const
{
    QVector<DatasetEntry> entries;
    QSqlQuery query(d->db());
    query.exec(QStringLiteral(
        "SELECT id, name, kind, path, content, note, added FROM datasets ORDER BY id"));
    while (query.next()) {
        DatasetEntry entry;
        entry.id = query.value(0).toLongLong();
        entry.name = query.value(1).toString();
        parseDatasetKind(query.value(2).toString(), &entry.kind);
        entry.path = d->absoluteFromStore(query.value(3).toString());
        entry.content = query.value(4).toString();
        entry.note = query.value(5).toString();
        entry.added = QDateTime::fromString(query.value(6).toString(), Qt::ISODate);
        entries.push_back(entry);
    }
    return entries;
}

bool Workspace::addDataset(DatasetEntry entry, QString *error)
{
    if (entry.name.trimmed().isEmpty()) {
        *error = QStringLiteral("a dataset needs a name");
        return false;
    }
    if (!entry.added.isValid())
        entry.added = QDateTime::currentDateTimeUtc();
    QSqlQuery query(d->db());
    query.prepare(QStringLiteral(
        "INSERT INTO datasets (name, kind, path, content, note, added) VALUES (?, ?, ?, ?, ?, ?) "
        "ON CONFLICT(name) DO UPDATE SET kind = excluded.kind, path = excluded.path, "
        "content = excluded.content, note = excluded.note"));
    query.addBindValue(entry.name);
    query.addBindValue(datasetKindName(entry.kind));
    query.addBindValue(d->relativeToWorkspace(entry.path));
    // A null QString binds as SQL NULL; the columns hold text, possibly empty.
    query.addBindValue(entry.content.isNull() ? QStringLiteral("") : entry.content);
    query.addBindValue(entry.note.isNull() ? QStringLiteral("") : entry.note);
    query.addBindValue(entry.added.toUTC().toString(Qt::ISODate));
    if (!query.exec()) {
        *error = QStringLiteral("%1: cannot register dataset '%2': %3")
                     .arg(QDir(d->folder).filePath(databaseFileName()), entry.name,
                         query.lastError().text());
        return false;
    }
    return true;
}

bool Workspace::removeDataset(const QString &name, QString *error)
{
    QSqlQuery query(d->db());
    query.prepare(QStringLiteral("DELETE FROM datasets WHERE name = ?"));
    query.addBindValue(name);
    if (!query.exec()) {
        *error = query.lastError().text();
        return false;
    }
    if (query.numRowsAffected() == 0) {
        *error = QStringLiteral("no dataset named '%1' in %2").arg(name, d->folder);
        return false;
    }
    return true;
}

} // namespace pluvia::core
