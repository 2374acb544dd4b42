// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/networks/conv_lstm.h"

#include <torch/torch.h>

namespace pluvia::models {

ConvLstmCellImpl::ConvLstmCellImpl(const ConvLstmOptions &options)
    : m_options(options)
{
    namespace nn = torch::nn;
    m_gates = register_module("gates",
        nn::Conv2d(nn::Conv2dOptions(
            options.inChannels + options.hiddenChannels, 4 * options.hiddenChannels, 3)
                       .padding(1)));
}

std::pair<torch::Tensor, torch::Tensor> ConvLstmCellImpl::forward(
    const torch::Tensor &input, const torch::Tensor &hidden, const torch::Tensor &cell)
{
    const auto zeros = [&] {
        return torch::zeros(
            { input.size(0), m_options.hiddenChannels, input.size(2), input.size(3) },
            input.options());
    };
    const torch::Tensor h = hidden.defined() ? hidden : zeros();
    const torch::Tensor c = cell.defined() ? cell : zeros();
    const auto gates = m_gates->forward(torch::cat({ input, h }, 1)).chunk(4, 1);
    const torch::Tensor i = torch::sigmoid(gates[0]);
    const torch::Tensor f = torch::sigmoid(gates[1]);
    const torch::Tensor g = m_options.candidate == CandidateActivation::Tanh
        ? torch::tanh(gates[2])
        : torch::sigmoid(gates[2]);
    const torch::Tensor o = torch::sigmoid(gates[3]);
    torch::Tensor nextCell = f * c + i * g;
    torch::Tensor nextHidden = o * torch::tanh(nextCell);
    return { std::move(nextHidden), std::move(nextCell) };
}

} // namespace pluvia::models
