// SPDX-License-Identifier: GPL-3.0-or-later
// Everything a run needs between two steps (private to core): its method, data, plan, store
// writer and checkpoints. The worker (training_worker_p.h) drives it from the run's thread and
// turns what it returns into events.
//
// Exact resume: a checkpoint holds the method's complete state, the step, the stage and the
// loaders' position; loaders derive every batch from (seed, role, batch index) and the method
// draws only from its own saved generator, so a run resumed on the CPU continues with the very
// losses an uninterrupted run computes.
//
// Thread affinity: the run's thread only.
#pragma once

#include "core/checkpoint/checkpoint_info.h"
#include "core/inference/layer_preview_p.h"
#include "core/store/store_writer_p.h"
#include "core/training/role_data_p.h"
#include "core/training/run_evaluation_p.h"
#include "core/training/run_request.h"
#include "core/training/time_budget_plan_p.h"
#include "core/training/training_events.h"
#include "models/framework/method.h"

#include <QElapsedTimer>
#include <QStringList>

#include <functional>
#include <limits>
#include <memory>
#include <optional>

namespace pluvia::core {

class TrainingSession
{
public:
    // `storeError` receives failed store writes; `setupProgress` the status lines of the data's
    // inspection and hashing before the first step (see RoleResolution::progress), and its false
    // cancels the setup (startNew/resumeStored then fail with "cancelled").
    TrainingSession(std::function<void(QString)> storeError,
        std::function<bool(const QString &status)> setupProgress);
    ~TrainingSession();

    // Validates the request, resolves and hashes the data, creates the method and registers the
    // run (status running), then writes the step-0 checkpoint. Returns false with *error.
    bool startNew(const RunRequest &request, QString *error);
    // Loads a stored run's latest readable checkpoint and continues from it. Returns false with
    // *error (the run is unknown, active in another process, or no checkpoint can be read).
    bool resumeStored(const ResumeRequest &request, QString *error);

    QString runId() const { return m_record.id; }
    qint64 step() const { return m_step; }
    qint64 totalSteps() const { return m_plan.totalSteps; }
    bool done() const { return m_step >= m_plan.totalSteps; }
    QString stageName() const;

    // Runs one step; returns its event. Sets *nonFiniteTerm (and returns the event) when a loss
    // is NaN or infinite: the method's state is then unusable until rollback(). Throws what
    // the method or the loaders throw.
    StepEvent runStep(QString *nonFiniteTerm);

    // Restores the latest checkpoint (after a failed step). Returns false with *error.
    bool rollback(QString *error);

    // Writes a checkpoint of the current step (unless one exists for it), keeps the last K.
    QString checkpoint(const QString &reason);
    bool validationDue() const;
    bool checkpointDue() const;
    bool previewDue() const;
    bool previewsScheduled() const { return m_options.previewEvery > 0; }
    double timeLimitSeconds() const { return m_options.timeLimitSeconds; }
    // After each step, with the session's training time so far: with a time limit, plans the
    // run for the steps it will reach (see TimeBudgetPlan) and records each change of plan.
    void observeTrainingTime(double seconds);
    std::optional<ValidationEvent> validateNow(QString *error);
    // `sample`: a rainy image path, or "" for the default sample.
    PreviewEvent previewNow(const QString &sample, QString *error);

    // The status and why the run is in it (a pause or stop for an error: the message); the
    // reason stays with the status until the next change of status.
    void setStatus(RunStatus status, const QString &reason = {});
    void recordEvent(const QString &kind, const QString &message);
    // Lines to show the user (data notes, checkpoints), taken once.
    QStringList takeLog();
    // New metric points since the last call.
    QVector<MetricPoint> takeNewPoints();
    void flushStore();
    // What logging cost: the training thread's share of step time, and the writer's CPU.
    QString loggingCostSummary() const;

private:
    bool prepare(
        const models::MethodDescription &description, const models::Params &params, QString *error);
    bool restoreLatest(QString *error);
    QString checkpointPath(qint64 step) const;
    void log(const QString &line);

    QString runFolder() const; // <workspace>/runs/<id>
    CheckpointInfo currentCheckpointInfo() const;
    // Records a file of this step in the store (through the writer); returns the record.
    ArtifactRecord recordArtifact(const QString &kind, const QString &path, const QString &note,
        double value = std::numeric_limits<double>::quiet_NaN());

    std::function<void(QString)> m_storeError;
    std::function<bool(const QString &status)> m_setupProgress;
    QString m_workspace;
    RunRecord m_record;
    EngineOptions m_options;
    QVector<ResolvedRole> m_roles;
    std::unique_ptr<models::Method> m_method;
    std::unique_ptr<RoleLoaders> m_loaders;
    std::unique_ptr<StoreWriter> m_writer;
    models::TrainingPlan m_plan;
    std::vector<models::Stage> m_stages;
    std::optional<TimeBudgetPlan> m_timePlan;
    bool m_stagesProbed = false;
    qint64 m_step = 0;
    qint64 m_lastCheckpointStep = -1;
    QVector<ArtifactRecord> m_checkpoints; // scheduled/pause/stop checkpoints, oldest first
    double m_bestPsnr = -1.0;
    ArtifactRecord m_best;
    std::optional<ValidationSet> m_validation;
    double m_smoothedStepSeconds = 0.0;
    double m_smoothingWeight = 0.0; // for the debiased moving average
    double m_stepSecondsTotal = 0.0;
    QStringList m_log;
    QVector<MetricPoint> m_newPoints;
    QStringList m_reportedProblems;

    // The loaders' next batch; problems (skipped files) are logged once each. Throws when the
    // loaders fail.
    models::TrainingBatch nextBatch();
    // Times a few steps of each stage (state and loader position restored afterwards) for the
    // time limit's plan.
    void probeStageCosts();
};

} // namespace pluvia::core
