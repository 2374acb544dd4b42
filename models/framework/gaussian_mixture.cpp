// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/framework/gaussian_mixture.h"

#include <torch/torch.h>

#include <cmath>
#include <stdexcept>

namespace pluvia::models {

namespace {

// log π_k + log N(s | 0, σ_k²) for every value (rows) and component (columns).
at::Tensor componentLogDensities(const at::Tensor &values, const ZeroMeanMixture &mixture)
{
    const at::Tensor variances = mixture.variances.to(values.options()).unsqueeze(0);
    const at::Tensor weights = mixture.weights.to(values.options()).unsqueeze(0);
    const at::Tensor squares = values.reshape({ -1, 1 }).square();
    return weights.log() - 0.5 * (std::log(2.0 * M_PI) + variances.log())
        - 0.5 * squares / variances;
}

} // namespace

ZeroMeanMixture fitZeroMeanMixture(
    const at::Tensor &samples, int components, int iterations, double minVariance)
{
    if (components < 1)
        throw std::invalid_argument("a mixture needs at least one component");
    const at::Tensor values = samples.detach().reshape({ -1 }).to(torch::kFloat64);
    const at::Tensor squares = values.square().unsqueeze(1); // n × 1
    const double meanSquare = std::max(squares.mean().item<double>(), minVariance);
    const auto options = values.options();
    ZeroMeanMixture mixture;
    mixture.weights = torch::full({ components }, 1.0 / components, options);
    mixture.variances = components == 1
        ? torch::full({ 1 }, meanSquare, options)
        : meanSquare * torch::pow(10.0, torch::linspace(-1.0, 1.0, components, options));
    for (int iteration = 0; iteration < iterations; ++iteration) {
        // E-step: responsibilities γ_nk ∝ π_k N(s_n | 0, σ_k²).
        const at::Tensor responsibilities
            = torch::softmax(componentLogDensities(values, mixture), 1);
        // M-step: π_k = mean_n γ_nk, σ_k² = Σ_n γ_nk s_n² / Σ_n γ_nk (the mean stays 0).
        const at::Tensor mass = responsibilities.sum(0);
        mixture.weights = mass / double(values.size(0));
        mixture.variances
            = ((responsibilities * squares).sum(0) / mass.clamp_min(1e-300)).clamp_min(minVariance);
    }
    return mixture;
}

at::Tensor mixtureNegativeLogLikelihood(const at::Tensor &samples, const ZeroMeanMixture &mixture)
{
    return -torch::logsumexp(componentLogDensities(samples, mixture), 1).mean();
}

} // namespace pluvia::models
