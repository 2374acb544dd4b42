// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/data/timelapse_loader_p.h"

#include <QDir>

#include "core/data/batch_samples_p.h"

#include <torch/torch.h>

namespace pluvia::core {

namespace {

// Two distinct indices in [0, count), count >= 2, uniform over ordered pairs.
std::pair<int, int> drawDistinctFrames(SampleRng &rng, int count)
{
    const int m = int(rng.below(std::uint64_t(count)));
    int n = int(rng.below(std::uint64_t(count - 1)));
    if (n >= m)
        ++n;
    return { m, n };
}

DatasetProblem sizeMismatch(const QString &path, const QString &other)
{
    return { path, DatasetProblemCode::SizeMismatch,
        QStringLiteral("%1: size differs from %2 of the same scene")
            .arg(QDir::toNativeSeparators(path), QDir::toNativeSeparators(other)) };
}

} // namespace

TimeLapseBatch makeTimeLapseBatch(
    const QVector<DatasetScene> &scenes, const LoaderOptions &options, qint64 batchIndex)
{
    TimeLapseBatch batch;
    batch.index = batchIndex;
    const int n = options.batchSize, size = options.cropSize;
    const int count = int(scenes.size());
    const QVector<int> indices = batchSampleIndices(batchIndex, n, count, options.seed);
    SampleRng rng = batchRng(options.seed, batchIndex);
    batch.frameM = torch::empty({ n, 3, size, size }, torch::kFloat32);
    batch.frameN = torch::empty({ n, 3, size, size }, torch::kFloat32);
    batch.background = torch::zeros({ n, 3, size, size }, torch::kFloat32);
    batch.hasBackground = torch::zeros({ n }, torch::kBool);
    batch.sceneIndex = torch::empty({ n }, torch::kInt64);
    batch.frameIndexM = torch::empty({ n }, torch::kInt64);
    batch.frameIndexN = torch::empty({ n }, torch::kInt64);
    const QString error
        = fillSamples(batchIndex, indices, count, rng, batch.problems, [&](int i, int index) {
              const DatasetScene &scene = scenes[index];
              if (scene.frames.size() < 2) {
                  batch.problems.append({ scene.name, DatasetProblemCode::TooFewFrames,
                      QStringLiteral("scene %1: fewer than two frames").arg(scene.name) });
                  return false;
              }
              const auto [m, k] = drawDistinctFrames(rng, int(scene.frames.size()));
              DatasetProblem problem;
              cv::Mat first = loadForCrop(scene.frames[m], size, &problem);
              cv::Mat second
                  = first.empty() ? cv::Mat() : loadForCrop(scene.frames[k], size, &problem);
              if (!second.empty() && second.size() != first.size()) {
                  problem = sizeMismatch(scene.frames[k], scene.frames[m]);
                  second.release();
              }
              if (second.empty()) {
                  batch.problems.append(problem);
                  return false;
              }
              const CropWindow window
                  = drawCropWindow(rng, first.cols, first.rows, size, options.horizontalFlip);
              copyCrop(first, window, batch.frameM[i]);
              copyCrop(second, window, batch.frameN[i]);
              if (!scene.background.isEmpty()) {
                  // A broken background costs only the supervision, not the sample.
                  cv::Mat background = loadForCrop(scene.background, size, &problem);
                  if (!background.empty() && background.size() != first.size()) {
                      problem = sizeMismatch(scene.background, scene.frames[m]);
                      background.release();
                  }
                  if (background.empty()) {
                      batch.problems.append(problem);
                  } else {
                      copyCrop(background, window, batch.background[i]);
                      batch.hasBackground[i] = true;
                  }
              }
              batch.sceneIndex[i] = index;
              batch.frameIndexM[i] = m;
              batch.frameIndexN[i] = k;
              batch.paths.append(scene.frames[m]);
              batch.windows.append(window);
              return true;
          });
    return error.isEmpty() ? batch : unusableBatch(batch, error);
}

} // namespace pluvia::core
