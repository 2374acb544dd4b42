// SPDX-License-Identifier: GPL-3.0-or-later
// Prefetch of batches on worker threads with a bounded window (private to core).
//
// Workers claim batch indices in increasing order, at most `depth` ahead of the consumer, and
// produce them concurrently; the consumer takes them strictly in index order. Because a batch is
// a function of its index alone (see sample_rng_p.h), the sequence the consumer sees does not
// depend on the number of workers or their timing.
//
// Thread affinity: next(), seek() and position() belong to one consumer thread (the engine's
// training thread); the producer runs on the workers concurrently and must be thread-safe.
// With zero workers, next() produces the batch in the calling thread. The destructor stops and
// joins the workers (a batch being produced is finished first, then dropped). An exception
// thrown by the producer becomes the batch's `error` (Batch has `index` and `error` members).
#pragma once

#include <QString>

#include <algorithm>
#include <condition_variable>
#include <exception>
#include <functional>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

namespace pluvia::core {

template<typename Batch>
class BatchPrefetcher
{
public:
    using Producer = std::function<Batch(qint64 batchIndex)>;

    BatchPrefetcher(Producer producer, int workers, int depth)
        : m_producer(std::move(producer))
        , m_depth(std::max(1, depth))
    {
        for (int i = 0; i < workers; ++i)
            m_workers.emplace_back([this] { work(); });
    }

    ~BatchPrefetcher()
    {
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_stop = true;
        }
        m_changed.notify_all();
        for (std::thread &worker : m_workers)
            worker.join();
    }

    BatchPrefetcher(const BatchPrefetcher &) = delete;
    BatchPrefetcher &operator=(const BatchPrefetcher &) = delete;

    // The batch at position(), then advances. Blocks until a worker has produced it.
    Batch next()
    {
        if (m_workers.empty())
            return produce(m_position++);
        std::unique_lock<std::mutex> lock(m_mutex);
        m_changed.wait(lock, [this] { return m_ready.count(m_position) != 0; });
        auto node = m_ready.extract(m_position);
        ++m_position;
        lock.unlock();
        m_changed.notify_all();
        return std::move(node.mapped());
    }

    qint64 position() const
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        return m_position;
    }

    // The next call to next() returns batch `batchIndex`; prefetched batches are dropped.
    void seek(qint64 batchIndex)
    {
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            ++m_generation;
            m_ready.clear();
            m_position = batchIndex;
            m_nextToProduce = batchIndex;
        }
        m_changed.notify_all();
    }

private:
    Batch produce(qint64 index)
    {
        try {
            return m_producer(index);
        } catch (const std::exception &error) {
            Batch batch;
            batch.index = index;
            batch.error = QStringLiteral("batch %1: %2")
                              .arg(index)
                              .arg(QString::fromLocal8Bit(error.what()));
            return batch;
        }
    }

    void work()
    {
        std::unique_lock<std::mutex> lock(m_mutex);
        for (;;) {
            m_changed.wait(
                lock, [this] { return m_stop || m_nextToProduce < m_position + m_depth; });
            if (m_stop)
                return;
            const qint64 index = m_nextToProduce++;
            const quint64 generation = m_generation;
            lock.unlock();
            Batch batch = produce(index);
            lock.lock();
            if (generation == m_generation)
                m_ready.emplace(index, std::move(batch));
            m_changed.notify_all();
        }
    }

    Producer m_producer;
    const qint64 m_depth;
    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    std::map<qint64, Batch> m_ready;
    qint64 m_position = 0;
    qint64 m_nextToProduce = 0;
    quint64 m_generation = 0;
    bool m_stop = false;
    std::vector<std::thread> m_workers;
};

} // namespace pluvia::core
