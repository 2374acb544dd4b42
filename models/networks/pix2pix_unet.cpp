// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/networks/pix2pix_unet.h"

#include "models/networks/size_padding.h"

#include <torch/torch.h>

#include <stdexcept>
#include <string>

namespace pluvia::models {

int Pix2PixUNetOptions::channelsAt(int level) const
{
    return baseChannels * std::min(1 << level, 8);
}

Pix2PixUNetImpl::Pix2PixUNetImpl(const Pix2PixUNetOptions &options)
    : m_options(options)
{
    namespace nn = torch::nn;
    const int levels = options.downsamplings;
    TORCH_CHECK(levels >= 2, "Pix2PixUNet: need at least 2 down-samplings, got ", levels);
    const bool bias = convolutionBias(options.norm);
    for (int k = 0; k < levels; ++k) {
        const int in = k == 0 ? options.inChannels : options.channelsAt(k - 1);
        const int out = options.channelsAt(k);
        nn::Sequential down;
        if (k > 0)
            down->push_back(nn::LeakyReLU(nn::LeakyReLUOptions().negative_slope(0.2)));
        down->push_back(nn::Conv2d(nn::Conv2dOptions(in, out, 4).stride(2).padding(1).bias(bias)));
        if (k > 0 && k < levels - 1)
            down->push_back(makeNorm(options.norm, out));
        m_down->push_back(down);

        // Up path of level k: from level k's features (and, except innermost, the up output of
        // level k+1 concatenated) back to level k−1's resolution and channels.
        const int upIn = k == levels - 1 ? out : 2 * out;
        const int upOut = k == 0 ? options.outChannels : options.channelsAt(k - 1);
        nn::Sequential up;
        up->push_back(nn::ReLU());
        up->push_back(nn::ConvTranspose2d(
            nn::ConvTranspose2dOptions(upIn, upOut, 4).stride(2).padding(1).bias(k == 0 || bias)));
        if (k == 0)
            up->push_back(nn::Tanh());
        else
            up->push_back(makeNorm(options.norm, upOut));
        m_up->push_back(up);
    }
    register_module("down", m_down);
    register_module("up", m_up);
}

torch::Tensor Pix2PixUNetImpl::forward(const torch::Tensor &input)
{
    const int levels = m_options.downsamplings;
    const int64_t height = input.size(2), width = input.size(3);
    torch::Tensor x = padToMultiple(input, int64_t(1) << levels);
    std::vector<torch::Tensor> features;
    for (int k = 0; k < levels; ++k) {
        x = m_down[k]->as<torch::nn::Sequential>()->forward(x);
        features.push_back(x);
    }
    torch::Tensor up = m_up[levels - 1]->as<torch::nn::Sequential>()->forward(features.back());
    for (int k = levels - 2; k >= 0; --k)
        up = m_up[k]->as<torch::nn::Sequential>()->forward(torch::cat({ features[k], up }, 1));
    return cropTo(up, height, width);
}

std::string pix2pixUnetPublicKey(const std::string &key, int downsamplings)
{
    // "down.<level>.<index>.<tensor>" or "up.<level>.<index>.<tensor>"
    const auto bad
        = [&key] { return std::invalid_argument("pix2pix U-Net has no tensor \"" + key + "\""); };
    const size_t dot1 = key.find('.');
    const size_t dot2 = dot1 == std::string::npos ? dot1 : key.find('.', dot1 + 1);
    const size_t dot3 = dot2 == std::string::npos ? dot2 : key.find('.', dot2 + 1);
    if (dot3 == std::string::npos)
        throw bad();
    const std::string side = key.substr(0, dot1);
    const std::string levelText = key.substr(dot1 + 1, dot2 - dot1 - 1);
    const std::string indexText = key.substr(dot2 + 1, dot3 - dot2 - 1);
    if (levelText.empty() || indexText.size() != 1
        || levelText.find_first_not_of("0123456789") != std::string::npos)
        throw bad();
    const int level = std::stoi(levelText);
    const int index = indexText[0] - '0';
    if (level >= downsamplings || (side != "down" && side != "up"))
        throw bad();
    const bool outermost = level == 0;
    const bool innermost = level == downsamplings - 1;
    int publicIndex = -1;
    if (side == "down") {
        if (outermost && index == 0)
            publicIndex = 0;
        else if (!outermost && (index == 1 || (index == 2 && !innermost)))
            publicIndex = index;
    } else if (index == 1) {
        publicIndex = outermost || innermost ? 3 : 5;
    } else if (index == 2 && !outermost) {
        publicIndex = innermost ? 4 : 6;
    }
    if (publicIndex < 0)
        throw bad();
    std::string prefix = "model.model.";
    if (level >= 1)
        prefix += "1.model.";
    for (int k = 1; k < level; ++k)
        prefix += "3.model.";
    return prefix + std::to_string(publicIndex) + key.substr(dot3);
}

} // namespace pluvia::models
