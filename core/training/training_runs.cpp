// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/training/training_runs.h"

#include "core/training/training_run.h"

#include <utility>

namespace pluvia::core {

TrainingRuns::TrainingRuns(QObject *parent)
    : QObject(parent)
{ }

TrainingRuns::~TrainingRuns()
{
    // Each handle's destructor stops its run and waits for the step in flight; nothing is
    // passed on any more.
    const QVector<Entry> entries = std::exchange(m_entries, {});
    for (const Entry &entry : entries) {
        entry.run->disconnect(this);
        delete entry.run;
    }
}

quint64 TrainingRuns::start(RunRequest request)
{
    return add(new TrainingRun(std::move(request)), {});
}

quint64 TrainingRuns::resumeStored(ResumeRequest request)
{
    for (const Entry &entry : std::as_const(m_entries))
        if (entry.state.runId == request.runId || entry.state.resumed == request.runId)
            return 0;
    const QString runId = request.runId;
    return add(new TrainingRun(std::move(request)), runId);
}

quint64 TrainingRuns::add(TrainingRun *run, const QString &resumed)
{
    const quint64 handle = ++m_nextHandle;
    m_entries.push_back({ ActiveRun { handle, {}, resumed, RunStatus::Created, {}, {} }, run });
    connect(run, &TrainingRun::runCreated, this, [this, handle](const QString &id) {
        if (ActiveRun *a = findMutable(handle))
            a->runId = id;
        Q_EMIT runCreated(handle, id);
    });
    connect(run, &TrainingRun::statusChanged, this, [this, handle](RunStatus status) {
        if (ActiveRun *a = findMutable(handle)) {
            a->status = status;
            if (status == RunStatus::Running)
                a->lastError.clear(); // what paused it no longer holds
        }
        Q_EMIT statusChanged(handle, status);
    });
    connect(run, &TrainingRun::stepCompleted, this, [this, handle](const StepEvent &event) {
        if (ActiveRun *a = findMutable(handle))
            a->lastStep = event;
        Q_EMIT stepCompleted(handle, event);
    });
    connect(
        run, &TrainingRun::metricsLogged, this, [this, run](const QVector<MetricPoint> &points) {
            Q_EMIT metricsLogged(run->runId(), points);
        });
    connect(run, &TrainingRun::validationCompleted, this, &TrainingRuns::validationCompleted);
    connect(run, &TrainingRun::previewReady, this, &TrainingRuns::previewReady);
    connect(run, &TrainingRun::logLine, this,
        [this, run](const QString &line) { Q_EMIT logLine(run->runId(), line); });
    connect(run, &TrainingRun::errorOccurred, this, [this, handle](const RunError &error) {
        if (ActiveRun *a = findMutable(handle))
            a->lastError = error.message;
        Q_EMIT errorOccurred(handle, error);
    });
    connect(run, &TrainingRun::finished, this, [this, handle, run](RunStatus status) {
        const ActiveRun ended = *findMutable(handle);
        m_entries.removeIf([handle](const Entry &entry) { return entry.state.handle == handle; });
        run->deleteLater();
        Q_EMIT runFinished(status, handle, ended.runId, ended.lastError);
    });
    Q_EMIT runAdded(handle);
    run->start();
    return handle;
}

ActiveRun *TrainingRuns::findMutable(quint64 handle)
{
    for (Entry &entry : m_entries)
        if (entry.state.handle == handle)
            return &entry.state;
    return nullptr;
}

const ActiveRun *TrainingRuns::find(quint64 handle) const
{
    for (const Entry &entry : m_entries)
        if (entry.state.handle == handle)
            return &entry.state;
    return nullptr;
}

TrainingRun *TrainingRuns::runOf(quint64 handle) const
{
    for (const Entry &entry : m_entries)
        if (entry.state.handle == handle)
            return entry.run;
    return nullptr;
}

void TrainingRuns::pause(quint64 handle)
{
    if (TrainingRun *run = runOf(handle))
        run->pause();
}

void TrainingRuns::resume(quint64 handle)
{
    if (TrainingRun *run = runOf(handle))
        run->resume();
}

void TrainingRuns::stop(quint64 handle)
{
    if (TrainingRun *run = runOf(handle))
        run->stop();
}

void TrainingRuns::stopAll()
{
    for (const Entry &entry : std::as_const(m_entries))
        entry.run->stop();
}

void TrainingRuns::requestPreview(quint64 handle, const QString &rainyImage)
{
    if (TrainingRun *run = runOf(handle))
        run->requestPreview(rainyImage);
}

QVector<ActiveRun> TrainingRuns::active() const
{
    QVector<ActiveRun> runs;
    for (const Entry &entry : m_entries)
        runs << entry.state;
    return runs;
}

int TrainingRuns::count() const
{
    return int(m_entries.size());
}

} // namespace pluvia::core
