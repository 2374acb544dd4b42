// SPDX-License-Identifier: GPL-3.0-or-later
// JRGR: its networks at odd sizes, every loss term against its equation evaluated independently,
// the separation of generator and discriminator updates, stages and learning rates, the state
// round trip, and that a short run lowers the cycle and MSE terms.
#include "models/framework/method_registry.h"
#include "models/methods/jrgr_method.h"
#include "models/networks/patch_discriminator.h"
#include "models/networks/pix2pix_unet.h"
#include "models/networks/resnet_generator.h"
#include "models/networks/unet.h"
#include "tests/models/method_test_support.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <set>

using namespace pluvia::models;

namespace {

// A JRGR small enough for unit tests: 8-channel 2-level U-Nets, 4-channel PatchGANs.
std::unique_ptr<JrgrMethod> tinyJrgr(std::uint64_t seed, std::vector<std::string> overrides = {},
    const std::string &preset = "quick")
{
    std::vector<std::string> all = { "unet_levels=2", "base_channels=8", "width_multiplier=1",
        "disc_channels=4", "crop_size=32", "batch_size=2" };
    all.insert(all.end(), overrides.begin(), overrides.end());
    return test::makeMethod<JrgrMethod>("jrgr", seed, all, preset);
}

// Synthetic rain: thin vertical bright streaks; "real" rain: slanted streaks plus a veil.
TrainingBatch rainBatch(std::uint64_t seed, int n = 2, int side = 32)
{
    torch::manual_seed(seed);
    const auto clean = torch::rand({ n, 3, 1, 1 }) * 0.5 + 0.2
        + 0.1 * torch::sin(torch::arange(side).to(torch::kFloat32) / 3.0).view({ 1, 1, 1, side });
    const auto cleanImage = clean.expand({ n, 3, side, side }).clone();
    const auto columns = (torch::rand({ n, 1, 1, side }) > 0.8).to(torch::kFloat32);
    const auto synthetic = (cleanImage + 0.4 * columns).clamp(0, 1);
    auto slanted = torch::zeros({ n, 1, side, side });
    for (int y = 0; y < side; ++y)
        for (int x = (y / 2) % 6; x < side; x += 6)
            slanted.index_put_({ torch::indexing::Slice(), 0, y, x }, 0.5);
    const auto realClean = torch::rand({ n, 3, 1, 1 }) * 0.5 + 0.2;
    const auto real = (realClean.expand({ n, 3, side, side }) * 0.8 + 0.15 + slanted).clamp(0, 1);
    TrainingBatch batch;
    batch["synthetic_paired"].rainy = synthetic;
    batch["synthetic_paired"].clean = cleanImage;
    batch["real_rainy"].rainy = real;
    return batch;
}

double bce(const at::Tensor &logits, bool real) // −log σ(x) or −log(1 − σ(x)), averaged
{
    const at::Tensor p = torch::sigmoid(logits.to(torch::kFloat64));
    return (real ? -torch::log(p) : -torch::log(1 - p)).mean().item<double>();
}

double l1(const at::Tensor &a, const at::Tensor &b)
{
    return (a - b).abs().mean().item<double>();
}

double mse(const at::Tensor &a, const at::Tensor &b)
{
    return (a - b).square().mean().item<double>();
}

std::map<std::string, double> byName(const std::vector<LossTerm> &terms)
{
    std::map<std::string, double> values;
    for (const LossTerm &term : terms)
        values[term.name] = term.value.item<double>();
    return values;
}

} // namespace

TEST(JrgrNetworks, PatchDiscriminatorShapesAtOddSizes)
{
    torch::manual_seed(1);
    PatchDiscriminator d(PatchDiscriminatorOptions { 3, 8, 3, NormKind::Instance });
    for (auto [h, w] : { std::pair { 37, 53 }, { 64, 64 }, { 29, 101 } }) {
        const auto out = d->forward(torch::rand({ 2, 3, h, w }));
        // Three stride-2 4×4 convolutions (floor(x / 2) each with padding 1), then two stride-1
        // 4×4 convolutions (x − 1 each).
        auto side = [](int x) { return x / 2 / 2 / 2 - 2; };
        EXPECT_EQ(out.sizes(), torch::IntArrayRef({ 2, 1, side(h), side(w) })) << h << "x" << w;
    }
}

