// SPDX-License-Identifier: GPL-3.0-or-later
// The time-lapse method's dynamic fusion (Cho et al. eq. 9, Table II, after Jia et al.'s dynamic
// filter networks): a filter generator G turns the concatenated encoder features x (C_in
// channels) into a 1×1 filter W(x) of C_out × C_in weights, which is then applied to x.
//
// Generators:
//   literal   Table II read as written: W = reshape(M g + b), one linear map from the C_in
//             features to all C_out·C_in weights (768 → 196,608 at the paper's widths: 151 M
//             parameters);
//   low-rank  W = Σ_k h_k U_k with h = A g + c: M = Σ_k vec(U_k) A_kᵀ factorised to rank r,
//             r (C_out·C_in + C_in + 1) parameters. With M and b built from the factors, the
//             literal generator computes exactly the low-rank one (tests).
// Where the filter varies:
//   per sample    g = the features averaged over the image: one filter per image, applied at
//                 every position (Pluvia's default reading: "a per-sample generated filter");
//   per position  g = the features at each position: a filter per position (Table II's
//                 mk_dyn_filter keeps the 1/8 spatial grid), the literal generator's memory then
//                 grows with C_out·C_in per position.
// Initialisation (Pluvia's; the paper is silent): the generated filter starts as a fixed random
// 1×1 convolution with PyTorch's default scale plus a smaller input-dependent part.
#pragma once

#include <torch/nn/module.h>
#include <torch/nn/modules/conv.h>
#include <torch/nn/modules/linear.h>
#include <torch/nn/pimpl.h>

namespace pluvia::models {

struct DynamicFilterOptions {
    int inChannels = 768;
    int outChannels = 256;
    enum class Generator { Literal, LowRank } generator = Generator::Literal;
    int rank = 8; // low-rank only
    bool perPosition = false;
};

class DynamicFilterImpl : public torch::nn::Module
{
public:
    explicit DynamicFilterImpl(const DynamicFilterOptions &options = {});
    // N×C_in×H×W → N×C_out×H×W.
    torch::Tensor forward(const torch::Tensor &x);
    // The generated filters for generator inputs g (…×C_in) → …×C_out×C_in.
    torch::Tensor filterFor(const torch::Tensor &g);
    // What the generator reads: the per-sample mean (N×C_in), or the features at each position
    // (N×H×W×C_in).
    torch::Tensor generatorInput(const torch::Tensor &x) const;
    const DynamicFilterOptions &options() const { return m_options; }
    // Literal: weight (C_out·C_in)×C_in, bias C_out·C_in; row o·C_in + i is W[o][i].
    const torch::nn::Linear &literal() const { return m_literal; }
    // Low-rank: U as a 1×1 convolution of r·C_out outputs (block k is U_k) and (A, c).
    const torch::nn::Conv2d &basis() const { return m_basis; }
    const torch::nn::Linear &coefficients() const { return m_coefficients; }

private:
    DynamicFilterOptions m_options;
    torch::nn::Linear m_literal { nullptr };
    torch::nn::Conv2d m_basis { nullptr };
    torch::nn::Linear m_coefficients { nullptr };
};
TORCH_MODULE(DynamicFilter);

} // namespace pluvia::models
