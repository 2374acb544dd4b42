// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/data/unpaired_loader_p.h"

#include <torch/torch.h>

namespace pluvia::core {

UnpairedBatch makeUnpairedBatch(
    const QStringList &images, const LoaderOptions &options, qint64 batchIndex)
{
    UnpairedBatch batch;
    batch.index = batchIndex;
    const int n = options.batchSize, size = options.cropSize;
    const int count = int(images.size());
    const QVector<int> indices = batchSampleIndices(batchIndex, n, count, options.seed);
    SampleRng rng = batchRng(options.seed, batchIndex);
    batch.images = torch::empty({ n, 3, size, size }, torch::kFloat32);
    // Bounded like the paired loader: a folder of broken files fails fast instead of looping.
    const int attemptLimit = 4 * n + 16;
    int attempts = 0;
    for (int i = 0; i < n; ++i) {
        int index = indices[i];
        for (;;) {
            if (++attempts > attemptLimit) {
                UnpairedBatch failed;
                failed.index = batchIndex;
                failed.problems = batch.problems;
                failed.error = QStringLiteral("batch %1: too many unusable samples (%2 problems)")
                                   .arg(batchIndex)
                                   .arg(batch.problems.size());
                return failed;
            }
            DatasetProblem problem;
            const cv::Mat image = loadForCrop(images[index], size, &problem);
            if (image.empty()) {
                batch.problems.append(problem);
                index = int(rng.below(std::uint64_t(count)));
                continue;
            }
            const CropWindow window
                = drawCropWindow(rng, image.cols, image.rows, size, options.horizontalFlip);
            copyCrop(image, window, batch.images[i]);
            batch.paths.append(images[index]);
            batch.windows.append(window);
            break;
        }
    }
    return batch;
}

} // namespace pluvia::core
