// SPDX-License-Identifier: GPL-3.0-or-later
// The time-lapse method: every loss term against its equation computed here from the network's
// outputs frame by frame, γ's schedule, the ablation switches, luminance mode's recombination,
// inference shapes and intermediates, rain features, and a state round trip that continues
// bit-identically.
#include "models/framework/method_registry.h"
#include "models/framework/ycbcr.h"
#include "models/methods/timelapse_method.h"
#include "tests/models/method_test_support.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <algorithm>
#include <stdexcept>

using namespace pluvia::models;

namespace {

std::unique_ptr<TimeLapseMethod> tinyTimeLapse(
    std::uint64_t seed, std::vector<std::string> overrides = {})
{
    std::vector<std::string> all = { "width_multiplier=0.0625", "crop_size=24", "batch_size=2" };
    all.insert(all.end(), overrides.begin(), overrides.end());
    // The paper preset, for its loss weights and γ schedule, at a tiny width.
    return test::makeMethod<TimeLapseMethod>("timelapse", seed, all, "paper");
}

// Two frames of `n` static scenes: a smooth background under independent bright streaks.
TrainingBatch sequenceBatch(std::uint64_t seed, int n = 2, int side = 24)
{
    torch::manual_seed(seed);
    const at::Tensor background = torch::nn::functional::interpolate(torch::rand({ n, 3, 4, 4 }),
                                      torch::nn::functional::InterpolateFuncOptions()
                                          .size(std::vector<int64_t> { side, side })
                                          .mode(torch::kBilinear)
                                          .align_corners(false))
        * 0.7;
    auto frame = [&] {
        const at::Tensor streaks = (torch::rand({ n, 1, side, 1 }) > 0.8).to(torch::kFloat32)
            * torch::rand({ n, 1, 1, side }) * 0.3;
        return (background + streaks).clamp(0, 1);
    };
    RoleBatch role;
    role.frameM = frame();
    role.frameN = frame();
    role.background = background;
    role.hasBackground = torch::ones({ n }, torch::kBool);
    return { { "timelapse", role } };
}

double l1(const at::Tensor &a, const at::Tensor &b)
{
    return (a - b).abs().mean().item<double>();
}

const LossTerm &term(const std::vector<LossTerm> &terms, const std::string &name)
{
    const auto found = std::find_if(
        terms.begin(), terms.end(), [&](const LossTerm &t) { return t.name == name; });
    if (found == terms.end())
        throw std::runtime_error("no term " + name);
    return *found;
}

} // namespace

TEST(TimeLapseCatalogue, RolesPresetsAndNotices)
{
    const MethodDescription *d = findMethod("timelapse");
    ASSERT_TRUE(d);
    EXPECT_EQ(d->roles.front().name, "timelapse");
    EXPECT_EQ(d->roles.front().content, RoleContent::Frames);
    EXPECT_EQ(d->presets.size(), 2u);
    EXPECT_TRUE(d->preset("paper") && d->preset("quick"));
    Params paper, quick;
    ASSERT_EQ(resolveParams(*d, "paper", {}, &paper), "");
    ASSERT_EQ(resolveParams(*d, "quick", {}, &quick), "");
    // The paper's literal generator: 768 · 196,608 + 196,608 parameters, said before it runs.
    const std::vector<std::string> notices = d->notices(paper);
    ASSERT_EQ(notices.size(), 1u);
    EXPECT_NE(notices[0].find("151 M parameters"), std::string::npos) << notices[0];
    EXPECT_TRUE(d->notices(quick).empty());
}

TEST(TimeLapseLosses, EachTermIsItsEquation)
{
    auto method = tinyTimeLapse(1);
    const TrainingBatch batch = sequenceBatch(10);
    const TrainingPlan plan { 100, 1 };
    const StepContext context = stepContext(method->stages(plan), plan, 15);
    const StepObjective objective = method->objective(batch, context);
    EXPECT_EQ(objective.updates, (std::vector<std::string> { "derain", "direction" }));

    // Frame by frame through the network (the method runs both frames as one batch).
    const RoleBatch &data = batch.at("timelapse");
    torch::NoGradGuard noGrad;
    const TimeLapseDerainOutput m = method->network()->forward(data.frameM);
    const TimeLapseDerainOutput n = method->network()->forward(data.frameN);
    const std::vector<LossTerm> &terms = objective.terms;
    EXPECT_NEAR(
        term(terms, "background").value.item<double>(), l1(m.background, n.background), 1e-5);
    EXPECT_NEAR(term(terms, "structure").value.item<double>(),
        0.5 * (l1(data.frameM, n.background) + l1(data.frameN, m.background)), 1e-5);
    EXPECT_NEAR(term(terms, "reconstruction").value.item<double>(),
        0.5 * (l1(data.frameM, m.background + m.rain) + l1(data.frameN, n.background + n.rain)),
        1e-6);
    // L_v over both frames' rain: eq. 4 is a mean over all pixels of both.
    const at::Tensor theta
        = torch::cat({ gradientOrientation(m.rain), gradientOrientation(n.rain) });
    EXPECT_NEAR(term(terms, "direction").value.item<double>(),
        method->directionNetwork()->clusterCosts(theta).sum().item<double>(), 1e-5);
    // Weights of eq. 8; γ at 15 % of the run is halfway from 0.1 to 1e-4.
    EXPECT_DOUBLE_EQ(term(terms, "background").weight, 1.0);
    EXPECT_NEAR(term(terms, "structure").weight, 0.1 * (0.1 + 0.5 * (1e-4 - 0.1)), 1e-12);
    EXPECT_DOUBLE_EQ(term(terms, "direction").weight, 0.01);
    EXPECT_DOUBLE_EQ(term(terms, "reconstruction").weight, 0.001);
}

