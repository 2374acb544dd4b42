// SPDX-License-Identifier: GPL-3.0-or-later
// UDRDR: the directional kernels and their orientation response, the direction loss and
// estimate against hand values, every loss term against its equation, the distillation's
// separation from the teacher, labels, the state round trip, and a short run that learns.
#include "models/framework/method_registry.h"
#include "models/framework/rain_direction.h"
#include "models/methods/udrdr_method.h"
#include "models/networks/edsr.h"
#include "tests/models/method_test_support.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <cmath>
#include <cstdio>

using namespace pluvia::models;

namespace {

constexpr double kPi = 3.14159265358979323846;

// A bright line through the centre at `degrees` (CCW from +x as seen), Gaussian cross-section.
at::Tensor streak(double degrees, int side = 65, double width = 0.8)
{
    const double t = degrees * kPi / 180.0;
    at::Tensor image = torch::zeros({ 1, 1, side, side });
    auto a = image.accessor<float, 4>();
    const double c = (side - 1) / 2.0;
    for (int y = 0; y < side; ++y)
        for (int x = 0; x < side; ++x) {
            // Distance from the line through the centre with direction (cos t, −sin t) (y down).
            const double dx = x - c, dy = y - c;
            const double distance = std::abs(dx * std::sin(t) + dy * std::cos(t));
            a[0][0][y][x] = float(std::exp(-distance * distance / (2 * width * width)));
        }
    return image;
}

// Parallel streaks at `degrees` with a period, filling the image (a rain layer).
at::Tensor streaks(double degrees, int side = 64)
{
    const double t = degrees * kPi / 180.0;
    at::Tensor image = torch::zeros({ 1, 3, side, side });
    auto a = image.accessor<float, 4>();
    for (int y = 0; y < side; ++y)
        for (int x = 0; x < side; ++x) {
            const double across = x * std::sin(t) + y * std::cos(t);
            const double phase = across - 7.0 * std::floor(across / 7.0);
            const float v = float(std::exp(-(phase - 3.5) * (phase - 3.5) / 0.8));
            for (int ch = 0; ch < 3; ++ch)
                a[0][ch][y][x] = v;
        }
    return image;
}

std::vector<double> responses(const at::Tensor &image, const at::Tensor &kernels)
{
    namespace F = torch::nn::functional;
    const int pad = int(kernels.size(2)) / 2;
    const at::Tensor out = F::conv2d(image, kernels, F::Conv2dFuncOptions().padding(pad));
    using torch::indexing::Slice;
    // Away from the borders, where zero padding would add edges of its own.
    const at::Tensor inside = out.index({ 0, Slice(), Slice(16, -16), Slice(16, -16) }).abs();
    std::vector<double> values;
    for (int i = 0; i < kDirectionCount; ++i)
        values.push_back(inside[i].mean().item<double>());
    return values;
}

std::unique_ptr<UdrdrMethod> tinyUdrdr(std::uint64_t seed, std::vector<std::string> overrides = {})
{
    std::vector<std::string> all = { "blocks=2", "channels_f1=8", "channels_f2=8", "channels_f3=8",
        "crop_size=32", "batch_size=2" };
    all.insert(all.end(), overrides.begin(), overrides.end());
    return test::makeMethod<UdrdrMethod>("udrdr", seed, all);
}

TrainingBatch rainBatch(std::uint64_t seed, int n = 2, int side = 32)
{
    torch::manual_seed(seed);
    const auto clean
        = (torch::rand({ n, 3, 1, 1 }) * 0.5 + 0.2).expand({ n, 3, side, side }).clone();
    TrainingBatch batch;
    auto &syn = batch["synthetic_paired"];
    syn.clean = clean;
    syn.rainy = torch::zeros_like(clean);
    std::vector<float> labels;
    for (int i = 0; i < n; ++i) {
        const double angle = 60.0 + 40.0 * i;
        syn.rainy[i] = (clean[i] + 0.4 * streaks(angle, side)[0]).clamp(0, 1);
        labels.push_back(float(angle));
    }
    syn.directionDeg = torch::tensor(labels);
    const auto realClean = (torch::rand({ n, 3, 1, 1 }) * 0.5 + 0.2).expand({ n, 3, side, side });
    batch["real_rainy"].rainy = (realClean + 0.3 * streaks(100, side)).clamp(0, 1);
    batch["clean_reference"].clean
        = (torch::rand({ n, 3, 1, 1 }) * 0.5 + 0.2).expand({ n, 3, side, side }).clone();
    return batch;
}

std::map<std::string, double> byName(const std::vector<LossTerm> &terms)
{
    std::map<std::string, double> values;
    for (const LossTerm &term : terms)
        values[term.name] = term.value.item<double>();
    return values;
}

torch::nn::Module &network(Method &method, const char *name)
{
    for (const auto &[n, m] : method.networks())
        if (n == name)
            return *m;
    throw std::logic_error(name);
}

at::Tensor run(Method &method, const char *name, const at::Tensor &x)
{
    return network(method, name).as<EdsrImpl>()->forward(x);
}

} // namespace

