// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/networks/unet.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

using pluvia::models::UNet;
using pluvia::models::UNetOptions;

// Any input size comes back at that size (padding and cropping are internal).
TEST(UNet, OutputMatchesInputSizeForOddSizes)
{
    torch::manual_seed(1);
    UNet net(UNetOptions { 3, 3, 4, 8, 1.0 });
    for (auto [h, w] : { std::pair { 37, 53 }, { 64, 64 }, { 9, 130 }, { 5, 3 } }) {
        const auto out = net->forward(torch::rand({ 2, 3, h, w }));
        EXPECT_EQ(out.sizes(), torch::IntArrayRef({ 2, 3, h, w })) << h << "x" << w;
        EXPECT_TRUE(torch::isfinite(out).all().item<bool>());
    }
}

// Channel widths follow base * multiplier * 2^level; the parameter count is that of the
// architecture written out by hand for levels = 2, base = 4:
//   down0: 3->4 (3x3) + 4->4 (3x3); down1: 4->8 + 8->8;
//   upsample: 8->4 (2x2 transposed); up0: 8->4 + 4->4; head: 4->3 (1x1).
TEST(UNet, ParameterCountMatchesHandCount)
{
    UNet net(UNetOptions { 3, 3, 2, 4, 1.0 });
    auto conv = [](int in, int out, int k) { return in * out * k * k + out; };
    const int64_t expected = conv(3, 4, 3) + conv(4, 4, 3) + conv(4, 8, 3) + conv(8, 8, 3)
        + conv(8, 4, 2) + conv(8, 4, 3) + conv(4, 4, 3) + conv(4, 3, 1);
    int64_t count = 0;
    for (const auto &p : net->parameters())
        count += p.numel();
    EXPECT_EQ(count, expected);

    UNetOptions half { 3, 3, 4, 64, 0.5 };
    EXPECT_EQ(half.channelsAt(0), 32);
    EXPECT_EQ(half.channelsAt(3), 256);
}

// The padding is reflect/replicate, never a hidden crop: the output at a pixel depends on the
// input there (a perturbation at the bottom-right corner of an odd-sized input changes the output).
TEST(UNet, CornerPixelsInfluenceOutput)
{
    torch::manual_seed(2);
    UNet net(UNetOptions { 3, 3, 3, 8, 1.0 });
    auto input = torch::rand({ 1, 3, 21, 19 });
    const auto before = net->forward(input).detach();
    input.index_put_({ 0, torch::indexing::Slice(), 20, 18 }, 5.0);
    const auto after = net->forward(input).detach();
    EXPECT_GT(
        (after - before).abs().index({ 0, torch::indexing::Slice(), 20, 18 }).sum().item<float>(),
        1e-6f);
}

// Gradients reach every parameter (no disconnected block).
TEST(UNet, EveryParameterReceivesGradient)
{
    torch::manual_seed(3);
    UNet net(UNetOptions { 3, 3, 3, 4, 1.0 });
    net->forward(torch::rand({ 1, 3, 16, 16 })).square().mean().backward();
    for (const auto &item : net->named_parameters()) {
        ASSERT_TRUE(item.value().grad().defined()) << item.key();
        EXPECT_GT(item.value().grad().abs().sum().item<float>(), 0.f) << item.key();
    }
}
