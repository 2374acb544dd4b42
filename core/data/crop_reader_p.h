// SPDX-License-Identifier: GPL-3.0-or-later
// What every loader does to one image: decode, cut a square window, mirror it, and write it
// into a slot of a batch tensor (private to core). Reentrant.
#pragma once

#include "core/data/dataset.h"
#include "core/data/sample_rng_p.h"

#include <ATen/core/Tensor.h>
#include <opencv2/core/mat.hpp>

namespace pluvia::core {

// Options shared by the three loaders.
struct LoaderOptions {
    int batchSize = 16; // N > 0
    int cropSize = 256; // square crops, > 0; smaller images are skipped (never padded)
    bool horizontalFlip = true; // mirror each sample with probability 1/2
    std::uint64_t seed = 0;
    int workerThreads = 2; // 0: batches are produced in the consumer's thread
    int prefetchBatches = 4; // bound of the queue (batches produced ahead of the consumer)
};

// Empty when the options are usable, otherwise what is wrong and what is allowed.
QString validateLoaderOptions(const LoaderOptions &options);

struct CropWindow {
    int x = 0;
    int y = 0;
    int size = 0;
    bool flip = false;
};

// A uniformly placed window of `crop` pixels inside width×height (which are >= crop).
CropWindow drawCropWindow(SampleRng &rng, int width, int height, int crop, bool allowFlip);

// Decodes `path` as CV_32FC3 RGB [0,1]. On failure returns an empty Mat and fills *problem
// (code Unreadable, or TooSmall when a side is below minSide).
cv::Mat loadForCrop(const QString &path, int minSide, DatasetProblem *problem);

// Copies `window` of `image` (mirrored when window.flip) into `slot`, a contiguous float CPU
// tensor 3×size×size.
void copyCrop(const cv::Mat &image, const CropWindow &window, at::Tensor slot);

} // namespace pluvia::core
