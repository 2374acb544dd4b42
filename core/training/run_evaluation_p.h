// SPDX-License-Identifier: GPL-3.0-or-later
// What a run measures while it trains (private to core): validation metrics on a paired role,
// deraining with the run's method through tiled inference, without touching its training state
// (no gradients, no draws from its generator). Its previews are layer_preview_p.h.
#pragma once

#include "core/data/dataset.h"
#include "core/inference/tiled_inference_p.h"
#include "core/metrics/metric_options.h"
#include "models/framework/method.h"

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

} // namespace pluvia::core
