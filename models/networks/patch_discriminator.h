// SPDX-License-Identifier: GPL-3.0-or-later
// The PatchGAN discriminator of pix2pix (Isola et al., CVPR 2017) and CycleGAN, which JRGR uses
// for D_B, D_Os and D_Or (§3.3): with 3 layers its outputs classify overlapping 70×70 patches.
//
//   conv 4×4/2 (ndf) + LeakyReLU 0.2,
//   then for n = 1 .. layers−1: conv 4×4/2 (ndf·min(2^n, 8)) + norm + LeakyReLU 0.2,
//   conv 4×4/1 (ndf·min(2^layers, 8)) + norm + LeakyReLU 0.2, conv 4×4/1 → 1 logit per patch.
// Input N×C×H×W with H, W ≥ 2^layers · 3 (e.g. ≥ 24 for 3 layers); output N×1×h×w logits (no
// sigmoid: the GAN loss applies it).
#pragma once

#include "models/networks/normalization.h"

#include <torch/nn/module.h>
#include <torch/nn/modules/container/sequential.h>
#include <torch/nn/pimpl.h>

namespace pluvia::models {

struct PatchDiscriminatorOptions {
    int inChannels = 3;
    int baseChannels = 64; // ndf
    int layers = 3;
    NormKind norm = NormKind::Instance;
};

class PatchDiscriminatorImpl : public torch::nn::Module
{
public:
    explicit PatchDiscriminatorImpl(const PatchDiscriminatorOptions &options = {});
    torch::Tensor forward(const torch::Tensor &input);
    // The activations before the last convolution (N × ndf·min(2^layers, 8) × h × w): the
    // features the patch logits are read from.
    torch::Tensor penultimate(const torch::Tensor &input);

private:
    torch::nn::Sequential m_model;
};
TORCH_MODULE(PatchDiscriminator);

} // namespace pluvia::models
