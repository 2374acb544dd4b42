// SPDX-License-Identifier: GPL-3.0-or-later
// Where deraining writes (DESIGN.md §5): the one rule the CLI, the Derain queue and the derainer
// share. For an input <stem>.<ext> (inputs given as folders keep their sub-folder structure <sub>/
// below each folder; files below `relativeTo` keep theirs below it):
//   <out>/<sub>/<stem>.png          B, 8-bit RGB
//   <out>/rain/<sub>/<stem>.png     R = O − B, 16-bit RGB, R = 2 v / 65535 − 1 (docs/datasets.md)
//   <out>/<name>/<sub>/<stem>.png   each intermediate, 8-bit (signed ones encoded like R)
// so that <out> itself holds only derained images (what `pluvia-cli eval --pred` reads). A file
// outside `relativeTo` (its relative path would start with "..") goes to <out> itself: no output
// ever lands outside <out>.
#pragma once

#include "core/data/dataset.h"

#include <QString>
#include <QStringList>
#include <QVector>

namespace cv {
class Mat;
}

namespace pluvia::core {

struct DerainTarget {
    QString input; // absolute path of the image
    QString relative; // <sub>/<stem>.png: the output's path below an output folder
};

// Files and folders (searched recursively, images in natural order) → targets; inputs that do
// not exist are named in *problems.
QVector<DerainTarget> derainTargets(
    const QStringList &inputs, const QString &relativeTo, QStringList *problems);

// <out>/<layer>/<relative> ("" layer: B), cleaned.
QString derainOutputPath(
    const QString &outFolder, const DerainTarget &target, const QString &layer = {});

// The refusal when an output exists and neither overwriting nor skipping was asked for: names the
// file and both ways on.
QString existingOutputError(const QString &path);

// Every frame of a time-lapse dataset in the sequence's layout: <scene folder>/<frame stem>.png
// below the output folder, scenes and frames in the dataset's order (the scene's clean
// background is not a frame).
QVector<DerainTarget> sequenceTargets(const Dataset &dataset);

// A signed layer (R, signed intermediates) as deraining writes it: 16-bit RGB PNG holding
// (x + 1) / 2, so R = 2 v / 65535 − 1. `signedRgb` is CV_32FC3 (or C1) in [−1, 1].
QString writeSignedLayer(const QString &path, const cv::Mat &signedRgb);

} // namespace pluvia::core
