// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/store/run_store.h"

#include "core/runtime/process_liveness.h"
#include "core/store/store_database_p.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSysInfo>

#include <cmath>
#include <limits>

namespace pluvia::core {

namespace {

const char *const kStatusNames[]
    = { "created", "running", "paused", "stopped", "finished", "failed", "interrupted" };

QString isoTime(const QDateTime &time)
{
    return time.isValid() ? time.toUTC().toString(Qt::ISODateWithMs) : QString();
}

QDateTime parseTime(const QString &text)
{
    return text.isEmpty() ? QDateTime() : QDateTime::fromString(text, Qt::ISODateWithMs);
}

QVariant storedValue(double value)
{
    return std::isfinite(value) ? QVariant(value) : QVariant(); // NaN/inf: NULL
}

double loadedValue(const QVariant &value)
{
    return value.isNull() ? std::numeric_limits<double>::quiet_NaN() : value.toDouble();
}

QJsonArray rolesToJson(const QVector<RunRole> &roles)
{
    QJsonArray array;
    for (const RunRole &role : roles)
        array.append(QJsonObject { { QStringLiteral("role"), role.role },
            { QStringLiteral("path"), role.path }, { QStringLiteral("kind"), role.kind },
            { QStringLiteral("content"), role.content }, { QStringLiteral("items"), role.items },
            { QStringLiteral("content_hash"), role.contentHash },
            { QStringLiteral("note"), role.note } });
    return array;
}

QVector<RunRole> rolesFromJson(const QJsonArray &array)
{
    QVector<RunRole> roles;
    for (const QJsonValue &value : array) {
        const QJsonObject o = value.toObject();
        roles.push_back({ o[QStringLiteral("role")].toString(),
            o[QStringLiteral("path")].toString(), o[QStringLiteral("kind")].toString(),
            o[QStringLiteral("content")].toString(), o[QStringLiteral("items")].toInt(),
            o[QStringLiteral("content_hash")].toString(), o[QStringLiteral("note")].toString() });
    }
    return roles;
}

QString json(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

const char *kRunColumns
    = "r.id, COALESCE(e.name, ''), r.method, r.preset, r.params, r.roles, r.options, r.seed, "
      "r.device, r.threads, r.status, r.total_steps, r.step, r.created, r.updated, r.ended, "
      "r.pluvia_version, r.libtorch, r.host, r.pid, r.error, r.note";

RunRecord runFromQuery(const QSqlQuery &q)
{
    RunRecord r;
    r.id = q.value(0).toString();
    r.experiment = q.value(1).toString();
    r.method = q.value(2).toString();
    r.preset = q.value(3).toString();
    r.params = QJsonDocument::fromJson(q.value(4).toString().toUtf8()).object();
    r.roles = rolesFromJson(QJsonDocument::fromJson(q.value(5).toString().toUtf8()).array());
    r.options = QJsonDocument::fromJson(q.value(6).toString().toUtf8()).object();
    r.seed = q.value(7).toULongLong();
    r.device = q.value(8).toString();
    r.threads = q.value(9).toInt();
    parseRunStatus(q.value(10).toString(), &r.status);
    r.totalSteps = q.value(11).toLongLong();
    r.step = q.value(12).toLongLong();
    r.created = parseTime(q.value(13).toString());
    r.updated = parseTime(q.value(14).toString());
    r.ended = parseTime(q.value(15).toString());
    r.pluviaVersion = q.value(16).toString();
    r.libtorch = q.value(17).toString();
    r.host = q.value(18).toString();
    r.pid = q.value(19).toLongLong();
    r.error = q.value(20).toString();
    r.note = q.value(21).toString();
    // A run that says it is running or paused, on this host, in a process that no longer
    // exists, was interrupted (crash, kill -9, power loss): `resume` continues it.
    const bool active = r.status == RunStatus::Running || r.status == RunStatus::Paused;
    if (active && r.host == QSysInfo::machineHostName() && !processAlive(r.pid))
        r.status = RunStatus::Interrupted;
    return r;
}

} // namespace

QString runStatusName(RunStatus status)
{
    return QLatin1String(kStatusNames[int(status)]);
}

bool parseRunStatus(const QString &name, RunStatus *status)
{
    for (int i = 0; i < int(std::size(kStatusNames)); ++i) {
        if (name == QLatin1String(kStatusNames[i])) {
            *status = RunStatus(i);
            return true;
        }
    }
    return false;
}

struct RunStore::Private {
    QString folder;
    QString connection;
    QSqlDatabase db() const { return QSqlDatabase::database(connection, false); }
    QString dbPath() const
    {
        return QDir::toNativeSeparators(QDir(folder).filePath(QStringLiteral("pluvia.db")));
    }
    QString failure(const QSqlQuery &query, const QString &what) const
    {
        return QStringLiteral("%1: %2: %3").arg(dbPath(), what, query.lastError().text());
    }
    QString relative(const QString &path) const
    {
        const QString rel = QDir(folder).relativeFilePath(QFileInfo(path).absoluteFilePath());
        return rel.startsWith(QLatin1String("..")) ? QFileInfo(path).absoluteFilePath() : rel;
    }
    QString absolute(const QString &stored) const
    {
        return QDir::cleanPath(QDir(folder).absoluteFilePath(stored));
    }
    // The id of (run, key), created on first use.
    qint64 keyId(const QString &runId, const QString &key, QString *error)
    {
        QSqlQuery query(db());
        query.prepare(QStringLiteral("SELECT id FROM metric_keys WHERE run_id = ? AND key = ?"));
        query.addBindValue(runId);
        query.addBindValue(key);
        if (query.exec() && query.next())
            return query.value(0).toLongLong();
        query.prepare(QStringLiteral("INSERT INTO metric_keys (run_id, key) VALUES (?, ?)"));
        query.addBindValue(runId);
        query.addBindValue(key);
        if (!query.exec()) {
            *error = failure(query, QStringLiteral("cannot add metric '%1'").arg(key));
            return -1;
        }
        return query.lastInsertId().toLongLong();
    }
};

RunStore::RunStore(std::unique_ptr<Private> d)
    : d(std::move(d))
{ }

RunStore::~RunStore()
{
    closeStoreConnection(d->connection);
}

std::unique_ptr<RunStore> RunStore::open(const QString &workspaceFolder, QString *error)
{
    if (!QFileInfo(workspaceFolder).isDir()) {
        *error = QStringLiteral("%1: not a workspace folder")
                     .arg(QDir::toNativeSeparators(workspaceFolder));
        return nullptr;
    }
    auto p = std::make_unique<Private>();
    p->folder = QFileInfo(workspaceFolder).absoluteFilePath();
    p->connection = openStoreConnection(p->folder, error);
    if (p->connection.isEmpty())
        return nullptr;
    return std::unique_ptr<RunStore>(new RunStore(std::move(p)));
}

QString RunStore::workspaceFolder() const
{
    return d->folder;
}

QString RunStore::runFolder(const QString &runId) const
{
    return QDir(d->folder).filePath(QStringLiteral("runs/") + runId);
}

QVector<RunRecord> RunStore::runs() const
{
    QVector<RunRecord> records;
    QSqlQuery query(d->db());
    query.exec(QStringLiteral("SELECT %1 FROM runs r LEFT JOIN experiments e ON e.id = "
                              "r.experiment_id ORDER BY r.created DESC, r.id DESC")
                   .arg(QLatin1String(kRunColumns)));
    while (query.next())
        records.push_back(runFromQuery(query));
    return records;
}

std::optional<RunRecord> RunStore::run(const QString &idOrPrefix, QString *error) const
{
    QSqlQuery query(d->db());
    query.prepare(QStringLiteral("SELECT %1 FROM runs r LEFT JOIN experiments e ON e.id = "
                                 "r.experiment_id WHERE r.id = ? OR substr(r.id, 1, ?) = ?")
                      .arg(QLatin1String(kRunColumns)));
    query.addBindValue(idOrPrefix);
    query.addBindValue(idOrPrefix.size());
    query.addBindValue(idOrPrefix);
    QVector<RunRecord> matches;
    if (query.exec())
        while (query.next())
            matches.push_back(runFromQuery(query));
    for (const RunRecord &record : matches)
        if (record.id == idOrPrefix)
            return record;
    if (matches.size() == 1)
        return matches.front();
    if (error) {
        if (matches.isEmpty())
            *error = QStringLiteral("no run '%1' in %2").arg(idOrPrefix, d->dbPath());
        else
            *error = QStringLiteral("'%1' matches %2 runs; give more of the id")
                         .arg(idOrPrefix)
                         .arg(matches.size());
    }
    return std::nullopt;
}

QStringList RunStore::metricKeys(const QString &runId) const
{
    QStringList keys;
    QSqlQuery query(d->db());
    query.prepare(QStringLiteral("SELECT key FROM metric_keys WHERE run_id = ? ORDER BY key"));
    query.addBindValue(runId);
    if (query.exec())
        while (query.next())
            keys << query.value(0).toString();
    return keys;
}

MetricSeries RunStore::series(const QString &runId, const QString &key) const
{
    MetricSeries series;
    series.key = key;
    QSqlQuery query(d->db());
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT m.step, m.wall_time, m.value FROM metrics m JOIN "
                                 "metric_keys k ON k.id = m.key_id WHERE k.run_id = ? AND "
                                 "k.key = ? ORDER BY m.step"));
    query.addBindValue(runId);
    query.addBindValue(key);
    if (query.exec()) {
        while (query.next()) {
            series.steps.push_back(query.value(0).toLongLong());
            series.wallTimes.push_back(query.value(1).toDouble());
            series.values.push_back(loadedValue(query.value(2)));
        }
    }
    return series;
}

