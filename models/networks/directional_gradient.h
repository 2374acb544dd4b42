// SPDX-License-Identifier: GPL-3.0-or-later
// The time-lapse method's directional gradient network (Cho et al. §III-B-3, §III-C-2, Fig. 5):
// a regulariser that asks the estimated rain layer S to have a few dominant gradient directions.
//   θ_i = atan(∇_y S_i / ∇_x S_i)                       per pixel, in (−π/2, π/2]
//   α_k(θ_i) = softmax_k(W_k ∗ θ + b_k)_i                eq. 5, k 3×3 filters over the θ map
//   V(k) = mean_i α_k(θ_i) |θ_i − c_k|                   eq. 4, c_k learned
//   L_v = Σ_k |V(k)|                                    eq. 6
// Choices (docs/methods.md): S's channels are averaged first (the paper works on luminance);
// ∇ are forward differences (∇_x S(y, x) = S(y, x+1) − S(y, x), ∇_y S(y, x) = S(y+1, x) − S(y, x),
// y downwards) on the (H−1)×(W−1) pixels where both exist; where ∇_x = 0, θ = π/2 (atan's limits
// ±π/2 are the same orientation), and where the gradient is flatter than `flatBelow` in both
// directions θ = 0 with no gradient (its direction is noise, and atan's derivative 1/|∇| would
// explode there).
// The sums of eqs. 4 and 6 are means over pixels and images, so λ_v does not depend on the crop.
// Not used at inference.
#pragma once

#include <torch/nn/module.h>
#include <torch/nn/modules/conv.h>
#include <torch/nn/pimpl.h>

namespace pluvia::models {

// N×C×H×W → N×1×(H−1)×(W−1), θ in (−π/2, π/2].
torch::Tensor gradientOrientation(const torch::Tensor &rain, double flatBelow = 1e-3);

class DirectionalGradientImpl : public torch::nn::Module
{
public:
    explicit DirectionalGradientImpl(int clusters = 4);
    // α: N×K×h×w memberships of the θ map N×1×h×w.
    torch::Tensor memberships(const torch::Tensor &theta);
    // V: K, eq. 4 for each cluster.
    torch::Tensor clusterCosts(const torch::Tensor &theta);
    // L_v of a rain layer (eq. 6).
    torch::Tensor forward(const torch::Tensor &rain);

    torch::nn::Conv2d membership { nullptr }; // W_k, b_k
    torch::Tensor centres; // c_k, K
};
TORCH_MODULE(DirectionalGradient);

} // namespace pluvia::models
