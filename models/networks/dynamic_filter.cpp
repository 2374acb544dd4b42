// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/networks/dynamic_filter.h"

#include <torch/torch.h>

#include <cmath>

namespace pluvia::models {

DynamicFilterImpl::DynamicFilterImpl(const DynamicFilterOptions &options)
    : m_options(options)
{
    namespace nn = torch::nn;
    const int in = options.inChannels, out = options.outChannels;
    torch::NoGradGuard noGrad;
    if (options.generator == DynamicFilterOptions::Generator::Literal) {
        m_literal = register_module("generator", nn::Linear(in, int64_t(out) * in));
        // PyTorch's default would give the filter entries a spread √C_in times that of a default
        // 1×1 convolution; these bounds give the bias (the fixed part) exactly that spread and
        // the input-dependent part the same order for features of order 1.
        const double bound = 1.0 / std::sqrt(double(in));
        m_literal->weight.uniform_(-bound / std::sqrt(double(in)), bound / std::sqrt(double(in)));
        m_literal->bias.uniform_(-bound, bound);
    } else {
        TORCH_CHECK(options.rank >= 1, "DynamicFilter: rank must be at least 1");
        m_basis = register_module(
            "basis", nn::Conv2d(nn::Conv2dOptions(in, int64_t(options.rank) * out, 1).bias(false)));
        m_coefficients = register_module("coefficients", nn::Linear(in, options.rank));
        // h_k starts at 1/√r plus the input-dependent part: Σ_k U_k / √r has the spread of one
        // default 1×1 convolution.
        m_coefficients->bias.fill_(1.0 / std::sqrt(double(options.rank)));
    }
}

torch::Tensor DynamicFilterImpl::generatorInput(const torch::Tensor &x) const
{
    return m_options.perPosition ? x.permute({ 0, 2, 3, 1 }) : x.mean({ 2, 3 });
}

torch::Tensor DynamicFilterImpl::filterFor(const torch::Tensor &g)
{
    const int64_t in = m_options.inChannels, out = m_options.outChannels;
    std::vector<int64_t> shape(g.sizes().begin(), g.sizes().end() - 1);
    shape.push_back(out);
    shape.push_back(in);
    if (m_literal)
        return m_literal->forward(g).view(shape);
    const torch::Tensor u = m_basis->weight.view({ m_options.rank, out, in });
    const torch::Tensor h = m_coefficients->forward(g); // …×r
    return torch::tensordot(h, u, { h.dim() - 1 }, { 0 });
}

torch::Tensor DynamicFilterImpl::forward(const torch::Tensor &x)
{
    const int64_t n = x.size(0), height = x.size(2), width = x.size(3);
    const int64_t out = m_options.outChannels;
    if (!m_options.perPosition) { // one C_out×C_in filter per image
        const torch::Tensor w = filterFor(generatorInput(x)); // N×C_out×C_in
        return torch::bmm(w, x.flatten(2)).view({ n, out, height, width });
    }
    const torch::Tensor g = generatorInput(x); // N×H×W×C_in
    if (m_literal) // W(p) x(p) at each position p
        return torch::matmul(filterFor(g), g.unsqueeze(-1)).squeeze(-1).permute({ 0, 3, 1, 2 });
    // Σ_k h_k(p) (U_k x)(p): the r basis filters applied once, then mixed per position.
    const torch::Tensor projected
        = m_basis->forward(x).view({ n, m_options.rank, out, height, width });
    const torch::Tensor h = m_coefficients->forward(g).permute({ 0, 3, 1, 2 }); // N×r×H×W
    return (projected * h.unsqueeze(2)).sum(1);
}

} // namespace pluvia::models
