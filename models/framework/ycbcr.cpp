// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/framework/ycbcr.h"

#include <torch/torch.h>

namespace pluvia::models {

namespace {

// T.871: Y = 0.299 R + 0.587 G + 0.114 B, Cb = (B − Y) / 1.772 + 0.5, Cr = (R − Y) / 1.402 + 0.5.
constexpr double kR = 0.299, kG = 0.587, kB = 0.114;
constexpr double kCb = 2.0 * (1.0 - kB), kCr = 2.0 * (1.0 - kR);

} // namespace

at::Tensor rgbToYCbCr(const at::Tensor &rgb)
{
    const at::Tensor r = rgb.select(1, 0), g = rgb.select(1, 1), b = rgb.select(1, 2);
    const at::Tensor y = kR * r + kG * g + kB * b;
    return torch::stack({ y, (b - y) / kCb + 0.5, (r - y) / kCr + 0.5 }, 1);
}

at::Tensor yCbCrToRgb(const at::Tensor &ycbcr)
{
    const at::Tensor y = ycbcr.select(1, 0);
    const at::Tensor b = y + kCb * (ycbcr.select(1, 1) - 0.5);
    const at::Tensor r = y + kCr * (ycbcr.select(1, 2) - 0.5);
    const at::Tensor g = (y - kR * r - kB * b) / kG;
    return torch::stack({ r, g, b }, 1);
}

} // namespace pluvia::models
