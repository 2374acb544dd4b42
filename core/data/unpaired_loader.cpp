// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/data/unpaired_loader_p.h"

#include "core/data/batch_samples_p.h"

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
    const QString error
        = fillSamples(batchIndex, indices, count, rng, batch.problems, [&](int i, int index) {
              DatasetProblem problem;
              const cv::Mat image = loadForCrop(images[index], size, &problem);
              if (image.empty()) {
                  batch.problems.append(problem);
                  return false;
              }
              const CropWindow window
                  = drawCropWindow(rng, image.cols, image.rows, size, options.horizontalFlip);
              copyCrop(image, window, batch.images[i]);
              batch.paths.append(images[index]);
              batch.windows.append(window);
              return true;
          });
    return error.isEmpty() ? batch : unusableBatch(batch, error);
}

} // namespace pluvia::core
