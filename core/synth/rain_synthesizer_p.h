// SPDX-License-Identifier: GPL-3.0-or-later
// Per-image rain rendering on cv::Mat (private to core and its tests).
//
// Reentrant: renderRain touches only its arguments, so images render in parallel, and the result
// depends only on (background, params, seed), never on the thread or the order of calls.
#pragma once

#include "core/synth/rain_params.h"

#include <opencv2/core/mat.hpp>

#include <cstdint>

namespace pluvia::core {

struct RainRender {
    // All CV_32FC3, RGB. rainy and background lie in [0, 1]; rain = rainy - background is signed
    // (the veil can darken bright pixels). Every value is a multiple of 2^-24, so the float sums
    // are exact: rainy == background + rain bit for bit.
    cv::Mat rainy;
    cv::Mat background; // the input, snapped to the 2^-24 grid (it moves by less than 2^-25)
    cv::Mat rain;
    double directionDeg = 0.0; // dominant angle actually used, [0, 180), +x axis, CCW
    QString error; // non-empty (and mats empty) when the input is unusable
};

// `background`: CV_32FC3 RGB in [0, 1] (values outside are clamped, NaN reads as 0), at least
// 1×1.
RainRender renderRain(const cv::Mat &background, const RainParams &params, std::uint64_t seed);

} // namespace pluvia::core
