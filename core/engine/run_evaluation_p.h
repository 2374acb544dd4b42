// SPDX-License-Identifier: GPL-3.0-or-later
// What a run looks at while it trains (private to core): validation metrics on a paired role,
// and preview visuals of one sample. Both derain with the run's method through tiled inference,
// without touching its training state (no gradients, no draws from its generator).
#pragma once

#include "core/data/dataset.h"
#include "core/engine/tiled_inference_p.h"
#include "core/engine/training_events.h"
#include "core/metrics/metric_options.h"
#include "models/method/method.h"

#include <QVector>

namespace pluvia::core {

// Validation images, decoded once and kept (float tensors 3×H×W, CPU).
struct ValidationSet {
    QStringList names;
    QVector<at::Tensor> rainy;
    QVector<at::Tensor> clean;
    QStringList problems; // pairs that could not be read (skipped)
};

ValidationSet loadValidationSet(const QVector<DatasetPair> &pairs, int limit);

struct ValidationResult {
    int images = 0;
    double psnr = 0.0; // means over the images
    double ssim = 0.0;
};

// PSNR and SSIM of the derained validation images against their clean images, in the
// literature's convention (Y of MATLAB's rgb2ycbcr, ssim.m with its downsampling).
ValidationResult validate(
    models::Method &method, const ValidationSet &set, const TileOptions &tiles);
MetricOptions validationMetricOptions();

// Derains `rainyPath` (its centre, at most `maxSide` pixels square) and returns O, B, R, the
// ground truth B_gt and R_gt when `cleanPath` is given, and the method's intermediates. Returns
// an event with no layers and sets *error when the image cannot be read.
PreviewEvent makePreview(models::Method &method, const QString &rainyPath, const QString &cleanPath,
    int maxSide, const TileOptions &tiles, QString *error);

// Writes a preview's layers into `folder`: 8-bit PNGs for images, and 16-bit PNGs for signed
// layers with R = 2 v / 65535 − 1 (the encoding of synthetic rain maps, docs/datasets.md).
// Returns "" or an error naming the file.
QString savePreview(const PreviewEvent &preview, const QString &folder);
// Reads back what savePreview wrote (16-bit files as signed layers), O, B, R, B_gt, R_gt first.
PreviewEvent loadPreview(const QString &folder, QString *error);

} // namespace pluvia::core
