// SPDX-License-Identifier: GPL-3.0-or-later
// The time-lapse method's deraining network (Cho et al. §III-C-1, Fig. 4, Tables I–II): three
// VGG-like encoders E_3, E_5, E_7 read the image; their 1/8-scale outputs are fused (dynamic
// fusion by default; sum, product and concatenation for the ablation of Table VII) into one
// C₃-channel map; a decoder of three stages brings it back to full resolution and outputs the
// rain layer S. Then B = max(I − S, 0) (the subtraction and clipping layers).
//
// Decoder stage at scale s (Table II): a 3×3 transposed convolution ×2 with a bilinear kernel,
// ReLU; concatenation with the skips of ALL THREE encoders at that scale (Table II's input
// widths 1024 / 512 / 256 only add up that way: 256 + 3·256, 128 + 3·128, 64 + 3·64); four 3×3
// convolutions with ReLU (conv, inv-conv ×3), the last of the network without ReLU (S is signed).
// The transposed convolutions keep the fixed bilinear kernel [½ 1 ½]ᵀ[½ 1 ½] per channel, as the
// paper says; "learned" starts from it and trains it.
// Input sides are padded (reflection) to multiples of 8 and the outputs cropped back.
#pragma once

#include "models/networks/dynamic_filter.h"
#include "models/networks/vgg_encoder.h"

#include <torch/nn/module.h>
#include <torch/nn/modules/container/modulelist.h>
#include <torch/nn/modules/conv.h>
#include <torch/nn/pimpl.h>

#include <array>

namespace pluvia::models {

enum class FeatureFusion { Sum, Product, Concat, Dynamic };

struct TimeLapseDerainNetOptions {
    int channels = 3; // 3: RGB; 1: luminance
    double widthMultiplier = 1.0; // scales 64/128/256
    FeatureFusion fusion = FeatureFusion::Dynamic;
    DynamicFilterOptions::Generator generator = DynamicFilterOptions::Generator::Literal;
    int rank = 8;
    bool perPosition = false;
    bool learnedUpsampling = false;

    std::array<int, 3> widths() const; // 64, 128, 256 scaled (at least 1)
    // How far an output pixel sees through the deepest path (E_7 then the decoder), pixels:
    // encoder 2q + 1 + 2·2q + 2 + 4·3q + 4 with q = 3 (7×7), decoder 8 + 4·4 + 4 + 3·2 + 2 + 3.
    // Dynamic fusion per sample also reads the mean over the whole (tile's) image.
    static constexpr int receptiveRadius() { return 18 * 3 + 46; }
};

struct TimeLapseDerainOutput {
    torch::Tensor rain; // S, N×C×H×W
    torch::Tensor background; // B = max(I − S, 0)
    torch::Tensor fused; // the fused 1/8-scale features (of the padded input)
};

class TimeLapseDerainNetImpl : public torch::nn::Module
{
public:
    explicit TimeLapseDerainNetImpl(const TimeLapseDerainNetOptions &options = {});
    TimeLapseDerainOutput forward(const torch::Tensor &input);
    const TimeLapseDerainNetOptions &options() const { return m_options; }
    // The fusion's filter generator (dynamic fusion only; null otherwise).
    const DynamicFilter &dynamicFilter() const { return m_dynamic; }

private:
    torch::Tensor fuse(const std::array<VggEncoderFeatures, 3> &features);
    torch::Tensor upsample(size_t stage, const torch::Tensor &x);

    TimeLapseDerainNetOptions m_options;
    std::array<VggEncoder, 3> m_encoders { nullptr, nullptr, nullptr };
    DynamicFilter m_dynamic { nullptr };
    torch::nn::Conv2d m_concatProjection { nullptr };
    torch::nn::ModuleList m_upsamplers; // learned: ConvTranspose2d per stage
    std::array<torch::Tensor, 3> m_fixedKernels; // fixed: depthwise bilinear kernel per stage
    torch::nn::ModuleList m_stages; // Sequential of four convolutions per stage
};
TORCH_MODULE(TimeLapseDerainNet);

} // namespace pluvia::models
