// SPDX-License-Identifier: GPL-3.0-or-later
// U-ARSE, DerainCycleGAN's unsupervised attention-guided rain streak extractor (§3.2, Fig. 4):
// a recurrent network that refines a one-channel rain-streak mask over `stages` passes. Pass t
// sees concat(image, mask_{t−1}) (mask_0 = 0.5 everywhere):
//   X_t = Block(image ⊕ mask_{t−1}),  (H_t, C_t) = ConvLSTM(X_t, H_{t−1}, C_{t−1}),
//   mask_t = Conv3×3(H_t)                            (H_0 = C_0 = 0; linear mask, no activation)
// and Att(image) = mask_stages. The passes share their weights (a recurrent network, as PReNet
// and the public code): what changes from pass to pass is the mask and the LSTM's memory.
//
// Block is the paper's Hybrid Block (a dual-path residual dense block, after Wei et al., ICDM
// 2019, [26]): a 3×3 conv + ReLU to `features` channels starts a residual path r; each of three
// 3×3 conv + ReLU layers reads concat(r, every dense feature so far) and gives `features`
// channels added to r (the residual path: reused features) and `features`/2 new channels
// appended to the dense path (new features); a 1×1 conv + ReLU fuses concat(r, dense) back to
// `features`. The paper gives neither depth nor widths; three layers and half-width growth are
// Pluvia's choice (docs/methods.md).
//
// The public code's stage (the `reference-code` preset, BlockKind::Residual) has no hybrid
// block: conv 3×3 + ReLU to `features` before the LSTM, then five residual blocks
// (conv-ReLU-conv-ReLU, add, ReLU) between the LSTM and the mask conv.
#pragma once

#include "models/networks/conv_lstm.h"

#include <torch/nn/module.h>
#include <torch/nn/modules/container/modulelist.h>
#include <torch/nn/modules/container/sequential.h>
#include <torch/nn/modules/conv.h>
#include <torch/nn/pimpl.h>

#include <string>
#include <vector>

namespace pluvia::models {

struct UArseOptions {
    enum class BlockKind { Hybrid, Residual };
    int imageChannels = 3;
    int features = 32;
    int stages = 6;
    BlockKind block = BlockKind::Hybrid;
    CandidateActivation candidate = CandidateActivation::Tanh;

    // An upper bound (pixels) on how far mask_stages sees: each pass adds the reach of its 3×3
    // convolutions on the way from mask_{t−1} (or H_{t−1}) to mask_t.
    int receptiveRadius() const;
};

class UArseImpl : public torch::nn::Module
{
public:
    explicit UArseImpl(const UArseOptions &options = {});
    // N×C×H×W image → the `stages` masks mask_1 … mask_stages, each N×1×H×W. Any H, W.
    std::vector<torch::Tensor> forward(const torch::Tensor &image);
    const UArseOptions &options() const { return m_options; }

private:
    torch::Tensor hybridBlock(const torch::Tensor &input);

    UArseOptions m_options;
    torch::nn::Sequential m_head; // image ⊕ mask → features (conv + ReLU)
    torch::nn::ModuleList m_dense; // Hybrid: the three dual-path layers
    torch::nn::Sequential m_fuse; // Hybrid: 1×1 conv + ReLU
    ConvLstmCell m_lstm { nullptr };
    torch::nn::ModuleList m_residual; // Residual: five blocks of two convs
    torch::nn::Conv2d m_mask { nullptr };
};
TORCH_MODULE(UArse);

// The name(s) OaDsis/DerainCycleGAN's attention network (URAD) gives the tensor a residual-block
// U-ARSE calls `key`: head.0 ↔ det_conv0.0, residual.k.{0,2} ↔ det_conv{k+1}.{0,2}, mask ↔
// det_conv_mask.0, and the LSTM's one gate convolution ↔ its four, conv_i, conv_f, conv_g,
// conv_o (".0" each), concatenated in that order. Throws std::invalid_argument for another key.
std::vector<std::string> uarsePublicKeys(const std::string &key);

} // namespace pluvia::models
