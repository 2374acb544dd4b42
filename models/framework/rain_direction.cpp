// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/framework/rain_direction.h"

#include <torch/torch.h>

#include <cmath>

namespace pluvia::models {

namespace {

constexpr double kPi = 3.14159265358979323846;

double fold(double degrees)
{
    double d = std::fmod(degrees, 180.0);
    return d < 0 ? d + 180.0 : d;
}

} // namespace

int directionIndex(double degrees)
{
    return int(std::lround(fold(degrees) / 10.0)) % kDirectionCount;
}

at::Tensor directionalKernels(int size)
{
    TORCH_CHECK(
        size == 3 || size == 5 || size == 7, "direction kernels: size 3, 5 or 7, got ", size);
    at::Tensor kernels = torch::zeros({ kDirectionCount, 1, size, size });
    const int r = size / 2;
    for (int i = 0; i < kDirectionCount; ++i) {
        const double theta = 10.0 * i * kPi / 180.0;
        auto all = kernels.accessor<float, 4>();
        auto k = all[i][0];
        if (size == 3) {
            // The paper: 3×3 reduces to horizontal and vertical gradient operators.
            const bool horizontal = std::abs(std::cos(theta)) >= std::abs(std::sin(theta));
            if (horizontal) { // d/dx, along +x
                k[1][2] = std::cos(theta) >= 0 ? 0.5f : -0.5f;
                k[1][0] = -k[1][2];
            } else { // along +y up, i.e. −rows
                k[0][1] = std::sin(theta) >= 0 ? 0.5f : -0.5f;
                k[2][1] = -k[0][1];
            }
            continue;
        }
        const double sigma = (size - 1) / 4.0;
        double ramp = 0.0; // response to the unit ramp along θ
        for (int dy = -r; dy <= r; ++dy)
            for (int dx = -r; dx <= r; ++dx) {
                const double d = dx * std::cos(theta) - dy * std::sin(theta);
                const double v = d * std::exp(-(dx * dx + dy * dy) / (2 * sigma * sigma));
                k[dy + r][dx + r] = float(v);
                ramp += v * d;
            }
        // Calibrated: every kernel measures the slope along its angle in the same units. (Scaling
        // by the positive weights instead leaves the grid's anisotropy in: axis-aligned kernels
        // would answer a streak at 20° more strongly than the kernel across it.)
        kernels[i] /= ramp;
    }
    return kernels;
}

at::Tensor directionLoss(const at::Tensor &zEstimate, const at::Tensor &zTruth,
    const at::Tensor &degrees, const at::Tensor &kernels)
{
    namespace F = torch::nn::functional;
    const int64_t n = zEstimate.size(0), c = zEstimate.size(1);
    const int size = int(kernels.size(2));
    const at::Tensor angles = degrees.to(torch::kCPU, torch::kDouble).contiguous();
    std::vector<int64_t> parallel, perpendicular;
    for (int64_t i = 0; i < n; ++i) {
        const int index = directionIndex(angles[i].item<double>());
        parallel.push_back(index);
        perpendicular.push_back((index + kDirectionCount / 2) % kDirectionCount);
    }
    // Both sides of eq. 5 are linear in z, so k ⊗ z_syn − k ⊗ z_gt = k ⊗ (z_syn − z_gt): one
    // grouped convolution per kernel set, each sample (and channel) with its own kernel.
    const at::Tensor difference
        = (zEstimate - zTruth).reshape({ 1, n * c, zEstimate.size(2), zEstimate.size(3) });
    auto response = [&](const std::vector<int64_t> &indices) {
        const at::Tensor chosen
            = kernels.to(zEstimate.device())
                  .index_select(0, torch::tensor(indices, torch::kLong).to(zEstimate.device()))
                  .repeat_interleave(c, 0); // (n·c) × 1 × l × l
        return F::conv2d(
            difference, chosen, F::Conv2dFuncOptions().padding(size / 2).groups(n * c));
    };
    return response(parallel).abs().mean() + response(perpendicular).abs().mean();
}

at::Tensor estimateDirection(const at::Tensor &rain)
{
    namespace F = torch::nn::functional;
    torch::NoGradGuard noGrad;
    const at::Tensor grey = rain.mean(1, true).to(torch::kFloat32);
    // Gradients by the 5×5 Gaussian-derivative kernels at 0° (d/dx) and 90° (d/dy, upwards, so
    // angles are counter-clockwise as seen): far more isotropic than central differences on the
    // fine periodic patterns rain layers are made of.
    const at::Tensor kernels = directionalKernels(5).to(rain.device());
    using torch::indexing::Slice;
    const at::Tensor gx
        = F::conv2d(grey, kernels.index({ Slice(0, 1) }), F::Conv2dFuncOptions().padding(2));
    const at::Tensor gy
        = F::conv2d(grey, kernels.index({ Slice(9, 10) }), F::Conv2dFuncOptions().padding(2));
    const at::Tensor jxx = (gx * gx).mean({ 1, 2, 3 }), jyy = (gy * gy).mean({ 1, 2, 3 }),
                     jxy = (gx * gy).mean({ 1, 2, 3 });
    // Orientation of the dominant gradient; the streaks run across it.
    const at::Tensor gradient = 0.5 * torch::atan2(2 * jxy, jxx - jyy) * (180.0 / kPi);
    return torch::remainder(gradient + 90.0, 180.0).cpu();
}

} // namespace pluvia::models
