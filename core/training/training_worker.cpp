// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/training/training_worker_p.h"

#include "core/atomic_file.h"
#include "core/error_text.h"
#include "core/training/training_session_p.h"

#include <QDateTime>
#include <QElapsedTimer>

#include <c10/util/Exception.h>

namespace pluvia::core {

namespace {

// Events reach observers at most this often (STYLE.md 12); points are batched meanwhile.
constexpr qint64 kEmitIntervalMs = 50;

} // namespace

TrainingWorker::TrainingWorker(
    std::variant<RunRequest, ResumeRequest> request, std::shared_ptr<RunControl> control)
    : m_request(std::move(request))
    , m_control(std::move(control))
{ }

TrainingWorker::~TrainingWorker() = default;

void TrainingWorker::emitLog(TrainingSession &session)
{
    for (const QString &line : session.takeLog())
        Q_EMIT logLine(line);
}

void TrainingWorker::emitPending(TrainingSession &session, const StepEvent *step, bool force)
{
    if (step)
        m_lastStep = *step;
    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    if (!force && nowMs - m_lastEmitMs < kEmitIntervalMs)
        return;
    m_lastEmitMs = nowMs;
    const QVector<MetricPoint> points = session.takeNewPoints();
    if (!points.isEmpty())
        Q_EMIT metricsLogged(points);
    if (m_lastStep.step > m_lastEmittedStep) {
        m_lastEmittedStep = m_lastStep.step;
        Q_EMIT stepCompleted(m_lastStep);
    }
    emitLog(session);
}

void TrainingWorker::fail(TrainingSession &session, const QString &code, const QString &term,
    const QString &message, bool rollback)
{
    m_needsRollback = m_needsRollback || rollback;
    m_pauseReason = message;
    m_checkpointFailed = code == QLatin1String("checkpoint");
    m_control->pauseRequested = true;
    session.recordEvent(QStringLiteral("error"), message);
    Q_EMIT errorOccurred({ session.runId(), session.step(), code, term, message });
}

bool TrainingWorker::pauseAndWait(TrainingSession &session)
{
    if (!m_needsRollback && !m_checkpointFailed) {
        if (const QString e = session.checkpoint(QStringLiteral("pause")); !e.isEmpty())
            Q_EMIT errorOccurred(
                { session.runId(), session.step(), QStringLiteral("checkpoint"), {}, e });
    }
    session.setStatus(RunStatus::Paused, m_pauseReason);
    session.recordEvent(QStringLiteral("pause"), QStringLiteral("at step %1").arg(session.step()));
    session.flushStore();
    emitPending(session, nullptr, true);
    Q_EMIT statusChanged(RunStatus::Paused);
    {
        std::unique_lock<std::mutex> lock(m_control->mutex);
        m_control->wake.wait(
            lock, [this] { return !m_control->pauseRequested || m_control->stopRequested; });
    }
    if (m_control->stopRequested)
        return false;
    if (m_needsRollback) {
        QString error;
        if (!session.rollback(&error)) {
            Q_EMIT errorOccurred(
                { session.runId(), session.step(), QStringLiteral("checkpoint"), {}, error });
            return false;
        }
        m_needsRollback = false;
    }
    m_pauseReason.clear();
    m_checkpointFailed = false;
    session.recordEvent(QStringLiteral("resume"), QStringLiteral("at step %1").arg(session.step()));
    session.setStatus(RunStatus::Running);
    emitLog(session);
    Q_EMIT statusChanged(RunStatus::Running);
    return true;
}

void TrainingWorker::afterStep(TrainingSession &session)
{
    QString error;
    if (session.checkpointDue())
        if (const QString e = session.checkpoint(QStringLiteral("scheduled")); !e.isEmpty())
            fail(session, QStringLiteral("checkpoint"), {},
                e + QStringLiteral("; the run is paused"), false);
    if (session.validationDue()) {
        if (const auto event = session.validateNow(&error))
            Q_EMIT validationCompleted(*event);
        if (!error.isEmpty())
            Q_EMIT logLine(QStringLiteral("validation: %1").arg(error));
    }
    if (session.previewDue() || m_control->previewRequested.exchange(false)) {
        QString sample;
        {
            std::lock_guard<std::mutex> lock(m_control->mutex);
            sample = std::exchange(m_control->previewSample, QString());
        }
        error.clear();
        const PreviewEvent event = session.previewNow(sample, &error);
        if (!event.layers.isEmpty())
            Q_EMIT previewReady(event);
        if (!error.isEmpty())
            Q_EMIT logLine(QStringLiteral("preview: %1").arg(error));
    }
}

void TrainingWorker::run()
{
    TrainingSession session(
        [this](const QString &error) {
            Q_EMIT errorOccurred({ {}, 0, QStringLiteral("store"), {}, error });
        },
        [this](const QString &status) {
            if (!status.isEmpty())
                Q_EMIT logLine(status);
            return !m_control->stopRequested;
        });
    QString error;
    const bool ready = std::holds_alternative<RunRequest>(m_request)
        ? session.startNew(std::get<RunRequest>(m_request), &error)
        : session.resumeStored(std::get<ResumeRequest>(m_request), &error);
    emitLog(session);
    if (!ready && m_control->stopRequested) {
        // Stopped while the data was being checked or hashed: nothing was trained.
        Q_EMIT logLine(QStringLiteral("stopped before training began"));
        Q_EMIT finished(RunStatus::Stopped);
        return;
    }
    if (!ready) {
        Q_EMIT errorOccurred({ session.runId(), 0, QStringLiteral("setup"), {}, error });
        if (!session.runId().isEmpty())
            session.setStatus(RunStatus::Failed, error);
        session.flushStore();
        Q_EMIT finished(RunStatus::Failed);
        return;
    }
    Q_EMIT runCreated(session.runId());
    Q_EMIT statusChanged(RunStatus::Running);
    // A preview of the starting point, so the viewer has something before the first interval.
    if (session.step() == 0 && session.previewsScheduled())
        m_control->previewRequested = true;

    // Training time of this session: wall time without the time spent paused.
    QElapsedTimer sessionClock;
    sessionClock.start();
    while (!m_control->stopRequested) {
        if (m_control->pauseRequested) {
            QElapsedTimer paused;
            paused.start();
            const bool resumed = pauseAndWait(session);
            m_pausedMs += paused.elapsed();
            if (!resumed)
                break;
        }
        if (session.done())
            break;
        if (session.timeLimitSeconds() > 0
            && double(sessionClock.elapsed() - m_pausedMs) >= session.timeLimitSeconds() * 1000.0) {
            session.recordEvent(QStringLiteral("time-limit"),
                QStringLiteral("%1 s of training reached at step %2; resume continues the run")
                    .arg(session.timeLimitSeconds())
                    .arg(session.step()));
            break;
        }
        try {
            QString nonFinite;
            const StepEvent event = session.runStep(&nonFinite);
            if (!nonFinite.isEmpty()) {
                const double value = [&] {
                    for (const LossValue &loss : event.losses)
                        if (loss.name == nonFinite)
                            return loss.value;
                    return 0.0;
                }();
                fail(session, QStringLiteral("non-finite-loss"), nonFinite,
                    QStringLiteral("loss '%1' is %2 at step %3; the run is paused, and resuming "
                                   "restarts it from its latest checkpoint")
                        .arg(nonFinite,
                            std::isnan(value) ? QStringLiteral("NaN") : QStringLiteral("infinite"))
                        .arg(event.step),
                    true);
                continue;
            }
            emitPending(session, &event, event.step == event.totalSteps);
            afterStep(session);
            session.observeTrainingTime(double(sessionClock.elapsed() - m_pausedMs) / 1000.0);
        } catch (const c10::Error &e) {
            fail(session, QStringLiteral("step-failed"), {},
                QStringLiteral("step %1 failed: %2; the run is paused, and resuming restarts it "
                               "from its latest checkpoint")
                    .arg(session.step() + 1)
                    .arg(firstLineOf(e.what_without_backtrace())),
                true);
        } catch (const std::exception &e) {
            fail(session, QStringLiteral("step-failed"), {},
                QStringLiteral("step %1 failed: %2; the run is paused, and resuming restarts it "
                               "from its latest checkpoint")
                    .arg(session.step() + 1)
                    .arg(firstLineOf(e.what())),
                true);
        }
    }

    RunStatus final = session.done() ? RunStatus::Finished : RunStatus::Stopped;
    // Why the run ended other than finished, stored with its status (an error that paused it
    // and that the stop's checkpoint then overcame is no longer a reason).
    QString reason = m_needsRollback ? QStringLiteral("stopped after a failed step") : QString();
    if (!m_needsRollback) {
        if (const QString e = session.checkpoint(
                final == RunStatus::Finished ? QStringLiteral("finish") : QStringLiteral("stop"));
            !e.isEmpty()) {
            Q_EMIT errorOccurred(
                { session.runId(), session.step(), QStringLiteral("checkpoint"), {}, e });
            // A full disk leaves the earlier checkpoints sound: the run is stopped, and resumes
            // once there is space. Any other failure to write one fails the run.
            final = isDiskFull(e) ? RunStatus::Stopped : RunStatus::Failed;
            reason = isDiskFull(e) ? e + QStringLiteral("; free space, then resume the run") : e;
        }
    }
    session.recordEvent(
        final == RunStatus::Finished ? QStringLiteral("finish") : QStringLiteral("stop"),
        QStringLiteral("at step %1 of %2").arg(session.step()).arg(session.totalSteps()));
    if (const QString cost = session.loggingCostSummary(); !cost.isEmpty())
        Q_EMIT logLine(cost);
    session.setStatus(final, final == RunStatus::Finished ? QString() : reason);
    session.flushStore();
    emitPending(session, nullptr, true);
    Q_EMIT statusChanged(final);
    Q_EMIT finished(final);
}

} // namespace pluvia::core
