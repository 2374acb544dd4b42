// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/inference/tile_budget_p.h"

#include "core/inference/tiled_inference_p.h"
#include "core/runtime/memory_meter_p.h"

#include <torch/torch.h>

#include <algorithm>
#include <cmath>

namespace pluvia::core {

namespace {

constexpr double kFloatBytes = 4.0;

int alignedDown(int value, int alignment)
{
    return value / alignment * alignment;
}

} // namespace

InferenceMemory measureInferenceMemory(models::Method &method, bool intermediates)
{
    torch::NoGradGuard noGrad;
    const int alignment = std::max(1, method.inferenceGeometry().alignment);
    // Two sides far enough apart that the per-pixel term dominates their difference.
    const int small = (128 + alignment - 1) / alignment * alignment;
    const int large = 2 * small;
    InferenceMemory memory;
    double peaks[2] = {};
    for (int i = 0; i < 2; ++i) {
        const int side = i == 0 ? small : large;
        MemoryMeter meter;
        const at::Tensor tile = torch::full({ 1, 3, side, side }, 0.5f);
        const models::DerainOutput out = method.derain(tile, intermediates);
        peaks[i] = double(meter.peakBytes());
        memory.intermediateChannels = 0;
        for (const auto &intermediate : out.intermediates)
            if (intermediate.image.size(2) == side && intermediate.image.size(3) == side)
                memory.intermediateChannels += int(intermediate.image.size(1));
    }
    memory.bytesPerPixel
        = std::max(0.0, (peaks[1] - peaks[0]) / (double(large) * large - double(small) * small));
    memory.fixedBytes = std::max(0.0, peaks[0] - memory.bytesPerPixel * small * small);
    return memory;
}

double stitchingBytes(int height, int width, int intermediateChannels)
{
    // Sums: B (3) + weights (1) + intermediates; results: B (3), R (3), intermediates; and one
    // image-sized temporary (3) while B is divided by the weights.
    const double channels = 3 + 1 + 3 + 3 + 3 + 2.0 * intermediateChannels;
    return channels * kFloatBytes * double(height) * double(width);
}

int tileSizeForBudget(const InferenceMemory &memory, double budgetBytes, int height, int width,
    const models::InferenceGeometry &geometry, int blend)
{
    const int alignment = std::max(1, geometry.alignment);
    const int minimum = minimumTileSize(geometry, blend);
    const double left = budgetBytes - stitchingBytes(height, width, memory.intermediateChannels)
        - memory.fixedBytes;
    if (left <= 0.0 || memory.bytesPerPixel <= 0.0)
        return left <= 0.0 ? minimum : kMaxAutoTile;
    const double side = std::sqrt(left / memory.bytesPerPixel);
    return std::clamp(alignedDown(int(std::min(side, 1e6)), alignment), minimum, kMaxAutoTile);
}

int smallerTileSize(
    int tileSize, int height, int width, const models::InferenceGeometry &geometry, int blend)
{
    const int alignment = std::max(1, geometry.alignment);
    const int minimum = minimumTileSize(geometry, blend);
    const int current
        = tileSize > 0 ? std::min(tileSize, std::max(height, width)) : std::max(height, width);
    if (current <= minimum)
        return 0;
    return std::max(minimum, alignedDown(current / 2, alignment));
}

} // namespace pluvia::core
