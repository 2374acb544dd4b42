// SPDX-License-Identifier: GPL-3.0-or-later
// ContextualAutoencoder (DerainCycleGAN's G_N, G_R): shapes at odd sizes, parameter counts by
// hand, the whole forward pass rewritten by hand from the registered weights, the additive skips
// carrying conv1's features to the output, and the receptive-radius bound.
#include "models/networks/contextual_autoencoder.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

using namespace pluvia::models;
namespace F = torch::nn::functional;

namespace {

int64_t conv(int64_t in, int64_t out, int64_t k)
{
    return in * out * k * k + out;
}

ContextualAutoencoderOptions options(bool compact, int base = 4)
{
    return { 4, 3, base, compact };
}

int64_t parameterCount(torch::nn::Module &module)
{
    int64_t count = 0;
    for (const auto &p : module.parameters())
        count += p.numel();
    return count;
}

struct HandNet {
    torch::OrderedDict<std::string, torch::Tensor> p;

    torch::Tensor w(const std::string &block) const { return p[block + ".0.weight"]; }
    torch::Tensor b(const std::string &block) const { return p[block + ".0.bias"]; }
    torch::Tensor conv(
        const torch::Tensor &x, const std::string &block, int stride = 1, int dilation = 1) const
    {
        const int64_t k = w(block).size(2);
        return F::conv2d(x, w(block),
            F::Conv2dFuncOptions()
                .bias(b(block))
                .stride(stride)
                .padding(dilation * (k - 1) / 2)
                .dilation(dilation));
    }
    torch::Tensor convRelu(
        const torch::Tensor &x, const std::string &block, int stride = 1, int dilation = 1) const
    {
        return torch::relu(conv(x, block, stride, dilation));
    }
    // Mean of each pixel and its upper, left and upper-left neighbours, the row above row 0 and
    // the column left of column 0 being rows/columns 1 (reflection).
    static torch::Tensor averageUpLeft(const torch::Tensor &x)
    {
        using torch::indexing::Slice;
        const auto above = torch::cat({ x.index({ Slice(), Slice(), Slice(1, 2) }),
                                          x.index({ Slice(), Slice(), Slice(0, -1) }) },
            2);
        const auto rows = (x + above) / 2;
        const auto left = torch::cat({ rows.index({ Slice(), Slice(), Slice(), Slice(1, 2) }),
                                         rows.index({ Slice(), Slice(), Slice(), Slice(0, -1) }) },
            3);
        return (rows + left) / 2;
    }
    torch::Tensor up(const torch::Tensor &x, const std::string &block) const
    {
        const auto t = F::conv_transpose2d(
            x, w(block), F::ConvTranspose2dFuncOptions().bias(b(block)).stride(2).padding(1));
        return torch::relu(averageUpLeft(t));
    }

    // The layout of the header comment, written out layer by layer. x: sides multiple of 4.
    torch::Tensor forward(const torch::Tensor &x, bool compact) const
    {
        const auto c1 = convRelu(x, "conv1");
        auto half = convRelu(c1, "conv2", 2);
        if (!compact)
            half = convRelu(half, "conv3");
        auto y = convRelu(half, "conv4", 2);
        if (!compact)
            y = convRelu(convRelu(y, "conv5"), "conv6");
        y = convRelu(y, "diconv1", 1, 2);
        y = convRelu(y, "diconv2", 1, 4);
        y = convRelu(y, "diconv3", 1, 8);
        y = convRelu(y, "diconv4", 1, 16);
        if (!compact)
            y = convRelu(convRelu(y, "conv7"), "conv8");
        y = up(y, "deconv1") + half;
        if (!compact)
            y = convRelu(y, "conv9");
        y = up(y, "deconv2") + c1;
        if (!compact)
            y = convRelu(y, "conv10");
        return conv(y, "output");
    }
};

} // namespace

// Any input size comes back at that size (padding to multiples of 4 and cropping are internal).
TEST(ContextualAutoencoder, OutputMatchesInputSizeForOddSizes)
{
    torch::manual_seed(1);
    for (bool compact : { false, true }) {
        ContextualAutoencoder net(options(compact));
        for (auto [h, w] : { std::pair { 37, 53 }, { 5, 3 }, { 64, 64 }, { 1, 1 } }) {
            const auto out = net->forward(torch::rand({ 2, 4, h, w }));
            EXPECT_EQ(out.sizes(), torch::IntArrayRef({ 2, 3, h, w }))
                << h << "x" << w << " compact " << compact;
            EXPECT_TRUE(torch::isfinite(out).all().item<bool>());
        }
    }
}