TEST(JrgrNetworks, PatchDiscriminatorParameterCount)
{
    PatchDiscriminator d(PatchDiscriminatorOptions { 3, 4, 1, NormKind::None });
    // conv 3→4 (4×4, stride 2), conv 4→8 (4×4, stride 1), conv 8→1: all with bias.
    auto conv = [](int in, int out) { return in * out * 16 + out; };
    int64_t count = 0;
    for (const auto &p : d->parameters())
        count += p.numel();
    EXPECT_EQ(count, conv(3, 4) + conv(4, 8) + conv(8, 1));
}

TEST(JrgrNetworks, GeneratorsKeepSizeAndRange)
{
    torch::manual_seed(2);
    Pix2PixUNet unet(Pix2PixUNetOptions { 3, 3, 7, 8, NormKind::Batch });
    ResnetGenerator resnet(ResnetGeneratorOptions { 3, 3, 8, 2, NormKind::Batch });
    for (auto [h, w] : { std::pair { 37, 53 }, { 128, 130 }, { 9, 12 } }) {
        const auto input = torch::rand({ 2, 3, h, w }) * 2 - 1;
        for (const auto &out : { unet->forward(input), resnet->forward(input) }) {
            EXPECT_EQ(out.sizes(), input.sizes()) << h << "x" << w;
            EXPECT_LT(out.abs().max().item<float>(), 1.0f); // tanh
        }
    }
}

TEST(JrgrLosses, GanLossHandValues)
{
    auto log = tinyJrgr(1);
    auto ls = tinyJrgr(1, { "gan_loss=lsgan" });
    const auto zero = torch::zeros({ 1, 1, 2, 2 });
    EXPECT_NEAR(log->ganLoss(zero, true).item<double>(), std::log(2.0), 1e-6);
    EXPECT_NEAR(log->ganLoss(zero, false).item<double>(), std::log(2.0), 1e-6);
    // −log σ(2) = log(1 + e^−2)
    EXPECT_NEAR(log->ganLoss(torch::full({ 1 }, 2.0), true).item<double>(),
        std::log1p(std::exp(-2.0)), 1e-6);
    EXPECT_NEAR(ls->ganLoss(torch::full({ 3 }, 0.5), true).item<double>(), 0.25, 1e-7);
    EXPECT_NEAR(ls->ganLoss(torch::full({ 3 }, 0.5), false).item<double>(), 0.25, 1e-7);
    EXPECT_NEAR(ls->ganLoss(torch::tensor({ 1.0, 0.0 }), true).item<double>(), 0.5, 1e-7);
}

