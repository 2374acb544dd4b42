// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/inference/tiled_inference_p.h"

#include <torch/torch.h>

#include <algorithm>
#include <map>

namespace pluvia::core {

namespace {

int roundUp(int value, int multiple)
{
    return (value + multiple - 1) / multiple * multiple;
}

int roundDown(int value, int multiple)
{
    return value / multiple * multiple;
}

// Weights of one axis for every span: a 1×L tensor each.
std::vector<at::Tensor> axisWeights(const std::vector<TileSpan> &spans, int length, int blend)
{
    std::vector<at::Tensor> weights;
    for (const TileSpan &span : spans) {
        std::vector<float> w(size_t(span.end - span.start));
        for (int x = span.start; x < span.end; ++x)
            w[size_t(x - span.start)] = tileWeight(span, x, length, blend);
        weights.push_back(torch::tensor(w));
    }
    return weights;
}

} // namespace

std::vector<TileSpan> planTiles(int length, int tileSize, int margin, int blend, int alignment)
{
    alignment = std::max(1, alignment);
    if (tileSize <= 0 || length <= tileSize)
        return { { 0, length, 0, length } };
    tileSize = std::max(
        roundUp(tileSize, alignment), roundUp(2 * margin + blend + alignment, alignment));
    if (length <= tileSize)
        return { { 0, length, 0, length } };
    const int stride = std::max(alignment, roundDown(tileSize - 2 * margin - blend, alignment));
    std::vector<TileSpan> spans;
    for (int start = 0;; start += stride) {
        // The last tile is aligned too, and runs to the end of the axis (up to alignment − 1
        // pixels longer than the others).
        const bool last = start + tileSize >= length;
        if (last)
            start = std::min(start, roundDown(std::max(0, length - tileSize), alignment));
        if (!spans.empty() && spans.back().start == start)
            spans.pop_back(); // the aligned last tile starts where the previous one did
        TileSpan span;
        span.start = start;
        span.end = last ? length : start + tileSize;
        span.useStart = start == 0 ? 0 : start + margin;
        span.useEnd = span.end == length ? length : span.end - margin;
        spans.push_back(span);
        if (last)
            break;
    }
    return spans;
}

float tileWeight(const TileSpan &span, int x, int length, int blend)
{
    if (x < span.useStart || x >= span.useEnd)
        return 0.0f;
    float weight = 1.0f;
    // Half-pixel offsets keep every used pixel's weight positive.
    if (span.useStart > 0 && blend > 0)
        weight = std::min(weight, (float(x - span.useStart) + 0.5f) / float(blend));
    if (span.useEnd < length && blend > 0)
        weight = std::min(weight, (float(span.useEnd - x) - 0.5f) / float(blend));
    return std::clamp(weight, 0.0f, 1.0f);
}

static int contextMargin(const models::InferenceGeometry &geometry)
{
    return roundUp(geometry.receptiveRadius, std::max(1, geometry.alignment));
}

int minimumTileSize(const models::InferenceGeometry &geometry, int blend)
{
    const int alignment = std::max(1, geometry.alignment);
    return roundUp(2 * contextMargin(geometry) + blend + alignment, alignment);
}

int tileCount(
    const models::InferenceGeometry &geometry, int height, int width, const TileOptions &options)
{
    const int margin = contextMargin(geometry);
    return int(planTiles(height, options.tileSize, margin, options.blend, geometry.alignment).size()
        * planTiles(width, options.tileSize, margin, options.blend, geometry.alignment).size());
}

std::optional<models::DerainOutput> derainTiled(models::Method &method, const at::Tensor &image,
    const TileOptions &options, const std::function<bool(int done, int total)> &progress)
{
    torch::NoGradGuard noGrad;
    const int height = int(image.size(1)), width = int(image.size(2));
    const models::InferenceGeometry geometry = method.inferenceGeometry();
    const int alignment = std::max(1, geometry.alignment);
    const int margin = contextMargin(geometry);
    const auto rows = planTiles(height, options.tileSize, margin, options.blend, alignment);
    const auto cols = planTiles(width, options.tileSize, margin, options.blend, alignment);
    const auto rowWeights = axisWeights(rows, height, options.blend);
    const auto colWeights = axisWeights(cols, width, options.blend);
    const int total = int(rows.size() * cols.size());

    // Accumulators: weighted sums of B and of each intermediate, and of the weights.
    at::Tensor background = torch::zeros({ 3, height, width });
    at::Tensor weightSum = torch::zeros({ 1, height, width });
    std::map<std::string, at::Tensor> intermediates;
    std::map<std::string, bool> signedness;
    std::vector<std::string> intermediateOrder;
    int done = 0;
    for (size_t r = 0; r < rows.size(); ++r) {
        for (size_t c = 0; c < cols.size(); ++c) {
            const TileSpan &row = rows[r], &col = cols[c];
            using torch::indexing::Slice;
            const auto region = [&](const at::Tensor &t) {
                return t.index({ Slice(), Slice(row.start, row.end), Slice(col.start, col.end) });
            };
            const at::Tensor tile = region(image).unsqueeze(0);
            models::DerainOutput out = method.derain(tile, options.intermediates);
            const at::Tensor weight
                = (rowWeights[r].unsqueeze(1) * colWeights[c].unsqueeze(0)).unsqueeze(0);
            region(background).add_(out.background[0].cpu() * weight);
            region(weightSum).add_(weight);
            for (auto &[name, tensor, isSigned] : out.intermediates) {
                if (tensor.size(2) != tile.size(2) || tensor.size(3) != tile.size(3))
                    continue; // not image-sized: cannot be stitched
                auto it = intermediates.find(name);
                if (it == intermediates.end()) {
                    it = intermediates
                             .emplace(name, torch::zeros({ tensor.size(1), height, width }))
                             .first;
                    intermediateOrder.push_back(name);
                    signedness[name] = isSigned;
                }
                region(it->second).add_(tensor[0].cpu() * weight);
            }
            ++done;
            if (progress && !progress(done, total))
                return std::nullopt;
        }
    }
    models::DerainOutput result;
    result.background = (background / weightSum).unsqueeze(0);
    result.rain = image.unsqueeze(0) - result.background;
    for (const std::string &name : intermediateOrder)
        result.intermediates.push_back(
            { name, (intermediates[name] / weightSum).unsqueeze(0), signedness[name] });
    return result;
}

} // namespace pluvia::core
