// SPDX-License-Identifier: GPL-3.0-or-later
// UDRDR's rain direction regularizer (Liu, Yue, Pan, Su, ICCV 2021, §3.1, eq. 5): fixed
// directional first-derivative kernels at 0°, 10°, …, 170°, and the estimate of a rain layer's
// dominant direction when no label is known.
//
// Angles are degrees from the image's +x axis, counter-clockwise as seen (image y grows
// downwards), in [0, 180): the convention of the public RainDirection data and of Pluvia's
// synthesizer. The kernel at angle θ is a derivative *along* θ: a streak at angle a responds
// least to the kernel at a (it is constant along itself) and most to the kernel at a + 90°.
//
// Construction (Pluvia's, the paper gives none): for l ≥ 5, the derivative of an isotropic
// Gaussian (σ = (l − 1) / 4) along θ on the l × l grid, k(dx, dy) = d·exp(−(dx² + dy²) / 2σ²)
// with d = dx·cos θ − dy·sin θ, scaled so that its response to the unit ramp d is 1 (a calibrated
// directional derivative). For l = 3 the paper's remark holds: the kernels reduce to the
// horizontal and the vertical central difference, θ snapped to the nearer axis.
#pragma once

#include <ATen/core/Tensor.h>

namespace pluvia::models {

inline constexpr int kDirectionCount = 18; // 0°, 10°, …, 170°

// 18 × 1 × l × l float kernels, index i at 10·i degrees. l ∈ {3, 5, 7}.
at::Tensor directionalKernels(int size);
// The kernel index nearest to `degrees` (any real number; folded into [0, 180)).
int directionIndex(double degrees);

// L_direction of eq. 5 for a batch: Σ over k ∈ {k∥, k⊥} of L1(k ⊗ zEstimate, k ⊗ zTruth), with
// k∥ the kernel at each sample's angle and k⊥ the one 90° away, applied to every channel (zero
// padding). zEstimate, zTruth: N×C×H×W; degrees: N, in [0, 180). Differentiable in zEstimate.
at::Tensor directionLoss(const at::Tensor &zEstimate, const at::Tensor &zTruth,
    const at::Tensor &degrees, const at::Tensor &kernels);

// The dominant streak direction of each rain layer (N×C×H×W, channels averaged), from its
// structure tensor: the mean gradient outer product's main eigenvector is across the streaks,
// so the streaks lie 90° from it. Returns N degrees in [0, 180).
at::Tensor estimateDirection(const at::Tensor &rain);

} // namespace pluvia::models