// Every term of eq. 8 and of the discriminators' objectives equals its equation evaluated here
// on the same forward graph (no pools, so D sees exactly this batch's fakes).
TEST(JrgrLosses, EveryTermIsItsEquation)
{
    auto method = tinyJrgr(3, { "pool_size=0", "init=none" });
    const TrainingBatch batch = rainBatch(3);
    const auto &syn = batch.at("synthetic_paired");
    auto net = [&](const char *name) -> torch::nn::Module & {
        for (const auto &[n, m] : method->networks())
            if (n == name)
                return *m;
        throw std::logic_error(name);
    };
    auto forward = [&](const char *name, const at::Tensor &x) {
        return net(name).as<UNetImpl>() ? net(name).as<UNetImpl>()->forward(x)
                                        : net(name).as<PatchDiscriminatorImpl>()->forward(x);
    };
    std::map<std::string, double> expected;
    {
        torch::NoGradGuard noGrad;
        const at::Tensor O_s = syn.rainy, O_r = batch.at("real_rainy").rainy, B = syn.clean;
        const at::Tensor B_s = forward("F_s", O_s), Ot_r = B_s + forward("G_r", O_s - B_s);
        const at::Tensor Bt_r = forward("F_r", Ot_r), Oh_s = Bt_r + forward("G_s", Ot_r - Bt_r);
        const at::Tensor B_r = forward("F_r", O_r), Ot_s = B_r + forward("G_s", O_r - B_r);
        const at::Tensor Bt_s = forward("F_s", Ot_s), Oh_r = Bt_s + forward("G_r", Ot_s - Bt_s);
        expected["adv/B_s"] = bce(forward("D_B", B_s), true);
        expected["adv/Bt_r"] = bce(forward("D_B", Bt_r), true);
        expected["adv/B_r"] = bce(forward("D_B", B_r), true);
        expected["adv/Bt_s"] = bce(forward("D_B", Bt_s), true);
        expected["adv/Ot_r"] = bce(forward("D_Or", Ot_r), true);
        expected["adv/Ot_s"] = bce(forward("D_Os", Ot_s), true);
        expected["cyc/O_s"] = l1(Oh_s, O_s);
        expected["cyc/O_r"] = l1(Oh_r, O_r);
        expected["cyc/B_s"] = l1(Bt_r, B_s);
        expected["cyc/B_r"] = l1(Bt_s, B_r);
        expected["mse/B_s"] = mse(B_s, B);
        expected["mse/Bt_r"] = mse(Bt_r, B);
        double total = 0;
        for (const auto &[name, value] : expected)
            total += value * (name[0] == 'a' ? 10.0 : name[0] == 'c' ? 1.0 : 10.0);
        expected["total"] = total;
        // Discriminators (eq. 3 with α = 4 and eq. 4), on the generators' outputs before their
        // step.
        expected["D/B"] = 4.0 * bce(forward("D_B", B), true) + bce(forward("D_B", B_s), false)
            + bce(forward("D_B", Bt_r), false) + bce(forward("D_B", B_r), false)
            + bce(forward("D_B", Bt_s), false);
        expected["D/O_r"] = bce(forward("D_Or", O_r), true) + bce(forward("D_Or", Ot_r), false);
        expected["D/O_s"] = bce(forward("D_Os", O_s), true) + bce(forward("D_Os", Ot_s), false);
    }
    const auto t = method->translate(syn.rainy, batch.at("real_rainy").rainy);
    auto reported = byName(method->generatorStep(t, syn.clean));
    for (const auto &[name, value] : byName(method->discriminatorStep(t, syn.clean)))
        reported[name] = value;
    ASSERT_EQ(reported.size(), expected.size());
    for (const auto &[name, value] : expected)
        EXPECT_NEAR(reported.at(name), value, 1e-5 * std::max(1.0, std::abs(value))) << name;
}

// residual_learning: F(O) = O − U(O), G(R) = R + U(R), checked against the U-Nets run by hand;
// with every U-Net zeroed the loops are the identity (Ot_r = O_s, B_r = O_r).
TEST(JrgrLosses, ResidualLearningChangesTheInput)
{
    auto method = tinyJrgr(12, { "residual_learning=true" });
    const TrainingBatch batch = rainBatch(12);
    const at::Tensor O_s = batch.at("synthetic_paired").rainy, O_r = batch.at("real_rainy").rainy;
    auto unet = [&](const char *name) {
        for (const auto &[n, m] : method->networks())
            if (n == name)
                return m->as<UNetImpl>();
        throw std::logic_error(name);
    };
    torch::NoGradGuard noGrad;
    const auto t = method->translate(O_s, O_r);
    const at::Tensor B_s = O_s - unet("F_s")->forward(O_s);
    const at::Tensor Ot_r = B_s + (O_s - B_s) + unet("G_r")->forward(O_s - B_s);
    const at::Tensor B_r = O_r - unet("F_r")->forward(O_r);
    EXPECT_TRUE(torch::allclose(t.B_s, B_s, 1e-6, 1e-6));
    EXPECT_TRUE(torch::allclose(t.Ot_r, Ot_r, 1e-6, 1e-6));
    EXPECT_TRUE(torch::allclose(t.B_r, B_r, 1e-6, 1e-6));
    for (const auto &[name, module] : method->networks())
        if (name[0] != 'D')
            for (at::Tensor &p : module->parameters())
                p.zero_();
    const auto identity = method->translate(O_s, O_r);
    EXPECT_TRUE(torch::equal(identity.B_s, O_s));
    EXPECT_TRUE(torch::allclose(identity.Ot_r, O_s, 0, 1e-7));
    EXPECT_TRUE(torch::allclose(identity.Oh_r, O_r, 0, 1e-7));
    EXPECT_TRUE(torch::equal(method->derain(O_r, false).background, O_r.clamp(0, 1)));
}

