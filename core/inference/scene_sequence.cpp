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
    const qint64 total = scene.frames.size();
    cv::Mat clean;
    if (!scene.background.isEmpty()) {
        const FloatImage image = readImageRgbFloat(scene.background);
        if (!image.ok()) {
            result.error = image.error;
            return result;
        }
        clean = centreCrop(image.pixels, request.maxSide).clone();
    }

    QVector<cv::Mat> observed;
    QVector<cv::Mat> derained;
    for (qint64 i = 0; i < total; ++i) {
        if (progress && !progress(i, total)) {
            result.cancelled = true;
            break;
        }
        const QString &frame = scene.frames[i];
        cv::Mat o;
        if (request.baseline) {
            const FloatImage image = readImageRgbFloat(frame);
            if (!image.ok()) {
                result.error = image.error;
                return result;
            }
            o = centreCrop(image.pixels, request.maxSide).clone();
        } else {
            const DecomposeResult decomposed = derainer->decompose(
                { {}, frame, scene.background, {}, request.maxSide, request.tileSize });
            if (!decomposed.ok()) {
                result.error = decomposed.error;
                return result;
            }
            o = layerImage(*findLayer(decomposed.preview, QStringLiteral("O")));
            derained.append(layerImage(*findLayer(decomposed.preview, QStringLiteral("B"))));
            result.frames.append(decomposed.preview);
        }
        if (!observed.isEmpty() && o.size() != observed.first().size()) {
            result.error = sizeMismatch(frame, o, observed.first());
            return result;
        }
        observed.append(o);
    }
    if (progress && !result.cancelled)
        progress(total, total);
    if (!clean.empty() && !observed.isEmpty() && clean.size() != observed.first().size()) {
        result.error = sizeMismatch(scene.background, clean, observed.first());
        return result;
    }

    if (request.baseline) {
        result.method = temporalBaselineName(*request.baseline);
        if (!observed.isEmpty()) {
            const cv::Mat background = temporalBackground(observed, *request.baseline);
            for (qsizetype i = 0; i < observed.size(); ++i) {
                result.frames.append(
                    baselineLayers(scene.frames[i], observed[i], background, clean));
                derained.append(background);
            }
        }
    } else {
        result.method = derainer->method();
    }
    if (observed.isEmpty())
        return result;

    const cv::Mat inputStd = temporalStdMap(observed);
    const cv::Mat outputStd = temporalStdMap(derained);
    const float scale = sharedStdScale(inputStd, outputStd);
    result.stdMaps.sample = scene.name;
    result.stdMaps.layers = { stdLayer(QStringLiteral("std O"), inputStd, scale),
        stdLayer(QStringLiteral("std B"), outputStd, scale) };
    result.inputStd = cv::mean(inputStd)[0] * 255.0;
    result.outputStd = cv::mean(outputStd)[0] * 255.0;

    if (!clean.empty()) {
        for (const cv::Mat &background : std::as_const(derained))
            result.scores.append(scoreOf(background, clean, request.metrics));
        result.temporalMean
            = scoreOf(temporalBackground(observed, TemporalBaseline::Mean), clean, request.metrics);
        result.temporalMedian = scoreOf(
            temporalBackground(observed, TemporalBaseline::Median), clean, request.metrics);
    }
    return result;
}

} // namespace pluvia::core
