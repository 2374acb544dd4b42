// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/analysis/comparison_layers.h"

#include "core/image/layer_compare.h"

#include <QImage>

namespace pluvia::core {

namespace {

QImage centre(const QImage &image, int maxSide)
{
    const int width = std::min(image.width(), maxSide);
    const int height = std::min(image.height(), maxSide);
    return image.copy((image.width() - width) / 2, (image.height() - height) / 2, width, height);
}

// A row's label as a layer name, unique among the rows ("jrgr (quick) 2000").
QString layerName(const ComparisonRow &row)
{
    return row.kind == ComparisonRowKind::Checkpoint
        ? QStringLiteral("%1 %2").arg(row.label).arg(row.step)
        : row.label;
}

} // namespace

DecomposeResult comparisonLayers(
    const ComparisonResult &result, int row, int test, int image, int maxSide)
{
    DecomposeResult layers;
    layers.method = QStringLiteral("comparison");
    if (row < 0 || row >= result.rows.size() || test < 0 || test >= result.images.size()
        || image < 0 || image >= result.images[test].size()) {
        layers.error = QStringLiteral("no such cell or image in the comparison");
        return layers;
    }
    const ComparisonImage &target = result.images[test][image];
    layers.preview.sample = target.input;
    const auto read = [&](const QString &name, const QString &path, PreviewLayer *layer) {
        const QImage pixels(path);
        if (pixels.isNull()) {
            layers.error = QStringLiteral("%1: cannot read the image").arg(path);
            return false;
        }
        *layer = imageLayer(name, centre(pixels, maxSide));
        return true;
    };
    PreviewLayer o, b;
    if (!read(QStringLiteral("O"), target.input, &o))
        return layers;
    const QString chosen = comparisonOutput(result, row, test, target);
    if (chosen.isEmpty()) {
        layers.error = QStringLiteral("%1 has no output for %2")
                           .arg(result.rows[row].label, result.tests[test].name);
        return layers;
    }
    if (!read(QStringLiteral("B"), chosen, &b))
        return layers;
    const DerivedLayer r = differenceLayer(QStringLiteral("R"), o, b);
    if (!r.ok()) {
        layers.error = QStringLiteral("%1: %2").arg(chosen, r.error);
        return layers;
    }
    layers.preview.layers = { o, b, r.layer };
    for (int other = 0; other < result.rows.size(); ++other) {
        const QString output = comparisonOutput(result, other, test, target);
        if (other == row || output.isEmpty())
            continue;
        PreviewLayer layer;
        if (!read(layerName(result.rows[other]), output, &layer))
            return layers;
        layers.preview.layers.append(layer);
    }
    if (!target.groundTruth.isEmpty()) {
        PreviewLayer truth;
        if (!read(QStringLiteral("B_gt"), target.groundTruth, &truth))
            return layers;
        layers.preview.layers.append(truth);
    }
    return layers;
}

} // namespace pluvia::core