// The joint objective's terms reach exactly the networks their equations run through: e.g.
// mse/B_s = ‖F_s(O_s) − B‖² only F_s; adv/Ot_r on Õ_r = B_s + G_r(O_s − B_s) F_s and G_r; the
// cycle Ô_s all four. Pre-training's terms reach F_s and F_r alone.
TEST(JrgrLosses, ObjectiveReachesTheNetworksOfItsEquations)
{
    auto method = tinyJrgr(14, { "epochs=4", "pretrain_epochs=1" });
    const TrainingPlan plan { 40, 10 };
    const auto stages = method->stages(plan);
    const std::map<std::string, std::set<std::string>> reaches = { { "adv/B_s", { "F_s" } },
        { "adv/Bt_r", { "F_s", "G_r", "F_r" } }, { "adv/B_r", { "F_r" } },
        { "adv/Bt_s", { "F_r", "G_s", "F_s" } }, { "adv/Ot_r", { "F_s", "G_r" } },
        { "adv/Ot_s", { "F_r", "G_s" } }, { "cyc/O_s", { "F_s", "G_r", "F_r", "G_s" } },
        { "cyc/O_r", { "F_r", "G_s", "F_s", "G_r" } }, { "cyc/B_s", { "F_s", "G_r", "F_r" } },
        { "cyc/B_r", { "F_r", "G_s", "F_s" } }, { "mse/B_s", { "F_s" } },
        { "mse/Bt_r", { "F_s", "G_r", "F_r" } }, { "pretrain/F_s", { "F_s" } },
        { "pretrain/F_r", { "F_r" } } };
    std::map<std::string, torch::nn::Module *> networks;
    for (const auto &[name, module] : method->networks())
        networks[name] = module;
    for (const std::int64_t step : { std::int64_t(0), std::int64_t(20) }) {
        const StepContext context = stepContext(stages, plan, step, false);
        const StepObjective objective = method->objective(rainBatch(14), context);
        EXPECT_EQ(objective.updates.size(), step == 0 ? 2u : 4u);
        EXPECT_EQ(objective.terms.size(), step == 0 ? 2u : 12u);
        for (const LossTerm &term : objective.terms) {
            for (const std::string &name : objective.updates) {
                const auto parameters = networks.at(name)->parameters();
                const auto grads = torch::autograd::grad(
                    { term.value }, parameters, {}, true, false, /*allow_unused=*/true);
                double norm = 0;
                for (const at::Tensor &g : grads)
                    if (g.defined())
                        norm += g.pow(2).sum().item<double>();
                EXPECT_EQ(norm > 0, reaches.at(term.name).count(name) == 1)
                    << term.name << " → " << name << " at step " << step;
            }
        }
    }
}

// background_disc_input=highpass: D_B sees B minus its 9×9 box blur, so a background brightened
// by a constant is judged as before; on the images themselves (eq. 3) it is not.
TEST(JrgrLosses, HighpassBackgroundJudgeIgnoresColour)
{
    for (const bool highpass : { true, false }) {
        auto method = tinyJrgr(15,
            { std::string("background_disc_input=") + (highpass ? "highpass" : "image"),
                "residual_learning=true", "init=none" });
        for (const auto &[name, module] : method->networks())
            if (name[0] != 'D')
                for (at::Tensor &p : module->parameters())
                    p.detach().zero_(); // F(O) = O: the backgrounds are the inputs
        const TrainingBatch batch = rainBatch(15);
        const at::Tensor O_s = batch.at("synthetic_paired").rainy * 0.8, clean = O_s;
        const at::Tensor O_r = batch.at("real_rainy").rainy * 0.8;
        torch::NoGradGuard noGrad;
        const auto plain = byName(method->generatorTerms(method->translate(O_s, O_r), clean));
        const auto brighter
            = byName(method->generatorTerms(method->translate(O_s + 0.15, O_r + 0.15), clean));
        const double difference = std::abs(plain.at("adv/B_s") - brighter.at("adv/B_s"));
        if (highpass)
            EXPECT_LT(difference, 1e-5);
        else
            EXPECT_GT(difference, 1e-4);
    }
}

TEST(JrgrLosses, WeightsAreThePresets)
{
    auto paper = tinyJrgr(4, {}, "paper");
    const TrainingBatch batch = rainBatch(4);
    const auto t
        = paper->translate(batch.at("synthetic_paired").rainy, batch.at("real_rainy").rainy);
    for (const LossTerm &term : paper->generatorStep(t, batch.at("synthetic_paired").clean)) {
        const double expected = term.name == "total" ? 1.0
            : term.name.rfind("adv/", 0) == 0        ? 10.0
            : term.name.rfind("cyc/", 0) == 0        ? 1.0
                                                     : 10.0; // mse
        EXPECT_EQ(term.weight, expected) << term.name;
    }
}