TEST(TimeLapseLosses, GammaFallsOverTheFirstThirtyPercentThenStays)
{
    auto method = tinyTimeLapse(2);
    EXPECT_DOUBLE_EQ(method->gamma(0, 1000), 0.1);
    EXPECT_NEAR(method->gamma(150, 1000), 0.05005, 1e-12);
    EXPECT_NEAR(method->gamma(300, 1000), 1e-4, 1e-12);
    EXPECT_NEAR(method->gamma(999, 1000), 1e-4, 1e-12);
    // A shortened run keeps the shape: 30 % of 10 steps.
    EXPECT_NEAR(method->gamma(3, 10), 1e-4, 1e-12);
}

TEST(TimeLapseLosses, AblationsRemoveTheirTerms)
{
    const TrainingBatch batch = sequenceBatch(11);
    const TrainingPlan plan { 10, 1 };
    for (const std::string name : { "structure", "direction", "reconstruction" }) {
        auto method = tinyTimeLapse(3, { "use_" + name + "=false" });
        const std::vector<LossTerm> terms
            = method->objective(batch, stepContext(method->stages(plan), plan, 0)).terms;
        EXPECT_EQ(terms.size(), 3u) << name;
        for (const LossTerm &t : terms)
            EXPECT_NE(t.name, name);
    }
}

TEST(TimeLapseInference, ShapesIntermediatesAndRainLayer)
{
    for (const char *channels : { "channels=3", "channels=1" }) {
        auto method = tinyTimeLapse(4, { channels });
        const at::Tensor o = torch::rand({ 2, 3, 37, 29 });
        const DerainOutput out = method->derain(o, true);
        EXPECT_EQ(out.background.sizes(), o.sizes());
        EXPECT_TRUE(torch::allclose(out.rain, o - out.background));
        EXPECT_GE(out.background.min().item<double>(), 0.0);
        EXPECT_LE(out.background.max().item<double>(), 1.0);
        const int c = std::string(channels) == "channels=1" ? 1 : 3;
        ASSERT_GE(out.intermediates.size(), 2u);
        EXPECT_EQ(out.intermediates[0].name, "S");
        EXPECT_EQ(out.intermediates[0].image.sizes(), (std::vector<int64_t> { 2, c, 37, 29 }));
        EXPECT_EQ(out.intermediates[1].name, "fused_norm");
        EXPECT_EQ(out.intermediates[1].image.sizes(), (std::vector<int64_t> { 2, 1, 37, 29 }));
        EXPECT_NEAR(out.intermediates[1].image.amax({ 2, 3 }).min().item<double>(), 1.0, 1e-6);
        EXPECT_EQ(out.intermediates.size(), c == 1 ? 3u : 2u);
    }
}

TEST(TimeLapseInference, LuminanceModeKeepsTheInputsChroma)
{
    auto method = tinyTimeLapse(5, { "channels=1" });
    // A constant mid-grey-ish colour, so no channel is clamped.
    const at::Tensor o
        = torch::tensor({ 0.45f, 0.5f, 0.55f }).view({ 1, 3, 1, 1 }).expand({ 1, 3, 16, 16 });
    const DerainOutput out = method->derain(o, true);
    const at::Tensor before = rgbToYCbCr(o), after = rgbToYCbCr(out.background);
    EXPECT_TRUE(torch::allclose(after.narrow(1, 1, 2), before.narrow(1, 1, 2), 0, 1e-5));
    // Y is the network's background, as the intermediate shows it.
    const at::Tensor y = out.intermediates.back().image;
    EXPECT_EQ(out.intermediates.back().name, "Y");
    EXPECT_TRUE(torch::allclose(after.narrow(1, 0, 1), y, 0, 1e-5));
}

TEST(TimeLapseInference, RainFeaturesAndFusionLayer)
{
    auto method = tinyTimeLapse(6);
    const TrainingBatch batch = sequenceBatch(12);
    const std::vector<RainFeatureGroup> groups = method->rainFeatures(batch);
    ASSERT_EQ(groups.size(), 2u);
    EXPECT_EQ(groups[0].group, "time-lapse decomposed");
    const RoleBatch &data = batch.at("timelapse");
    EXPECT_TRUE(torch::allclose(groups[1].rain, data.frameM - data.background));
    EXPECT_EQ(method->layerFeatures("fusion", groups[0]).sizes(), (std::vector<int64_t> { 2, 16 }));
    EXPECT_THROW(method->layerFeatures("nonexistent", groups[0]), std::invalid_argument);
}

TEST(TimeLapseSteps, StateRoundTripContinuesIdentically)
{
    const TrainingPlan plan { 20, 1 };
    auto batchAt = [](int step) { return sequenceBatch(100 + step); };
    auto original = tinyTimeLapse(7);
    test::trainSteps(*original, plan, 0, 3, batchAt);
    auto restored = tinyTimeLapse(77);
    test::copyState<Method>(*original, *restored);
    EXPECT_EQ(test::trainSteps(*original, plan, 3, 3, batchAt).values,
        test::trainSteps(*restored, plan, 3, 3, batchAt).values);
    const std::vector<std::string> all = { "derain", "direction" };
    EXPECT_TRUE(test::unchanged(test::snapshot(*original, all), test::snapshot(*restored, all)));
}
