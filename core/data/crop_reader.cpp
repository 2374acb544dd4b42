// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/data/crop_reader_p.h"

#include "core/image/image_io_p.h"

#include <QDir>

#include <opencv2/core.hpp>
#include <torch/torch.h>

#include <algorithm>

namespace pluvia::core {

QString validateLoaderOptions(const LoaderOptions &options)
{
    if (options.batchSize <= 0)
        return QStringLiteral("batch size %1: must be at least 1").arg(options.batchSize);
    if (options.cropSize <= 0)
        return QStringLiteral("crop size %1: must be at least 1").arg(options.cropSize);
    if (options.workerThreads < 0)
        return QStringLiteral("worker threads %1: must be 0 or more").arg(options.workerThreads);
    return QString();
}

CropWindow drawCropWindow(SampleRng &rng, int width, int height, int crop, bool allowFlip)
{
    CropWindow window;
    window.size = crop;
    window.x = int(rng.below(std::uint64_t(width - crop) + 1));
    window.y = int(rng.below(std::uint64_t(height - crop) + 1));
    window.flip = allowFlip && rng.coin();
    return window;
}

cv::Mat loadForCrop(const QString &path, int minSide, DatasetProblem *problem)
{
    FloatImage image;
    try {
        image = readImageRgbFloat(path);
    } catch (const std::exception &error) {
        image.error = QStringLiteral("%1: %2").arg(
            QDir::toNativeSeparators(path), QString::fromLocal8Bit(error.what()));
    }
    if (!image.ok()) {
        *problem = { path, DatasetProblemCode::Unreadable, image.error };
        return cv::Mat();
    }
    if (std::min(image.pixels.cols, image.pixels.rows) < minSide) {
        *problem = { path, DatasetProblemCode::TooSmall,
            QStringLiteral("%1: %2×%3 is smaller than the %4-pixel crop")
                .arg(QDir::toNativeSeparators(path))
                .arg(image.pixels.cols)
                .arg(image.pixels.rows)
                .arg(minSide) };
        return cv::Mat();
    }
    return image.pixels;
}

void copyCrop(const cv::Mat &image, const CropWindow &window, at::Tensor slot)
{
    const int size = window.size;
    cv::Mat region = image(cv::Rect(window.x, window.y, size, size));
    cv::Mat mirrored;
    if (window.flip) {
        cv::flip(region, mirrored, 1);
        region = mirrored;
    }
    // Split HWC straight into the tensor's three CHW planes: no intermediate copy.
    float *data = slot.data_ptr<float>();
    std::vector<cv::Mat> planes;
    for (int c = 0; c < 3; ++c)
        planes.emplace_back(size, size, CV_32FC1, data + std::ptrdiff_t(c) * size * size);
    cv::split(region, planes);
}

} // namespace pluvia::core
