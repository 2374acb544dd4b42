// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/workspace/workspace.h"

#include "core/store/store_database_p.h"

#include <QDir>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

namespace pluvia::core {

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
    closeStoreConnection(d->connection);
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
    p->connection = openStoreConnection(root, error);
    if (p->connection.isEmpty())
        return nullptr;
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
        if (ImageContent content; parseImageContent(query.value(4).toString(), &content))
            entry.content = content;
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
    query.addBindValue(entry.content ? imageContentName(*entry.content) : QStringLiteral(""));
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
