// SPDX-License-Identifier: GPL-3.0-or-later
// Batches of a time-lapse dataset (private to core). Each sample is one scene (epochs are
// permutations of the scenes) and two distinct frames m != n of it, drawn uniformly, plus the
// scene's clean background when it has one; the three share one crop window and flip, since the
// scene is static. Scenes need at least two frames (inspection drops the others). Sampling,
// failure handling and thread affinity as in paired_loader_p.h.
#pragma once

#include "core/data/batch_loader_p.h"

namespace pluvia::core {

struct TimeLapseBatch {
    qint64 index = -1;
    at::Tensor frameM; // N×3×S×S float32 [0,1], CPU
    at::Tensor frameN; // N×3×S×S, a different frame of the same scene
    at::Tensor background; // N×3×S×S; zeros where hasBackground is false
    at::Tensor hasBackground; // N bool
    at::Tensor sceneIndex; // N int64: index into the loader's scenes
    at::Tensor frameIndexM; // N int64: index into the scene's frames
    at::Tensor frameIndexN; // N int64
    QStringList paths; // frame m's file of each sample
    QVector<CropWindow> windows; // the crop of each sample (both frames share it)
    QVector<DatasetProblem> problems;
    QString error;
    bool ok() const { return error.isEmpty(); }
};

TimeLapseBatch makeTimeLapseBatch(
    const QVector<DatasetScene> &scenes, const LoaderOptions &options, qint64 batchIndex);

class TimeLapseLoader : public BatchLoader<TimeLapseBatch, QVector<DatasetScene>>
{
public:
    TimeLapseLoader(QVector<DatasetScene> scenes, const LoaderOptions &options)
        : BatchLoader(std::move(scenes), options, &makeTimeLapseBatch,
            QStringLiteral("the dataset has no usable scenes"))
    { }
};

} // namespace pluvia::core
