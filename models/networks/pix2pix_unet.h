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

#include <string>

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

// The name pytorch-CycleGAN-and-pix2pix's UnetGenerator (JRGR's public code) gives the tensor
// this network calls `key`, for a network of `downsamplings` levels. Its blocks nest, the
// outermost holding the next as "model.1" (and each middle block its inner one as "model.3"):
//   outermost:  down conv "0", up transposed conv "3"            ("model.model.")
//   middle k:   down conv "1", norm "2"; up conv "5", norm "6"   ("model.model.1.model." + k−1
//                                                                  times "3.model.")
//   innermost:  down conv "1"; up conv "3", norm "4"
// e.g. "down.1.1.weight" → "model.model.1.model.1.weight". Throws std::invalid_argument for a key
// this network does not have.
std::string pix2pixUnetPublicKey(const std::string &key, int downsamplings);

} // namespace pluvia::models
