// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/jobs/job.h"

#include "core/error_text.h"

#include <QElapsedTimer>
#include <QMutex>
#include <QThreadPool>
#include <QVector>

#include <atomic>
#include <exception>
#include <utility>

namespace pluvia::core {

namespace {

// Long jobs wait on I/O and set their own compute threads: a pool of their own keeps them from
// starving the short tasks of Qt's global pool (thumbnails) and the other way round.
QThreadPool &jobPool()
{
    // Destroyed at exit, too late for work still running then: main waits first (waitForJobs).
    static QThreadPool pool;
    static const bool configured = [] {
        pool.setMaxThreadCount(16);
        return true;
    }();
    Q_UNUSED(configured);
    return pool;
}

} // namespace

void waitForJobs()
{
    jobPool().waitForDone();
}

// What the work has reported and the owner has not yet seen; shared by both threads.
struct JobState {
    quint64 requestId = 0;
    std::atomic_bool cancelled { false };
    QElapsedTimer timer;

    QMutex mutex; // guards everything below
    Job *receiver = nullptr; // nullptr once the job is gone
    bool deliveryQueued = false;
    bool progressChanged = false;
    qint64 done = 0;
    qint64 total = 0;
    QStringList warnings;
    QVector<QVariant> partials;
    bool ended = false;
    JobOutcome outcome = JobOutcome::Failed;
    QString error;

    // With `mutex` held: one queued delivery at a time, so a slow owner sees the latest figures.
    void queueDelivery()
    {
        if (receiver == nullptr || deliveryQueued)
            return;
        deliveryQueued = true;
        QMetaObject::invokeMethod(receiver, &Job::deliver, Qt::QueuedConnection);
    }
};

JobContext::JobContext(std::shared_ptr<JobState> state)
    : m_state(std::move(state))
{ }

bool JobContext::isCancelled() const
{
    return m_state->cancelled.load();
}

void JobContext::setProgress(qint64 done, qint64 total)
{
    QMutexLocker lock(&m_state->mutex);
    m_state->done = done;
    m_state->total = total;
    m_state->progressChanged = true;
    m_state->queueDelivery();
}

void JobContext::warn(const QString &text)
{
    QMutexLocker lock(&m_state->mutex);
    m_state->warnings << text;
    m_state->queueDelivery();
}

void JobContext::publish(const QVariant &partial)
{
    QMutexLocker lock(&m_state->mutex);
    m_state->partials << partial;
    m_state->queueDelivery();
}

ProgressCallback JobContext::progressCallback() const
{
    return [context = *this](qint64 done, qint64 total) mutable {
        context.setProgress(done, total);
        return !context.isCancelled();
    };
}

Job::Job(quint64 requestId, QObject *parent)
    : QObject(parent)
    , m_requestId(requestId)
    , m_state(std::make_shared<JobState>())
{
    m_state->requestId = requestId;
    m_state->receiver = this;
}

Job::~Job()
{
    m_state->cancelled = true;
    QMutexLocker lock(&m_state->mutex);
    m_state->receiver = nullptr; // deliveries already queued die with this object
}

void Job::start()
{
    Q_ASSERT(!m_started);
    if (m_started)
        return;
    m_started = true;
    m_state->timer.start();
    jobPool().start([state = m_state, work = work()] {
        JobContext context(state);
        JobOutcome outcome = JobOutcome::Succeeded;
        QString error;
        try {
            error = work(context);
        } catch (const std::exception &e) {
            error = firstLineOf(e.what());
        } catch (...) {
            error = QStringLiteral("an unknown error");
        }
        if (state->cancelled.load())
            outcome = JobOutcome::Cancelled;
        else if (!error.isEmpty())
            outcome = JobOutcome::Failed;
        QMutexLocker lock(&state->mutex);
        state->ended = true;
        state->outcome = outcome;
        state->error = error;
        state->queueDelivery();
    });
}

void Job::cancel()
{
    m_state->cancelled = true;
}

void Job::deliver()
{
    bool hasProgress = false, ended = false;
    JobProgress progress;
    QStringList warnings;
    QVector<QVariant> partials;
    JobOutcome outcome = JobOutcome::Failed;
    QString error;
    {
        QMutexLocker lock(&m_state->mutex);
        m_state->deliveryQueued = false;
        hasProgress = std::exchange(m_state->progressChanged, false);
        progress.requestId = m_requestId;
        progress.done = m_state->done;
        progress.total = m_state->total;
        warnings = std::exchange(m_state->warnings, {});
        partials = std::exchange(m_state->partials, {});
        ended = m_state->ended;
        outcome = m_state->outcome;
        error = m_state->error;
    }
    if (hasProgress) {
        progress.elapsedSeconds = double(m_state->timer.elapsed()) / 1000.0;
        if (progress.done > 0 && progress.total > progress.done)
            progress.etaSeconds
                = progress.elapsedSeconds * double(progress.total - progress.done) / progress.done;
        else if (progress.total > 0 && progress.done >= progress.total)
            progress.etaSeconds = 0.0;
        Q_EMIT progressChanged(progress);
    }
    for (const QString &warning : std::as_const(warnings)) {
        m_warnings << warning;
        Q_EMIT warningRaised(m_requestId, warning);
    }
    for (const QVariant &partial : std::as_const(partials))
        Q_EMIT resultPublished(m_requestId, partial);
    if (ended && !m_finished)
        finish(outcome, error);
}

void Job::finish(JobOutcome outcome, const QString &error)
{
    m_finished = true;
    m_outcome = outcome;
    m_error = error;
    Q_EMIT finished(m_requestId, outcome);
}

} // namespace pluvia::core