TEST(RainDirection, KernelsAreDerivatives)
{
    for (int size : { 3, 5, 7 }) {
        const at::Tensor k = directionalKernels(size);
        EXPECT_EQ(k.sizes(), torch::IntArrayRef({ 18, 1, size, size }));
        for (int i = 0; i < 18; ++i) {
            EXPECT_NEAR(k[i].sum().item<double>(), 0.0, 1e-6) << size << " " << i; // no DC response
            // A calibrated directional derivative: the unit ramp along its angle gives 1 (for
            // l = 3, the axis nearer to the angle).
            const double t = 10.0 * i * kPi / 180.0;
            const bool horizontal = std::abs(std::cos(t)) >= std::abs(std::sin(t));
            const double c
                = size == 3 ? (horizontal ? (std::cos(t) >= 0 ? 1 : -1) : 0) : std::cos(t);
            const double s
                = size == 3 ? (horizontal ? 0 : (std::sin(t) >= 0 ? 1 : -1)) : std::sin(t);
            const at::Tensor offsets = torch::arange(size, torch::kFloat64) - size / 2;
            const at::Tensor ramp = offsets.view({ 1, size }) * c - offsets.view({ size, 1 }) * s;
            EXPECT_NEAR((k[i][0].to(torch::kFloat64) * ramp).sum().item<double>(), 1.0, 1e-5)
                << size << " " << i;
            // Odd symmetry: k(−d) = −k(d), i.e. flipping both axes negates the kernel.
            EXPECT_TRUE(torch::allclose(k[i].flip({ 1, 2 }), -k[i], 1e-6, 1e-7))
                << size << " " << i;
        }
    }
    // l = 3 reduces to the horizontal and the vertical central difference (the paper's remark).
    const at::Tensor k3 = directionalKernels(3);
    EXPECT_TRUE(k3[0][0].equal(
        torch::tensor({ { 0.f, 0.f, 0.f }, { -0.5f, 0.f, 0.5f }, { 0.f, 0.f, 0.f } })));
    EXPECT_TRUE(k3[9][0].equal(
        torch::tensor({ { 0.f, 0.5f, 0.f }, { 0.f, 0.f, 0.f }, { 0.f, -0.5f, 0.f } })));
}

TEST(RainDirection, IndexFoldsAngles)
{
    EXPECT_EQ(directionIndex(0), 0);
    EXPECT_EQ(directionIndex(94), 9);
    EXPECT_EQ(directionIndex(176), 0); // 180° is 0°
    EXPECT_EQ(directionIndex(-10), 17);
    EXPECT_EQ(directionIndex(365), 1);
}

