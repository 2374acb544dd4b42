// SPDX-License-Identifier: GPL-3.0-or-later
// The run's thread (private to core): the loop between steps, where controls are honoured and
// events are emitted. TrainingRun owns it.
#pragma once

#include "core/training/run_event_signals.h"
#include "core/training/run_request.h"

#include <QObject>
#include <QString>

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <variant>

namespace pluvia::core {

class TrainingSession;

// Set by the owner's thread, read by the run's thread between steps (STYLE.md 10).
struct RunControl {
    std::atomic<bool> stopRequested { false };
    std::atomic<bool> pauseRequested { false };
    std::atomic<bool> previewRequested { false };
    std::mutex mutex; // guards previewSample; pairs with `wake` for a paused run
    std::condition_variable wake;
    QString previewSample;
};

class TrainingWorker : public RunEventSignals
{
    Q_OBJECT

public:
    TrainingWorker(
        std::variant<RunRequest, ResumeRequest> request, std::shared_ptr<RunControl> control);
    ~TrainingWorker() override;

public Q_SLOTS:
    void run();

private:
    void emitLog(TrainingSession &session);
    void emitPending(TrainingSession &session, const StepEvent *step, bool force);
    void fail(TrainingSession &session, const QString &code, const QString &term,
        const QString &message, bool rollback);
    // Pauses (checkpoint unless the state is unusable), waits, and resumes; false when stopped
    // or when the rollback failed.
    bool pauseAndWait(TrainingSession &session);
    void afterStep(TrainingSession &session);

    std::variant<RunRequest, ResumeRequest> m_request;
    std::shared_ptr<RunControl> m_control;
    bool m_needsRollback = false;
    // Why the run is paused when an error paused it (stored with the status), and whether that
    // error was a checkpoint that could not be written (the pause then writes none either).
    QString m_pauseReason;
    bool m_checkpointFailed = false;
    qint64 m_lastEmitMs = -1000;
    StepEvent m_lastStep;
    qint64 m_lastEmittedStep = 0;
    qint64 m_pausedMs = 0;
};

} // namespace pluvia::core
