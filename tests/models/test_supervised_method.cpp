// SPDX-License-Identifier: GPL-3.0-or-later
// The supervised baseline through the method interface: stages and learning rates, the complete
// state round trip, derain's algebra, and the inference geometry against measured gradients.
#include "models/framework/method_registry.h"
#include "models/networks/unet.h"
#include "tests/models/method_test_support.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

using namespace pluvia::models;

namespace {

std::unique_ptr<Method> makeSupervised(std::uint64_t seed, std::vector<std::string> overrides = {})
{
    overrides.insert(overrides.end(), { "base_channels=8", "unet_levels=3" });
    return test::makeMethod("supervised", seed, overrides);
}

TrainingBatch pairedBatch(std::uint64_t seed)
{
    torch::manual_seed(seed);
    const auto clean = torch::rand({ 2, 3, 24, 24 });
    const auto rain = (torch::rand({ 2, 1, 24, 24 }) > 0.9).to(torch::kFloat32) * 0.5;
    TrainingBatch batch;
    batch["synthetic_paired"].clean = clean;
    batch["synthetic_paired"].rainy = (clean + rain).clamp(0, 1);
    return batch;
}

std::vector<double> runSteps(Method &method, int from, int count, const TrainingPlan &plan)
{
    return test::trainSteps(method, plan, from, count, [](int step) {
        return pairedBatch(100 + step);
    }).values;
}

} // namespace

TEST(SupervisedMethod, ReportsEveryTermAndVisuals)
{
    auto method = makeSupervised(1);
    const TrainingPlan plan { 10, 5 };
    const auto stages = method->stages(plan);
    const StepContext context = stepContext(stages, plan, 0, true);
    method->prepareStep(context);
    const StepResult result = method->trainStep(pairedBatch(1), context);
    ASSERT_EQ(result.losses.size(), 2u);
    EXPECT_EQ(result.losses[0].name, "l1");
    EXPECT_EQ(result.losses[1].name, "total");
    EXPECT_FALSE(result.losses[0].value.requires_grad());
    std::vector<std::string> names;
    for (const auto &[name, image] : result.visuals) {
        names.push_back(name);
        EXPECT_EQ(image.sizes(), torch::IntArrayRef({ 3, 24, 24 })) << name;
    }
    EXPECT_EQ(names, (std::vector<std::string> { "O", "B", "R", "B_gt", "R_gt" }));
}

// L1 is the mean absolute error, MSE the mean square: check the reported value against the
// definition evaluated on the network's output before the step.
TEST(SupervisedMethod, LossIsTheDefinition)
{
    for (const char *loss : { "l1", "mse" }) {
        auto method = makeSupervised(2, { std::string("loss=") + loss });
        const TrainingBatch batch = pairedBatch(2);
        const auto &data = batch.at("synthetic_paired");
        torch::Tensor expected;
        {
            torch::NoGradGuard noGrad;
            auto *net = method->networks()[0].second->as<UNetImpl>();
            const auto diff = net->forward(data.rainy) - data.clean;
            expected = std::string(loss) == "l1" ? diff.abs().mean() : diff.square().mean();
        }
        const TrainingPlan plan { 1, 1 };
        const auto stages = method->stages(plan);
        const StepContext context = stepContext(stages, plan, 0, false);
        method->prepareStep(context);
        const StepResult result = method->trainStep(batch, context);
        EXPECT_EQ(result.losses[0].name, loss);
        EXPECT_NEAR(result.losses[0].value.item<double>(), expected.item<double>(), 1e-6) << loss;
    }
}

// prepareStep sets base × stage multiplier for each network's parameter group.
TEST(SupervisedMethod, StageMultipliersSetTheLearningRate)
{
    auto method = makeSupervised(3, { "learning_rate=0.002" });
    const TrainingPlan plan { 20, 5 };
    const std::vector<Stage> stages = { { "warm", 0, { { "F", 0.1 } } }, { "main", 5, {} },
        { "frozen", 15, { { "F", 0.0 } } } };
    const std::vector<std::pair<int, double>> expected
        = { { 0, 0.0002 }, { 4, 0.0002 }, { 5, 0.002 }, { 14, 0.002 }, { 15, 0.0 } };
    for (const auto &[step, lr] : expected) {
        const StepContext context = stepContext(stages, plan, step, false);
        method->prepareStep(context);
        EXPECT_DOUBLE_EQ(method->learningRate("adam", "F"), lr) << "step " << step;
    }
    EXPECT_TRUE(std::isnan(method->learningRate("adam", "G")));
}

// Saved after three steps and loaded into a method built from another seed, the state continues
// with bit-identical losses (weights, Adam moments and step counts all restored).
TEST(SupervisedMethod, StateRoundTripContinuesIdentically)
{
    const TrainingPlan plan { 10, 5 };
    auto original = makeSupervised(4);
    runSteps(*original, 0, 3, plan);

    auto restored = makeSupervised(99);
    test::copyState(*original, *restored);

    const auto a = original->networks()[0].second->parameters();
    const auto b = restored->networks()[0].second->parameters();
    ASSERT_EQ(a.size(), b.size());
    for (size_t i = 0; i < a.size(); ++i)
        EXPECT_TRUE(a[i].equal(b[i])) << "parameter " << i;

    EXPECT_EQ(runSteps(*original, 3, 3, plan), runSteps(*restored, 3, 3, plan));
}

// B is in [0, 1] and O = B + R up to float rounding, at odd sizes.
TEST(SupervisedMethod, DerainSatisfiesTheDecomposition)
{
    auto method = makeSupervised(5);
    const auto rainy = torch::rand({ 1, 3, 37, 29 });
    const DerainOutput out = method->derain(rainy, true);
    EXPECT_EQ(out.background.sizes(), rainy.sizes());
    EXPECT_GE(out.background.min().item<float>(), 0.0f);
    EXPECT_LE(out.background.max().item<float>(), 1.0f);
    EXPECT_LE((out.background + out.rain - rainy).abs().max().item<float>(), 1e-6f);
    EXPECT_FALSE(out.background.requires_grad());
}

// The receptive radius is an upper bound on how far the output at one pixel depends on the input:
// the input gradient of one output pixel vanishes beyond it. Measured for 3 and 4 levels.
TEST(SupervisedMethod, ReceptiveRadiusBoundsTheMeasuredDependence)
{
    for (int levels : { 3, 4 }) {
        torch::manual_seed(6);
        UNet net(UNetOptions { 3, 3, levels, 4, 1.0 });
        const int size = 192, centre = 96;
        auto input = torch::rand({ 1, 3, size, size }).requires_grad_(true);
        net->forward(input).index({ 0, 0, centre, centre }).backward();
        const auto reach = input.grad().abs().sum(1)[0].nonzero();
        const int64_t maxDistance
            = (reach - centre).abs().max().item<int64_t>(); // Chebyshev distance
        const int radius = net->options().receptiveRadius();
        EXPECT_LE(maxDistance, radius) << levels << " levels";
        EXPECT_GE(maxDistance, radius / 2) << "the bound should not be loose";
    }
}