TEST(JrgrLosses, AblationsRemoveTheirTerms)
{
    const TrainingBatch batch = rainBatch(5);
    for (const char *off : { "use_adv_background", "use_adv_rainy", "use_cycle", "use_mse" }) {
        auto method = tinyJrgr(5, { std::string(off) + "=false", "init=none" });
        const TrainingPlan plan { 10, 5 };
        const auto stages = method->stages(plan);
        method->prepareStep(stepContext(stages, plan, 0, false));
        const auto names
            = byName(method->trainStep(batch, stepContext(stages, plan, 0, false)).losses);
        const std::string prefix = std::string(off) == "use_adv_background" ? "adv/B"
            : std::string(off) == "use_adv_rainy"                           ? "adv/O"
            : std::string(off) == "use_cycle"                               ? "cyc/"
                                                                            : "mse/";
        for (const auto &[name, value] : names)
            EXPECT_NE(name.rfind(prefix, 0), 0u) << off << " left " << name;
        EXPECT_EQ(names.count("D/B"), std::string(off) == "use_adv_background" ? 0u : 1u) << off;
    }
}

// The generator step moves no discriminator weight, and the discriminator step no generator.
TEST(JrgrSteps, GeneratorAndDiscriminatorStepsAreSeparate)
{
    auto method = tinyJrgr(6, { "init=none" });
    const TrainingBatch batch = rainBatch(6);
    const std::vector<std::string> generators = { "F_s", "F_r", "G_s", "G_r" };
    const std::vector<std::string> discriminators = { "D_B", "D_Os", "D_Or" };
    const TrainingPlan plan { 10, 5 };
    method->prepareStep(stepContext(method->stages(plan), plan, 0, false));
    const auto t
        = method->translate(batch.at("synthetic_paired").rainy, batch.at("real_rainy").rainy);

    const auto dBefore = test::snapshot(*method, discriminators),
               gBefore = test::snapshot(*method, generators);
    method->generatorStep(t, batch.at("synthetic_paired").clean);
    EXPECT_TRUE(test::unchanged(dBefore, test::snapshot(*method, discriminators)));
    EXPECT_FALSE(test::unchanged(gBefore, test::snapshot(*method, generators)));

    const auto gAfter = test::snapshot(*method, generators);
    method->discriminatorStep(t, batch.at("synthetic_paired").clean);
    EXPECT_TRUE(test::unchanged(gAfter, test::snapshot(*method, generators)));
    EXPECT_FALSE(test::unchanged(dBefore, test::snapshot(*method, discriminators)));
}

// Pre-training, then the joint stage with F_r at lr/10 and F_s at lr/100 (§3.3); Init-1 and
// Init-2 of Table 2; the public code's linear decay.
TEST(JrgrSteps, StagesSetTheLearningRates)
{
    const TrainingPlan plan { 300, 10 }; // epochs 300, pre-training 100: boundary at step 100
    auto check = [&](JrgrMethod &m, std::int64_t step, const std::string &stage,
                     std::map<std::string, double> rates) {
        const auto stages = m.stages(plan);
        const int index = stageIndexAt(stages, step);
        EXPECT_EQ(stages[size_t(index)].name, stage) << step;
        m.prepareStep(stepContext(stages, plan, step));
        for (const auto &[network, lr] : rates) {
            const char *optimiser = network[0] == 'D' ? "discriminators" : "generators";
            EXPECT_NEAR(m.learningRate(optimiser, network), lr, 1e-15) << network << " at " << step;
        }
    };
    auto paper = tinyJrgr(7, { "learning_rate=0.0001", "epochs=300", "pretrain_epochs=100" });
    check(*paper, 99, "pre-train",
        { { "F_s", 1e-4 }, { "F_r", 1e-4 }, { "G_s", 0 }, { "G_r", 0 }, { "D_B", 0 },
            { "D_Or", 0 } });
    check(*paper, 100, "joint",
        { { "F_s", 1e-6 }, { "F_r", 1e-5 }, { "G_s", 1e-4 }, { "G_r", 1e-4 }, { "D_B", 1e-4 },
            { "D_Os", 1e-4 } });

    auto init2 = tinyJrgr(
        7, { "learning_rate=0.0001", "epochs=300", "pretrain_epochs=100", "init=synthetic_only" });
    check(*init2, 50, "pre-train", { { "F_s", 1e-4 }, { "F_r", 0 } });
    check(*init2, 150, "joint", { { "F_s", 1e-6 }, { "F_r", 1e-4 } });

    auto init1
        = tinyJrgr(7, { "learning_rate=0.0001", "epochs=300", "pretrain_epochs=100", "init=none" });
    EXPECT_EQ(init1->stages(plan).size(), 1u);
    check(
        *init1, 0, "joint", { { "F_s", 1e-4 }, { "F_r", 1e-4 }, { "G_r", 1e-4 }, { "D_B", 1e-4 } });

    // Linear: constant to the middle of the joint stage (step 200), then down to 0 at 300.
    auto linear = tinyJrgr(
        7, { "learning_rate=0.0001", "epochs=300", "pretrain_epochs=100", "lr_policy=linear" });
    check(*linear, 200, "joint", { { "G_r", 1e-4 }, { "F_r", 1e-5 } });
    check(*linear, 250, "joint", { { "G_r", 5e-5 }, { "F_r", 5e-6 } });
}

