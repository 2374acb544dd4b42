// SPDX-License-Identifier: GPL-3.0-or-later
// The time-lapse method's networks against computations written out here: the dynamic filter
// against per-pixel products, the low-rank generator against the literal one built from its
// factors, the two up-samplings against each other, θ and V(k) by hand on tiny maps, YCbCr by
// hand, and output shapes at odd sizes.
#include "models/framework/ycbcr.h"
#include "models/networks/directional_gradient.h"
#include "models/networks/dynamic_filter.h"
#include "models/networks/timelapse_derain_net.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <cmath>
#include <vector>

using namespace pluvia::models;

namespace {

constexpr double kPi = 3.14159265358979323846;

using Generator = DynamicFilterOptions::Generator;

// Sets the literal generator so that it computes the low-rank one: M[(o,i), l] = Σ_k U_k[o,i]
// A[k,l], b[(o,i)] = Σ_k c_k U_k[o,i].
void copyFactorsIntoLiteral(DynamicFilter &lowRank, DynamicFilter &literal)
{
    const DynamicFilterOptions &o = lowRank->options();
    torch::NoGradGuard noGrad;
    const at::Tensor u = lowRank->basis()->weight.view({ o.rank, o.outChannels * o.inChannels });
    literal->literal()->weight.copy_(torch::matmul(u.t(), lowRank->coefficients()->weight));
    literal->literal()->bias.copy_(torch::matmul(u.t(), lowRank->coefficients()->bias));
}

} // namespace

TEST(DynamicFilter, PerSampleFilterIsAppliedAsAMatrixAtEveryPixel)
{
    torch::manual_seed(1);
    for (Generator generator : { Generator::Literal, Generator::LowRank }) {
        DynamicFilter filter(DynamicFilterOptions { 6, 4, generator, 3, false });
        const at::Tensor x = torch::rand({ 2, 6, 3, 5 });
        const at::Tensor out = filter->forward(x);
        ASSERT_EQ(out.sizes(), (std::vector<int64_t> { 2, 4, 3, 5 }));
        // The filter from the image's mean features, by hand.
        const at::Tensor w = filter->filterFor(x.mean({ 2, 3 }));
        for (int n = 0; n < 2; ++n)
            for (int y = 0; y < 3; ++y)
                for (int xx = 0; xx < 5; ++xx)
                    for (int o = 0; o < 4; ++o) {
                        double sum = 0;
                        for (int i = 0; i < 6; ++i)
                            sum += w[n][o][i].item<double>() * x[n][i][y][xx].item<double>();
                        EXPECT_NEAR(out[n][o][y][xx].item<double>(), sum, 1e-5);
                    }
    }
}

TEST(DynamicFilter, PerPositionFilterComesFromThatPositionsFeatures)
{
    torch::manual_seed(2);
    for (Generator generator : { Generator::Literal, Generator::LowRank }) {
        DynamicFilter filter(DynamicFilterOptions { 5, 3, generator, 2, true });
        const at::Tensor x = torch::rand({ 1, 5, 2, 3 });
        const at::Tensor out = filter->forward(x);
        for (int y = 0; y < 2; ++y)
            for (int xx = 0; xx < 3; ++xx) {
                const at::Tensor features = x[0].select(1, y).select(1, xx); // 5
                const at::Tensor expected = torch::matmul(filter->filterFor(features), features);
                EXPECT_TRUE(
                    torch::allclose(out[0].select(1, y).select(1, xx), expected, 1e-5, 1e-6));
            }
    }
}

TEST(DynamicFilter, LowRankGeneratorIsTheLiteralOneFactorised)
{
    torch::manual_seed(3);
    for (bool perPosition : { false, true }) {
        DynamicFilter lowRank(DynamicFilterOptions { 12, 4, Generator::LowRank, 3, perPosition });
        DynamicFilter literal(DynamicFilterOptions { 12, 4, Generator::Literal, 3, perPosition });
        copyFactorsIntoLiteral(lowRank, literal);
        const at::Tensor x = torch::rand({ 2, 12, 4, 3 });
        EXPECT_TRUE(torch::allclose(lowRank->forward(x), literal->forward(x), 1e-4, 1e-6))
            << "per position: " << perPosition;
        // Sizes: rank × (C_out·C_in + C_in + 1) against C_in × C_out·C_in + C_out·C_in.
        int64_t lowCount = 0, literalCount = 0;
        for (const auto &p : lowRank->parameters())
            lowCount += p.numel();
        for (const auto &p : literal->parameters())
            literalCount += p.numel();
        EXPECT_EQ(lowCount, 3 * (4 * 12 + 12 + 1));
        EXPECT_EQ(literalCount, 12 * 48 + 48);
    }
}

