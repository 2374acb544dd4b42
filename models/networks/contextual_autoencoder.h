// SPDX-License-Identifier: GPL-3.0-or-later
// The contextual autoencoder of Qian et al., "Attentive generative adversarial network for
// raindrop removal from a single image" (CVPR 2018): the "variant of U-net [28]" with 16 Conv-ReLU
// blocks and skip connections that DerainCycleGAN uses for its generators G_N and G_R (§3.3,
// eqs. 4–5, 14–15). Its dilated bottleneck sees a wide context (about ±156 pixels) at a quarter of
// the resolution, which is what lets it fill in what rain streaks hide.
//
// Full layout (B = baseChannels; every convolution 3×3 with zero padding and ReLU unless said):
//   conv1 5×5 in→B; conv2 /2 B→2B; conv3 2B→2B (its output is skip 2);
//   conv4 /2 2B→4B; conv5, conv6; diconv1..4 (dilation 2, 4, 8, 16); conv7, conv8 (all 4B);
//   deconv1 4B→2B, + skip 2; conv9 2B→2B;
//   deconv2 2B→B, + skip 1 (conv1's output); conv10 B→B/2; output B/2→out, linear.
// deconvN is a 4×4 stride-2 transposed convolution (padding 1), a 2×2 stride-1 average over the
// pixel and its upper/left neighbours (reflecting at the top/left edge) and ReLU, as in the
// public code of [28] and of DerainCycleGAN: the average damps the transposed convolution's
// checkerboard. The skips are additive and taken after the ReLU of the last block at their scale.
// 16 Conv-ReLU blocks = conv1–conv10, diconv1–4, deconv1, deconv2; the output conv is linear.
//
// `compact` keeps conv1, conv2, conv4, diconv1–4, deconv1 (+ conv2's output), deconv2 (+ conv1's
// output) and the output conv (from B channels): 9 Conv-ReLU blocks, a lighter generator.
//
// Registered names follow the public code (conv1.0.weight, diconv3.0.bias, deconv1.0.weight,
// output.0.weight, ...), so its generator's state dict maps onto this one by name (less its two
// side outputs, outframe1/2, which Pluvia does not build).
//
// Input N×inChannels×H×W of any H, W ≥ 1 (DerainCycleGAN: the image in [0,1] followed by the
// 1-channel attention map); it is reflect-padded to multiples of 4 and the output cropped back.
// Output N×outChannels×H×W, unbounded (linear output layer).
#pragma once

#include <torch/nn/module.h>
#include <torch/nn/modules/container/sequential.h>
#include <torch/nn/pimpl.h>

#include <vector>

namespace pluvia::models {

struct ContextualAutoencoderOptions {
    int inChannels = 4; // image + attention map
    int outChannels = 3;
    int baseChannels = 64; // widths B, 2B, 4B at scales 1, 1/2, 1/4; at least 2
    bool compact = false;

    // Input sides the two stride-2 stages need; tiles must start at multiples of it.
    int alignment() const { return 4; }
    // An upper bound (pixels) on how far an output pixel sees: 156 (full) or 135 (compact).
    int receptiveRadius() const;
};

class ContextualAutoencoderImpl : public torch::nn::Module
{
public:
    explicit ContextualAutoencoderImpl(const ContextualAutoencoderOptions &options = {});
    torch::Tensor forward(const torch::Tensor &input);
    const ContextualAutoencoderOptions &options() const { return m_options; }

private:
    ContextualAutoencoderOptions m_options;
    torch::nn::Sequential m_conv1 { nullptr };
    std::vector<torch::nn::Sequential> m_half; // conv2 (, conv3): scale 1/2, feeds skip 2
    std::vector<torch::nn::Sequential> m_quarter; // conv4 .. conv8 with diconv1..4: scale 1/4
    torch::nn::Sequential m_deconv1 { nullptr };
    torch::nn::Sequential m_conv9 { nullptr }; // null when compact
    torch::nn::Sequential m_deconv2 { nullptr };
    torch::nn::Sequential m_conv10 { nullptr }; // null when compact
    torch::nn::Sequential m_output { nullptr };
};
TORCH_MODULE(ContextualAutoencoder);

} // namespace pluvia::models
