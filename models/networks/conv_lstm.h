// SPDX-License-Identifier: GPL-3.0-or-later
// The convolutional LSTM cell of Shi et al. (NeurIPS 2015) as DerainCycleGAN's U-ARSE carries its
// memory from stage to stage (DerainCycleGAN eq. 2):
//   i = σ(W_i ∗ [X, H]), f = σ(W_f ∗ [X, H]), o = σ(W_o ∗ [X, H]), g = ε(W_g ∗ [X, H]),
//   C' = f ⊙ C + i ⊙ g,  H' = o ⊙ tanh(C').
// The four gate convolutions are one 3×3 convolution with 4 × hidden output channels (in the
// order i, f, g, o), which is the same function as four separate ones. Eq. 2 writes σ for the
// candidate g; a standard LSTM, the public code and the reading most consistent with a cell state
// that can decrease use tanh, so tanh is the default and σ the option (docs/methods.md).
#pragma once

#include <torch/nn/module.h>
#include <torch/nn/modules/conv.h>
#include <torch/nn/pimpl.h>

#include <utility>

namespace pluvia::models {

enum class CandidateActivation { Tanh, Sigmoid };

struct ConvLstmOptions {
    int inChannels = 32;
    int hiddenChannels = 32;
    CandidateActivation candidate = CandidateActivation::Tanh;
};

class ConvLstmCellImpl : public torch::nn::Module
{
public:
    explicit ConvLstmCellImpl(const ConvLstmOptions &options = {});
    // One step: (X, (H, C)) → (H', C'). Pass undefined H and C for the first step (H_0 = C_0 = 0).
    std::pair<torch::Tensor, torch::Tensor> forward(
        const torch::Tensor &input, const torch::Tensor &hidden, const torch::Tensor &cell);
    // The gate convolution: weight (4·hidden) × (in + hidden) × 3 × 3, gates in the order i, f, g,
    // o.
    const torch::nn::Conv2d &gates() const { return m_gates; }

private:
    ConvLstmOptions m_options;
    torch::nn::Conv2d m_gates { nullptr };
};
TORCH_MODULE(ConvLstmCell);

} // namespace pluvia::models
