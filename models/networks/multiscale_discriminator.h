// SPDX-License-Identifier: GPL-3.0-or-later
// The multi-scale discriminator of DRIT (Lee et al., "Diverse image-to-image translation via
// disentangled representations", ECCV 2018) that DerainCycleGAN uses for D_R and D_N (§3.3,
// eqs. 6–7): "feature maps at each scale go through three convolutional layers and then are fed
// into the sigmoid output". Judging the image at several resolutions lets coarse scales check
// global appearance while the finest checks streak texture, with no patch size to tune.
//
// Scale s (s = 0 finest) sees the input average-pooled s times (3×3, stride 2, padding 1, the
// padding left out of the mean) and has its own weights:
//   `downsamplings` × [reflection pad 1, conv 4×4 stride 2 (B·min(2^i, 8) channels), LeakyReLU],
//   then a 1×1 conv to one logit per position. No normalisation.
// The paper's setting (2 down-samplings, slope 0.2) has three convolutions per scale; the public
// DerainCycleGAN code uses 4 down-samplings and slope 0.01.
// Registered names follow the public code: Diss.<scale>.<layer>.model.1.weight for the 4×4 convs,
// Diss.<scale>.<downsamplings>.weight for the 1×1 conv.
//
// Each convolution halves a side (floor). A scale input with a side below 2^downsamplings is
// replicate-padded at the bottom/right up to 2^downsamplings, so every scale always yields at
// least a 1×1 map and forward() always returns `scales` tensors. Inputs whose sides are at least
// 2^(scales−1)·(2^downsamplings − 1) + 1 (13 for the paper's setting, 61 for the public code's)
// are never padded.
#pragma once

#include <torch/nn/module.h>
#include <torch/nn/modules/container/modulelist.h>
#include <torch/nn/pimpl.h>

#include <vector>

namespace pluvia::models {

struct MultiScaleDiscriminatorOptions {
    int inChannels = 3;
    int baseChannels = 64; // B: channels after the first convolution of every scale
    int scales = 3;
    int downsamplings = 2; // 4×4 stride-2 convolutions per scale (public code: 4)
    double leakySlope = 0.2; // LeakyReLU negative slope (public code: 0.01)

    // Output channels of 4×4 convolution `layer` (0-based): B·min(2^layer, 8).
    int channelsAt(int layer) const;
};

class MultiScaleDiscriminatorImpl : public torch::nn::Module
{
public:
    explicit MultiScaleDiscriminatorImpl(const MultiScaleDiscriminatorOptions &options = {});
    // Input N×inChannels×H×W (images in [0,1]), any H, W ≥ 1. Returns one N×1×h_s×w_s logit map
    // per scale, finest first, with no sigmoid (the GAN loss applies it).
    std::vector<torch::Tensor> forward(const torch::Tensor &input);
    // The finest scale's activations before its 1×1 logit convolution:
    // N × channelsAt(downsamplings − 1) × h_0 × w_0.
    torch::Tensor penultimate(const torch::Tensor &input);
    const MultiScaleDiscriminatorOptions &options() const { return m_options; }

private:
    torch::Tensor atLeastMinimumSize(const torch::Tensor &input) const;

    MultiScaleDiscriminatorOptions m_options;
    torch::nn::ModuleList m_diss; // one Sequential per scale, finest first
};
TORCH_MODULE(MultiScaleDiscriminator);

} // namespace pluvia::models
