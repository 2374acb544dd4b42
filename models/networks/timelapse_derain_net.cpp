// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/networks/timelapse_derain_net.h"

#include "models/networks/size_padding.h"

#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <string>

namespace pluvia::models {

namespace {

constexpr std::array<int, 3> kKernels { 3, 5, 7 }; // E_3, E_5, E_7

// [½ 1 ½]ᵀ[½ 1 ½]: with stride 2, padding 1 and output padding 1 the transposed convolution
// copies each pixel to the even positions and averages neighbours into the odd ones.
torch::Tensor bilinearKernel()
{
    const torch::Tensor taps = torch::tensor({ 0.5f, 1.0f, 0.5f });
    return torch::outer(taps, taps);
}

torch::nn::functional::ConvTranspose2dFuncOptions upsampling(int64_t groups)
{
    return torch::nn::functional::ConvTranspose2dFuncOptions()
        .stride(2)
        .padding(1)
        .output_padding(1)
        .groups(groups);
}

} // namespace

std::array<int, 3> TimeLapseDerainNetOptions::widths() const
{
    std::array<int, 3> widths {};
    const std::array<int, 3> paper { 64, 128, 256 };
    for (size_t i = 0; i < 3; ++i)
        widths[i] = std::max(1, int(std::lround(paper[i] * widthMultiplier)));
    return widths;
}

TimeLapseDerainNetImpl::TimeLapseDerainNetImpl(const TimeLapseDerainNetOptions &options)
    : m_options(options)
{
    namespace nn = torch::nn;
    const std::array<int, 3> widths = options.widths();
    for (size_t i = 0; i < 3; ++i)
        m_encoders[i] = register_module("E" + std::to_string(kKernels[i]),
            VggEncoder(VggEncoderOptions { options.channels, kKernels[i], widths }));
    const int deepest = widths[2];
    if (options.fusion == FeatureFusion::Dynamic)
        m_dynamic = register_module("fusion",
            DynamicFilter(DynamicFilterOptions {
                3 * deepest, deepest, options.generator, options.rank, options.perPosition }));
    else if (options.fusion == FeatureFusion::Concat)
        m_concatProjection
            = register_module("fusion", nn::Conv2d(nn::Conv2dOptions(3 * deepest, deepest, 1)));

    // Stage 0 works at 1/4 (Table II's deconv3 … inv-conv3_1), 1 at 1/2, 2 at full scale.
    for (size_t stage = 0; stage < 3; ++stage) {
        const int width = widths[2 - stage];
        const int next = stage < 2 ? widths[1 - stage] : options.channels;
        torch::NoGradGuard noGrad;
        if (options.learnedUpsampling) {
            auto up = nn::ConvTranspose2d(
                nn::ConvTranspose2dOptions(width, width, 3).stride(2).padding(1).output_padding(1));
            up->weight.zero_();
            for (int c = 0; c < width; ++c)
                up->weight[c][c].copy_(bilinearKernel());
            up->bias.zero_();
            m_upsamplers->push_back(up);
        } else {
            m_fixedKernels[stage] = register_buffer("upsampling" + std::to_string(stage),
                bilinearKernel().expand({ width, 1, 3, 3 }).contiguous());
        }
        nn::Sequential convs;
        const std::array<int, 4> ins { 4 * width, width, width, width };
        const std::array<int, 4> outs { width, width, width, next };
        for (size_t i = 0; i < 4; ++i) {
            convs->push_back(nn::Conv2d(nn::Conv2dOptions(ins[i], outs[i], 3).padding(1)));
            if (stage < 2 || i < 3)
                convs->push_back(nn::ReLU(nn::ReLUOptions(true)));
        }
        m_stages->push_back(convs);
    }
    if (options.learnedUpsampling)
        register_module("upsampling", m_upsamplers);
    register_module("decoder", m_stages);
}

torch::Tensor TimeLapseDerainNetImpl::fuse(const std::array<VggEncoderFeatures, 3> &features)
{
    const torch::Tensor &a = features[0].output, &b = features[1].output, &c = features[2].output;
    switch (m_options.fusion) {
    case FeatureFusion::Sum:
        return a + b + c;
    case FeatureFusion::Product:
        return a * b * c;
    case FeatureFusion::Concat:
        return m_concatProjection->forward(torch::cat({ a, b, c }, 1));
    case FeatureFusion::Dynamic:
        return m_dynamic->forward(torch::cat({ a, b, c }, 1));
    }
    return {};
}

torch::Tensor TimeLapseDerainNetImpl::upsample(size_t stage, const torch::Tensor &x)
{
    namespace F = torch::nn::functional;
    const torch::Tensor up = m_options.learnedUpsampling
        ? m_upsamplers[stage]->as<torch::nn::ConvTranspose2d>()->forward(x)
        : F::conv_transpose2d(x, m_fixedKernels[stage], upsampling(x.size(1)));
    return torch::relu(up);
}

TimeLapseDerainOutput TimeLapseDerainNetImpl::forward(const torch::Tensor &input)
{
    const int64_t height = input.size(2), width = input.size(3);
    const torch::Tensor padded = padToMultiple(input, 8);
    std::array<VggEncoderFeatures, 3> features;
    for (size_t i = 0; i < 3; ++i)
        features[i] = m_encoders[i]->forward(padded);
    TimeLapseDerainOutput out;
    out.fused = fuse(features);
    torch::Tensor x = out.fused;
    for (size_t stage = 0; stage < 3; ++stage) {
        const size_t scale = 2 - stage; // skips[2] is at 1/4
        x = torch::cat({ upsample(stage, x), features[0].skips[scale], features[1].skips[scale],
                           features[2].skips[scale] },
            1);
        x = m_stages[stage]->as<torch::nn::Sequential>()->forward(x);
    }
    out.rain = cropTo(x, height, width);
    out.background = torch::clamp_min(input - out.rain, 0.0);
    return out;
}

} // namespace pluvia::models
