// SPDX-License-Identifier: GPL-3.0-or-later
// Full-range YCbCr (JPEG / ITU-T T.871, BT.601 luma weights) for networks that work on luminance,
// as the time-lapse method's paper does (Cho et al. §III-C): the network derains Y and the result
// is recombined with the input's own Cb and Cr. The two conversions are exact inverses (up to
// float rounding), so an image the network leaves alone comes back unchanged.
#pragma once

#include <ATen/core/Tensor.h>

namespace pluvia::models {

// N×3×H×W RGB in [0, 1] → N×3×H×W (Y, Cb, Cr), Y in [0, 1], Cb and Cr centred on 0.5.
at::Tensor rgbToYCbCr(const at::Tensor &rgb);
// The inverse of rgbToYCbCr.
at::Tensor yCbCrToRgb(const at::Tensor &ycbcr);

} // namespace pluvia::models
