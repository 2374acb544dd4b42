// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/training/run_evaluation_p.h"

#include "core/image/image_io_p.h"
#include "core/image/tensor_convert_p.h"
#include "core/metrics/image_metrics_p.h"

#include <torch/torch.h>

namespace pluvia::core {

MetricOptions validationMetricOptions()
{
    return MetricOptions {}; // Y channel, MATLAB downsampling: the papers' numbers
}

ValidationSet loadValidationSet(const QVector<DatasetPair> &pairs, int limit)
{
    ValidationSet set;
    for (const DatasetPair &pair : pairs) {
        if (set.names.size() >= limit)
            break;
        const FloatImage rainy = readImageRgbFloat(pair.rainy);
        const FloatImage clean = rainy.ok() ? readImageRgbFloat(pair.clean) : FloatImage {};
        if (!rainy.ok() || !clean.ok() || rainy.pixels.size() != clean.pixels.size()) {
            set.problems << (!rainy.ok() ? rainy.error
                    : !clean.ok()
                    ? clean.error
                    : QStringLiteral("%1: size differs from %2").arg(pair.rainy, pair.clean));
            continue;
        }
        set.names << pair.rainy;
        set.rainy << matToTensor(rainy.pixels);
        set.clean << matToTensor(clean.pixels);
    }
    return set;
}

ValidationResult validate(
    models::Method &method, const ValidationSet &set, const TileOptions &tiles)
{
    ValidationResult result;
    const MetricOptions options = validationMetricOptions();
    for (qsizetype i = 0; i < set.rainy.size(); ++i) {
        const auto out = derainTiled(method, set.rainy[i], tiles, {});
        const cv::Mat prediction = tensorToMat(out->background[0]);
        const ImageComparison comparison
            = compareImages(prediction, tensorToMat(set.clean[i]), options);
        if (!comparison.ok())
            continue;
        result.psnr += comparison.psnr;
        result.ssim += comparison.ssim;
        ++result.images;
    }
    if (result.images > 0) {
        result.psnr /= result.images;
        result.ssim /= result.images;
    }
    return result;
}

} // namespace pluvia::core
