// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/inference/layer_preview_p.h"

#include "core/image/image_io_p.h"
#include "core/image/rain_display_p.h"
#include "core/image/tensor_convert_p.h"
#include "core/metrics/niqe_p.h"

#include <QDir>
#include <QFileInfo>

#include <opencv2/core.hpp>
#include <torch/torch.h>

namespace pluvia::core {

namespace {

PreviewLayer layerOf(const QString &name, const at::Tensor &chw, bool isSigned)
{
    PreviewLayer layer;
    layer.name = name;
    const at::Tensor hwc = chw.detach().cpu().to(torch::kFloat32).permute({ 1, 2, 0 }).contiguous();
    layer.height = int(hwc.size(0));
    layer.width = int(hwc.size(1));
    layer.channels = int(hwc.size(2));
    layer.values.resize(qsizetype(hwc.numel()));
    std::copy_n(hwc.data_ptr<float>(), hwc.numel(), layer.values.data());
    layer.isSigned = isSigned;
    const cv::Mat mat = tensorToMat(chw.detach().cpu());
    if (isSigned) {
        const RainDisplay display = renderRainLayer(mat, RainDisplayMode::Diverging);
        layer.display = display.image;
        layer.displayScale = display.scale;
    } else if (layer.channels == 3) {
        layer.display = matToQImage(mat);
    } else {
        cv::Mat grey = mat;
        if (layer.channels != 1)
            grey = tensorToMat(chw.detach().cpu().mean(0, true));
        cv::Mat rgb;
        cv::merge(std::vector<cv::Mat> { grey, grey, grey }, rgb);
        layer.display = matToQImage(rgb);
    }
    return layer;
}

} // namespace

PreviewLayer matLayer(const QString &name, const cv::Mat &image, bool isSigned)
{
    return layerOf(name, matToTensor(image), isSigned);
}

void scoreNiqe(PreviewEvent &preview)
{
    for (const PreviewLayer &layer : std::as_const(preview.layers)) {
        const bool o = layer.name == QLatin1String("O"), b = layer.name == QLatin1String("B");
        if ((!o && !b) || (layer.channels != 1 && layer.channels != 3))
            continue;
        const cv::Mat pixels(layer.height, layer.width, CV_32FC(layer.channels),
            const_cast<float *>(layer.values.constData()));
        const NiqeScore score = niqeOfImage(pixels, NiqePlane::Y);
        (o ? preview.niqeO : preview.niqeB) = score.value;
    }
}

cv::Mat centreCrop(const cv::Mat &image, int maxSide)
{
    const int h = std::min(image.rows, maxSide), w = std::min(image.cols, maxSide);
    return image(cv::Rect((image.cols - w) / 2, (image.rows - h) / 2, w, h));
}

PreviewEvent makePreview(models::Method &method, const QString &rainyPath, const QString &cleanPath,
    int maxSide, const TileOptions &tiles, QString *error)
{
    PreviewEvent event;
    event.sample = rainyPath;
    const FloatImage rainy = readImageRgbFloat(rainyPath);
    if (!rainy.ok()) {
        *error = rainy.error;
        return event;
    }
    const at::Tensor o = matToTensor(centreCrop(rainy.pixels, maxSide));
    const auto out = derainTiled(method, o, tiles, {});
    event.layers << layerOf(QStringLiteral("O"), o, false)
                 << layerOf(QStringLiteral("B"), out->background[0], false)
                 << layerOf(QStringLiteral("R"), out->rain[0], true);
    if (!cleanPath.isEmpty()) {
        const FloatImage clean = readImageRgbFloat(cleanPath);
        if (clean.ok() && clean.pixels.size() == rainy.pixels.size()) {
            const at::Tensor b = matToTensor(centreCrop(clean.pixels, maxSide));
            event.layers << layerOf(QStringLiteral("B_gt"), b, false)
                         << layerOf(QStringLiteral("R_gt"), o - b, true);
        }
    }
    for (const auto &[name, tensor, isSigned] : out->intermediates)
        event.layers << layerOf(QString::fromStdString(name), tensor[0], isSigned);
    return event;
}

PreviewEvent loadPreview(const QString &folder, QString *error)
{
    PreviewEvent event;
    QStringList names
        = QDir(folder).entryList({ QStringLiteral("*.png") }, QDir::Files, QDir::Name);
    const QStringList first = { QStringLiteral("O.png"), QStringLiteral("B.png"),
        QStringLiteral("R.png"), QStringLiteral("B_gt.png"), QStringLiteral("R_gt.png") };
    std::stable_sort(names.begin(), names.end(), [&](const QString &a, const QString &b) {
        const qsizetype ia = first.indexOf(a), ib = first.indexOf(b);
        return (ia < 0 ? first.size() : ia) < (ib < 0 ? first.size() : ib);
    });
    for (const QString &name : std::as_const(names)) {
        const QString path = QDir(folder).filePath(name);
        const DecodedImage decoded = readImage(path);
        const FloatImage image = readImageRgbFloat(path);
        if (!decoded.ok() || !image.ok()) {
            *error = decoded.ok() ? image.error : decoded.error;
            return {};
        }
        const bool isSigned = decoded.bitDepth == 16; // R = 2 v − 1 (savePreview)
        at::Tensor chw = matToTensor(image.pixels);
        if (isSigned)
            chw = chw * 2.0 - 1.0;
        event.layers << layerOf(QFileInfo(name).completeBaseName(), chw, isSigned);
    }
    if (event.layers.isEmpty())
        *error
            = QStringLiteral("%1: no stored preview images").arg(QDir::toNativeSeparators(folder));
    return event;
}

QString savePreview(const PreviewEvent &preview, const QString &folder)
{
    QDir().mkpath(folder);
    for (const PreviewLayer &layer : preview.layers) {
        const QString path = QDir(folder).filePath(layer.name + QStringLiteral(".png"));
        cv::Mat values(layer.height, layer.width, layer.channels == 1 ? CV_32FC1 : CV_32FC3,
            const_cast<float *>(layer.values.constData()));
        QString error;
        if (layer.isSigned) {
            cv::Mat encoded;
            values.convertTo(encoded, CV_32F, 0.5, 0.5); // [-1, 1] → [0, 1]
            error = writeImage(path, encoded, WriteOptions { 16, 95 });
        } else {
            error = writeImage(path, values, WriteOptions { 8, 95 });
        }
        if (!error.isEmpty())
            return error;
    }
    return {};
}

} // namespace pluvia::core
