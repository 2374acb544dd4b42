// SPDX-License-Identifier: GPL-3.0-or-later
// Displaying a signed rain layer R = O - B (private to core: takes cv::Mat).
//
// Normalisation (DESIGN.md §2: never silent clipping):
//   s = the 99th percentile of |R| over every element (all pixels, all channels), nearest-rank:
//       the sorted |values| a_0 <= ... <= a_{n-1} give s = a_k with k = ceil(0.99 n) - 1;
//       s is floored at kRainScaleFloor, so an all-zero R gives a finite scale.
//   Diverging: t = clamp(mean over channels of R / s, -1, 1) per pixel, coloured
//       t < 0: (1 + t, 1 + t, 1)  blue at t = -1,
//       t = 0: (1, 1, 1)          white,
//       t > 0: (1, 1 - t, 1 - t)  red at t = +1.
//   DivergingDark (for dark palettes): the same t on a black centre,
//       t < 0: |t| (0.25, 0.5, 1)   blue at t = -1,
//       t = 0: (0, 0, 0)            black,
//       t > 0: t (1, 0.3, 0.2)      red at t = +1.
//   Magnitude: g = clamp(mean over channels of |R| / s, 0, 1) per pixel, shown as grey g.
// Values beyond s (at most 1% of the elements) saturate; s is returned so a legend can state
// the range shown ([-s, s] for diverging, [0, s] for magnitude). 8-bit colours are rounded.
// Reentrant.
#pragma once

#include <QImage>
#include <QString>

#include <opencv2/core/mat.hpp>

namespace pluvia::core {

constexpr float kRainScaleFloor = 1e-6f;

enum class RainDisplayMode {
    Diverging, // signed mean over channels, blue / white / red
    DivergingDark, // signed mean over channels, blue / black / red
    Magnitude, // mean |R| over channels, black to white
};

struct RainDisplay {
    QImage image; // Format_RGB888, same size as R; null on error
    float scale = 0.f; // s: the value of R (or |R|) drawn at full colour
    QString error; // the reason when `image` is null
    bool ok() const { return !image.isNull(); }
};

// `rain`: CV_32FC3 (or CV_32FC1), any sign, any magnitude; NaN/inf entries give an error.
// `fixedScale` > 0 replaces the percentile s (e.g. a residual drawn at full colour from one 8-bit
// level on, so that anything beyond rounding shows).
RainDisplay renderRainLayer(const cv::Mat &rain, RainDisplayMode mode, float fixedScale = 0.f);

// The scale s defined above (exposed for tests and for legends of several layers).
float rainDisplayScale(const cv::Mat &rain);

} // namespace pluvia::core
