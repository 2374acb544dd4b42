// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/networks/vgg_encoder.h"

#include <torch/torch.h>

namespace pluvia::models {

VggEncoderImpl::VggEncoderImpl(const VggEncoderOptions &options)
{
    TORCH_CHECK(
        options.kernel % 2 == 1, "VggEncoder: the kernel must be odd, got ", options.kernel);
    namespace nn = torch::nn;
    const std::array<int, 3> convsPerBlock { 2, 2, 3 }; // Table I
    int in = options.inChannels;
    for (size_t block = 0; block < 3; ++block) {
        nn::Sequential layers;
        for (int i = 0; i < convsPerBlock[block]; ++i) {
            layers->push_back(
                nn::Conv2d(nn::Conv2dOptions(in, options.widths[block], options.kernel)
                               .padding(options.kernel / 2)));
            layers->push_back(nn::ReLU(nn::ReLUOptions(true)));
            in = options.widths[block];
        }
        m_blocks->push_back(layers);
    }
    register_module("blocks", m_blocks);
}

VggEncoderFeatures VggEncoderImpl::forward(const torch::Tensor &input)
{
    namespace F = torch::nn::functional;
    VggEncoderFeatures features;
    torch::Tensor x = input;
    for (size_t block = 0; block < 3; ++block) {
        features.skips[block] = m_blocks[block]->as<torch::nn::Sequential>()->forward(x);
        x = F::max_pool2d(features.skips[block], F::MaxPool2dFuncOptions(2));
    }
    features.output = x;
    return features;
}

} // namespace pluvia::models
