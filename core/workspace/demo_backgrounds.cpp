// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/workspace/demo_backgrounds_p.h"

#include "core/image/image_info.h"
#include "core/image/image_io_p.h"
#include "core/synth/rain_random_p.h"

#include <QDir>
#include <QFileInfo>
#include <QThread>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentMap>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

namespace pluvia::core {

namespace {

constexpr int kProceduralWidth = 896;
constexpr int kProceduralHeight = kDemoSourceShortSide;

// Smooth noise in [-1, 1]: a coarse random grid upsampled with bicubic interpolation.
cv::Mat smoothNoise(cv::Size size, int cells, RainRandom &random)
{
    cv::Mat grid(cells, cells, CV_32FC1);
    for (int i = 0; i < cells * cells; ++i)
        grid.at<float>(i / cells, i % cells) = float(random.uniform(-1.0, 1.0));
    cv::Mat noise;
    cv::resize(grid, noise, size, 0, 0, cv::INTER_CUBIC);
    return noise;
}

cv::Vec3f randomColour(RainRandom &random, cv::Vec3f base, float spread)
{
    cv::Vec3f colour;
    for (int c = 0; c < 3; ++c)
        colour[c] = std::clamp(base[c] + float(random.uniform(-spread, spread)), 0.f, 1.f);
    return colour;
}

cv::Mat proceduralScene(RainRandom &random)
{
    const cv::Size size(kProceduralWidth, kProceduralHeight);
    cv::Mat image(size, CV_32FC3);
    const cv::Vec3f skyTop = randomColour(random, { 0.35f, 0.5f, 0.75f }, 0.15f);
    const cv::Vec3f skyLow = randomColour(random, { 0.75f, 0.8f, 0.85f }, 0.1f);
    const cv::Mat clouds = smoothNoise(size, 6, random);
    for (int y = 0; y < size.height; ++y) {
        const float t = float(y) / size.height;
        for (int x = 0; x < size.width; ++x)
            image.at<cv::Vec3f>(y, x)
                = (1 - t) * skyTop + t * skyLow + cv::Vec3f::all(0.06f * clouds.at<float>(y, x));
    }
    // Ridges from far (pale, high) to near (dark, low), each a sum of sinusoids, textured.
    const int ridges = 3;
    for (int r = 0; r < ridges; ++r) {
        const float depth = float(r + 1) / ridges;
        const cv::Vec3f colour
            = randomColour(random, cv::Vec3f(0.45f, 0.55f, 0.35f) * (1.2f - 0.6f * depth), 0.1f);
        const double level = size.height * (0.35 + 0.18 * r);
        double amplitude[3], frequency[3], phase[3];
        for (int k = 0; k < 3; ++k) {
            amplitude[k] = size.height * random.uniform(0.02, 0.08);
            frequency[k] = random.uniform(0.003, 0.02) * (k + 1);
            phase[k] = random.uniform(0.0, 6.283);
        }
        const cv::Mat texture = smoothNoise(size, 24 + 16 * r, random);
        for (int x = 0; x < size.width; ++x) {
            double top = level;
            for (int k = 0; k < 3; ++k)
                top += amplitude[k] * std::sin(frequency[k] * x + phase[k]);
            for (int y = std::max(0, int(top)); y < size.height; ++y) {
                const float shade = 1.f - 0.25f * float(y - top) / size.height;
                image.at<cv::Vec3f>(y, x)
                    = colour * shade + cv::Vec3f::all(0.08f * texture.at<float>(y, x));
            }
        }
    }
    cv::min(cv::max(image, 0.0), 1.0, image);
    return image;
}

} // namespace

QVector<DemoSource> loadDemoPhotographs(const QString &folder, int threads, QStringList *problems)
{
    const QDir dir(folder);
    QStringList names;
    const QStringList entries = dir.entryList(QDir::Files, QDir::Name);
    for (const QString &name : entries) {
        if (hasImageSuffix(name))
            names << name;
    }
    // std::vector: workers write distinct elements without QVector's sharing checks.
    std::vector<DemoSource> sources(std::size_t(names.size()));
    std::vector<QString> errors(std::size_t(names.size()));
    QVector<int> indices(names.size());
    std::iota(indices.begin(), indices.end(), 0);
    QThreadPool pool;
    pool.setMaxThreadCount(std::max(1, threads > 0 ? threads : QThread::idealThreadCount()));
    QtConcurrent::blockingMap(&pool, indices, [&](int i) {
        const FloatImage photo = readImageRgbFloat(dir.filePath(names[i]));
        if (!photo.ok()) {
            errors[i] = photo.error;
            return;
        }
        const double scale
            = double(kDemoSourceShortSide) / std::min(photo.pixels.cols, photo.pixels.rows);
        cv::Mat reduced;
        if (scale < 1.0)
            cv::resize(photo.pixels, reduced, cv::Size(), scale, scale, cv::INTER_AREA);
        else
            reduced = photo.pixels;
        sources[i] = { QFileInfo(names[i]).completeBaseName(), reduced };
    });
    QVector<DemoSource> loaded;
    for (int i = 0; i < names.size(); ++i) {
        if (!errors[i].isEmpty()) {
            if (problems)
                *problems << errors[i];
        } else if (sources[i].image.cols >= 480 && sources[i].image.rows >= 320) {
            loaded << sources[i];
        } else if (problems) {
            *problems << QStringLiteral("%1: too small for demo crops (skipped)")
                             .arg(dir.filePath(names[i]));
        }
    }
    return loaded;
}

QVector<DemoSource> proceduralDemoSources(int count, std::uint64_t seed)
{
    QVector<DemoSource> sources;
    for (int i = 0; i < count; ++i) {
        RainRandom random(mixSeed(seed, std::uint64_t(i)));
        sources.append({ QStringLiteral("scene%1").arg(i + 1, 2, 10, QLatin1Char('0')),
            proceduralScene(random) });
    }
    return sources;
}

cv::Mat demoCrop(const cv::Mat &source, RainRandom &random)
{
    const int width = 16 * int(20 + random.uniform() * 11); // 320 .. 480
    const int height = 16 * int(16 + random.uniform() * 5); // 256 .. 320
    const double zoom = std::min(
        { random.uniform(1.0, 1.6), double(source.cols) / width, double(source.rows) / height });
    const int regionWidth = std::min(source.cols, int(std::lround(width * zoom)));
    const int regionHeight = std::min(source.rows, int(std::lround(height * zoom)));
    const int x = int(random.uniform() * (source.cols - regionWidth + 1));
    const int y = int(random.uniform() * (source.rows - regionHeight + 1));
    cv::Mat crop;
    cv::resize(source(cv::Rect(x, y, regionWidth, regionHeight)), crop, cv::Size(width, height), 0,
        0, cv::INTER_AREA);
    return crop;
}

} // namespace pluvia::core