// A streak at angle a responds least to the kernel along it and most to the kernel across it.
TEST(RainDirection, OrientationResponse)
{
    for (int size : { 5, 7 }) {
        const at::Tensor kernels = directionalKernels(size);
        for (double angle = 0; angle < 180; angle += 20) {
            const auto r = responses(streak(angle), kernels);
            const auto minIndex = std::min_element(r.begin(), r.end()) - r.begin();
            const auto maxIndex = std::max_element(r.begin(), r.end()) - r.begin();
            EXPECT_EQ(minIndex, directionIndex(angle)) << "l=" << size << " angle " << angle;
            EXPECT_EQ(maxIndex, directionIndex(angle + 90)) << "l=" << size << " angle " << angle;
        }
    }
    // l = 3: a horizontal streak responds to the vertical difference, not the horizontal one.
    const auto r3 = responses(streak(0), directionalKernels(3));
    EXPECT_LT(r3[0], 1e-6);
    EXPECT_GT(r3[9], 0.02);
}

// Eq. 5 on a unit impulse: each kernel reappears whole (flipped) in the response, so the loss is
// (Σ|k∥| + Σ|k⊥|) / pixels, with k∥ at 30° and k⊥ at 120°, on a 7×7 image.
TEST(RainDirection, LossOnAnImpulse)
{
    const at::Tensor kernels = directionalKernels(5);
    at::Tensor estimate = torch::zeros({ 1, 3, 7, 7 });
    estimate.index_put_({ 0, torch::indexing::Slice(), 3, 3 }, 1.0);
    const at::Tensor loss
        = directionLoss(estimate, torch::zeros_like(estimate), torch::tensor({ 30.0f }), kernels);
    const double expected
        = (kernels[3].abs().sum() + kernels[12].abs().sum()).item<double>() / 49.0;
    EXPECT_NEAR(loss.item<double>(), expected, 1e-6);
    EXPECT_NEAR(directionLoss(estimate, estimate, torch::tensor({ 30.0f }), kernels).item<double>(),
        0.0, 1e-9);
}

// The structure tensor recovers the direction of parallel streaks.
TEST(RainDirection, EstimateFromTheStructureTensor)
{
    double worst = 0;
    for (double angle : { 5.0, 30.0, 60.0, 90.0, 115.0, 150.0, 175.0 }) {
        const double estimate = estimateDirection(streaks(angle))[0].item<double>();
        double error = std::abs(estimate - angle);
        error = std::min(error, 180.0 - error);
        worst = std::max(worst, error);
        EXPECT_LT(error, 2.0) << angle << " estimated " << estimate;
    }
    std::cout << "worst direction estimate error on drawn streaks: " << worst << " degrees\n";
}

TEST(UdrdrNetworks, EdsrShapesAndParameterCount)
{
    Edsr net(EdsrOptions { 3, 3, 4, 1, 1.0, true });
    // head 3→4, one block 2 × (4→4), body tail 4→4, tail 4→3, all 3×3 with bias.
    auto conv = [](int in, int out) { return in * out * 9 + out; };
    int64_t count = 0;
    for (const auto &p : net->parameters())
        count += p.numel();
    EXPECT_EQ(count, conv(3, 4) + 2 * conv(4, 4) + conv(4, 4) + conv(4, 3));
    const auto x = torch::rand({ 2, 3, 13, 17 });
    EXPECT_EQ(net->forward(x).sizes(), x.sizes());
}