QVector<ArtifactRecord> RunStore::artifacts(const QString &runId, const QString &kind) const
{
    QVector<ArtifactRecord> records;
    QSqlQuery query(d->db());
    query.prepare(QStringLiteral("SELECT id, run_id, kind, path, step, created, value, note FROM "
                                 "artifacts WHERE run_id = ? AND (? = '' OR kind = ?) "
                                 "ORDER BY step, id"));
    query.addBindValue(runId);
    query.addBindValue(kind.isNull() ? QStringLiteral("") : kind);
    query.addBindValue(kind.isNull() ? QStringLiteral("") : kind);
    if (query.exec()) {
        while (query.next()) {
            records.push_back({ query.value(0).toLongLong(), query.value(1).toString(),
                query.value(2).toString(), d->absolute(query.value(3).toString()),
                query.value(4).toLongLong(), parseTime(query.value(5).toString()),
                loadedValue(query.value(6)), query.value(7).toString() });
        }
    }
    return records;
}

QVector<RunEvent> RunStore::events(const QString &runId) const
{
    QVector<RunEvent> events;
    QSqlQuery query(d->db());
    query.prepare(QStringLiteral(
        "SELECT step, wall_time, kind, message FROM run_events WHERE run_id = ? ORDER BY id"));
    query.addBindValue(runId);
    if (query.exec())
        while (query.next())
            events.push_back({ query.value(0).toLongLong(), query.value(1).toDouble(),
                query.value(2).toString(), query.value(3).toString() });
    return events;
}

