// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/networks/patch_discriminator.h"

#include <torch/torch.h>

namespace pluvia::models {

PatchDiscriminatorImpl::PatchDiscriminatorImpl(const PatchDiscriminatorOptions &options)
{
    namespace nn = torch::nn;
    const bool bias = convolutionBias(options.norm);
    auto conv = [](int64_t in, int64_t out, int64_t stride, bool withBias) {
        return nn::Conv2d(nn::Conv2dOptions(in, out, 4).stride(stride).padding(1).bias(withBias));
    };
    auto leaky
        = [] { return nn::LeakyReLU(nn::LeakyReLUOptions().negative_slope(0.2).inplace(true)); };
    m_model->push_back(conv(options.inChannels, options.baseChannels, 2, true));
    m_model->push_back(leaky());
    int64_t channels = options.baseChannels;
    for (int n = 1; n <= options.layers; ++n) {
        const int64_t next = options.baseChannels * std::min(1 << n, 8);
        m_model->push_back(conv(channels, next, n < options.layers ? 2 : 1, bias));
        m_model->push_back(makeNorm(options.norm, next));
        m_model->push_back(leaky());
        channels = next;
    }
    m_model->push_back(conv(channels, 1, 1, true));
    register_module("model", m_model);
}

torch::Tensor PatchDiscriminatorImpl::forward(const torch::Tensor &input)
{
    return m_model->forward(input);
}

torch::Tensor PatchDiscriminatorImpl::penultimate(const torch::Tensor &input)
{
    torch::Tensor x = input;
    for (auto layer = m_model->begin(); layer + 1 != m_model->end(); ++layer)
        x = layer->forward(x);
    return x;
}

} // namespace pluvia::models
