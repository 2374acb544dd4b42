// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/networks/multiscale_discriminator.h"

#include <torch/torch.h>

namespace pluvia::models {

namespace {

namespace nn = torch::nn;

// One down-sampling layer, wrapped in a module that registers its layers as "model" so the
// parameter names match the public code's LeakyReLUConv2d.
class LeakyConvImpl : public nn::Module
{
public:
    LeakyConvImpl(int in, int out, double slope)
        : m_model(nn::ReflectionPad2d(nn::ReflectionPad2dOptions(1)),
            nn::Conv2d(nn::Conv2dOptions(in, out, 4).stride(2)),
            nn::LeakyReLU(nn::LeakyReLUOptions().negative_slope(slope).inplace(true)))
    {
        register_module("model", m_model);
    }
    torch::Tensor forward(const torch::Tensor &input) { return m_model->forward(input); }

private:
    nn::Sequential m_model;
};
TORCH_MODULE(LeakyConv);

} // namespace

int MultiScaleDiscriminatorOptions::channelsAt(int layer) const
{
    return baseChannels * (1 << std::min(layer, 3));
}

MultiScaleDiscriminatorImpl::MultiScaleDiscriminatorImpl(
    const MultiScaleDiscriminatorOptions &options)
    : m_options(options)
{
    TORCH_CHECK(options.scales >= 1 && options.downsamplings >= 1,
        "MultiScaleDiscriminator: scales and downsamplings must be at least 1, got ",
        options.scales, " and ", options.downsamplings);
    for (int scale = 0; scale < options.scales; ++scale) {
        nn::Sequential layers;
        int in = options.inChannels;
        for (int layer = 0; layer < options.downsamplings; ++layer) {
            layers->push_back(LeakyConv(in, options.channelsAt(layer), options.leakySlope));
            in = options.channelsAt(layer);
        }
        layers->push_back(nn::Conv2d(nn::Conv2dOptions(in, 1, 1)));
        m_diss->push_back(layers);
    }
    register_module("Diss", m_diss);
}

torch::Tensor MultiScaleDiscriminatorImpl::atLeastMinimumSize(const torch::Tensor &input) const
{
    namespace F = nn::functional;
    const int64_t minimum = int64_t(1) << m_options.downsamplings;
    const int64_t padBottom = std::max<int64_t>(0, minimum - input.size(2));
    const int64_t padRight = std::max<int64_t>(0, minimum - input.size(3));
    if (!padBottom && !padRight)
        return input;
    // Replicate, not reflect: reflection cannot pad a side by more than its length.
    return F::pad(input, F::PadFuncOptions({ 0, padRight, 0, padBottom }).mode(torch::kReplicate));
}

std::vector<torch::Tensor> MultiScaleDiscriminatorImpl::forward(const torch::Tensor &input)
{
    namespace F = nn::functional;
    const auto pool = F::AvgPool2dFuncOptions(3).stride(2).padding(1).count_include_pad(false);
    std::vector<torch::Tensor> logits;
    torch::Tensor x = input;
    for (size_t scale = 0; scale < m_diss->size(); ++scale) {
        if (scale > 0)
            x = F::avg_pool2d(x, pool);
        logits.push_back(m_diss[scale]->as<nn::Sequential>()->forward(atLeastMinimumSize(x)));
    }
    return logits;
}

torch::Tensor MultiScaleDiscriminatorImpl::penultimate(const torch::Tensor &input)
{
    auto finest = m_diss[0]->as<nn::Sequential>();
    torch::Tensor x = atLeastMinimumSize(input);
    for (auto layer = finest->begin(); layer + 1 != finest->end(); ++layer)
        x = layer->forward(x);
    return x;
}

} // namespace pluvia::models