QString RunStore::createRun(RunRecord *record)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (!record->created.isValid())
        record->created = now;
    record->updated = now;
    record->host = QSysInfo::machineHostName();
    record->pid = QCoreApplication::applicationPid();
    return insertRun(record);
}

QString RunStore::insertRun(RunRecord *run)
{
    // BEGIN IMMEDIATE takes the write lock first (waiting for another process's), so choosing a
    // free id and inserting it cannot interleave with another run created at the same moment.
    QSqlDatabase db = d->db();
    QSqlQuery begin(db);
    if (!begin.exec(QStringLiteral("BEGIN IMMEDIATE")))
        return d->failure(begin, QStringLiteral("cannot add run"));
    const auto rollback = [&] { QSqlQuery(db).exec(QStringLiteral("ROLLBACK")); };
    if (run->id.isEmpty()) {
        // A generated id is the creation time and method, with -2, -3, ... when taken.
        const QString base = run->created.toLocalTime().toString(QStringLiteral("yyyyMMdd-HHmmss"))
            + QLatin1Char('-') + run->method;
        QSqlQuery taken(db);
        taken.prepare(QStringLiteral("SELECT 1 FROM runs WHERE id = ?"));
        for (int n = 1;; ++n) {
            run->id = n == 1 ? base : base + QStringLiteral("-%1").arg(n);
            taken.addBindValue(run->id);
            if (!taken.exec()) {
                const QString error = d->failure(taken, QStringLiteral("cannot add run"));
                rollback();
                return error;
            }
            const bool exists = taken.next();
            taken.finish();
            if (!exists)
                break;
        }
    }
    const RunRecord &record = *run;
    const QDateTime now = record.updated;
    QVariant experimentId;
    if (!record.experiment.isEmpty()) {
        QSqlQuery insert(db);
        insert.prepare(QStringLiteral(
            "INSERT INTO experiments (name, created) VALUES (?, ?) ON CONFLICT(name) DO NOTHING"));
        insert.addBindValue(record.experiment);
        insert.addBindValue(isoTime(now));
        QSqlQuery select(db);
        select.prepare(QStringLiteral("SELECT id FROM experiments WHERE name = ?"));
        select.addBindValue(record.experiment);
        if (!insert.exec() || !select.exec() || !select.next()) {
            const QString error = d->failure(insert, QStringLiteral("cannot add experiment"));
            rollback();
            return error;
        }
        experimentId = select.value(0);
    }
    QSqlQuery query(db);
    query.prepare(QStringLiteral(
        "INSERT INTO runs (id, experiment_id, method, preset, params, roles, options, seed, "
        "device, threads, status, total_steps, step, created, updated, ended, pluvia_version, "
        "libtorch, host, pid, error, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
        "?, ?, ?, ?, ?, ?, ?)"));
    const QVariantList values = { record.id, experimentId, record.method, record.preset,
        json(record.params),
        QString::fromUtf8(QJsonDocument(rolesToJson(record.roles)).toJson(QJsonDocument::Compact)),
        json(record.options), qint64(record.seed), record.device, record.threads,
        runStatusName(record.status), record.totalSteps, record.step, isoTime(record.created),
        isoTime(record.updated), isoTime(record.ended), record.pluviaVersion, record.libtorch,
        record.host, record.pid, record.error, record.note };
    for (const QVariant &value : values)
        // A null QString binds as SQL NULL; these columns hold text, possibly empty.
        query.addBindValue(value.typeId() == QMetaType::QString && value.toString().isNull()
                ? QVariant(QStringLiteral(""))
                : value);
    if (!query.exec()) {
        const QString error
            = d->failure(query, QStringLiteral("cannot add run '%1'").arg(record.id));
        rollback();
        return error;
    }
    QSqlQuery commit(db);
    if (!commit.exec(QStringLiteral("COMMIT"))) {
        const QString error
            = d->failure(commit, QStringLiteral("cannot add run '%1'").arg(record.id));
        rollback();
        return error;
    }
    return {};
}

