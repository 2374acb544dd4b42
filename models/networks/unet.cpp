// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/networks/unet.h"

#include "models/networks/size_padding.h"

#include <torch/torch.h>

#include <cmath>

namespace pluvia::models {

namespace {

torch::nn::Sequential doubleConv(int in, int out)
{
    namespace nn = torch::nn;
    return nn::Sequential(nn::Conv2d(nn::Conv2dOptions(in, out, 3).padding(1)),
        nn::ReLU(nn::ReLUOptions(true)), nn::Conv2d(nn::Conv2dOptions(out, out, 3).padding(1)),
        nn::ReLU(nn::ReLUOptions(true)));
}

} // namespace

int UNetOptions::channelsAt(int level) const
{
    const double channels = baseChannels * widthMultiplier * std::pow(2.0, level);
    return std::max(1, static_cast<int>(std::lround(channels)));
}

UNetImpl::UNetImpl(const UNetOptions &options)
    : m_options(options)
{
    TORCH_CHECK(options.levels >= 1, "UNet: levels must be at least 1, got ", options.levels);
    namespace nn = torch::nn;
    int in = options.inChannels;
    for (int level = 0; level < options.levels; ++level) {
        m_down->push_back(doubleConv(in, options.channelsAt(level)));
        in = options.channelsAt(level);
    }
    for (int level = options.levels - 1; level >= 1; --level) {
        const int from = options.channelsAt(level);
        const int to = options.channelsAt(level - 1);
        m_upsample->push_back(
            nn::ConvTranspose2d(nn::ConvTranspose2dOptions(from, to, 2).stride(2)));
        m_up->push_back(doubleConv(2 * to, to));
    }
    m_head = nn::Conv2d(nn::Conv2dOptions(options.channelsAt(0), options.outChannels, 1));
    register_module("down", m_down);
    register_module("upsample", m_upsample);
    register_module("up", m_up);
    register_module("head", m_head);
}

torch::Tensor UNetImpl::forward(const torch::Tensor &input)
{
    namespace F = torch::nn::functional;
    const int64_t height = input.size(2), width = input.size(3);
    torch::Tensor x = padToMultiple(input, m_options.alignment());

    std::vector<torch::Tensor> skips;
    for (size_t level = 0; level < m_down->size(); ++level) {
        if (level > 0)
            x = F::max_pool2d(x, F::MaxPool2dFuncOptions(2));
        x = m_down[level]->as<torch::nn::Sequential>()->forward(x);
        skips.push_back(x);
    }
    for (size_t i = 0; i < m_up->size(); ++i) {
        x = m_upsample[i]->as<torch::nn::ConvTranspose2d>()->forward(x);
        x = torch::cat({ x, skips[skips.size() - 2 - i] }, 1);
        x = m_up[i]->as<torch::nn::Sequential>()->forward(x);
    }
    return cropTo(m_head->forward(x), height, width);
}

} // namespace pluvia::models