TEST(DynamicFilter, PaperSizedLiteralGeneratorHas151MillionParameters)
{
    // 768 → 768·256 weights and biases (Table II): 768·196,608 + 196,608.
    const int64_t expected = int64_t(768) * 196608 + 196608;
    EXPECT_EQ(expected, 151191552);
    DynamicFilter literal(DynamicFilterOptions { 768, 256, Generator::Literal, 8, false });
    int64_t count = 0;
    for (const auto &p : literal->parameters())
        count += p.numel();
    EXPECT_EQ(count, expected);
}

TEST(TimeLapseDerainNet, OutputsMatchTheInputAtOddSizes)
{
    torch::manual_seed(4);
    for (int channels : { 3, 1 })
        for (FeatureFusion fusion : { FeatureFusion::Dynamic, FeatureFusion::Concat,
                 FeatureFusion::Sum, FeatureFusion::Product }) {
            TimeLapseDerainNetOptions options;
            options.channels = channels;
            options.widthMultiplier = 0.0625;
            options.fusion = fusion;
            options.generator = Generator::LowRank;
            TimeLapseDerainNet net(options);
            const at::Tensor input = torch::rand({ 2, channels, 37, 29 });
            const TimeLapseDerainOutput out = net->forward(input);
            EXPECT_EQ(out.rain.sizes(), input.sizes());
            EXPECT_EQ(out.background.sizes(), input.sizes());
            // 37 × 29 padded to 40 × 32, fused at 1/8.
            EXPECT_EQ(out.fused.sizes(), (std::vector<int64_t> { 2, 16, 5, 4 }));
            // The subtraction and clipping layers: B = max(I − S, 0).
            EXPECT_TRUE(torch::equal(out.background, torch::clamp_min(input - out.rain, 0)));
        }
}

TEST(TimeLapseDerainNet, FixedUpsamplingIsTheLearnedOneAtItsStart)
{
    // The fixed path (a depthwise transposed convolution with the bilinear kernel) and the
    // learned one (a full transposed convolution initialised to that kernel on its diagonal) are
    // different code; with the other weights shared they must agree before training.
    TimeLapseDerainNetOptions options;
    options.widthMultiplier = 0.0625;
    options.generator = Generator::LowRank;
    TimeLapseDerainNet fixed(options);
    options.learnedUpsampling = true;
    TimeLapseDerainNet learned(options);
    const auto learnedParameters = learned->named_parameters();
    int copied = 0;
    {
        torch::NoGradGuard noGrad;
        for (const auto &p : fixed->named_parameters()) {
            learnedParameters[p.key()].copy_(p.value());
            ++copied;
        }
    }
    EXPECT_EQ(learnedParameters.size(), size_t(copied) + 6); // 3 transposed convs: weight, bias
    const at::Tensor input = torch::rand({ 1, 3, 24, 16 });
    EXPECT_TRUE(
        torch::allclose(fixed->forward(input).rain, learned->forward(input).rain, 1e-5, 1e-6));
}