QString RunStore::updateRun(
    const QString &runId, RunStatus status, qint64 step, qint64 totalSteps, const QString &error)
{
    QSqlQuery query(d->db());
    const bool ended = status == RunStatus::Finished;
    query.prepare(QStringLiteral("UPDATE runs SET status = ?, step = ?, total_steps = ?, "
                                 "error = ?, updated = ?, ended = ? WHERE id = ?"));
    query.addBindValue(runStatusName(status));
    query.addBindValue(step);
    query.addBindValue(totalSteps);
    query.addBindValue(error.isNull() ? QStringLiteral("") : error);
    query.addBindValue(isoTime(QDateTime::currentDateTimeUtc()));
    query.addBindValue(ended ? isoTime(QDateTime::currentDateTimeUtc()) : QStringLiteral(""));
    query.addBindValue(runId);
    if (!query.exec())
        return d->failure(query, QStringLiteral("cannot update run '%1'").arg(runId));
    return {};
}

QString RunStore::claimRun(const QString &runId, const QJsonObject &options)
{
    QSqlQuery query(d->db());
    query.prepare(
        QStringLiteral("UPDATE runs SET options = ?, pid = ?, host = ?, updated = ? WHERE id = ?"));
    query.addBindValue(json(options));
    query.addBindValue(QCoreApplication::applicationPid());
    query.addBindValue(QSysInfo::machineHostName());
    query.addBindValue(isoTime(QDateTime::currentDateTimeUtc()));
    query.addBindValue(runId);
    if (!query.exec() || query.numRowsAffected() != 1)
        return d->failure(query, QStringLiteral("cannot claim run '%1'").arg(runId));
    return {};
}

