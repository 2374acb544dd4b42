// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/networks/resnet_generator.h"

#include "models/networks/size_padding.h"

#include <torch/torch.h>

namespace pluvia::models {

namespace {

namespace nn = torch::nn;

class ResidualBlockImpl : public nn::Module
{
public:
    ResidualBlockImpl(int64_t channels, NormKind norm)
    {
        const bool bias = convolutionBias(norm);
        m_body->push_back(nn::ReflectionPad2d(1));
        m_body->push_back(nn::Conv2d(nn::Conv2dOptions(channels, channels, 3).bias(bias)));
        m_body->push_back(makeNorm(norm, channels));
        m_body->push_back(nn::ReLU(true));
        m_body->push_back(nn::ReflectionPad2d(1));
        m_body->push_back(nn::Conv2d(nn::Conv2dOptions(channels, channels, 3).bias(bias)));
        m_body->push_back(makeNorm(norm, channels));
        register_module("conv_block", m_body);
    }
    torch::Tensor forward(const torch::Tensor &x) { return x + m_body->forward(x); }

private:
    nn::Sequential m_body;
};
TORCH_MODULE(ResidualBlock);

} // namespace

ResnetGeneratorImpl::ResnetGeneratorImpl(const ResnetGeneratorOptions &options)
{
    const bool bias = convolutionBias(options.norm);
    const int64_t ngf = options.baseChannels;
    m_model->push_back(nn::ReflectionPad2d(3));
    m_model->push_back(nn::Conv2d(nn::Conv2dOptions(options.inChannels, ngf, 7).bias(bias)));
    m_model->push_back(makeNorm(options.norm, ngf));
    m_model->push_back(nn::ReLU(true));
    for (int64_t mult : { 1, 2 }) {
        m_model->push_back(nn::Conv2d(
            nn::Conv2dOptions(ngf * mult, ngf * mult * 2, 3).stride(2).padding(1).bias(bias)));
        m_model->push_back(makeNorm(options.norm, ngf * mult * 2));
        m_model->push_back(nn::ReLU(true));
    }
    for (int b = 0; b < options.blocks; ++b)
        m_model->push_back(ResidualBlock(ngf * 4, options.norm));
    for (int64_t mult : { 4, 2 }) {
        m_model->push_back(
            nn::ConvTranspose2d(nn::ConvTranspose2dOptions(ngf * mult, ngf * mult / 2, 3)
                                    .stride(2)
                                    .padding(1)
                                    .output_padding(1)
                                    .bias(bias)));
        m_model->push_back(makeNorm(options.norm, ngf * mult / 2));
        m_model->push_back(nn::ReLU(true));
    }
    m_model->push_back(nn::ReflectionPad2d(3));
    m_model->push_back(nn::Conv2d(nn::Conv2dOptions(ngf, options.outChannels, 7)));
    m_model->push_back(nn::Tanh());
    register_module("model", m_model);
}

torch::Tensor ResnetGeneratorImpl::forward(const torch::Tensor &input)
{
    const int64_t height = input.size(2), width = input.size(3);
    return cropTo(m_model->forward(padToMultiple(input, 4)), height, width);
}

} // namespace pluvia::models
