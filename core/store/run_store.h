// SPDX-License-Identifier: GPL-3.0-or-later
// The experiment store's runs: what was trained with what, its metric series, artifacts and
// audit trail (core/store/store_database_p.h has the tables). Read by the CLI and the GUI while a
// run writes; written by the engine's store writer.
//
// Paths of artifacts are stored relative to the workspace and returned absolute. Metric values
// are doubles; NaN (a diverged loss) is stored as NULL and read back as NaN.
//
// Thread affinity: a RunStore (one SQLite connection) belongs to the thread that opened it.
// Open one per thread; WAL mode lets readers follow a writer in another thread or process.
#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QVector>

#include <memory>
#include <optional>

namespace pluvia::core {

enum class RunStatus {
    Created, // registered, not started
    Running,
    Paused,
    Stopped, // stopped by the user before the last step; resumable
    Finished, // reached its last step
    Failed, // could not continue (its error says why); resumable from its last checkpoint
    Interrupted, // read only: stored as running/paused, but its process is gone (crash, kill -9)
};

QString runStatusName(RunStatus status); // "created", "running", ...
bool parseRunStatus(const QString &name, RunStatus *status);

// A data role of a run: which dataset, and what it held when the run started.
struct RunRole {
    QString role; // e.g. "synthetic_paired"
    QString path; // the dataset's root (absolute)
    QString kind; // "paired", "unpaired", "time-lapse"
    QString content; // what the role reads: "rainy+clean", "rainy", "clean", "frames"
    int items = 0; // pairs, images or scenes used
    QString contentHash; // SHA-256 over the used files' names and bytes (hex)
    QString note; // e.g. "clean images of synthetic_paired (fallback)"
};

struct RunRecord {
    QString id; // e.g. "20261127-101502-supervised"; also the folder name under runs/
    QString experiment; // "" when the run belongs to none
    QString method;
    QString preset;
    QJsonObject params; // every hyperparameter, resolved
    QVector<RunRole> roles;
    QJsonObject options; // engine options: checkpoint_every, keep_last, validate_every, ...
    quint64 seed = 0;
    QString device; // "cpu", "cuda:0"
    int threads = 0;
    RunStatus status = RunStatus::Created;
    qint64 totalSteps = 0;
    qint64 step = 0; // steps completed
    QDateTime created;
    QDateTime updated;
    QDateTime ended; // invalid while the run can still continue
    QString pluviaVersion;
    QString libtorch;
    QString host;
    qint64 pid = 0; // process that last ran it
    QString error; // the last error, "" when none
    QString note;
};

struct MetricPoint {
    QString key; // "loss/l1", "weighted/cycle/O_s", "val/psnr_y", ...
    qint64 step = 0;
    double wallTime = 0.0; // seconds since the Unix epoch
    double value = 0.0;
};

struct MetricSeries {
    QString key;
    QVector<qint64> steps; // increasing
    QVector<double> wallTimes;
    QVector<double> values;
};

struct ArtifactRecord {
    qint64 id = 0;
    QString runId;
    QString kind; // "checkpoint", "best", "sample", "export"
    QString path; // absolute
    qint64 step = 0;
    QDateTime created;
    double value = 0.0; // e.g. the validation PSNR of a best checkpoint; NaN when none
    QString note;
};

struct RunEvent {
    qint64 step = 0;
    double wallTime = 0.0;
    QString kind; // "start", "pause", "resume", "stop", "finish", "error", "rollback"
    QString message;
};

class RunStore
{
public:
    ~RunStore();
    RunStore(const RunStore &) = delete;
    RunStore &operator=(const RunStore &) = delete;

    // Opens the store of the workspace in `folder` (which must exist and hold, or be allowed to
    // create, pluvia.db). Returns nullptr and sets *error on failure.
    static std::unique_ptr<RunStore> open(const QString &workspaceFolder, QString *error);
    QString workspaceFolder() const;
    QString runFolder(const QString &runId) const; // <workspace>/runs/<id>

    // ---- reading ----
    QVector<RunRecord> runs() const; // newest first
    // By id, or by a prefix matching exactly one run.
    std::optional<RunRecord> run(const QString &idOrPrefix, QString *error = nullptr) const;
    QStringList metricKeys(const QString &runId) const; // sorted
    MetricSeries series(const QString &runId, const QString &key) const;
    QVector<ArtifactRecord> artifacts(const QString &runId, const QString &kind = {}) const;
    QVector<RunEvent> events(const QString &runId) const;

    // ---- writing: each returns "" or a message naming the store and the reason ----
    // Inserts a run; an empty id is made from the creation time and the method (unique even
    // when several threads or processes create runs in the same second).
    QString createRun(RunRecord *record);
    QString updateRun(const QString &runId, RunStatus status, qint64 step, qint64 totalSteps,
        const QString &error);
    // Claims a run for this process (pid, host) before it continues, recording the engine
    // options it continues with (e.g. a larger step count).
    QString claimRun(const QString &runId, const QJsonObject &options);
    // One transaction for the whole batch; a point already stored (run, key, step) is replaced.
    QString appendMetrics(const QString &runId, const QVector<MetricPoint> &points);
    // Drops points after `step` (work lost since the checkpoint a resumed run starts from).
    QString deleteMetricsAfter(const QString &runId, qint64 step);
    QString addArtifact(ArtifactRecord *artifact);
    QString removeArtifact(const QString &runId, const QString &path);
    QString addEvent(const QString &runId, const RunEvent &event);

private:
    struct Private;
    explicit RunStore(std::unique_ptr<Private> d);
    // One BEGIN IMMEDIATE transaction; an empty id is chosen inside it.
    QString insertRun(RunRecord *record);
    std::unique_ptr<Private> d;
};

} // namespace pluvia::core
