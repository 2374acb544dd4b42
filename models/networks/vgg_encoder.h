// SPDX-License-Identifier: GPL-3.0-or-later
// One of the time-lapse method's three encoders E_3, E_5, E_7 (Cho et al. §III-C-1, Table I):
// VGG-16's first three blocks with every convolution k×k (k = 3, 5 or 7, zero padding k/2), ReLU
// after each: conv64 ×2, pool, conv128 ×2, pool, conv256 ×3, pool. E_3 is the paper's "first
// 7 layers of VGG" (§III-E). The decoder takes each block's last activation as a skip.
#pragma once

#include <torch/nn/module.h>
#include <torch/nn/modules/container/modulelist.h>
#include <torch/nn/pimpl.h>

#include <array>

namespace pluvia::models {

struct VggEncoderOptions {
    int inChannels = 3;
    int kernel = 3;
    std::array<int, 3> widths { 64, 128, 256 }; // channels of blocks 1–3
};

struct VggEncoderFeatures {
    std::array<torch::Tensor, 3> skips; // blocks 1–3 before pooling: scales 1, 1/2, 1/4
    torch::Tensor output; // block 3 pooled: scale 1/8
};

class VggEncoderImpl : public torch::nn::Module
{
public:
    explicit VggEncoderImpl(const VggEncoderOptions &options = {});
    // Input sides must be multiples of 8 (the caller pads).
    VggEncoderFeatures forward(const torch::Tensor &input);

private:
    torch::nn::ModuleList m_blocks; // Sequential per block
};
TORCH_MODULE(VggEncoder);

} // namespace pluvia::models
