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

#include "core/data/batch_loader_p.h"

namespace pluvia::core {

struct PairedBatch {
    qint64 index = -1;
    at::Tensor rainy; // N×3×S×S float32 [0,1], CPU
    at::Tensor clean; // N×3×S×S
    at::Tensor directionDeg; // N float32, degrees in [0,180) after flipping; NaN when unknown
    QStringList rainyPaths; // the rainy file of each sample
    QVector<CropWindow> windows; // the crop of each sample
    QVector<DatasetProblem> problems; // samples skipped while assembling this batch
    QString error; // the batch could not be assembled (tensors undefined)
    bool ok() const { return error.isEmpty(); }
};

// Produces one batch; a pure function of its arguments (what the workers run).
PairedBatch makePairedBatch(
    const QVector<DatasetPair> &pairs, const LoaderOptions &options, qint64 batchIndex);

class PairedLoader : public BatchLoader<PairedBatch, QVector<DatasetPair>>
{
public:
    PairedLoader(QVector<DatasetPair> pairs, const LoaderOptions &options)
        : BatchLoader(std::move(pairs), options, &makePairedBatch,
            QStringLiteral("the dataset has no usable pairs"))
    { }
};

} // namespace pluvia::core
