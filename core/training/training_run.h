// SPDX-License-Identifier: GPL-3.0-or-later
// A training run as its owner sees it (DESIGN.md §5, STYLE.md 9–16): a handle in the owner's
// thread, the training on a thread of its own.
//
// Controls (pause, resume, stop, requestPreview) are thread-safe and take effect between two
// steps, i.e. within one step. Pausing and stopping write a checkpoint first. Events arrive as
// queued signals carrying value types, in the thread that owns the handle. A loss that is NaN or
// infinite, or an exception inside a step, emits errorOccurred and pauses the run; resuming it
// then restarts from the latest checkpoint (the failed step's state is unusable).
//
// Thread affinity: construct, call and destroy in one thread (the GUI's, or the CLI's main
// thread) that runs an event loop. The destructor stops the run (writing its checkpoint) and
// waits for its thread, i.e. for the step in flight to end: a GUI calls stop() and destroys the
// handle on finished(), so its thread never waits for a step.
#pragma once

#include "core/training/run_event_signals.h"
#include "core/training/run_request.h"

#include <memory>

namespace pluvia::core {

// Its events are RunEventSignals'.
class TrainingRun : public RunEventSignals
{
    Q_OBJECT

public:
    explicit TrainingRun(RunRequest request, QObject *parent = nullptr);
    explicit TrainingRun(ResumeRequest request, QObject *parent = nullptr);
    ~TrainingRun() override;
    Q_DISABLE_COPY(TrainingRun)

    // Sets the run off (once). Setup (data inspection, hashing, the first checkpoint) happens on
    // the run's thread; runCreated follows, or errorOccurred and finished(Failed).
    void start();
    void pause();
    void resume();
    void stop();
    // Derains `rainyImage` (a path; "" for the run's default sample) after the current step and
    // emits previewReady.
    void requestPreview(const QString &rainyImage = {});

    QString runId() const; // "" until runCreated
    RunStatus status() const;
    bool isFinished() const; // finished() has been emitted

private:
    void connectWorker();
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace pluvia::core
