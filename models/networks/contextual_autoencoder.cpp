// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/networks/contextual_autoencoder.h"

#include "models/networks/size_padding.h"

#include <torch/torch.h>

namespace pluvia::models {

namespace {

namespace nn = torch::nn;

nn::Sequential convRelu(int in, int out, int kernel, int stride = 1, int dilation = 1)
{
    const int padding = dilation * (kernel - 1) / 2;
    return nn::Sequential(
        nn::Conv2d(
            nn::Conv2dOptions(in, out, kernel).stride(stride).padding(padding).dilation(dilation)),
        nn::ReLU(nn::ReLUOptions(true)));
}

nn::Sequential upBlock(int in, int out)
{
    return nn::Sequential(
        nn::ConvTranspose2d(nn::ConvTranspose2dOptions(in, out, 4).stride(2).padding(1)),
        nn::ReflectionPad2d(nn::ReflectionPad2dOptions({ 1, 0, 1, 0 })),
        nn::AvgPool2d(nn::AvgPool2dOptions(2).stride(1)), nn::ReLU(nn::ReLUOptions(true)));
}

} // namespace

// Each layer widens the input window by its reach in input pixels: a k×k convolution with
// dilation d working at scale s (s input pixels per feature pixel) adds s·d·(k−1)/2, a stride-2
// 3×3 convolution from scale s adds s, a 4×4 stride-2 transposed convolution (padding 1) from
// scale 2s to s reads input pixels floor(o/2) − 1 .. floor(o/2) + 1 and adds 2s, and the 2×2
// average after it adds s. Additive skips join narrower windows and add nothing. Summing:
//   full:    conv1 2 + conv2 1 + conv3 2 + conv4 2 + conv5,6 8 + diconv 4·(2+4+8+16) = 120
//            + conv7,8 8 + deconv1 (4 + 2) + conv9 2 + deconv2 (2 + 1) + conv10 1 + output 1 = 156;
//   compact: 2 + 1 + 2 + 120 + (4 + 2) + (2 + 1) + 1 = 135.
// An exact 1-D dependency count gives the same maxima (reached towards the top/left, where the
// averages and the transposed convolutions look; towards the bottom/right the reach is 6 less).
// The padding to multiples of 4 copies pixels nearer to the output pixel than their mirror
// position, so it cannot extend the window.
int ContextualAutoencoderOptions::receptiveRadius() const
{
    const int dilated = 4 * (2 + 4 + 8 + 16);
    const int encoder = 2 + 1 + 2 + (compact ? 0 : 2 + 8);
    const int decoder = (4 + 2) + (2 + 1) + 1 + (compact ? 0 : 8 + 2 + 1);
    return encoder + dilated + decoder;
}

ContextualAutoencoderImpl::ContextualAutoencoderImpl(const ContextualAutoencoderOptions &options)
    : m_options(options)
{
    TORCH_CHECK(options.baseChannels >= 2,
        "ContextualAutoencoder: baseChannels must be at least 2, got ", options.baseChannels);
    const int b1 = options.baseChannels, b2 = 2 * b1, b4 = 4 * b1;
    const bool full = !options.compact;

    m_conv1 = register_module("conv1", convRelu(options.inChannels, b1, 5));
    m_half.push_back(register_module("conv2", convRelu(b1, b2, 3, 2)));
    if (full)
        m_half.push_back(register_module("conv3", convRelu(b2, b2, 3)));

    m_quarter.push_back(register_module("conv4", convRelu(b2, b4, 3, 2)));
    if (full) {
        m_quarter.push_back(register_module("conv5", convRelu(b4, b4, 3)));
        m_quarter.push_back(register_module("conv6", convRelu(b4, b4, 3)));
    }
    const int dilations[] = { 2, 4, 8, 16 };
    for (int i = 0; i < 4; ++i) {
        m_quarter.push_back(register_module(
            "diconv" + std::to_string(i + 1), convRelu(b4, b4, 3, 1, dilations[i])));
    }
    if (full) {
        m_quarter.push_back(register_module("conv7", convRelu(b4, b4, 3)));
        m_quarter.push_back(register_module("conv8", convRelu(b4, b4, 3)));
    }

    m_deconv1 = register_module("deconv1", upBlock(b4, b2));
    if (full)
        m_conv9 = register_module("conv9", convRelu(b2, b2, 3));
    m_deconv2 = register_module("deconv2", upBlock(b2, b1));
    int last = b1;
    if (full) {
        m_conv10 = register_module("conv10", convRelu(b1, b1 / 2, 3));
        last = b1 / 2;
    }
    m_output = register_module("output",
        nn::Sequential(nn::Conv2d(nn::Conv2dOptions(last, options.outChannels, 3).padding(1))));
}

torch::Tensor ContextualAutoencoderImpl::forward(const torch::Tensor &input)
{
    const int64_t height = input.size(2), width = input.size(3);
    const torch::Tensor skip1 = m_conv1->forward(padToMultiple(input, m_options.alignment()));
    torch::Tensor skip2 = skip1;
    for (auto &block : m_half)
        skip2 = block->forward(skip2);
    torch::Tensor x = skip2;
    for (auto &block : m_quarter)
        x = block->forward(x);
    x = m_deconv1->forward(x) + skip2;
    if (m_conv9)
        x = m_conv9->forward(x);
    x = m_deconv2->forward(x) + skip1;
    if (m_conv10)
        x = m_conv10->forward(x);
    return cropTo(m_output->forward(x), height, width);
}

} // namespace pluvia::models
