// SPDX-License-Identifier: GPL-3.0-or-later
// Filling a batch's samples (private to core), shared by the paired, unpaired and time-lapse
// loaders: sample i tries item indices[i]; an item that cannot be used (its problem recorded by
// the caller) is replaced by one drawn at random, so a few broken files cost nothing. Bounded:
// after 4 N + 16 attempts for a batch of N the batch is declared unusable, so a dataset of only
// broken files fails quickly instead of looping.
#pragma once

#include "core/data/dataset.h"
#include "core/data/sample_rng_p.h"

#include <QString>
#include <QVector>

namespace pluvia::core {

// `trySample(i, index)` fills sample i from item `index` and returns true, or returns false.
// Returns "" or the batch's error.
template<typename TrySample>
QString fillSamples(qint64 batchIndex, const QVector<int> &indices, int itemCount, SampleRng &rng,
    const QVector<DatasetProblem> &problems, TrySample trySample)
{
    const int n = int(indices.size());
    const int attemptLimit = 4 * n + 16;
    int attempts = 0;
    for (int i = 0; i < n; ++i)
        for (int index = indices[i];; index = int(rng.below(std::uint64_t(itemCount)))) {
            if (++attempts > attemptLimit)
                return QStringLiteral("batch %1: too many unusable samples (%2 problems)")
                    .arg(batchIndex)
                    .arg(problems.size());
            if (trySample(i, index))
                break;
        }
    return {};
}

// What a batch that fillSamples() gave up on carries: its index, the problems met and the error.
template<typename Batch>
Batch unusableBatch(const Batch &batch, const QString &error)
{
    Batch failed;
    failed.index = batch.index;
    failed.problems = batch.problems;
    failed.error = error;
    return failed;
}

} // namespace pluvia::core
