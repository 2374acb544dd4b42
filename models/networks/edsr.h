// SPDX-License-Identifier: GPL-3.0-or-later
// A small EDSR-style residual network without up-sampling (Lim et al., CVPRW 2017), which UDRDR
// uses for all three of its networks (§4.2: 16 residual blocks; 64, 64 and 128 filters):
//   head: conv 3×3 (in → C); body: `blocks` × [conv 3×3, ReLU, conv 3×3, × resScale, + input],
//   then conv 3×3, plus the head's output (the global skip); tail: conv 3×3 (C → out).
// No normalisation (as EDSR). With `imageResidual` the input image is added to the output, so
// the network predicts a correction of its input (in == out required).
#pragma once

#include <torch/nn/module.h>
#include <torch/nn/modules/container/sequential.h>
#include <torch/nn/modules/conv.h>
#include <torch/nn/pimpl.h>

namespace pluvia::models {

struct EdsrOptions {
    int inChannels = 3;
    int outChannels = 3;
    int channels = 64;
    int blocks = 16;
    double resScale = 1.0;
    bool imageResidual = false;
};

class EdsrImpl : public torch::nn::Module
{
public:
    explicit EdsrImpl(const EdsrOptions &options = {});
    torch::Tensor forward(const torch::Tensor &input);
    const EdsrOptions &options() const { return m_options; }
    // How far an output pixel sees: one pixel per 3×3 convolution.
    int receptiveRadius() const { return 2 * m_options.blocks + 3; }

private:
    EdsrOptions m_options;
    torch::nn::Conv2d m_head { nullptr };
    torch::nn::Sequential m_body;
    torch::nn::Conv2d m_tail { nullptr };
};
TORCH_MODULE(Edsr);

} // namespace pluvia::models
