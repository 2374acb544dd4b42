// SPDX-License-Identifier: GPL-3.0-or-later
// Writes a run's metrics and records to the store off the training thread (private to core).
//
// The training thread hands over points and record updates (cheap: a lock and a vector append);
// a writer thread with its own connection commits them in batches, one transaction per batch,
// every `flushIntervalMs` or as soon as `batchSize` points wait. flush() blocks until everything
// handed over so far is committed (the engine calls it before a checkpoint, so the store never
// lags the checkpoint it could be resumed from).
//
// The cost is measured: nanoseconds spent in append() on the caller's thread, and CPU time of
// the writer thread, so a run can report what logging costs relative to its steps.
#pragma once

#include "core/store/run_store.h"

#include <QString>

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

namespace pluvia::core {

class StoreWriter
{
public:
    using Operation = std::function<QString(RunStore &)>; // returns "" or an error

    // Opens its own RunStore on `workspaceFolder` in the writer thread. Errors (opening, any
    // write) are handed to `onError` from the writer thread.
    StoreWriter(QString workspaceFolder, QString runId, std::function<void(QString)> onError,
        int flushIntervalMs = 250, int batchSize = 4096);
    ~StoreWriter(); // commits what is pending, then stops the thread

    StoreWriter(const StoreWriter &) = delete;
    StoreWriter &operator=(const StoreWriter &) = delete;

    void append(QVector<MetricPoint> points); // any thread
    void post(Operation operation); // runs after the points appended before it
    void flush(); // blocks until everything appended or posted so far is committed

    double appendSeconds() const; // total time callers spent in append()
    double writerCpuSeconds() const; // CPU time of the writer thread so far
    qint64 pointsWritten() const;

private:
    void run();

    const QString m_folder;
    const QString m_runId;
    const std::function<void(QString)> m_onError;
    const int m_flushIntervalMs;
    const int m_batchSize;

    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::condition_variable m_done;
    QVector<MetricPoint> m_points;
    std::deque<std::pair<qint64, Operation>> m_operations; // (points appended before it, op)
    qint64 m_appended = 0; // points handed over
    qint64 m_committed = 0; // points committed
    qint64 m_posted = 0;
    qint64 m_executed = 0;
    qint64 m_appendNanoseconds = 0;
    double m_writerCpuSeconds = 0.0;
    bool m_stop = false;
    bool m_flushRequested = false;
    std::thread m_thread;
};

} // namespace pluvia::core
