// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/networks/vgg16_features.h"

#include "models/framework/state_dict_file.h"

#include <torch/torch.h>

#include <sstream>
#include <stdexcept>
#include <utility>
#include <vector>

namespace pluvia::models {

namespace {

// torchvision's make_layers() configuration "D" up to relu3_3: output channels of each 3×3
// convolution (each followed by a ReLU), kPool for a 2×2 max-pool. Building the Sequential in
// this order gives every layer torchvision's index.
constexpr int kPool = 0;
constexpr int kConfigD[] = { 64, 64, kPool, 128, 128, kPool, 256, 256, 256 };

// torchvision index of the ReLU whose output the layer is.
size_t lastIndex(Vgg16Layer layer)
{
    return layer == Vgg16Layer::Relu2_2 ? 8 : 15;
}

std::string shapeText(c10::IntArrayRef sizes)
{
    std::ostringstream text;
    text << sizes;
    return text.str();
}

} // namespace

Vgg16Layer parseVgg16Layer(const std::string &name)
{
    if (name == "relu2_2")
        return Vgg16Layer::Relu2_2;
    if (name == "relu3_3")
        return Vgg16Layer::Relu3_3;
    throw std::invalid_argument("unknown VGG-16 layer '" + name + "' (relu2_2, relu3_3)");
}

const char *vgg16LayerName(Vgg16Layer layer)
{
    return layer == Vgg16Layer::Relu2_2 ? "relu2_2" : "relu3_3";
}

Vgg16FeaturesImpl::Vgg16FeaturesImpl(Vgg16Layer layer)
{
    namespace nn = torch::nn;
    int64_t channels = 3;
    for (const int out : kConfigD) {
        if (m_features->size() > lastIndex(layer))
            break;
        if (out == kPool) {
            m_features->push_back(nn::MaxPool2d(nn::MaxPool2dOptions(2).stride(2)));
            continue;
        }
        m_features->push_back(nn::Conv2d(nn::Conv2dOptions(channels, out, 3).padding(1)));
        m_features->push_back(nn::ReLU(nn::ReLUOptions().inplace(true)));
        channels = out;
    }
    register_module("features", m_features);
    m_mean
        = register_buffer("mean", torch::tensor({ 0.485f, 0.456f, 0.406f }).view({ 1, 3, 1, 1 }));
    m_std = register_buffer("std", torch::tensor({ 0.229f, 0.224f, 0.225f }).view({ 1, 3, 1, 1 }));
    for (auto &parameter : parameters())
        parameter.set_requires_grad(false);
}

torch::Tensor Vgg16FeaturesImpl::forward(const torch::Tensor &rgb)
{
    TORCH_CHECK(
        rgb.dim() == 4 && rgb.size(1) == 3, "Vgg16Features expects N×3×H×W RGB, got ", rgb.sizes());
    return m_features->forward((rgb - m_mean) / m_std);
}

void loadVgg16Weights(Vgg16Features &net, const std::string &path)
{
    StateDictFile file(path);
    // Check and read everything before copying anything, so a refused file changes nothing.
    std::vector<std::pair<torch::Tensor, torch::Tensor>> copies;
    for (const auto &item : net->named_parameters()) {
        const StateDictFile::Entry *entry = file.find(item.key());
        if (entry == nullptr)
            throw std::invalid_argument(path + " lacks " + item.key()
                + " (a torchvision VGG-16 state dict has features.0.weight … "
                  "features.28.bias)");
        if (!entry->isTensor)
            throw std::invalid_argument(path
                + " is not a PyTorch state dict written by torch.save: " + item.key()
                + " is not a tensor");
        if (c10::IntArrayRef(entry->sizes) != item.value().sizes())
            throw std::invalid_argument(path + ": " + item.key() + " has shape "
                + shapeText(entry->sizes) + ", VGG-16 needs " + shapeText(item.value().sizes()));
        if (!c10::isFloatingType(entry->dtype))
            throw std::invalid_argument(path + ": " + item.key() + " holds "
                + c10::toString(entry->dtype) + " values, VGG-16 needs floats");
        copies.emplace_back(item.value(), file.read(item.key()));
    }
    torch::NoGradGuard noGrad;
    for (auto &[parameter, value] : copies)
        parameter.copy_(value); // converts float64/float16 to float32
}

} // namespace pluvia::models
