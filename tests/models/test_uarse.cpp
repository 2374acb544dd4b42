// SPDX-License-Identifier: GPL-3.0-or-later
// U-ARSE: shapes at odd sizes, parameter counts by hand, the first stage recomputed from its
// layers with mask_0 = 0.5, weights shared between stages, and the receptive-radius bound.
#include "models/networks/uarse.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

using namespace pluvia::models;

namespace {

int64_t conv(int64_t in, int64_t out, int64_t k)
{
    return in * out * k * k + out;
}

int64_t parameterCount(torch::nn::Module &module)
{
    int64_t count = 0;
    for (const auto &p : module.parameters())
        count += p.numel();
    return count;
}

torch::Tensor weight(torch::nn::Module &module, const std::string &name)
{
    return module.named_parameters()[name];
}

UArseOptions options(UArseOptions::BlockKind block, int stages = 6)
{
    UArseOptions o;
    o.features = 8;
    o.stages = stages;
    o.block = block;
    return o;
}

} // namespace

TEST(UArse, SixMasksAtOddSizes)
{
    torch::manual_seed(1);
    for (auto block : { UArseOptions::BlockKind::Hybrid, UArseOptions::BlockKind::Residual }) {
        UArse net(options(block));
        for (auto [h, w] : { std::pair { 37, 53 }, { 5, 3 } }) {
            const auto masks = net->forward(torch::rand({ 2, 3, h, w }));
            ASSERT_EQ(masks.size(), 6u);
            for (const auto &mask : masks)
                EXPECT_EQ(mask.sizes(), torch::IntArrayRef({ 2, 1, h, w }));
        }
    }
}

// Hybrid, features f = 8, growth 4: head 4→8; dense layers (8→12), (12→12), (16→12); fuse
// 1×1 20→8; LSTM gates (8 + 8)→32; mask 8→1. Residual: head 4→8; ten 8→8; gates; mask.
TEST(UArse, ParameterCountsByHand)
{
    UArse hybrid(options(UArseOptions::BlockKind::Hybrid));
    EXPECT_EQ(parameterCount(*hybrid),
        conv(4, 8, 3) + conv(8, 12, 3) + conv(12, 12, 3) + conv(16, 12, 3) + conv(20, 8, 1)
            + conv(16, 32, 3) + conv(8, 1, 3));
    UArse residual(options(UArseOptions::BlockKind::Residual));
    EXPECT_EQ(parameterCount(*residual),
        conv(4, 8, 3) + 10 * conv(8, 8, 3) + conv(16, 32, 3) + conv(8, 1, 3));
}

// mask_1 of the hybrid network, recomputed in the test from the layers' weights: the image with
// a 0.5 mask, the head, the dual-path layers (first 8 channels added to the residual path, the
// rest appended to the dense path), the 1×1 fuse, the LSTM from zero state, the mask conv.
TEST(UArse, FirstStageRecomputedFromItsLayers)
{
    torch::manual_seed(2);
    UArse net(options(UArseOptions::BlockKind::Hybrid));
    const auto image = torch::rand({ 1, 3, 11, 13 });
    const auto masks = net->forward(image);

    auto c3 = [&](const torch::Tensor &x, const std::string &name) {
        return torch::conv2d(x, weight(*net, name + ".weight"), weight(*net, name + ".bias"), 1, 1);
    };
    const auto input = torch::cat({ image, torch::full({ 1, 1, 11, 13 }, 0.5) }, 1);
    torch::Tensor residual = torch::relu(c3(input, "head.0"));
    torch::Tensor dense = torch::empty({ 1, 0, 11, 13 });
    for (int layer = 0; layer < 3; ++layer) {
        const auto y
            = torch::relu(c3(torch::cat({ residual, dense }, 1), "dense." + std::to_string(layer)));
        residual = residual + y.narrow(1, 0, 8);
        dense = torch::cat({ dense, y.narrow(1, 8, 4) }, 1);
    }
    const auto x = torch::relu(torch::conv2d(torch::cat({ residual, dense }, 1),
        weight(*net, "fuse.0.weight"), weight(*net, "fuse.0.bias")));
    const auto gates = c3(torch::cat({ x, torch::zeros_like(x) }, 1), "lstm.gates").chunk(4, 1);
    const auto cell = torch::sigmoid(gates[0]) * torch::tanh(gates[2]);
    const auto hidden = torch::sigmoid(gates[3]) * torch::tanh(cell);
    const auto mask1 = c3(hidden, "mask");
    EXPECT_LT((masks[0] - mask1).abs().max().item<double>(), 1e-5);
}

// The stages share their weights: a one-stage network with the same weights gives mask_1, and
// later masks differ from it (the recurrence does something).
TEST(UArse, StagesShareWeights)
{
    torch::manual_seed(3);
    UArse six(options(UArseOptions::BlockKind::Residual, 6));
    UArse one(options(UArseOptions::BlockKind::Residual, 1));
    {
        torch::NoGradGuard noGrad;
        auto from = six->named_parameters();
        for (auto &p : one->named_parameters())
            p.value().copy_(from[p.key()]);
    }
    const auto image = torch::rand({ 1, 3, 16, 16 });
    const auto masks = six->forward(image);
    EXPECT_TRUE(torch::equal(one->forward(image)[0], masks[0]));
    EXPECT_GT((masks[5] - masks[0]).abs().max().item<double>(), 1e-6);
}

// Changing one pixel changes no mask value farther than receptiveRadius() (Chebyshev distance),
// and the bound is tight to within a factor of two.
TEST(UArse, ReceptiveRadiusBoundsTheLastMask)
{
    torch::manual_seed(4);
    UArseOptions o = options(UArseOptions::BlockKind::Hybrid, 3);
    UArse net(o);
    net->to(torch::kFloat64);
    const int side = 2 * o.receptiveRadius() + 21, centre = side / 2;
    auto image = torch::rand({ 1, 3, side, side }, torch::kFloat64);
    const auto before = net->forward(image).back();
    image[0][0][centre][centre] += 1.0;
    const auto changed = (net->forward(image).back() - before).abs()[0][0] > 1e-12;
    const auto where = torch::nonzero(changed);
    ASSERT_GT(where.size(0), 0);
    const int64_t reach = std::max((where.select(1, 0) - centre).abs().max().item<int64_t>(),
        (where.select(1, 1) - centre).abs().max().item<int64_t>());
    EXPECT_LE(reach, o.receptiveRadius());
    EXPECT_GT(reach, o.receptiveRadius() / 2);
}
