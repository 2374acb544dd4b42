// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/networks/edsr.h"

#include <torch/torch.h>

namespace pluvia::models {

namespace {

namespace nn = torch::nn;

nn::Conv2d conv3(int64_t in, int64_t out)
{
    return nn::Conv2d(nn::Conv2dOptions(in, out, 3).padding(1));
}

class ResBlockImpl : public nn::Module
{
public:
    ResBlockImpl(int64_t channels, double scale)
        : m_scale(scale)
    {
        m_body->push_back(conv3(channels, channels));
        m_body->push_back(nn::ReLU(true));
        m_body->push_back(conv3(channels, channels));
        register_module("body", m_body);
    }
    torch::Tensor forward(const torch::Tensor &x)
    {
        return m_scale == 1.0 ? x + m_body->forward(x) : x + m_body->forward(x) * m_scale;
    }

private:
    double m_scale;
    nn::Sequential m_body;
};
TORCH_MODULE(ResBlock);

} // namespace

EdsrImpl::EdsrImpl(const EdsrOptions &options)
    : m_options(options)
{
    TORCH_CHECK(!options.imageResidual || options.inChannels == options.outChannels,
        "Edsr: an image residual needs as many output as input channels");
    m_head = register_module("head", conv3(options.inChannels, options.channels));
    for (int b = 0; b < options.blocks; ++b)
        m_body->push_back(ResBlock(options.channels, options.resScale));
    m_body->push_back(conv3(options.channels, options.channels));
    register_module("body", m_body);
    m_tail = register_module("tail", conv3(options.channels, options.outChannels));
}

torch::Tensor EdsrImpl::forward(const torch::Tensor &input)
{
    const torch::Tensor head = m_head->forward(input);
    const torch::Tensor out = m_tail->forward(head + m_body->forward(head));
    return m_options.imageResidual ? input + out : out;
}

} // namespace pluvia::models
