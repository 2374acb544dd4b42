// SPDX-License-Identifier: GPL-3.0-or-later
// The published NIQE pristine model and Gaussian window (their provenance and credit are in
// niqe_pristine_model.cpp). Feature layout, index k (0-based): 0–17 at full resolution, 18–35 at
// half resolution; within a scale: the AGGD shape α and mean scale (βl + βr)/2 of the MSCN
// values, then for the products with the horizontal, vertical, main-diagonal and anti-diagonal
// neighbour: α, η = (βr − βl) Γ(2/α) / Γ(1/α), βl, βr.
#pragma once

#include <array>

namespace pluvia::core::niqe_model {

inline constexpr int kFeatureCount = 36;
inline constexpr int kWindowSide = 7;

extern const std::array<double, kFeatureCount> kMean; // μp
extern const std::array<double, kFeatureCount * kFeatureCount> kCovariance; // Σp, row-major
extern const std::array<double, kWindowSide * kWindowSide> kWindow; // row-major, sums to 1

} // namespace pluvia::core::niqe_model