// Every term of a step equals its equation evaluated here on the same networks.
TEST(UdrdrLosses, EveryTermIsItsEquation)
{
    auto method = tinyUdrdr(1);
    const TrainingBatch batch = rainBatch(1);
    const auto &syn = batch.at("synthetic_paired");
    const at::Tensor xr = batch.at("real_rainy").rainy, ref = batch.at("clean_reference").clean;
    std::map<std::string, double> expected;
    {
        torch::NoGradGuard noGrad;
        const at::Tensor zGt = syn.rainy - syn.clean;
        const at::Tensor z = run(*method, "F1", syn.rainy);
        const at::Tensor y = run(*method, "F2", syn.rainy - z);
        expected["content"] = (z - zGt).abs().mean().item<double>();
        expected["direction"]
            = directionLoss(z, zGt, syn.directionDeg, directionalKernels(5)).item<double>();
        expected["recons"] = (y - syn.clean).abs().mean().item<double>();
        const at::Tensor zr = run(*method, "F1", xr), yr = run(*method, "F2", xr - zr);
        using torch::indexing::Slice;
        const double tvx = (yr.index({ Slice(), Slice(), Slice(), Slice(1, torch::indexing::None) })
            - yr.index({ Slice(), Slice(), Slice(), Slice(0, -1) }))
                               .abs()
                               .mean()
                               .item<double>();
        const double tvy = (yr.index({ Slice(), Slice(), Slice(1, torch::indexing::None) })
            - yr.index({ Slice(), Slice(), Slice(0, -1) }))
                               .abs()
                               .mean()
                               .item<double>();
        expected["tv"] = tvx + tvy;
        expected["cycle"] = (yr + zr - xr).abs().mean().item<double>();
        expected["distill/real"] = (run(*method, "F3", xr) - yr).abs().mean().item<double>();
        expected["distill/ref"] = (run(*method, "F3", ref + zr) - ref).abs().mean().item<double>();
    }
    auto reported = byName(method->syntheticTerms(syn));
    for (const auto &[name, value] : byName(method->realTerms(xr, ref)))
        reported[name] = value;
    ASSERT_EQ(reported.size(), expected.size());
    for (const auto &[name, value] : expected)
        EXPECT_NEAR(reported.at(name), value, 1e-6 * std::max(1.0, value)) << name;
}

// The paper's weights: content 1, direction 1.2, recons 1, TV 0.001, cycle 0.01, distill 1 and
// φ = 10 on the generated pairs.
TEST(UdrdrLosses, WeightsAreThePapers)
{
    Params params;
    ASSERT_EQ(resolveParams(*findMethod("udrdr"), "paper",
                  { "blocks=1", "channels_f1=4", "channels_f2=4", "channels_f3=4" }, &params),
        "");
    std::string error;
    auto created = createMethod("udrdr", params, c10::Device("cpu"), 2, &error);
    auto &method = static_cast<UdrdrMethod &>(*created);
    const TrainingBatch batch = rainBatch(2);
    std::map<std::string, double> weights;
    for (const LossTerm &t : method.syntheticTerms(batch.at("synthetic_paired")))
        weights[t.name] = t.weight;
    for (const LossTerm &t :
        method.realTerms(batch.at("real_rainy").rainy, batch.at("clean_reference").clean))
        weights[t.name] = t.weight;
    const std::map<std::string, double> paper
        = { { "content", 1.0 }, { "direction", 1.2 }, { "recons", 1.0 }, { "tv", 0.001 },
              { "cycle", 0.01 }, { "distill/real", 1.0 }, { "distill/ref", 10.0 } };
    EXPECT_EQ(weights, paper);
}

// Eq. 10 treats the teacher's outputs as fixed: its gradient reaches F3 and nothing else.
TEST(UdrdrLosses, NoDistillationGradientReachesTheTeacher)
{
    auto method = tinyUdrdr(3);
    const TrainingBatch batch = rainBatch(3);
    at::Tensor distill;
    for (const LossTerm &t :
        method->realTerms(batch.at("real_rainy").rainy, batch.at("clean_reference").clean))
        if (t.name.rfind("distill/", 0) == 0)
            distill = distill.defined() ? distill + t.value : t.value;
    distill.backward();
    for (const char *teacher : { "F1", "F2" })
        for (const auto &p : network(*method, teacher).parameters())
            EXPECT_TRUE(!p.grad().defined() || p.grad().abs().sum().item<double>() == 0.0)
                << teacher;
    double student = 0;
    for (const auto &p : network(*method, "F3").parameters())
        student += p.grad().abs().sum().item<double>();
    EXPECT_GT(student, 0.0);
}

TEST(UdrdrLosses, AblationsRemoveTheirTerms)
{
    const TrainingBatch batch = rainBatch(4);
    auto noDirection = tinyUdrdr(4, { "use_direction=false" });
    EXPECT_EQ(
        byName(noDirection->syntheticTerms(batch.at("synthetic_paired"))).count("direction"), 0u);
    auto noDistill = tinyUdrdr(4, { "use_distillation=false" });
    const auto real = byName(
        noDistill->realTerms(batch.at("real_rainy").rainy, batch.at("clean_reference").clean));
    EXPECT_EQ(real.count("distill/real") + real.count("distill/ref"), 0u);
    // Without the student, the teacher derains.
    const auto x = batch.at("real_rainy").rainy;
    const auto out = noDistill->derain(x, false);
    torch::NoGradGuard noGrad;
    const auto z = run(*noDistill, "F1", x);
    EXPECT_TRUE(torch::allclose(out.background, run(*noDistill, "F2", x - z).clamp(0, 1)));
}

