// SPDX-License-Identifier: GPL-3.0-or-later
// What the paired, unpaired and time-lapse loaders share (private to core): a list of items
// (pairs, images or scenes), a batch function of (items, options, batch index) run on the
// prefetcher's workers, and a configuration error that every batch carries when the loader cannot
// run (bad options, no usable items) — the loader never throws.
//
// Thread affinity: construct, next(), position() and seek() from one thread (the engine's
// training thread); decoding runs on options.workerThreads threads owned by the loader.
#pragma once

#include "core/data/batch_prefetcher_p.h"
#include "core/data/crop_reader_p.h"

#include <memory>

namespace pluvia::core {

template<typename Batch, typename Items>
class BatchLoader
{
public:
    using MakeBatch = Batch (*)(const Items &, const LoaderOptions &, qint64 batchIndex);

    BatchLoader(
        Items items, const LoaderOptions &options, MakeBatch makeBatch, const QString &noItemsError)
        : m_items(std::move(items))
        , m_options(options)
        , m_error(validateLoaderOptions(options))
    {
        if (m_error.isEmpty() && m_items.isEmpty())
            m_error = noItemsError;
        if (!m_error.isEmpty())
            return;
        // Workers get their own copies: nothing they read is shared with the consumer thread.
        m_prefetcher = std::make_unique<BatchPrefetcher<Batch>>(
            [items = m_items, options, makeBatch](
                qint64 index) { return makeBatch(items, options, index); },
            options.workerThreads, options.prefetchBatches);
    }

    QString error() const { return m_error; } // non-empty: every batch carries this error

    Batch next()
    {
        if (!m_prefetcher) {
            Batch batch;
            batch.error = m_error;
            return batch;
        }
        return m_prefetcher->next();
    }

    qint64 position() const { return m_prefetcher ? m_prefetcher->position() : 0; } // of next()
    void seek(qint64 batchIndex)
    {
        if (m_prefetcher)
            m_prefetcher->seek(batchIndex);
    }
    // ceil(items / N): batches until every item has been drawn once.
    qint64 batchesPerEpoch() const
    {
        return (m_items.size() + m_options.batchSize - 1) / m_options.batchSize;
    }

private:
    Items m_items;
    LoaderOptions m_options;
    QString m_error;
    std::unique_ptr<BatchPrefetcher<Batch>> m_prefetcher;
};

} // namespace pluvia::core
