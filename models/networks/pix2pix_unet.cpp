// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/networks/pix2pix_unet.h"

#include "models/networks/size_padding.h"

#include <torch/torch.h>

namespace pluvia::models {

int Pix2PixUNetOptions::channelsAt(int level) const
{
    return baseChannels * std::min(1 << level, 8);
}

Pix2PixUNetImpl::Pix2PixUNetImpl(const Pix2PixUNetOptions &options)
    : m_options(options)
{
    namespace nn = torch::nn;
    const int levels = options.downsamplings;
    TORCH_CHECK(levels >= 2, "Pix2PixUNet: need at least 2 down-samplings, got ", levels);
    const bool bias = convolutionBias(options.norm);
    for (int k = 0; k < levels; ++k) {
        const int in = k == 0 ? options.inChannels : options.channelsAt(k - 1);
        const int out = options.channelsAt(k);
        nn::Sequential down;
        if (k > 0)
            down->push_back(nn::LeakyReLU(nn::LeakyReLUOptions().negative_slope(0.2)));
        down->push_back(nn::Conv2d(nn::Conv2dOptions(in, out, 4).stride(2).padding(1).bias(bias)));
        if (k > 0 && k < levels - 1)
            down->push_back(makeNorm(options.norm, out));
        m_down->push_back(down);

        // Up path of level k: from level k's features (and, except innermost, the up output of
        // level k+1 concatenated) back to level k−1's resolution and channels.
        const int upIn = k == levels - 1 ? out : 2 * out;
        const int upOut = k == 0 ? options.outChannels : options.channelsAt(k - 1);
        nn::Sequential up;
        up->push_back(nn::ReLU());
        up->push_back(nn::ConvTranspose2d(
            nn::ConvTranspose2dOptions(upIn, upOut, 4).stride(2).padding(1).bias(k == 0 || bias)));
        if (k == 0)
            up->push_back(nn::Tanh());
        else
            up->push_back(makeNorm(options.norm, upOut));
        m_up->push_back(up);
    }
    register_module("down", m_down);
    register_module("up", m_up);
}

torch::Tensor Pix2PixUNetImpl::forward(const torch::Tensor &input)
{
    const int levels = m_options.downsamplings;
    const int64_t height = input.size(2), width = input.size(3);
    torch::Tensor x = padToMultiple(input, int64_t(1) << levels);
    std::vector<torch::Tensor> features;
    for (int k = 0; k < levels; ++k) {
        x = m_down[k]->as<torch::nn::Sequential>()->forward(x);
        features.push_back(x);
    }
    torch::Tensor up = m_up[levels - 1]->as<torch::nn::Sequential>()->forward(features.back());
    for (int k = levels - 2; k >= 0; --k)
        up = m_up[k]->as<torch::nn::Sequential>()->forward(torch::cat({ features[k], up }, 1));
    return cropTo(up, height, width);
}

} // namespace pluvia::models