// Labels are used as given; missing ones (NaN) are estimated from z_gt, or all with "always".
TEST(UdrdrLabels, ReadOrEstimated)
{
    auto method = tinyUdrdr(5);
    RoleBatch syn = rainBatch(5).at("synthetic_paired");
    const at::Tensor zGt = syn.rainy - syn.clean;
    EXPECT_TRUE(method->directionsFor(syn, zGt).equal(torch::tensor({ 60.0f, 100.0f })));
    syn.directionDeg = torch::tensor({ 60.0f, std::nanf("") });
    const at::Tensor mixed = method->directionsFor(syn, zGt);
    EXPECT_EQ(mixed[0].item<float>(), 60.0f);
    EXPECT_NEAR(mixed[1].item<float>(), 100.0f, 3.0f);
    auto always = tinyUdrdr(5, { "estimate_direction=always" });
    syn.directionDeg = torch::tensor({ 0.0f, 0.0f }); // wrong labels are ignored
    const at::Tensor estimated = always->directionsFor(syn, zGt);
    EXPECT_NEAR(estimated[0].item<float>(), 60.0f, 3.0f);
    EXPECT_NEAR(estimated[1].item<float>(), 100.0f, 3.0f);
}

TEST(UdrdrSteps, StateRoundTripContinuesIdentically)
{
    const TrainingPlan plan { 20, 10 };
    auto batchAt = [](int step) { return rainBatch(100 + step); };
    auto original = tinyUdrdr(6);
    test::trainSteps(*original, plan, 0, 4, batchAt);
    auto restored = tinyUdrdr(77);
    test::copyState<Method>(*original, *restored);
    EXPECT_EQ(test::trainSteps(*original, plan, 4, 4, batchAt).values,
        test::trainSteps(*restored, plan, 4, 4, batchAt).values);
}

// The learning rate halves every lr_halving_epochs of the epochs (§4.2): at the planned length
// (200 epochs of 10 steps) every 400 steps; in a run shortened to 500 steps every 100.
TEST(UdrdrSteps, LearningRateHalves)
{
    auto method = tinyUdrdr(7, { "learning_rate=0.0008", "lr_halving_epochs=40", "epochs=200" });
    for (const auto &[plan, checks] :
        std::vector<std::pair<TrainingPlan, std::vector<std::pair<int, double>>>> {
            { { 2000, 10 }, { { 0, 8e-4 }, { 399, 8e-4 }, { 400, 4e-4 }, { 1200, 1e-4 } } },
            { { 500, 10 }, { { 99, 8e-4 }, { 100, 4e-4 }, { 300, 1e-4 }, { 499, 5e-5 } } } }) {
        const auto stages = method->stages(plan);
        for (const auto &[step, lr] : checks) {
            method->prepareStep(stepContext(stages, plan, step, false));
            EXPECT_NEAR(method->learningRate("adam", "F3"), lr, 1e-15)
                << step << " of " << plan.totalSteps;
        }
    }
}

// f2_input_skip: with F2's weights zeroed, the teacher's background is x − z with the skip and
// 0 without it (F2 then outputs y itself).
TEST(UdrdrNetworks, F2InputSkipIsAnOption)
{
    for (const bool skip : { true, false }) {
        auto method = tinyUdrdr(13, { std::string("f2_input_skip=") + (skip ? "true" : "false") });
        for (const auto &[name, module] : method->networks())
            if (name == "F2")
                for (at::Tensor &p : module->parameters())
                    p.detach().zero_();
        torch::manual_seed(13);
        const at::Tensor x = torch::rand({ 1, 3, 24, 24 });
        const DerainOutput out = method->derain(x, true);
        const at::Tensor z = out.intermediates.at(0).image, y = out.intermediates.at(1).image;
        ASSERT_EQ(out.intermediates.at(1).name, "teacher_B");
        EXPECT_TRUE(torch::allclose(y, skip ? x - z : torch::zeros_like(x), 0, 1e-6)) << skip;
    }
}

