// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/inference/scene_sequence.h"

#include "core/image/image_io_p.h"
#include "core/inference/decomposition.h"
#include "core/inference/derainer.h"
#include "core/inference/layer_preview_p.h"
#include "core/metrics/image_metrics_p.h"
#include "core/metrics/temporal_consistency.h"

#include <QDir>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>

namespace pluvia::core {

namespace {

// A layer's values as an owned CV_32FC3 (or C1) image.
cv::Mat layerImage(const PreviewLayer &layer)
{
    return cv::Mat(layer.height, layer.width, CV_32FC(layer.channels),
        const_cast<float *>(layer.values.constData()))
        .clone();
}

const PreviewLayer *findLayer(const PreviewEvent &event, const QString &name)
{
    for (const PreviewLayer &layer : event.layers)
        if (layer.name == name)
            return &layer;
    return nullptr;
}

// A temporal standard deviation map as a one-channel layer, drawn with the inferno colormap
// where `scale` is full brightness (both maps share it, so they compare by eye).
PreviewLayer stdLayer(const QString &name, const cv::Mat &deviation, float scale)
{
    PreviewLayer layer;
    layer.name = name;
    layer.width = deviation.cols;
    layer.height = deviation.rows;
    layer.channels = 1;
    layer.values.resize(qsizetype(deviation.total()));
    std::copy_n(deviation.ptr<float>(), deviation.total(), layer.values.data());
    layer.displayScale = scale;
    cv::Mat bytes;
    deviation.convertTo(bytes, CV_8U, 255.0 / std::max(scale, 1e-6f));
    cv::Mat bgr;
    cv::applyColorMap(bytes, bgr, cv::COLORMAP_INFERNO);
    cv::Mat rgb;
    cv::cvtColor(bgr, rgb, cv::COLOR_BGR2RGB);
    layer.display
        = QImage(rgb.data, rgb.cols, rgb.rows, int(rgb.step), QImage::Format_RGB888).copy();
    return layer;
}

// The 99th percentile of both maps: one hot pixel does not wash the rest out.
float sharedStdScale(const cv::Mat &a, const cv::Mat &b)
{
    std::vector<float> values;
    values.reserve(a.total() + b.total());
    for (const cv::Mat &map : { a, b })
        values.insert(values.end(), map.ptr<float>(), map.ptr<float>() + map.total());
    const size_t at = std::min(values.size() - 1, size_t(0.99 * double(values.size())));
    std::nth_element(values.begin(), values.begin() + qsizetype(at), values.end());
    return std::max(values[at], 1.0f / 255.0f);
}

FrameScore scoreOf(const cv::Mat &background, const cv::Mat &clean, const MetricOptions &metrics)
{
    const ImageComparison comparison = compareImages(background, clean, metrics);
    return { comparison.psnr, comparison.ssim };
}

// O, B and R = O − B of one frame (with B_gt and R_gt against a clean background).
PreviewEvent baselineLayers(
    const QString &frame, const cv::Mat &observed, const cv::Mat &background, const cv::Mat &clean)
{
    PreviewEvent event;
    event.sample = frame;
    event.layers << matLayer(QStringLiteral("O"), observed, false)
                 << matLayer(QStringLiteral("B"), background, false)
                 << matLayer(QStringLiteral("R"), cv::Mat(observed - background), true);
    if (!clean.empty())
        event.layers << matLayer(QStringLiteral("B_gt"), clean, false)
                     << matLayer(QStringLiteral("R_gt"), cv::Mat(observed - clean), true);
    return event;
}

// Frames kept for the temporal median as 8-bit (exact for 8-bit files, a quarter of float's
// memory), and turned back into [0, 1] floats.
cv::Mat toBytes(const cv::Mat &image)
{
    cv::Mat bytes;
    image.convertTo(bytes, CV_8UC3, 255.0);
    return bytes;
}

cv::Mat fromBytes(const cv::Mat &bytes)
{
    cv::Mat image;
    bytes.convertTo(image, CV_32FC3, 1.0 / 255.0);
    return image;
}

// A temporal baseline over 8-bit frames, a band of rows at a time, so that only one band of
// every frame is ever held as float.
cv::Mat backgroundOf(const QVector<cv::Mat> &frames, TemporalBaseline baseline)
{
    constexpr int kBand = 32;
    cv::Mat background(frames.first().size(), CV_32FC3);
    for (int y = 0; y < background.rows; y += kBand) {
        const cv::Range rows(y, std::min(background.rows, y + kBand));
        QVector<cv::Mat> band;
        band.reserve(frames.size());
        for (const cv::Mat &frame : frames)
            band.append(fromBytes(frame.rowRange(rows)));
        temporalBackground(band, baseline).copyTo(background.rowRange(rows));
    }
    return background;
}

QString frameFolder(const QString &cache, qsizetype index)
{
    return QDir(cache).filePath(QStringLiteral("%1").arg(index, 6, 10, QLatin1Char('0')));
}

QString sizeMismatch(const QString &file, const cv::Mat &image, const cv::Mat &first)
{
    return QStringLiteral("%1: %2×%3, unlike the scene's first frame (%4×%5)")
        .arg(QDir::toNativeSeparators(file))
        .arg(image.cols)
        .arg(image.rows)
        .arg(first.cols)
        .arg(first.rows);
}

} // namespace

DecomposeResult sequenceFrameLayers(const SequenceFrame &frame)
{
    DecomposeResult result;
    result.preview = loadPreview(frame.layers, &result.error);
    result.preview.sample = frame.sample;
    return result;
}

SceneSequence derainSceneSequence(
    const SceneSequenceRequest &request, Derainer *derainer, const ProgressCallback &progress)
{
    SceneSequence result;
    const DatasetScene &scene = request.scene;
    result.scene = scene.name;
    if (!request.baseline && !derainer) {
        result.error = QStringLiteral("no model and no temporal baseline to derain with");
        return result;
    }
    if (request.cacheFolder.isEmpty() || !QDir().mkpath(request.cacheFolder)) {
        result.error = QStringLiteral("%1: cannot create the folder for the frames' layers")
                           .arg(QDir::toNativeSeparators(request.cacheFolder));
        return result;
    }
    cv::Mat clean;
    if (!scene.background.isEmpty()) {
        const FloatImage image = readImageRgbFloat(scene.background);
        if (!image.ok()) {
            result.error = image.error;
            return result;
        }
        clean = centreCrop(image.pixels, request.maxSide).clone();
    }
    result.method = request.baseline ? temporalBaselineName(*request.baseline) : derainer->method();

    // Writes one frame's layers and adds its B to the sums and scores.
    TemporalMoments inputMoments;
    TemporalMoments outputMoments;
    const auto keep = [&](const PreviewEvent &layers, const cv::Mat &background) {
        const SequenceFrame frame { layers.sample,
            frameFolder(request.cacheFolder, result.frames.size()) };
        if (const QString error = savePreview(layers, frame.layers); !error.isEmpty())
            return error;
        result.frames.append(frame);
        outputMoments.add(background);
        if (!clean.empty())
            result.scores.append(scoreOf(background, clean, request.metrics));
        return QString();
    };

    const qint64 total = scene.frames.size();
    QVector<cv::Mat> observed; // 8-bit
    for (qint64 i = 0; i < total; ++i) {
        if (progress && !progress(i, total)) {
            result.cancelled = true;
            break;
        }
        const QString &file = scene.frames[i];
        cv::Mat o;
        PreviewEvent layers;
        if (request.baseline) {
            const FloatImage image = readImageRgbFloat(file);
            if (!image.ok()) {
                result.error = image.error;
                return result;
            }
            o = centreCrop(image.pixels, request.maxSide).clone();
        } else {
            const DecomposeResult decomposed = derainer->decompose(
                { {}, file, scene.background, {}, request.maxSide, request.tileSize });
            if (!decomposed.ok()) {
                result.error = decomposed.error;
                return result;
            }
            layers = decomposed.preview;
            o = layerImage(*findLayer(layers, QStringLiteral("O")));
        }
        if (!observed.isEmpty() && o.size() != observed.first().size()) {
            result.error = sizeMismatch(file, o, observed.first());
            return result;
        }
        if (!clean.empty() && clean.size() != o.size()) {
            result.error = sizeMismatch(scene.background, clean, o);
            return result;
        }
        observed.append(toBytes(o));
        inputMoments.add(o);
        if (!request.baseline) {
            if (const QString error
                = keep(layers, layerImage(*findLayer(layers, QStringLiteral("B"))));
                !error.isEmpty()) {
                result.error = error;
                return result;
            }
        }
    }
    if (progress && !result.cancelled)
        progress(total, total);
    if (observed.isEmpty())
        return result;

    if (request.baseline) {
        const cv::Mat background = backgroundOf(observed, *request.baseline);
        for (qsizetype i = 0; i < observed.size(); ++i) {
            const QString error
                = keep(baselineLayers(scene.frames[i], fromBytes(observed[i]), background, clean),
                    background);
            if (!error.isEmpty()) {
                result.error = error;
                return result;
            }
        }
    }

    const cv::Mat inputStd = inputMoments.stdMap();
    const cv::Mat outputStd = outputMoments.stdMap();
    const float scale = sharedStdScale(inputStd, outputStd);
    result.stdMaps.sample = scene.name;
    result.stdMaps.layers = { stdLayer(QStringLiteral("std O"), inputStd, scale),
        stdLayer(QStringLiteral("std B"), outputStd, scale) };
    result.inputStd = cv::mean(inputStd)[0] * 255.0;
    result.outputStd = cv::mean(outputStd)[0] * 255.0;
    if (!clean.empty()) {
        result.temporalMean
            = scoreOf(backgroundOf(observed, TemporalBaseline::Mean), clean, request.metrics);
        result.temporalMedian
            = scoreOf(backgroundOf(observed, TemporalBaseline::Median), clean, request.metrics);
    }
    return result;
}

} // namespace pluvia::core
