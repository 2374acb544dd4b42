// SPDX-License-Identifier: GPL-3.0-or-later
// The normalisation layers the pix2pix/CycleGAN family of networks choose between.
#pragma once

#include <torch/nn/modules/container/any.h>

#include <string>

namespace pluvia::models {

enum class NormKind {
    None,
    Batch, // BatchNorm2d (pix2pix's U-Net and ResNet generators)
    Instance, // InstanceNorm2d without affine parameters or running statistics (CycleGAN)
};

// "none", "batch", "instance"; parseNormKind throws std::invalid_argument on anything else.
NormKind parseNormKind(const std::string &name);
torch::nn::AnyModule makeNorm(NormKind kind, int64_t channels);
// Convolutions followed by BatchNorm need no bias (the norm's shift replaces it).
bool convolutionBias(NormKind kind);

} // namespace pluvia::models
