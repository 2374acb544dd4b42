// SPDX-License-Identifier: GPL-3.0-or-later
// The training runs active in this process (DESIGN.md §5): the one place that starts, resumes,
// pauses, stops and lists them, and that passes on every run's events once, tagged with the run
// (a handle from start() until it ends; the run id once it is known). The training form, the
// plots, the layer viewer, the status bar and the window's close handling all talk to it, so
// several runs' lifecycles are testable without a GUI.
//
// Thread affinity: as TrainingRun's: one thread with an event loop; each run trains on its own
// thread. The destructor stops every run (each writes its checkpoint) and waits for them.
#pragma once

#include "core/training/run_request.h"
#include "core/training/training_events.h"

#include <QObject>
#include <QVector>

#include <memory>

namespace pluvia::core {

class TrainingRun;

// What a run last reported, as its observers show it.
struct ActiveRun {
    quint64 handle = 0;
    QString runId; // "" until the run has created its record
    QString resumed; // the stored run it continues, as asked for ("" for a new run)
    RunStatus status = RunStatus::Created;
    StepEvent lastStep; // step 0 until the first step ends
    QString lastError; // the latest error's message, until the run runs again
};

class TrainingRuns : public QObject
{
    Q_OBJECT

public:
    explicit TrainingRuns(QObject *parent = nullptr);
    ~TrainingRuns() override;
    Q_DISABLE_COPY(TrainingRuns)

    // Start a run; returns its handle.
    quint64 start(RunRequest request);
    // Continue a stored run from its last checkpoint; 0 when it is already active here.
    quint64 resumeStored(ResumeRequest request);
    void pause(quint64 handle);
    void resume(quint64 handle);
    void stop(quint64 handle); // after its current step, writing a checkpoint
    void stopAll();
    void requestPreview(quint64 handle, const QString &rainyImage = {});

    QVector<ActiveRun> active() const; // in the order they were started
    const ActiveRun *find(quint64 handle) const;
    int count() const;
    bool isEmpty() const { return count() == 0; }

Q_SIGNALS:
    void runAdded(quint64 handle);
    void runCreated(quint64 handle, const QString &runId);
    void statusChanged(quint64 handle, pluvia::core::RunStatus status);
    void stepCompleted(quint64 handle, const pluvia::core::StepEvent &event);
    void metricsLogged(const QString &runId, const QVector<pluvia::core::MetricPoint> &points);
    void validationCompleted(const pluvia::core::ValidationEvent &event);
    void previewReady(const pluvia::core::PreviewEvent &event);
    void logLine(const QString &runId, const QString &line);
    void errorOccurred(quint64 handle, const pluvia::core::RunError &error);
    // The run has ended (its thread is done) and left the active list.
    void runFinished(pluvia::core::RunStatus status, quint64 handle, const QString &runId,
        const QString &lastError);

private:
    quint64 add(TrainingRun *run, const QString &resumed);
    ActiveRun *findMutable(quint64 handle);
    TrainingRun *runOf(quint64 handle) const;

    struct Entry {
        ActiveRun state;
        TrainingRun *run;
    };
    QVector<Entry> m_entries;
    quint64 m_nextHandle = 0;
};

} // namespace pluvia::core
