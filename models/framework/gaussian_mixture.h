// SPDX-License-Identifier: GPL-3.0-or-later
// The zero-mean Gaussian mixture DerainCycleGAN fits to its rain streaks (eqs. 11–12, after
// SS-TL, Wei et al. CVPR 2019): every value s of the streak layer S = r − n_r is modelled as
//   p(s) = Σ_k π_k N(s | 0, σ_k²),
// its parameters are re-estimated by EM on the current streaks (without gradient), and the loss
// is the negative log-likelihood of S under them, which trains the network producing S.
//
// The values are scalars (every pixel and channel is one sample): eq. 12 sums over samples, and
// Pluvia averages instead, so the term's size does not depend on the crop (docs/methods.md).
#pragma once

#include <ATen/core/Tensor.h>

namespace pluvia::models {

struct ZeroMeanMixture {
    at::Tensor weights; // K, π_k, summing to 1 (float64)
    at::Tensor variances; // K, σ_k² (float64)
};

// Fits K components to the values of `samples` (any shape, detached inside) by `iterations` EM
// steps started from equal weights and variances spread a decade either side of the samples'
// mean square (so each fit is a function of the samples alone: nothing to save, exact resumes).
// Variances are kept at least `minVariance` so that a component cannot collapse onto exact zeros.
ZeroMeanMixture fitZeroMeanMixture(
    const at::Tensor &samples, int components, int iterations, double minVariance = 1e-8);

// Mean over the values of −log Σ_k π_k N(s | 0, σ_k²) (eq. 12 averaged), differentiable in
// `samples`; the mixture's parameters are constants. Float32 result on the samples' device.
at::Tensor mixtureNegativeLogLikelihood(const at::Tensor &samples, const ZeroMeanMixture &mixture);

} // namespace pluvia::models
