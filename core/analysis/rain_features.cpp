// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/analysis/rain_features.h"

#include "core/analysis/checkpoint_batches_p.h"
#include "core/error_text.h"
#include "core/image/rain_display_p.h"
#include "core/image/tensor_convert_p.h"
#include "models/framework/rain_direction.h"

#include <QDir>

#include <torch/torch.h>

#include <cmath>

namespace pluvia::core {

namespace {

constexpr int kRawSide = 16;

// N×3×H×W rain layers → N × 768 (averaged down to 16 × 16).
at::Tensor rawFeatures(const at::Tensor &rain)
{
    namespace F = torch::nn::functional;
    return F::adaptive_avg_pool2d(rain, F::AdaptiveAvgPool2dFuncOptions({ kRawSide, kRawSide }))
        .flatten(1);
}

// N×3×H×W rain layers → N × 38 rain statistics.
at::Tensor statsFeatures(const at::Tensor &rain)
{
    namespace F = torch::nn::functional;
    using torch::indexing::Slice;
    const at::Tensor grey = rain.mean(1, true);
    const at::Tensor kernels = models::directionalKernels(5).to(rain.device());
    const at::Tensor gx
        = F::conv2d(grey, kernels.index({ Slice(0, 1) }), F::Conv2dFuncOptions().padding(2));
    const at::Tensor gy
        = F::conv2d(grey, kernels.index({ Slice(9, 10) }), F::Conv2dFuncOptions().padding(2));
    const int64_t n = rain.size(0);
    const at::Tensor magnitude = (gx.square() + gy.square()).sqrt().flatten(1);
    // Orientation of the gradient, folded into [0°, 180°).
    const at::Tensor angle
        = torch::remainder(torch::atan2(gy, gx).flatten(1) * (180.0 / M_PI), 180.0);
    const at::Tensor bins = (angle / 10.0).floor().clamp(0, 17).to(torch::kLong);
    at::Tensor orientation
        = torch::zeros({ n, 18 }, rain.options()).scatter_add_(1, bins, magnitude);
    orientation = orientation / orientation.sum(1, true).clamp_min(1e-12);
    const at::Tensor absolute = grey.abs().flatten(1);
    const at::Tensor levels = (absolute / (0.5 / 16.0)).floor().clamp(0, 15).to(torch::kLong);
    at::Tensor intensity = torch::zeros({ n, 16 }, rain.options())
                               .scatter_add_(1, levels, torch::ones_like(absolute));
    intensity = intensity / double(absolute.size(1));
    const at::Tensor signed_ = grey.flatten(1);
    return torch::cat(
        { orientation, intensity, (absolute > 0.02).to(rain.scalar_type()).mean(1, true),
            absolute.mean(1, true), signed_.std(1, true, true), signed_.mean(1, true) },
        1);
}

} // namespace

RainFeatureReport extractRainFeatures(const RainFeatureRequest &request)
{
    RainFeatureReport report;
    const QString layerPrefix = QStringLiteral("layer:");
    const bool fromLayer = request.extractor.startsWith(layerPrefix);
    const std::string layer = request.extractor.mid(layerPrefix.size()).toStdString();
    if (request.extractor != QLatin1String("raw") && request.extractor != QLatin1String("stats")
        && !fromLayer) {
        report.error = QStringLiteral("unknown feature extractor '%1'; allowed: raw, stats, "
                                      "layer:NAME")
                           .arg(request.extractor);
        return report;
    }
    CheckpointBatches opened;
    if (!openCheckpointBatchesFor(
            { request.checkpoint, request.data, request.workspace, request.device, request.cropSize,
                request.batchSize, request.seed },
            &opened, &report))
        return report;
    models::Method *method = opened.method.get();
    RoleLoaders &loaders = *opened.loaders;
    if (fromLayer) {
        QStringList offered;
        for (const models::FeatureLayer &l : method->description().featureLayers)
            offered << QString::fromStdString(l.name);
        if (!offered.contains(QString::fromStdString(layer))) {
            report.error = offered.isEmpty()
                ? QStringLiteral("%1: method %2 has no feature layers; use raw or stats")
                      .arg(request.extractor, opened.info.method)
                : QStringLiteral("%1: method %2 has no such layer; it has %3")
                      .arg(request.extractor, opened.info.method,
                          offered.join(QStringLiteral(", ")));
            return report;
        }
    }
    FeatureTable &table = report.table;
    table.carriedNames = { QStringLiteral("source"), QStringLiteral("crop") };
    const int batches = (request.samples + request.batchSize - 1) / request.batchSize;
    try {
        for (int b = 0; b < batches; ++b) {
            models::TrainingBatch batch;
            QStringList problems;
            if (!loaders.next(&batch, &problems, &report.error))
                return report;
            for (const models::RainFeatureGroup &group : method->rainFeatures(batch)) {
                const at::Tensor rain = group.rain.detach().to(torch::kFloat32);
                // The extractors (a direction histogram's bin), t-SNE, PCA and the domain gap's
                // neighbours all need finite values; a diverged checkpoint's NaN would
                // otherwise surface as an index out of bounds.
                if (!torch::isfinite(rain).all().item<bool>()) {
                    report.error = QStringLiteral("%1: the %2 rain layers hold NaN or infinite "
                                                  "values (the checkpoint's weights are not "
                                                  "finite: a diverged run?)")
                                       .arg(QDir::toNativeSeparators(request.checkpoint),
                                           QString::fromStdString(group.group));
                    return report;
                }
                const at::Tensor features = (fromLayer ? method->layerFeatures(layer, group)
                        : request.extractor == QLatin1String("raw") ? rawFeatures(rain)
                                                                    : statsFeatures(rain))
                                                .detach()
                                                .to(torch::kFloat32)
                                                .cpu()
                                                .contiguous();
                if (table.columns == 0) {
                    table.columns = int(features.size(1));
                    const QString stem = fromLayer
                        ? QString::fromStdString(layer) + QLatin1Char('_')
                        : request.extractor;
                    for (int c = 0; c < table.columns; ++c)
                        table.featureNames << stem + QString::number(c);
                }
                const models::RoleBatch &role = batch.at(group.role);
                for (int64_t i = 0; i < features.size(0); ++i) {
                    table.values.insert(table.values.end(), features[i].data_ptr<float>(),
                        features[i].data_ptr<float>() + table.columns);
                    table.groups << QString::fromStdString(group.group);
                    const RainDisplay shown
                        = renderRainLayer(tensorToMat(rain[i].cpu()), RainDisplayMode::Diverging);
                    report.thumbnails << shown.image.scaled(kRainThumbnailSide, kRainThumbnailSide,
                        Qt::KeepAspectRatio, Qt::SmoothTransformation);
                    table.carried << QStringList { size_t(i) < role.sources.size()
                            ? QString::fromStdString(role.sources[size_t(i)])
                            : QString(),
                        size_t(i) < role.crops.size()
                            ? QString::fromStdString(role.crops[size_t(i)])
                            : QString() };
                    ++table.rows;
                }
            }
            if (request.progress && !request.progress(b + 1, batches)) {
                report.error = QStringLiteral("cancelled");
                return report;
            }
        }
    } catch (const std::exception &e) {
        report.error = firstLineOf(e.what());
    }
    return report;
}

} // namespace pluvia::core