// Saved mid-run (pools filled, Adam moments set) and loaded into a method built from another
// seed, the state continues with bit-identical losses.
TEST(JrgrSteps, StateRoundTripContinuesIdentically)
{
    const TrainingPlan plan { 20, 10 };
    auto batchAt = [](int step) { return rainBatch(100 + step); };
    auto original = tinyJrgr(8, { "pool_size=3", "epochs=4", "pretrain_epochs=1" });
    test::trainSteps(*original, plan, 0, 5, batchAt); // crosses into the joint stage at step 5
    auto restored = tinyJrgr(99, { "pool_size=3", "epochs=4", "pretrain_epochs=1" });
    test::copyState<Method>(*original, *restored);
    EXPECT_EQ(test::trainSteps(*original, plan, 5, 4, batchAt).values,
        test::trainSteps(*restored, plan, 5, 4, batchAt).values);
}

// A short joint run on a tiny synthetic + "real" set lowers the cycle and MSE terms. With the
// paper's λ_adv = 10, networks this small spend their first hundreds of steps in the adversarial
// game (the terms rise before they fall); a tenth of it lets 160 steps show the cycles and the
// supervised terms being learned, which is what this test is about.
TEST(JrgrSteps, ShortRunLowersCycleAndMse)
{
    auto method = tinyJrgr(9, { "init=none", "learning_rate=0.0002", "lambda_adv=0.1" });
    const std::map<std::string, std::vector<double>> series = test::trainSteps(*method, { 160, 10 },
        0, 160, [](int step) { return rainBatch(step % 8); }).byName;
    auto mean = [](const std::vector<double> &v, size_t from, size_t to) {
        double sum = 0;
        for (size_t i = from; i < to; ++i)
            sum += v[i];
        return sum / double(to - from);
    };
    for (const char *name : { "cyc/O_s", "cyc/O_r", "cyc/B_s", "cyc/B_r", "mse/B_s", "mse/Bt_r" }) {
        const auto &v = series.at(name);
        const double first = mean(v, 0, 16), last = mean(v, v.size() - 16, v.size());
        EXPECT_LT(last, 0.8 * first) << name << ": " << first << " -> " << last;
    }
}

TEST(JrgrInference, DerainGenerateAndFeatures)
{
    auto method = tinyJrgr(10);
    const auto rainy = torch::rand({ 1, 3, 29, 37 });
    const DerainOutput plain = method->derain(rainy, false);
    EXPECT_EQ(plain.background.sizes(), rainy.sizes());
    EXPECT_TRUE(plain.intermediates.empty());
    EXPECT_LE((plain.background + plain.rain - rainy).abs().max().item<float>(), 1e-6f);
    const DerainOutput full = method->derain(rainy, true);
    std::vector<std::string> names;
    for (const auto &[name, image, isSigned] : full.intermediates) {
        names.push_back(name);
        EXPECT_EQ(image.sizes(), rainy.sizes()) << name;
        EXPECT_FALSE(isSigned) << name; // every image of Fig. 6 is an image, not a rain layer
    }
    EXPECT_EQ(names,
        (std::vector<std::string> {
            "B_r", "Ot_s", "Bt_s", "Oh_r", "B_s", "Ot_r", "Bt_r", "Oh_s" }));
    EXPECT_TRUE(full.background.equal(plain.background)); // F_r derains either way

    const auto clean = torch::rand({ 1, 3, 29, 37 });
    const auto generated = method->generate(clean, (clean + 0.3).clamp(0, 1));
    EXPECT_EQ(generated.sizes(), clean.sizes());
    EXPECT_GE(generated.min().item<float>(), 0.0f);
    EXPECT_LE(generated.max().item<float>(), 1.0f);

    std::vector<std::string> groups;
    for (const RainFeatureGroup &g : method->rainFeatures(rainBatch(10)))
        groups.push_back(g.group);
    EXPECT_EQ(groups,
        (std::vector<std::string> {
            "synthetic decomposed", "real generated", "real decomposed", "synthetic generated" }));
}

