// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/networks/directional_gradient.h"

#include <torch/torch.h>

#include <cmath>

namespace pluvia::models {

namespace {

constexpr double kPi = 3.14159265358979323846;

} // namespace

torch::Tensor gradientOrientation(const torch::Tensor &rain, double flatBelow)
{
    using torch::indexing::None;
    using torch::indexing::Slice;
    const torch::Tensor s = rain.mean(1, true);
    const torch::Tensor origin = s.index({ Slice(), Slice(), Slice(None, -1), Slice(None, -1) });
    const torch::Tensor gx
        = s.index({ Slice(), Slice(), Slice(None, -1), Slice(1, None) }) - origin;
    const torch::Tensor gy
        = s.index({ Slice(), Slice(), Slice(1, None), Slice(None, -1) }) - origin;
    const torch::Tensor flat = torch::logical_and(gx.abs() < flatBelow, gy.abs() < flatBelow);
    // atan2 on safe values (1, 0 where flat, so no 0/0 reaches its derivative), folded from
    // (−π, π] onto atan's (−π/2, π/2]: the same orientation, ∇ and −∇ alike.
    const torch::Tensor angle = torch::atan2(torch::where(flat, torch::zeros_like(gy), gy),
        torch::where(flat, torch::ones_like(gx), gx));
    const torch::Tensor folded = angle - kPi * (angle > kPi / 2).to(angle.dtype())
        + kPi * (angle <= -kPi / 2).to(angle.dtype());
    return torch::where(flat, torch::zeros_like(folded), folded);
}

DirectionalGradientImpl::DirectionalGradientImpl(int clusters)
{
    namespace nn = torch::nn;
    TORCH_CHECK(clusters >= 1, "DirectionalGradient: at least one cluster");
    membership
        = register_module("membership", nn::Conv2d(nn::Conv2dOptions(1, clusters, 3).padding(1)));
    // Centres spread evenly over the half-circle of orientations to start with.
    centres = register_parameter(
        "centres", (torch::arange(clusters, torch::kFloat32) + 0.5) * (kPi / clusters) - kPi / 2);
}

torch::Tensor DirectionalGradientImpl::memberships(const torch::Tensor &theta)
{
    return torch::softmax(membership->forward(theta), 1);
}

torch::Tensor DirectionalGradientImpl::clusterCosts(const torch::Tensor &theta)
{
    const torch::Tensor distance = (theta - centres.view({ 1, -1, 1, 1 })).abs(); // N×K×h×w
    return (memberships(theta) * distance).mean({ 0, 2, 3 });
}

torch::Tensor DirectionalGradientImpl::forward(const torch::Tensor &rain)
{
    return clusterCosts(gradientOrientation(rain)).abs().sum();
}

} // namespace pluvia::models
