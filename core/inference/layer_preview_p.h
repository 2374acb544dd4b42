// SPDX-License-Identifier: GPL-3.0-or-later
// A trained method's decomposition of one image as layers for the viewers (private to core): O,
// B, R, the ground truth when known and the method's intermediates, derained through tiled
// inference without touching the method's training state; and the layers a run stores as its
// sample images, written and read back.
#pragma once

#include "core/image/preview_layer.h"
#include "core/inference/tiled_inference_p.h"
#include "models/framework/method.h"

namespace pluvia::core {

// Derains `rainyPath` (its centre, at most `maxSide` pixels square) and returns O, B, R, the
// ground truth B_gt and R_gt when `cleanPath` is given, and the method's intermediates. Returns
// an event with no layers and sets *error when the image cannot be read.
PreviewEvent makePreview(models::Method &method, const QString &rainyPath, const QString &cleanPath,
    int maxSide, const TileOptions &tiles, QString *error);

// A CV_32FC3 RGB image as a layer: values as they are, drawn as an image or, when
// signed, with the rain layer's diverging colormap.
PreviewLayer matLayer(const QString &name, const cv::Mat &image, bool isSigned);

// Fills preview.niqeO and niqeB from its O and B layers (Y, as niqe.h scores an 8-bit image).
void scoreNiqe(PreviewEvent &preview);

// The centre of `image`, at most `maxSide` pixels square: what makePreview derains.
cv::Mat centreCrop(const cv::Mat &image, int maxSide);

// Writes a preview's layers into `folder`: 8-bit PNGs for images, and 16-bit PNGs for signed
// layers with R = 2 v / 65535 − 1 (the encoding of synthetic rain maps, docs/datasets.md).
// Returns "" or an error naming the file.
QString savePreview(const PreviewEvent &preview, const QString &folder);
// Reads back what savePreview wrote (16-bit files as signed layers), O, B, R, B_gt, R_gt first.
PreviewEvent loadPreview(const QString &folder, QString *error);

} // namespace pluvia::core
