// SPDX-License-Identifier: GPL-3.0-or-later
// pix2pix's U-Net generator (Isola et al., CVPR 2017), as JRGR's public code uses it for F_s and
// F_r ("unet_128": 7 down-samplings). Down: conv 4×4/2, the first without norm, the others after
// LeakyReLU 0.2 and followed by the norm (not the innermost); up: ReLU, transposed conv 4×4/2,
// norm (Tanh on the outermost). Skips concatenate each level's down output with the up path.
// Channels: ngf · (1, 2, 4, 8, 8, …). Output in (−1, 1). Inputs of any size are padded to a
// multiple of 2^downsamplings and the output cropped back.
#pragma once

#include "models/networks/normalization.h"

#include <torch/nn/module.h>
#include <torch/nn/modules/container/modulelist.h>
#include <torch/nn/pimpl.h>

namespace pluvia::models {

struct Pix2PixUNetOptions {
    int inChannels = 3;
    int outChannels = 3;
    int downsamplings = 7; // unet_128: 7, unet_256: 8
    int baseChannels = 64; // ngf
    NormKind norm = NormKind::Batch;
    int channelsAt(int level) const; // output channels of down-sampling `level`
};

class Pix2PixUNetImpl : public torch::nn::Module
{
public:
    explicit Pix2PixUNetImpl(const Pix2PixUNetOptions &options = {});
    torch::Tensor forward(const torch::Tensor &input);

private:
    Pix2PixUNetOptions m_options;
    torch::nn::ModuleList m_down; // level 0 (outermost) .. downsamplings − 1 (innermost)
    torch::nn::ModuleList m_up; // same order; m_up[k] maps level k+1's output (+ skip) to level k
};
TORCH_MODULE(Pix2PixUNet);

} // namespace pluvia::models
