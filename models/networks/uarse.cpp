// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/networks/uarse.h"

#include <torch/torch.h>

#include <optional>
#include <stdexcept>
#include <string>

namespace pluvia::models {

namespace {

constexpr int kDenseLayers = 3;
constexpr int kResidualBlocks = 5;

torch::nn::Conv2d conv3x3(int64_t in, int64_t out)
{
    return torch::nn::Conv2d(torch::nn::Conv2dOptions(in, out, 3).padding(1));
}

torch::nn::ReLU relu()
{
    return torch::nn::ReLU(torch::nn::ReLUOptions(true));
}

} // namespace

int UArseOptions::receptiveRadius() const
{
    // Hybrid: head, three dense layers, the LSTM's gates and the mask conv (the 1×1 fuse adds
    // nothing); Residual: head, ten residual convs, gates, mask conv.
    const int perStage
        = block == BlockKind::Hybrid ? 1 + kDenseLayers + 1 + 1 : 1 + 2 * kResidualBlocks + 1 + 1;
    return perStage * stages;
}

UArseImpl::UArseImpl(const UArseOptions &options)
    : m_options(options)
{
    const int f = options.features;
    m_head = register_module(
        "head", torch::nn::Sequential(conv3x3(options.imageChannels + 1, f), relu()));
    if (options.block == UArseOptions::BlockKind::Hybrid) {
        const int growth = std::max(1, f / 2);
        for (int layer = 0; layer < kDenseLayers; ++layer)
            m_dense->push_back(conv3x3(f + layer * growth, f + growth));
        register_module("dense", m_dense);
        m_fuse = register_module("fuse",
            torch::nn::Sequential(
                torch::nn::Conv2d(torch::nn::Conv2dOptions(f + kDenseLayers * growth, f, 1)),
                relu()));
    } else {
        for (int block = 0; block < kResidualBlocks; ++block)
            m_residual->push_back(
                torch::nn::Sequential(conv3x3(f, f), relu(), conv3x3(f, f), relu()));
        register_module("residual", m_residual);
    }
    m_lstm = register_module("lstm", ConvLstmCell(ConvLstmOptions { f, f, options.candidate }));
    m_mask = register_module("mask", conv3x3(f, 1));
}

torch::Tensor UArseImpl::hybridBlock(const torch::Tensor &input)
{
    const int f = m_options.features;
    torch::Tensor residual = input;
    std::vector<torch::Tensor> dense;
    for (const auto &layer : *m_dense) {
        std::vector<torch::Tensor> parts { residual };
        parts.insert(parts.end(), dense.begin(), dense.end());
        const torch::Tensor y
            = torch::relu(layer->as<torch::nn::Conv2d>()->forward(torch::cat(parts, 1)));
        residual = residual + y.narrow(1, 0, f);
        dense.push_back(y.narrow(1, f, y.size(1) - f));
    }
    dense.insert(dense.begin(), residual);
    return m_fuse->forward(torch::cat(dense, 1));
}

std::vector<torch::Tensor> UArseImpl::forward(const torch::Tensor &image)
{
    const bool hybrid = m_options.block == UArseOptions::BlockKind::Hybrid;
    torch::Tensor mask
        = torch::full({ image.size(0), 1, image.size(2), image.size(3) }, 0.5, image.options());
    torch::Tensor hidden, cell;
    std::vector<torch::Tensor> masks;
    for (int stage = 0; stage < m_options.stages; ++stage) {
        torch::Tensor x = m_head->forward(torch::cat({ image, mask }, 1));
        if (hybrid)
            x = hybridBlock(x);
        std::tie(hidden, cell) = m_lstm->forward(x, hidden, cell);
        x = hidden;
        if (!hybrid)
            for (const auto &block : *m_residual)
                x = torch::relu(x + block->as<torch::nn::Sequential>()->forward(x));
        mask = m_mask->forward(x);
        masks.push_back(mask);
    }
    return masks;
}

std::vector<std::string> uarsePublicKeys(const std::string &key)
{
    const auto after = [&key](const std::string &prefix) {
        return key.rfind(prefix, 0) == 0 ? std::optional<std::string>(key.substr(prefix.size()))
                                         : std::nullopt;
    };
    if (const auto rest = after("head.0."))
        return { "det_conv0.0." + *rest };
    if (const auto rest = after("mask."))
        return { "det_conv_mask.0." + *rest };
    if (const auto rest = after("lstm.gates.")) {
        std::vector<std::string> gates;
        for (const char *gate : { "conv_i", "conv_f", "conv_g", "conv_o" })
            gates.push_back(std::string(gate) + ".0." + *rest);
        return gates;
    }
    if (const auto rest = after("residual.")) {
        const size_t dot = rest->find('.');
        if (dot != std::string::npos && dot > 0 && rest->find_first_not_of("0123456789") == dot)
            return { "det_conv" + std::to_string(std::stoi(rest->substr(0, dot)) + 1)
                + rest->substr(dot) };
    }
    throw std::invalid_argument("the residual U-ARSE has no tensor \"" + key + "\"");
}

} // namespace pluvia::models
