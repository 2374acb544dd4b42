// SPDX-License-Identifier: GPL-3.0-or-later
// The U-Net of Ronneberger et al. (MICCAI 2015) as JRGR uses it for its removal and rain
// generation sub-networks (JRGR §3.3) and as the supervised baseline's network.
//
// Each level: two 3×3 convolutions (zero padding 1) with ReLU; 2×2 max-pool down, 2×2 stride-2
// transposed convolution up, skip connection by concatenation; 1×1 output convolution.
// Input N×C×H×W of any H, W: the input is reflect-padded to a multiple of 2^(levels-1) and the
// output cropped back, so callers never see a size restriction.
#pragma once

#include <torch/nn/module.h>
#include <torch/nn/modules/container/modulelist.h>
#include <torch/nn/modules/container/sequential.h>
#include <torch/nn/modules/conv.h>
#include <torch/nn/pimpl.h>

namespace pluvia::models {

struct UNetOptions {
    int inChannels = 3;
    int outChannels = 3;
    int levels = 4; // resolutions, i.e. levels - 1 down-samplings
    int baseChannels = 64; // channels at full resolution, doubled per level
    double widthMultiplier = 1.0; // scales every channel count (the `quick` presets use < 1)

    int channelsAt(int level) const; // channel count of `level` (0 = full resolution)
    // Input sizes the pooling grid needs: 2^(levels-1). Tiles must start at multiples of it.
    int alignment() const { return 1 << (levels - 1); }
    // An upper bound on how far (pixels) an output pixel sees: each 3×3 convolution at scale s
    // adds s, each 2×2 pooling or up-sampling at scale s adds s, giving 4·2^levels − 6.
    int receptiveRadius() const { return 4 * (1 << levels) - 6; }
};

class UNetImpl : public torch::nn::Module
{
public:
    explicit UNetImpl(const UNetOptions &options = {});
    torch::Tensor forward(const torch::Tensor &input);
    const UNetOptions &options() const { return m_options; }

private:
    UNetOptions m_options;
    torch::nn::ModuleList m_down; // double-conv blocks, level 0 .. levels-1
    torch::nn::ModuleList m_upsample; // transposed convs, level levels-1 .. 1
    torch::nn::ModuleList m_up; // double-conv blocks after each concatenation
    torch::nn::Conv2d m_head { nullptr };
};
TORCH_MODULE(UNet);

} // namespace pluvia::models
