// SPDX-License-Identifier: GPL-3.0-or-later
// A t-SNE (or PCA) map computed on a worker thread for the interactive view: the owner moves the
// worker to its own QThread, starts maps with start() (thread-safe: it queues the work), and
// receives the embedding every `reportEvery` iterations so the view animates, then the result.
// Every event names the request it answers, so the view drops those of a map it has replaced.
// cancel() is an atomic flag the running map checks at its next report.
#pragma once

#include "core/analysis/feature_table.h"
#include "core/analysis/tsne.h"

#include <QObject>

#include <atomic>

namespace pluvia::core {

class TsneWorker : public QObject
{
    Q_OBJECT

public:
    // Queues a map of `table` (PCA instead of t-SNE when `pca`) on the worker's thread.
    void start(quint64 request, const FeatureTable &table, const TsneOptions &options, bool pca);
    void cancel() { m_cancel = true; }

Q_SIGNALS:
    void progress(quint64 request, int iteration, double kl, const std::vector<float> &embedding);
    void finished(quint64 request, const pluvia::core::TsneResult &result);

private:
    void run(quint64 request, const FeatureTable &table, const TsneOptions &options, bool pca);

    std::atomic<bool> m_cancel { false };
};

} // namespace pluvia::core