QString RunStore::appendMetrics(const QString &runId, const QVector<MetricPoint> &points)
{
    if (points.isEmpty())
        return {};
    QSqlDatabase db = d->db();
    if (!db.transaction())
        return QStringLiteral("%1: %2").arg(d->dbPath(), db.lastError().text());
    QHash<QString, qint64> ids;
    QSqlQuery insert(db);
    insert.prepare(QStringLiteral(
        "INSERT OR REPLACE INTO metrics (key_id, step, wall_time, value) VALUES (?, ?, ?, ?)"));
    for (const MetricPoint &point : points) {
        auto it = ids.find(point.key);
        if (it == ids.end()) {
            QString error;
            const qint64 id = d->keyId(runId, point.key, &error);
            if (id < 0) {
                db.rollback();
                return error;
            }
            it = ids.insert(point.key, id);
        }
        insert.bindValue(0, *it);
        insert.bindValue(1, point.step);
        insert.bindValue(2, point.wallTime);
        insert.bindValue(3, storedValue(point.value));
        if (!insert.exec()) {
            const QString error = d->failure(insert, QStringLiteral("cannot store metrics"));
            db.rollback();
            return error;
        }
    }
    if (!db.commit())
        return QStringLiteral("%1: %2").arg(d->dbPath(), db.lastError().text());
    return {};
}

QString RunStore::deleteMetricsAfter(const QString &runId, qint64 step)
{
    QSqlQuery query(d->db());
    query.prepare(QStringLiteral("DELETE FROM metrics WHERE step > ? AND key_id IN (SELECT id "
                                 "FROM metric_keys WHERE run_id = ?)"));
    query.addBindValue(step);
    query.addBindValue(runId);
    if (!query.exec())
        return d->failure(query, QStringLiteral("cannot trim metrics of '%1'").arg(runId));
    return {};
}

QString RunStore::addArtifact(ArtifactRecord *artifact)
{
    if (!artifact->created.isValid())
        artifact->created = QDateTime::currentDateTimeUtc();
    QSqlQuery query(d->db());
    query.prepare(QStringLiteral("INSERT INTO artifacts (run_id, kind, path, step, created, "
                                 "value, note) VALUES (?, ?, ?, ?, ?, ?, ?)"));
    query.addBindValue(artifact->runId);
    query.addBindValue(artifact->kind);
    query.addBindValue(d->relative(artifact->path));
    query.addBindValue(artifact->step);
    query.addBindValue(isoTime(artifact->created));
    query.addBindValue(storedValue(artifact->value));
    query.addBindValue(artifact->note.isNull() ? QStringLiteral("") : artifact->note);
    if (!query.exec())
        return d->failure(query, QStringLiteral("cannot record %1").arg(artifact->path));
    artifact->id = query.lastInsertId().toLongLong();
    return {};
}

QString RunStore::removeArtifact(const QString &runId, const QString &path)
{
    QSqlQuery query(d->db());
    query.prepare(QStringLiteral("DELETE FROM artifacts WHERE run_id = ? AND path = ?"));
    query.addBindValue(runId);
    query.addBindValue(d->relative(path));
    if (!query.exec())
        return d->failure(query, QStringLiteral("cannot remove the record of %1").arg(path));
    return {};
}

QString RunStore::addEvent(const QString &runId, const RunEvent &event)
{
    QSqlQuery query(d->db());
    query.prepare(QStringLiteral(
        "INSERT INTO run_events (run_id, step, wall_time, kind, message) VALUES (?, ?, ?, ?, ?)"));
    query.addBindValue(runId);
    query.addBindValue(event.step);
    query.addBindValue(event.wallTime);
    query.addBindValue(event.kind);
    query.addBindValue(event.message.isNull() ? QStringLiteral("") : event.message);
    if (!query.exec())
        return d->failure(query, QStringLiteral("cannot record event of '%1'").arg(runId));
    return {};
}

} // namespace pluvia::core
