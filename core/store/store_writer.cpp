// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/store/store_writer_p.h"

#include <chrono>
#include <ctime>

namespace pluvia::core {

namespace {

double threadCpuSeconds()
{
    timespec t {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return double(t.tv_sec) + double(t.tv_nsec) * 1e-9;
}

} // namespace

StoreWriter::StoreWriter(QString workspaceFolder, QString runId,
    std::function<void(QString)> onError, int flushIntervalMs, int batchSize)
    : m_folder(std::move(workspaceFolder))
    , m_runId(std::move(runId))
    , m_onError(std::move(onError))
    , m_flushIntervalMs(flushIntervalMs)
    , m_batchSize(batchSize)
{
    m_thread = std::thread([this] { run(); });
}

StoreWriter::~StoreWriter()
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    m_thread.join();
}

void StoreWriter::append(QVector<MetricPoint> points)
{
    const auto start = std::chrono::steady_clock::now();
    bool wake = false;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_appended += points.size();
        if (m_points.isEmpty())
            m_points = std::move(points);
        else
            m_points += points;
        wake = m_points.size() >= m_batchSize;
        m_appendNanoseconds += std::chrono::duration_cast<std::chrono::nanoseconds>(
            std::chrono::steady_clock::now() - start)
                                   .count();
    }
    if (wake)
        m_wake.notify_all();
}

void StoreWriter::post(Operation operation)
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_operations.emplace_back(m_appended, std::move(operation));
        ++m_posted;
    }
    m_wake.notify_all();
}

void StoreWriter::flush()
{
    std::unique_lock<std::mutex> lock(m_mutex);
    const qint64 points = m_appended, operations = m_posted;
    m_flushRequested = true;
    m_wake.notify_all();
    m_done.wait(lock, [&] { return m_committed >= points && m_executed >= operations; });
}

double StoreWriter::appendSeconds() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return double(m_appendNanoseconds) * 1e-9;
}

double StoreWriter::writerCpuSeconds() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_writerCpuSeconds;
}

qint64 StoreWriter::pointsWritten() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_committed;
}

void StoreWriter::run()
{
    QString error;
    std::unique_ptr<RunStore> store = RunStore::open(m_folder, &error);
    if (!store && m_onError)
        m_onError(error);
    std::unique_lock<std::mutex> lock(m_mutex);
    for (;;) {
        m_wake.wait_for(lock, std::chrono::milliseconds(m_flushIntervalMs), [this] {
            return m_stop || m_flushRequested || !m_operations.empty()
                || m_points.size() >= m_batchSize;
        });
        m_flushRequested = false;
        // Points first, then the operations posted after them, so an operation (e.g. trimming
        // metrics on resume) sees exactly what was appended before it.
        QVector<MetricPoint> points = std::move(m_points);
        m_points.clear();
        auto operations = std::move(m_operations);
        m_operations.clear();
        const bool stopping = m_stop;
        lock.unlock();

        const double cpuStart = threadCpuSeconds();
        qint64 committed = 0;
        auto commitPoints = [&](qsizetype upTo) {
            if (upTo <= committed)
                return;
            const QVector<MetricPoint> part = points.mid(committed, upTo - committed);
            if (store)
                if (const QString e = store->appendMetrics(m_runId, part);
                    !e.isEmpty() && m_onError)
                    m_onError(e);
            committed = upTo;
        };
        const qint64 before = m_committed; // only this thread writes m_committed
        qint64 executed = 0;
        for (auto &[pointsBefore, operation] : operations) {
            commitPoints(qsizetype(std::min<qint64>(pointsBefore - before, points.size())));
            if (store)
                if (const QString e = operation(*store); !e.isEmpty() && m_onError)
                    m_onError(e);
            ++executed;
        }
        commitPoints(points.size());
        const double cpu = threadCpuSeconds() - cpuStart;

        lock.lock();
        m_committed += committed;
        m_executed += executed;
        m_writerCpuSeconds += cpu;
        m_done.notify_all();
        if (stopping && m_points.isEmpty() && m_operations.empty())
            return;
    }
}

} // namespace pluvia::core
