// SPDX-License-Identifier: GPL-3.0-or-later
// MultiScaleDiscriminator (DerainCycleGAN's D_R, D_N): output sizes from the conv and pooling
// arithmetic by hand, tiny inputs, parameter counts by hand, every scale recomputed by hand from
// its registered weights on a hand-pooled input, and the LeakyReLU slope on a hand-computed value.
#include "models/networks/multiscale_discriminator.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

using namespace pluvia::models;
namespace F = torch::nn::functional;

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

void expectSizes(const std::vector<torch::Tensor> &logits,
    const std::vector<std::pair<int64_t, int64_t>> &sizes, int64_t batch)
{
    ASSERT_EQ(logits.size(), sizes.size());
    for (size_t s = 0; s < sizes.size(); ++s) {
        EXPECT_EQ(
            logits[s].sizes(), torch::IntArrayRef({ batch, 1, sizes[s].first, sizes[s].second }))
            << "scale " << s;
    }
}

// 3×3 mean with stride 2 over the pixels inside the image only: a sum by a ones kernel over a
// zero-padded image, divided by the number of real pixels under the window.
torch::Tensor handPool(const torch::Tensor &x)
{
    const int64_t channels = x.size(1);
    const auto ones = torch::ones({ channels, 1, 3, 3 });
    const auto options = F::Conv2dFuncOptions().stride(2).padding(1);
    const auto sums = F::conv2d(x, ones, F::Conv2dFuncOptions(options).groups(channels));
    const auto counts = F::conv2d(
        torch::ones({ 1, 1, x.size(2), x.size(3) }), torch::ones({ 1, 1, 3, 3 }), options);
    return sums / counts;
}

// Reflection by one pixel on each side: indices 1, 0, 1, ..., n−1, n−2.
torch::Tensor reflectOne(const torch::Tensor &x)
{
    auto index = [](int64_t n) {
        return torch::cat(
            { torch::tensor({ int64_t(1) }), torch::arange(n), torch::tensor({ n - 2 }) });
    };
    return x.index_select(2, index(x.size(2))).index_select(3, index(x.size(3)));
}

// Scale `scale`'s layers applied by hand with the module's registered weights.
std::vector<torch::Tensor> handScale(MultiScaleDiscriminator &net, int scale, torch::Tensor x)
{
    const auto p = net->named_parameters();
    const auto &o = net->options();
    const std::string prefix = "Diss." + std::to_string(scale) + ".";
    for (int layer = 0; layer < o.downsamplings; ++layer) {
        const std::string name = prefix + std::to_string(layer) + ".model.1.";
        x = F::conv2d(reflectOne(x), p[name + "weight"],
            F::Conv2dFuncOptions().bias(p[name + "bias"]).stride(2));
        x = torch::where(x > 0, x, o.leakySlope * x);
    }
    const std::string last = prefix + std::to_string(o.downsamplings) + ".";
    return { x, F::conv2d(x, p[last + "weight"], F::Conv2dFuncOptions().bias(p[last + "bias"])) };
}

} // namespace

// Each 4×4/2 conv with padding 1 maps a side n to floor(n/2); each 3×3/2 pooling with padding 1
// maps n to ceil(n/2).
TEST(MultiScaleDiscriminator, OutputSizesFollowConvArithmetic)
{
    torch::manual_seed(1);
    // Paper: 2 down-samplings. Scale inputs 100×75, 50×38, 25×19;
    // 100×75 → 50×37 → 25×18; 50×38 → 25×19 → 12×9; 25×19 → 12×9 → 6×4.
    MultiScaleDiscriminator paper(MultiScaleDiscriminatorOptions { 3, 8, 3, 2, 0.2 });
    expectSizes(
        paper->forward(torch::rand({ 2, 3, 100, 75 })), { { 25, 18 }, { 12, 9 }, { 6, 4 } }, 2);
    // Public code: 4 down-samplings on its 216 crops. Scale inputs 216, 108, 54;
    // 216 → 108 → 54 → 27 → 13; 108 → … → 6; 54 → 27 → 13 → 6 → 3.
    MultiScaleDiscriminator code(MultiScaleDiscriminatorOptions { 3, 8, 3, 4, 0.01 });
    expectSizes(
        code->forward(torch::rand({ 1, 3, 216, 216 })), { { 13, 13 }, { 6, 6 }, { 3, 3 } }, 1);
}

