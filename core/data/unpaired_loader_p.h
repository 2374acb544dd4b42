// SPDX-License-Identifier: GPL-3.0-or-later
// Batches of unpaired images: random crops of one role's images (private to core). One loader
// per role (rainy, clean, ...), each seeded with roleSeed(seed, role), so the roles are sampled
// independently. Sampling, failure handling and thread affinity as in paired_loader_p.h.
#pragma once

#include "core/data/batch_loader_p.h"

namespace pluvia::core {

struct UnpairedBatch {
    qint64 index = -1;
    at::Tensor images; // N×3×S×S float32 [0,1], CPU
    QStringList paths; // the file of each sample
    QVector<CropWindow> windows; // the crop of each sample
    QVector<DatasetProblem> problems;
    QString error;
    bool ok() const { return error.isEmpty(); }
};

UnpairedBatch makeUnpairedBatch(
    const QStringList &images, const LoaderOptions &options, qint64 batchIndex);

class UnpairedLoader : public BatchLoader<UnpairedBatch, QStringList>
{
public:
    UnpairedLoader(QStringList images, const LoaderOptions &options)
        : BatchLoader(std::move(images), options, &makeUnpairedBatch,
            QStringLiteral("the dataset has no usable images"))
    { }
};

} // namespace pluvia::core
