// SPDX-License-Identifier: GPL-3.0-or-later
// The front of VGG-16's convolutional feature extractor (Simonyan & Zisserman, "Very Deep
// Convolutional Networks for Large-Scale Image Recognition", ICLR 2015, Table 1 configuration D)
// with ImageNet weights: φ of a perceptual loss L_p = ||φ(x) − φ(y)||² (Johnson et al., ECCV 2016),
// which DerainCycleGAN uses. A frozen, pretrained network, never trained here.
//
// The layers and registered names are torchvision's `vgg16().features`, so this module's
// parameter names are the keys of torchvision's state dict (features.0.weight, ...):
//   index  0 conv 3×3   3 →  64, 1 ReLU,  2 conv 3×3  64 →  64, 3 ReLU (relu1_2),
//          4 max-pool 2×2,
//          5 conv 3×3  64 → 128, 6 ReLU,  7 conv 3×3 128 → 128, 8 ReLU (relu2_2),
//          9 max-pool 2×2,
//         10 conv 3×3 128 → 256, 11 ReLU, 12 conv 3×3 256 → 256, 13 ReLU,
//         14 conv 3×3 256 → 256, 15 ReLU (relu3_3).
// relu2_2 is torchvision's features[:9], relu3_3 its features[:16]; the module holds only those.
//
// The weights were trained on images normalised per channel with ImageNet's mean and standard
// deviation, so forward() applies that normalisation itself and takes plain [0, 1] RGB.
//
// Weights cannot be downloaded at run time; the user writes them once with PyTorch:
//   torch.save(torchvision.models.vgg16(weights="IMAGENET1K_V1").state_dict(), "vgg16.pt")
// and loadVgg16Weights() reads that file.
//
// Like any torch::nn::Module, one thread uses an instance at a time.
#pragma once

#include <torch/nn/module.h>
#include <torch/nn/modules/container/sequential.h>
#include <torch/nn/pimpl.h>

#include <string>

namespace pluvia::models {

enum class Vgg16Layer {
    Relu2_2, // N × 128 × ⌊H/2⌋ × ⌊W/2⌋
    Relu3_3, // N × 256 × ⌊H/4⌋ × ⌊W/4⌋
};

// "relu2_2", "relu3_3"; parseVgg16Layer throws std::invalid_argument on anything else.
Vgg16Layer parseVgg16Layer(const std::string &name);
const char *vgg16LayerName(Vgg16Layer layer);

class Vgg16FeaturesImpl : public torch::nn::Module
{
public:
    // Randomly initialised until loadVgg16Weights(); parameters never require gradients.
    explicit Vgg16FeaturesImpl(Vgg16Layer layer);
    // rgb: N×3×H×W in [0, 1]. Returns the activations at the layer (see Vgg16Layer). Gradients
    // flow to rgb, so the loss trains the network that produced it.
    torch::Tensor forward(const torch::Tensor &rgb);

private:
    torch::nn::Sequential m_features; // registered as "features", as in torchvision
    torch::Tensor m_mean; // ImageNet mean (0.485, 0.456, 0.406), 1×3×1×1
    torch::Tensor m_std; // ImageNet standard deviation (0.229, 0.224, 0.225), 1×3×1×1
};
TORCH_MODULE(Vgg16Features);

// Copies the weights net needs from a state dict written by torch.save (the command above).
// Keys net does not need (later features, classifier.*) are ignored and not read; float64,
// float16 and bfloat16 values are converted to float32. Throws std::invalid_argument naming the
// file and the first problem: unreadable file, not a torch.save state dict, missing key, or wrong
// shape. On failure net is left unchanged.
void loadVgg16Weights(Vgg16Features &net, const std::string &path);

} // namespace pluvia::models
