// SPDX-License-Identifier: GPL-3.0-or-later
// The ResNet generator of CycleGAN (Zhu et al., ICCV 2017; after Johnson et al. 2016), which
// JRGR's public code uses for its rain generators G_r and G_s: reflection pad 3, conv 7×7 (ngf),
// norm, ReLU; two stride-2 3×3 convs (2·ngf, 4·ngf) with norm and ReLU; `blocks` residual blocks
// (reflection pad, conv 3×3, norm, ReLU, reflection pad, conv 3×3, norm, plus the input); two
// stride-2 transposed convs back with norm and ReLU; reflection pad 3, conv 7×7, Tanh. Output in
// (−1, 1). Inputs of any size are padded to a multiple of 4 and the output cropped back.
#pragma once

#include "models/networks/normalization.h"

#include <torch/nn/module.h>
#include <torch/nn/modules/container/sequential.h>
#include <torch/nn/pimpl.h>

namespace pluvia::models {

struct ResnetGeneratorOptions {
    int inChannels = 3;
    int outChannels = 3;
    int baseChannels = 64; // ngf
    int blocks = 9;
    NormKind norm = NormKind::Batch;
};

class ResnetGeneratorImpl : public torch::nn::Module
{
public:
    explicit ResnetGeneratorImpl(const ResnetGeneratorOptions &options = {});
    torch::Tensor forward(const torch::Tensor &input);

private:
    torch::nn::Sequential m_model;
};
TORCH_MODULE(ResnetGenerator);

} // namespace pluvia::models