// A short run on tiny data lowers the content, direction and reconstruction terms.
TEST(UdrdrSteps, ShortRunLowersTheSyntheticTerms)
{
    auto method = tinyUdrdr(8, { "learning_rate=0.001" });
    const std::map<std::string, std::vector<double>> series = test::trainSteps(*method, { 160, 10 },
        0, 160, [](int step) { return rainBatch(step % 8); }).byName;
    for (const char *name : { "content", "direction", "recons" }) {
        const auto &v = series.at(name); // synthetic terms: every other step
        double first = 0, last = 0;
        for (int i = 0; i < 10; ++i) {
            first += v[size_t(i)];
            last += v[v.size() - 1 - size_t(i)];
        }
        std::printf(
            "%s: mean of the first 10 %.4f, of the last 10 %.4f\n", name, first / 10, last / 10);
        EXPECT_LT(last, 0.7 * first) << name << ": " << first / 10 << " -> " << last / 10;
    }
}

TEST(UdrdrInference, DerainGenerateFeaturesAndTeacher)
{
    auto method = tinyUdrdr(9);
    const auto rainy = torch::rand({ 1, 3, 21, 27 });
    const DerainOutput out = method->derain(rainy, true);
    EXPECT_LE((out.background + out.rain - rainy).abs().max().item<float>(), 1e-6f);
    std::vector<std::string> names;
    std::vector<bool> signs;
    for (const auto &[name, image, isSigned] : out.intermediates) {
        names.push_back(name);
        signs.push_back(isSigned);
    }
    EXPECT_EQ(names, (std::vector<std::string> { "z", "teacher_B", "x_ref" }));
    EXPECT_EQ(signs, (std::vector<bool> { true, false, false })); // z is a rain map
    // x_ref = B + z (eq. 9 with the derained image as the clean one), kept in [0, 1].
    EXPECT_TRUE(torch::allclose(
        out.intermediates[2].image, (out.background + out.intermediates[0].image).clamp(0, 1)));
    {
        torch::NoGradGuard noGrad;
        EXPECT_TRUE(torch::allclose(out.background, run(*method, "F3", rainy).clamp(0, 1)));
    }
    const auto generated = method->generate(torch::rand({ 1, 3, 21, 27 }), rainy);
    EXPECT_GE(generated.min().item<float>(), 0.0f);
    EXPECT_LE(generated.max().item<float>(), 1.0f);
    std::vector<std::string> groups;
    for (const RainFeatureGroup &g : method->rainFeatures(rainBatch(9)))
        groups.push_back(g.group);
    EXPECT_EQ(groups,
        (std::vector<std::string> { "synthetic decomposed", "synthetic ground truth",
            "real decomposed", "generated decomposed" }));

    // Another method as the teacher (§3.4): its derained output replaces F1/F2's.
    Params params;
    ASSERT_EQ(resolveParams(*findMethod("supervised"), "quick",
                  { "base_channels=8", "unet_levels=2" }, &params),
        "");
    std::string error;
    auto teacher = createMethod("supervised", params, c10::Device("cpu"), 3, &error);
    const auto teacherB = teacher->derain(rainy, false).background;
    method->setTeacher(std::move(teacher));
    const auto withTeacher = method->derain(rainy, true);
    EXPECT_TRUE(withTeacher.intermediates[1].image.equal(teacherB));
    const TrainingBatch batch = rainBatch(9);
    const auto real = byName(
        method->realTerms(batch.at("real_rainy").rainy, batch.at("clean_reference").clean));
    EXPECT_EQ(real.count("tv") + real.count("cycle"), 0u); // nothing of F1/F2 left to train
    EXPECT_EQ(real.count("distill/ref"), 1u);
}
