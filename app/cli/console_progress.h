// SPDX-License-Identifier: GPL-3.0-or-later
// Progress display for pluvia-cli: a redrawn bar with rate and ETA on a terminal, plain lines
// (at most one every few seconds) when stderr is not a terminal. Thread-safe: update() may be
// called from worker threads (it is what core's ProgressCallback forwards to).
#pragma once

#include "core/jobs/progress.h"

#include <QElapsedTimer>
#include <QMutex>
#include <QString>

#include <atomic>

namespace pluvia::cli {

class ConsoleProgress
{
public:
    explicit ConsoleProgress(QString label);
    ~ConsoleProgress(); // finishes the line if finish() was not called

    void update(qint64 done, qint64 total);
    void finish();
    // A core operation's callback that shows its progress here; it asks the operation to stop
    // once *cancel is set (e.g. by Ctrl+C), never when `cancel` is null.
    core::ProgressCallback callback(const std::atomic<bool> *cancel = nullptr);

private:
    void print(qint64 done, qint64 total, bool final);

    QString m_label;
    bool m_terminal;
    bool m_finished = false;
    QMutex m_mutex;
    QElapsedTimer m_clock;
    qint64 m_lastPrintMs = -1;
    qint64 m_lastDone = 0;
    qint64 m_lastTotal = 0;
};

} // namespace pluvia::cli
