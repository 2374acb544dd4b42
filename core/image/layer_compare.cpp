// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/image/layer_compare.h"

#include "core/image/rain_display_p.h"

#include <opencv2/core.hpp>

#include <cmath>
#include <functional>

namespace pluvia::core {

namespace {

bool sameShape(const PreviewLayer &a, const PreviewLayer &b)
{
    return a.width == b.width && a.height == b.height && a.channels == b.channels
        && a.values.size() == b.values.size()
        && a.values.size() == qsizetype(a.width) * a.height * a.channels;
}

// Combines the values element by element, renders the signed result.
DerivedLayer derive(const QString &name, const QVector<const PreviewLayer *> &inputs,
    const std::function<float(qsizetype)> &value, float fixedScale)
{
    DerivedLayer out;
    for (const PreviewLayer *input : inputs) {
        if (!sameShape(*inputs.front(), *input)) {
            out.error = QStringLiteral("%1: layers %2 (%3×%4×%5) and %6 (%7×%8×%9) differ in size")
                            .arg(name, inputs.front()->name)
                            .arg(inputs.front()->width)
                            .arg(inputs.front()->height)
                            .arg(inputs.front()->channels)
                            .arg(input->name)
                            .arg(input->width)
                            .arg(input->height)
                            .arg(input->channels);
            return out;
        }
    }
    const PreviewLayer &shape = *inputs.front();
    PreviewLayer &layer = out.layer;
    layer.name = name;
    layer.width = shape.width;
    layer.height = shape.height;
    layer.channels = shape.channels;
    layer.isSigned = true;
    layer.values.resize(shape.values.size());
    for (qsizetype i = 0; i < layer.values.size(); ++i) {
        layer.values[i] = value(i);
        out.maxAbs = std::max(out.maxAbs, std::abs(layer.values[i]));
    }
    const cv::Mat mat(layer.height, layer.width, CV_32FC(layer.channels), layer.values.data());
    const RainDisplay display = renderRainLayer(mat, RainDisplayMode::Diverging, fixedScale);
    if (!display.ok()) {
        out.error = QStringLiteral("%1: %2").arg(name, display.error);
        return out;
    }
    layer.display = display.image;
    layer.displayScale = display.scale;
    return out;
}

} // namespace

PreviewLayer imageLayer(const QString &name, const QImage &image)
{
    const QImage rgb = image.convertToFormat(QImage::Format_RGB888);
    PreviewLayer layer;
    layer.name = name;
    layer.width = rgb.width();
    layer.height = rgb.height();
    layer.display = rgb;
    layer.values.reserve(qsizetype(rgb.width()) * rgb.height() * 3);
    for (int y = 0; y < rgb.height(); ++y) {
        const uchar *row = rgb.constScanLine(y);
        for (int x = 0; x < 3 * rgb.width(); ++x)
            layer.values << row[x] / 255.f;
    }
    return layer;
}

QImage renderSignedLayer(const PreviewLayer &layer, bool darkBackground)
{
    if (!layer.isSigned || (layer.channels != 1 && layer.channels != 3)
        || layer.values.size() != qsizetype(layer.width) * layer.height * layer.channels)
        return {};
    const cv::Mat mat(layer.height, layer.width, CV_32FC(layer.channels),
        const_cast<float *>(layer.values.constData()));
    return renderRainLayer(mat,
        darkBackground ? RainDisplayMode::DivergingDark : RainDisplayMode::Diverging,
        layer.displayScale)
        .image;
}

DerivedLayer residualLayer(const PreviewLayer &o, const PreviewLayer &b, const PreviewLayer &r)
{
    return derive(
        QStringLiteral("O − (B + R)"), { &o, &b, &r },
        [&](qsizetype i) { return o.values[i] - (b.values[i] + r.values[i]); },
        kResidualDisplayScale);
}

DerivedLayer differenceLayer(const QString &name, const PreviewLayer &a, const PreviewLayer &b)
{
    return derive(
        name, { &a, &b }, [&](qsizetype i) { return a.values[i] - b.values[i]; }, 0.f);
}

} // namespace pluvia::core