// A scale input with a side below 2^downsamplings is padded up to it, so its logits are 1×1
// instead of the convolutions failing: 32×32 with 4 down-samplings has scale inputs 32, 16, 8
// (32 → 2, 16 → 1, 8 padded to 16 → 1); 5×3 pads every scale; one input pixel still works.
TEST(MultiScaleDiscriminator, TinyInputsGiveOneByOneLogits)
{
    torch::manual_seed(2);
    MultiScaleDiscriminator net(MultiScaleDiscriminatorOptions { 3, 4, 3, 4, 0.01 });
    expectSizes(net->forward(torch::rand({ 1, 3, 32, 32 })), { { 2, 2 }, { 1, 1 }, { 1, 1 } }, 1);
    expectSizes(net->forward(torch::rand({ 1, 3, 5, 3 })), { { 1, 1 }, { 1, 1 }, { 1, 1 } }, 1);
    expectSizes(net->forward(torch::rand({ 1, 3, 1, 1 })), { { 1, 1 }, { 1, 1 }, { 1, 1 } }, 1);
    EXPECT_EQ(
        net->penultimate(torch::rand({ 1, 3, 5, 3 })).sizes(), torch::IntArrayRef({ 1, 32, 1, 1 }));

    // The padded scale equals its layers run on the replicate-padded input by hand.
    const auto x = torch::rand({ 1, 3, 12, 7 });
    const auto padded = x.index_select(2, torch::arange(16).clamp_max(11))
                            .index_select(3, torch::arange(16).clamp_max(6));
    EXPECT_TRUE(torch::allclose(net->forward(x)[0], handScale(net, 0, padded)[1], 1e-5, 1e-6));
}

// Per scale: one 4×4 conv per down-sampling (channels B·min(2^i, 8)) and a 1×1 conv to 1 channel.
TEST(MultiScaleDiscriminator, ParameterCountMatchesHandCount)
{
    MultiScaleDiscriminator paper(MultiScaleDiscriminatorOptions { 3, 4, 3, 2, 0.2 });
    EXPECT_EQ(parameterCount(*paper), 3 * (conv(3, 4, 4) + conv(4, 8, 4) + conv(8, 1, 1)));
    // Five down-samplings reach the cap of 8·B = 32 channels at the fifth; two scales.
    MultiScaleDiscriminator capped(MultiScaleDiscriminatorOptions { 3, 4, 2, 5, 0.01 });
    EXPECT_EQ(parameterCount(*capped),
        2
            * (conv(3, 4, 4) + conv(4, 8, 4) + conv(8, 16, 4) + conv(16, 32, 4) + conv(32, 32, 4)
                + conv(32, 1, 1)));
}

// Every scale's logits, and the finest scale's penultimate activations, equal its layers applied
// by hand (reflection pad, strided conv, LeakyReLU written as a select) to the input pooled by
// hand `scale` times.
TEST(MultiScaleDiscriminator, ScalesMatchHandComputation)
{
    for (auto [downsamplings, slope, h, w] :
        { std::tuple { 2, 0.2, 40, 36 }, std::tuple { 4, 0.01, 72, 68 } }) {
        torch::manual_seed(3);
        MultiScaleDiscriminator net(
            MultiScaleDiscriminatorOptions { 3, 4, 3, downsamplings, slope });
        auto x = torch::rand({ 2, 3, h, w }) * 2 - 1;
        const auto logits = net->forward(x);
        const auto finest = handScale(net, 0, x);
        EXPECT_TRUE(torch::allclose(net->penultimate(x), finest[0], 1e-5, 1e-6));
        for (int scale = 0; scale < 3; ++scale) {
            const auto expected = handScale(net, scale, x)[1];
            EXPECT_TRUE(torch::allclose(logits[scale], expected, 1e-5, 1e-6))
                << "downsamplings " << downsamplings << " scale " << scale << " max diff "
                << (logits[scale] - expected).abs().max().item<float>();
            x = handPool(x);
        }
    }
}

// One scale, one down-sampling, weights 1 and biases 0: a 2×2 input of −1 reflects to a 4×4
// block of −1, the 4×4 conv sums it to −16, LeakyReLU gives −16·slope, the 1×1 conv keeps it.
TEST(MultiScaleDiscriminator, LeakySlopeMatchesHandValue)
{
    for (double slope : { 0.2, 0.01 }) {
        MultiScaleDiscriminator net(MultiScaleDiscriminatorOptions { 1, 1, 1, 1, slope });
        {
            torch::NoGradGuard noGrad;
            for (auto &item : net->named_parameters())
                item.value().fill_(item.key().find("weight") != std::string::npos ? 1.0 : 0.0);
        }
        const auto input = -torch::ones({ 1, 1, 2, 2 });
        const auto logits = net->forward(input);
        ASSERT_EQ(logits.size(), 1u);
        EXPECT_NEAR(logits[0].item<double>(), -16 * slope, 1e-6) << "slope " << slope;
        EXPECT_NEAR(net->penultimate(input).item<double>(), -16 * slope, 1e-6);
    }
}

// Gradients reach every parameter of every scale.
TEST(MultiScaleDiscriminator, EveryParameterReceivesGradient)
{
    torch::manual_seed(4);
    MultiScaleDiscriminator net(MultiScaleDiscriminatorOptions { 3, 4, 3, 2, 0.2 });
    torch::Tensor loss = torch::zeros({});
    for (const auto &logits : net->forward(torch::rand({ 1, 3, 32, 32 })))
        loss = loss + logits.square().mean();
    loss.backward();
    for (const auto &item : net->named_parameters()) {
        ASSERT_TRUE(item.value().grad().defined()) << item.key();
        EXPECT_GT(item.value().grad().abs().sum().item<float>(), 0.f) << item.key();
    }
}
