// SPDX-License-Identifier: GPL-3.0-or-later
// Batches of a paired dataset: aligned random crops of rainy and clean images (private to core:
// produces torch tensors).
//
// Batch b holds samples b*N .. b*N+N-1 of an endless sequence of epochs, each epoch a
// permutation of the pairs drawn from (seed, epoch); crops and flips come from (seed, b). The
// same crop window and flip apply to a rainy image and its clean image. A sample that fails to
// decode (or is smaller than the crop) is replaced by a pair drawn from the batch's generator
// and reported in the batch's problems; the loader never throws.
//
// Thread affinity: construct, next(), position() and seek() from one thread (the engine's
// training thread); decoding runs on options.workerThreads threads owned by the loader.
#pragma once

#include "core/data/crop_reader_p.h"

#include <memory>

namespace pluvia::core {

template<typename Batch>
class BatchPrefetcher;

struct PairedBatch {
    qint64 index = -1;
    at::Tensor rainy; // N×3×S×S float32 [0,1], CPU
    at::Tensor clean; // N×3×S×S
    at::Tensor directionDeg; // N float32, degrees in [0,180) after flipping; NaN when unknown
    QStringList rainyPaths; // the rainy file of each sample
    QVector<DatasetProblem> problems; // samples skipped while assembling this batch
    QString error; // the batch could not be assembled (tensors undefined)
    bool ok() const { return error.isEmpty(); }
};

// Produces one batch; a pure function of its arguments (what the workers run).
PairedBatch makePairedBatch(
    const QVector<DatasetPair> &pairs, const LoaderOptions &options, qint64 batchIndex);

class PairedLoader
{
public:
    PairedLoader(QVector<DatasetPair> pairs, const LoaderOptions &options);
    ~PairedLoader();

    QString error() const { return m_error; } // non-empty: every batch carries this error
    PairedBatch next();
    qint64 position() const; // index of the batch next() returns
    void seek(qint64 batchIndex);
    qint64 batchesPerEpoch() const; // ceil(pairs / N)

private:
    QVector<DatasetPair> m_pairs;
    LoaderOptions m_options;
    QString m_error;
    std::unique_ptr<BatchPrefetcher<PairedBatch>> m_prefetcher;
};

} // namespace pluvia::core
