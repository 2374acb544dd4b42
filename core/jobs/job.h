// SPDX-License-Identifier: GPL-3.0-or-later
// One shape for every long operation outside training (DESIGN.md §5; KDE's KJob is the model):
// deraining, dataset export, inspection, feature extraction, t-SNE, the demo build, a run's
// stored series. Training has a richer handle of the same shape (training/training_run.h).
//
// A job is started once, runs its work on a thread of its own pool, and reports to the thread
// that owns it through queued signals: progress with an ETA (coalesced: a slow receiver sees the
// latest figures, never a backlog), warnings as they happen, intermediate results where the work
// publishes them, and finished exactly once with the outcome. Every signal carries the job's
// request id, so a receiver that started several can drop stale ones. cancel() is thread-safe and
// takes effect where the work next checks; destroying a job cancels it without waiting (the work
// holds no reference to the job and ends on its own), and no signal arrives after that.
//
// Thread affinity: construct, start, cancel and destroy in the owner's thread, which runs an
// event loop.
#pragma once

#include "core/jobs/progress.h"

#include <QObject>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <functional>
#include <memory>
#include <type_traits>

namespace pluvia::core {

struct JobProgress {
    quint64 requestId = 0;
    qint64 done = 0;
    qint64 total = 0; // 0: unknown
    double elapsedSeconds = 0.0;
    double etaSeconds = -1.0; // the remaining work at the average rate so far; -1: unknown
};

enum class JobOutcome { Succeeded, Failed, Cancelled };

struct JobState;

// What the work sees of its job, on the job's thread.
class JobContext
{
public:
    explicit JobContext(std::shared_ptr<JobState> state);
    bool isCancelled() const;
    void setProgress(qint64 done, qint64 total);
    void warn(const QString &text);
    // Hands an intermediate result to the owner (resultPublished), e.g. a t-SNE snapshot.
    void publish(const QVariant &partial);
    // For core functions that take a ProgressCallback: reports progress and asks them to stop
    // once the job is cancelled.
    ProgressCallback progressCallback() const;

private:
    std::shared_ptr<JobState> m_state;
};

class Job : public QObject
{
    Q_OBJECT

public:
    ~Job() override; // cancels; never waits
    Q_DISABLE_COPY(Job)

    quint64 requestId() const { return m_requestId; }
    void start(); // once
    void cancel();
    bool isRunning() const { return m_started && !m_finished; }
    bool isFinished() const { return m_finished; }
    JobOutcome outcome() const { return m_outcome; } // valid once finished
    QString errorText() const { return m_error; } // Failed: names what failed and why
    QStringList warnings() const { return m_warnings; }

Q_SIGNALS:
    void progressChanged(const pluvia::core::JobProgress &progress);
    void warningRaised(quint64 requestId, const QString &text);
    void resultPublished(quint64 requestId, const QVariant &partial);
    void finished(quint64 requestId, pluvia::core::JobOutcome outcome);

protected:
    using Work = std::function<QString(JobContext &)>;
    Job(quint64 requestId, QObject *parent);
    // The work, taken once by start() and run on the job's thread; it must hold nothing of the
    // job itself. It returns "" or an error text (the job fails with it); an exception fails the
    // job with its first line. A job cancelled while it ran ends Cancelled.
    virtual Work work() = 0;

private:
    void deliver(); // in the owner's thread: what the work reported since the last delivery
    void finish(JobOutcome outcome, const QString &error);

    const quint64 m_requestId;
    std::shared_ptr<JobState> m_state;
    bool m_started = false;
    bool m_finished = false;
    JobOutcome m_outcome = JobOutcome::Failed;
    QString m_error;
    QStringList m_warnings;

    friend class JobContext;
    friend struct JobState;
};

// Blocks until the work of every job has returned. The GUI calls it once its windows (and so its
// jobs, which cancel on destruction) are gone and before main returns: work still running while
// the process exits would meet LibTorch's thread pools half torn down.
void waitForJobs();

// A result type's own error text, for results that carry one (e.g. DerainReport::error).
template<class T, class = void>
struct ResultError {
    static QString of(const T &) { return {}; }
};
template<class T>
struct ResultError<T, std::void_t<decltype(std::declval<const T &>().error)>> {
    static QString of(const T &result) { return result.error; }
};

// A job that computes one value: `result()` is valid once finished() says Succeeded (or Failed
// because the result carries an error, which is then also errorText()).
template<class Result>
class TaskJob final : public Job
{
public:
    using Compute = std::function<Result(JobContext &)>;
    TaskJob(quint64 requestId, Compute compute, QObject *parent = nullptr)
        : Job(requestId, parent)
        , m_box(std::make_shared<Box>())
    {
        m_box->compute = std::move(compute);
    }
    const Result &result() const { return m_box->result; }

private:
    // Shared with the work, which may outlive the job.
    struct Box {
        Compute compute;
        Result result {};
    };
    Work work() override
    {
        return [box = m_box](JobContext &context) {
            box->result = box->compute(context);
            return ResultError<Result>::of(box->result);
        };
    }
    std::shared_ptr<Box> m_box;
};

// Starts a TaskJob owned by `owner` and calls `done(job)` in the owner's thread once it has
// finished; the job is deleted afterwards (and with its owner, which cancels it). Returns the job
// so that progress and warnings can be connected before its first report arrives.
template<class Compute, class Done>
auto *startTask(QObject *owner, Compute compute, Done done, quint64 requestId = 0)
{
    using Result = std::invoke_result_t<Compute, JobContext &>;
    auto *job = new TaskJob<Result>(requestId, std::move(compute), owner);
    QObject::connect(job, &Job::finished, owner, [job, done = std::move(done)] {
        done(*job);
        job->deleteLater();
    });
    job->start();
    return job;
}

} // namespace pluvia::core

Q_DECLARE_METATYPE(pluvia::core::JobProgress)
Q_DECLARE_METATYPE(pluvia::core::JobOutcome)
