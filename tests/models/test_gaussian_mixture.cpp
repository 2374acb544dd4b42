// SPDX-License-Identifier: GPL-3.0-or-later
// The streak GMM of DerainCycleGAN (eqs. 11–12): EM recovers a known zero-mean mixture from its
// samples, and the loss and its gradient equal the formulas written out by hand.
#include "models/framework/gaussian_mixture.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <algorithm>
#include <cmath>

using namespace pluvia::models;

// Samples of 0.6 N(0, 0.01²) + 0.3 N(0, 0.05²) + 0.1 N(0, 0.3²): EM from its own start recovers
// the weights within 0.02 and the standard deviations within 5 %.
TEST(GaussianMixture, EmRecoversAKnownMixture)
{
    torch::manual_seed(11);
    const int n = 200000;
    const double weights[] = { 0.6, 0.3, 0.1 }, sigmas[] = { 0.01, 0.05, 0.3 };
    const auto u = torch::rand({ n }, torch::kFloat64);
    const auto component
        = (u >= weights[0]).to(torch::kLong) + (u >= weights[0] + weights[1]).to(torch::kLong);
    const auto sigma
        = torch::tensor({ sigmas[0], sigmas[1], sigmas[2] }, torch::kFloat64).index({ component });
    const auto samples
        = (torch::randn({ n }, torch::kFloat64) * sigma).to(torch::kFloat32).view({ 2, 100, 1000 });

    const ZeroMeanMixture fit = fitZeroMeanMixture(samples, 3, 300);
    // Components come back in any order: match them by variance.
    const auto order = std::get<1>(fit.variances.sort());
    for (int k = 0; k < 3; ++k) {
        const int64_t j = order[k].item<int64_t>();
        EXPECT_NEAR(fit.weights[j].item<double>(), weights[k], 0.02) << k;
        EXPECT_NEAR(std::sqrt(fit.variances[j].item<double>()), sigmas[k], 0.05 * sigmas[k]) << k;
    }
    EXPECT_NEAR(fit.weights.sum().item<double>(), 1.0, 1e-9);
}

// The loss is the mean of −log Σ_k π_k exp(−s²/(2σ_k²)) / sqrt(2πσ_k²), and its derivative in s
// is (1/n) Σ_k γ_k s / σ_k² with γ the posterior responsibilities.
TEST(GaussianMixture, LossAndGradientByHand)
{
    ZeroMeanMixture mixture;
    mixture.weights = torch::tensor({ 0.5, 0.3, 0.2 }, torch::kFloat64);
    mixture.variances = torch::tensor({ 0.0004, 0.01, 0.09 }, torch::kFloat64);
    const double values[] = { 0.0, 0.02, -0.15, 0.4 };
    const auto samples
        = torch::tensor({ values[0], values[1], values[2], values[3] }, torch::kFloat32)
              .requires_grad_(true);
    const auto loss = mixtureNegativeLogLikelihood(samples, mixture);
    loss.backward();

    const double pi[] = { 0.5, 0.3, 0.2 }, var[] = { 0.0004, 0.01, 0.09 };
    double expected = 0.0;
    for (int i = 0; i < 4; ++i) {
        double density = 0.0, weighted = 0.0;
        for (int k = 0; k < 3; ++k) {
            const double d = pi[k] * std::exp(-values[i] * values[i] / (2 * var[k]))
                / std::sqrt(2 * M_PI * var[k]);
            density += d;
            weighted += d * values[i] / var[k];
        }
        expected -= std::log(density) / 4.0;
        EXPECT_NEAR(samples.grad()[i].item<double>(), weighted / density / 4.0,
            1e-4 * std::max(1.0, std::abs(weighted / density)))
            << i;
    }
    EXPECT_NEAR(loss.item<double>(), expected, 1e-5);
}

// Streaks that are all zero cannot collapse a variance to 0 (the loss stays finite).
TEST(GaussianMixture, ZeroStreaksStayFinite)
{
    const auto zeros = torch::zeros({ 1, 3, 8, 8 });
    const ZeroMeanMixture fit = fitZeroMeanMixture(zeros, 3, 20);
    EXPECT_GE(fit.variances.min().item<double>(), 1e-8);
    EXPECT_TRUE(std::isfinite(mixtureNegativeLogLikelihood(zeros, fit).item<double>()));
}