// The feature layers: a PatchGAN's penultimate activations are what its last convolution reads
// (forward = that convolution of them); a group's features are their patch average on the
// group's rainy image (the input itself for decomposed groups); unknown layers are refused by
// name.
TEST(JrgrInference, DiscriminatorFeatureLayers)
{
    torch::manual_seed(4);
    PatchDiscriminator d(PatchDiscriminatorOptions { 3, 8, 3, NormKind::Instance });
    const auto x = torch::rand({ 2, 3, 48, 40 });
    const auto penultimate = d->penultimate(x);
    EXPECT_EQ(penultimate.size(1), 8 * 8); // ndf · min(2^layers, 8)
    const auto parameters = d->parameters();
    const auto &weight = parameters[parameters.size() - 2], &bias = parameters.back();
    EXPECT_TRUE(
        torch::allclose(d->forward(x), torch::conv2d(penultimate, weight, bias, 1, 1), 1e-5, 1e-6));

    auto method = tinyJrgr(11);
    const TrainingBatch batch = rainBatch(11);
    const std::vector<RainFeatureGroup> groups = method->rainFeatures(batch);
    ASSERT_EQ(groups.size(), 4u);
    EXPECT_TRUE(groups[0].image.equal(batch.at("synthetic_paired").rainy)); // synthetic decomposed
    EXPECT_TRUE(groups[2].image.equal(batch.at("real_rainy").rainy)); // real decomposed
    std::vector<std::string> offered;
    for (const FeatureLayer &layer : method->description().featureLayers)
        offered.push_back(layer.name);
    EXPECT_EQ(offered, (std::vector<std::string> { "D_Or.penultimate", "D_Os.penultimate" }));
    for (const std::string &name : offered) {
        const std::string network = name.substr(0, name.find('.'));
        PatchDiscriminatorImpl *disc = nullptr;
        for (const auto &[n, module] : method->networks())
            if (n == network)
                disc = dynamic_cast<PatchDiscriminatorImpl *>(module);
        ASSERT_TRUE(disc) << network;
        for (const RainFeatureGroup &g : groups) {
            const auto features = method->layerFeatures(name, g);
            EXPECT_EQ(features.sizes(), torch::IntArrayRef({ 2, 4 * 8 })) << name << g.group;
            disc->eval();
            torch::NoGradGuard noGrad;
            const auto expected = disc->penultimate(g.image).mean({ 2, 3 });
            disc->train();
            EXPECT_TRUE(torch::allclose(features, expected, 1e-5, 1e-6)) << name << g.group;
        }
    }
    try {
        method->layerFeatures("F_r.bottleneck", groups[0]);
        ADD_FAILURE() << "an unknown layer was accepted";
    } catch (const std::invalid_argument &e) {
        EXPECT_NE(std::string(e.what()).find("D_Os.penultimate"), std::string::npos) << e.what();
    }
}

// The public code's configuration builds and trains (its networks at a small size).
TEST(JrgrPresets, ReferenceCodeTrains)
{
    auto method
        = tinyJrgr(11, { "base_channels=4", "disc_channels=4", "init=none" }, "reference-code");
    const TrainingPlan plan { 4, 2 };
    const auto stages = method->stages(plan);
    method->prepareStep(stepContext(stages, plan, 0, false));
    const auto losses = byName(
        method->trainStep(rainBatch(11, 1, 40), stepContext(stages, plan, 0, false)).losses);
    EXPECT_EQ(losses.size(), 16u); // 12 generator terms, total, 3 discriminators
    for (const auto &[name, value] : losses)
        EXPECT_TRUE(std::isfinite(value)) << name;
    EXPECT_EQ(method->inferenceGeometry().alignment, 128);
}