TEST(DirectionalGradient, OrientationByHand)
{
    // Forward differences at the top-left 2×3 pixels of a 3×4 map.
    const at::Tensor s = torch::tensor({ 0.f, 1.f, 2.f, 2.f, //
                                           0.f, 2.f, 4.f, 1.f, //
                                           1.f, 1.f, 1.f, 1.f })
                             .view({ 1, 1, 3, 4 });
    const at::Tensor theta = gradientOrientation(s);
    ASSERT_EQ(theta.sizes(), (std::vector<int64_t> { 1, 1, 2, 3 }));
    // (gx, gy): (1, 0) (1, 1) (0, 2) / (2, 1) (2, −1) (−3, −3)
    const std::vector<double> expected
        = { 0.0, kPi / 4, kPi / 2, std::atan(0.5), std::atan(-0.5), std::atan(1.0) };
    for (int i = 0; i < 6; ++i)
        EXPECT_NEAR(theta.flatten()[i].item<double>(), expected[i], 1e-6) << i;
    // A flat map: θ = 0 and a gradient of zero, not NaN.
    const at::Tensor flat = torch::full({ 1, 3, 4, 4 }, 0.5, torch::requires_grad());
    const at::Tensor flatTheta = gradientOrientation(flat);
    EXPECT_EQ(flatTheta.abs().sum().item<double>(), 0.0);
    DirectionalGradient net(4);
    net->forward(flat).backward();
    EXPECT_FALSE(torch::isnan(flat.grad()).any().item<bool>());
    // RGB channels are averaged first.
    const at::Tensor rgb = torch::stack({ s[0][0], 2 * s[0][0], 0 * s[0][0] }).unsqueeze(0);
    EXPECT_TRUE(torch::allclose(gradientOrientation(rgb), theta, 1e-6, 1e-6));
}

TEST(DirectionalGradient, ClusterCostsByHand)
{
    torch::manual_seed(5);
    DirectionalGradient net(3);
    const at::Tensor theta
        = torch::tensor({ 0.1f, -1.2f, 1.5f, 0.7f, -0.3f, 0.0f }).view({ 1, 1, 2, 3 });
    const at::Tensor costs = net->clusterCosts(theta);
    // α by hand: 3×3 filters over the θ map with zero padding, softmax over the clusters.
    const at::Tensor w = net->membership->weight, b = net->membership->bias;
    const at::Tensor c = net->centres;
    std::vector<double> expected(3, 0.0);
    for (int y = 0; y < 2; ++y)
        for (int x = 0; x < 3; ++x) {
            std::vector<double> logits(3);
            for (int k = 0; k < 3; ++k) {
                double z = b[k].item<double>();
                for (int dy = -1; dy <= 1; ++dy)
                    for (int dx = -1; dx <= 1; ++dx) {
                        const int yy = y + dy, xx = x + dx;
                        if (yy < 0 || yy >= 2 || xx < 0 || xx >= 3)
                            continue;
                        z += w[k][0][dy + 1][dx + 1].item<double>()
                            * theta[0][0][yy][xx].item<double>();
                    }
                logits[k] = z;
            }
            double total = 0;
            for (double z : logits)
                total += std::exp(z);
            for (int k = 0; k < 3; ++k)
                expected[k] += std::exp(logits[k]) / total
                    * std::abs(theta[0][0][y][x].item<double>() - c[k].item<double>()) / 6.0;
        }
    for (int k = 0; k < 3; ++k)
        EXPECT_NEAR(costs[k].item<double>(), expected[k], 1e-6) << k;
    // The centres start spread over (−π/2, π/2): −π/3, 0, π/3 for three.
    EXPECT_NEAR(c[0].item<double>(), -kPi / 3, 1e-6);
    EXPECT_NEAR(c[1].item<double>(), 0.0, 1e-6);
    EXPECT_NEAR(c[2].item<double>(), kPi / 3, 1e-6);
}

TEST(YCbCr, ConversionByHandAndBack)
{
    const at::Tensor rgb
        = torch::tensor({ 0.2f, 0.4f, 0.6f }).view({ 1, 3, 1, 1 }).expand({ 1, 3, 5, 7 });
    const at::Tensor ycbcr = rgbToYCbCr(rgb);
    const double y = 0.299 * 0.2 + 0.587 * 0.4 + 0.114 * 0.6;
    EXPECT_NEAR(ycbcr[0][0][2][3].item<double>(), y, 1e-6);
    EXPECT_NEAR(ycbcr[0][1][2][3].item<double>(), (0.6 - y) / 1.772 + 0.5, 1e-6);
    EXPECT_NEAR(ycbcr[0][2][2][3].item<double>(), (0.2 - y) / 1.402 + 0.5, 1e-6);
    EXPECT_TRUE(torch::allclose(yCbCrToRgb(ycbcr), rgb, 0, 1e-6));
    const at::Tensor random = torch::rand({ 2, 3, 4, 4 });
    EXPECT_TRUE(torch::allclose(yCbCrToRgb(rgbToYCbCr(random)), random, 0, 1e-6));
}
