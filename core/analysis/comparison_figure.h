// SPDX-License-Identifier: GPL-3.0-or-later
// The figure of a results table: the same crop of chosen images from every row of a comparison
// side by side (the rainy input, each model, the temporal baselines where they apply, then the
// ground truth), one line per chosen image, each column headed by its row's label. Written as a
// PNG and as a one-page PDF holding the same pixels (lossless); drawn without a GUI, so
// pluvia-cli makes it.
#pragma once

#include "core/analysis/comparison.h"

#include <QRect>
#include <QString>
#include <QStringList>

namespace pluvia::core {

struct FigureRequest {
    // Which images, by their path below the test set (ComparisonImage::relative, with or without
    // its suffix: "scene01/000"), file name or stem, each looked up in every test set (a name
    // may match several images); empty: the first image of the first test set.
    QStringList images;
    QRect crop; // in image pixels; empty: the centre, at most 256 × 256
    QString pngPath;
    QString pdfPath;
};

// "" on success, else a message naming the image or file that failed.
QString writeComparisonFigure(const ComparisonResult &result, const FigureRequest &request);

} // namespace pluvia::core
