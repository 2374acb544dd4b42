// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/data/paired_loader_p.h"

#include <QDir>

#include "core/data/batch_samples_p.h"

#include <torch/torch.h>

#include <cmath>
#include <limits>

namespace pluvia::core {

namespace {

// Mirroring x maps a direction θ (from +x, counter-clockwise) to 180° − θ, folded into [0,180).
double mirroredDirection(double degrees)
{
    const double mirrored = 180.0 - degrees;
    return mirrored >= 180.0 ? mirrored - 180.0 : mirrored;
}

} // namespace

PairedBatch makePairedBatch(
    const QVector<DatasetPair> &pairs, const LoaderOptions &options, qint64 batchIndex)
{
    PairedBatch batch;
    batch.index = batchIndex;
    const int n = options.batchSize, size = options.cropSize;
    const int count = int(pairs.size());
    const QVector<int> indices = batchSampleIndices(batchIndex, n, count, options.seed);
    SampleRng rng = batchRng(options.seed, batchIndex);
    batch.rainy = torch::empty({ n, 3, size, size }, torch::kFloat32);
    batch.clean = torch::empty({ n, 3, size, size }, torch::kFloat32);
    batch.directionDeg = torch::empty({ n }, torch::kFloat32);
    float *direction = batch.directionDeg.data_ptr<float>();
    const QString error
        = fillSamples(batchIndex, indices, count, rng, batch.problems, [&](int i, int index) {
              const DatasetPair &pair = pairs[index];
              DatasetProblem problem;
              cv::Mat rainy = loadForCrop(pair.rainy, size, &problem);
              cv::Mat clean = rainy.empty() ? cv::Mat() : loadForCrop(pair.clean, size, &problem);
              if (!rainy.empty() && !clean.empty() && rainy.size() != clean.size()) {
                  problem = { pair.rainy, DatasetProblemCode::SizeMismatch,
                      QStringLiteral("%1: size differs from its clean image %2")
                          .arg(QDir::toNativeSeparators(pair.rainy),
                              QDir::toNativeSeparators(pair.clean)) };
                  clean.release();
              }
              if (clean.empty()) {
                  batch.problems.append(problem);
                  return false;
              }
              const CropWindow window
                  = drawCropWindow(rng, rainy.cols, rainy.rows, size, options.horizontalFlip);
              copyCrop(rainy, window, batch.rainy[i]);
              copyCrop(clean, window, batch.clean[i]);
              if (pair.directionDeg)
                  direction[i] = float(
                      window.flip ? mirroredDirection(*pair.directionDeg) : *pair.directionDeg);
              else
                  direction[i] = std::numeric_limits<float>::quiet_NaN();
              batch.rainyPaths.append(pair.rainy);
              batch.windows.append(window);
              return true;
          });
    return error.isEmpty() ? batch : unusableBatch(batch, error);
}

} // namespace pluvia::core