// Base B = 4 (widths 4, 8, 16; conv10 B/2 = 2), 4 input and 3 output channels, conv by conv.
TEST(ContextualAutoencoder, ParameterCountMatchesHandCount)
{
    const int64_t dilated = 4 * conv(16, 16, 3);
    const int64_t full = conv(4, 4, 5) // conv1
        + conv(4, 8, 3) + conv(8, 8, 3) // conv2, conv3
        + conv(8, 16, 3) + 2 * conv(16, 16, 3) // conv4, conv5, conv6
        + dilated + 2 * conv(16, 16, 3) // diconv1-4, conv7, conv8
        + conv(16, 8, 4) + conv(8, 8, 3) // deconv1 (transposed: in·out·k² + out), conv9
        + conv(8, 4, 4) + conv(4, 2, 3) // deconv2, conv10
        + conv(2, 3, 3); // output
    const int64_t compact = conv(4, 4, 5) + conv(4, 8, 3) + conv(8, 16, 3) + dilated
        + conv(16, 8, 4) + conv(8, 4, 4) + conv(4, 3, 3);
    ContextualAutoencoder fullNet(options(false)), compactNet(options(true));
    EXPECT_EQ(parameterCount(*fullNet), full);
    EXPECT_EQ(parameterCount(*compactNet), compact);

    // The paper's "16 Conv-ReLU blocks" (and 9 in the compact variant), output linear.
    auto relus = [](torch::nn::Module &m) {
        int count = 0;
        for (const auto &module : m.modules())
            count += module->as<torch::nn::ReLU>() != nullptr;
        return count;
    };
    EXPECT_EQ(relus(*fullNet), 16);
    EXPECT_EQ(relus(*compactNet), 9);
}

// The module computes exactly the layout written out by hand from its registered weights.
TEST(ContextualAutoencoder, ForwardMatchesHandWrittenLayout)
{
    torch::manual_seed(2);
    for (bool compact : { false, true }) {
        ContextualAutoencoder net(options(compact));
        const auto x = torch::rand({ 2, 4, 24, 36 });
        const auto expected = HandNet { net->named_parameters() }.forward(x, compact);
        const auto out = net->forward(x);
        EXPECT_TRUE(torch::allclose(out, expected, 1e-4, 1e-5))
            << "compact " << compact << " max diff " << (out - expected).abs().max().item<float>();
    }
}

// With deconv2 silenced (weights and bias 0, so it outputs ReLU(0) = 0), conv10 sees exactly
// conv1's features through the additive skip: the output is conv1 → (conv10) → output and still
// varies with the input.
TEST(ContextualAutoencoder, Conv1FeaturesReachOutputThroughSkip)
{
    torch::manual_seed(3);
    for (bool compact : { false, true }) {
        ContextualAutoencoder net(options(compact));
        {
            torch::NoGradGuard noGrad;
            for (auto &item : net->named_parameters()) {
                if (item.key().rfind("deconv2.", 0) == 0)
                    item.value().zero_();
            }
        }
        const auto x = torch::rand({ 1, 4, 20, 28 });
        const HandNet hand { net->named_parameters() };
        auto y = hand.convRelu(x, "conv1");
        if (!compact)
            y = hand.convRelu(y, "conv10");
        const auto expected = hand.conv(y, "output");
        const auto out = net->forward(x);
        EXPECT_TRUE(torch::allclose(out, expected, 1e-4, 1e-5)) << "compact " << compact;
        EXPECT_GT(out.std().item<float>(), 1e-4f) << "compact " << compact;
    }
}

// Perturbing one input pixel changes no output pixel farther (Chebyshev distance) than
// receptiveRadius(), computed in double so that unchanged means bitwise unchanged; and the bound
// is not loose: some pixel beyond 3/4 of it does change.
TEST(ContextualAutoencoder, ReceptiveRadiusBoundsInfluence)
{
    EXPECT_EQ(options(false).receptiveRadius(), 156);
    EXPECT_EQ(options(true).receptiveRadius(), 135);
    for (bool compact : { false, true }) {
        torch::manual_seed(4);
        ContextualAutoencoder net(options(compact));
        net->to(torch::kDouble);
        const int radius = net->options().receptiveRadius();
        const int side = 2 * radius + 20, centre = side / 2;
        torch::NoGradGuard noGrad;
        auto input = torch::rand({ 1, 4, side, side }, torch::kDouble);
        const auto before = net->forward(input);
        input.index_put_({ 0, 0, centre, centre }, input.index({ 0, 0, centre, centre }) + 1.0);
        const auto changed = (net->forward(input) - before).abs().amax(1)[0] > 1e-12;
        const auto where = changed.nonzero();
        ASSERT_GT(where.size(0), 0);
        const auto distance = (where - centre).abs().amax(1);
        const int farthest = int(distance.max().item<int64_t>());
        EXPECT_LE(farthest, radius) << "compact " << compact;
        EXPECT_GT(farthest, 3 * radius / 4) << "compact " << compact;
        std::cout << "compact " << compact << ": radius " << radius << ", farthest change "
                  << farthest << "\n";
    }
}

// Gradients reach every parameter (no disconnected block). B = 8: at B = 4, conv10's two
// channels can both be dead ReLUs for a given seed, which cuts every gradient above it.
TEST(ContextualAutoencoder, EveryParameterReceivesGradient)
{
    torch::manual_seed(5);
    for (bool compact : { false, true }) {
        ContextualAutoencoder net(options(compact, 8));
        net->forward(torch::rand({ 1, 4, 32, 32 })).square().mean().backward();
        for (const auto &item : net->named_parameters()) {
            ASSERT_TRUE(item.value().grad().defined()) << item.key();
            EXPECT_GT(item.value().grad().abs().sum().item<float>(), 0.f)
                << item.key() << " compact " << compact;
        }
    }
}
