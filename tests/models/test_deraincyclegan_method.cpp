// SPDX-License-Identifier: GPL-3.0-or-later
// DerainCycleGAN: shapes at odd sizes, every loss term of §3.4 against its equation evaluated
// independently from the networks' outputs, the ablation switches, the notices, separate
// generator and discriminator updates, the learning-rate schedule, the state round trip, a short
// run that learns, rainmaking and the rain features.
#include "models/framework/gaussian_mixture.h"
#include "models/framework/method_registry.h"
#include "models/methods/deraincyclegan_method.h"
#include "tests/models/method_test_support.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <cstdlib>
#include <fstream>
#include <set>

using namespace pluvia::models;

namespace {

// Small enough for unit tests: 4-channel U-ARSE of 2 stages, 4-channel generators.
std::unique_ptr<DerainCycleGanMethod> tinyMethod(std::uint64_t seed,
    std::vector<std::string> overrides = {}, const std::string &preset = "paper")
{
    std::vector<std::string> all
        = { "attention_features=4", "attention_stages=2", "generator_channels=4", "disc_channels=4",
              "crop_size=32", "batch_size=2", "epochs=10", "lr_decay_start_epoch=5" };
    all.insert(all.end(), overrides.begin(), overrides.end());
    return test::makeMethod<DerainCycleGanMethod>("deraincyclegan", seed, all, preset);
}

// Rainy images: a smooth scene plus slanted bright streaks; rain-free ones: other smooth scenes.
TrainingBatch rainBatch(std::uint64_t seed, int n = 2, int side = 32)
{
    torch::manual_seed(seed);
    const auto ramp = torch::arange(side).to(torch::kFloat32) / float(side);
    auto scene = [&] {
        return (torch::rand({ n, 3, 1, 1 }) * 0.5 + 0.2 + 0.2 * ramp.view({ 1, 1, 1, side }))
            .expand({ n, 3, side, side })
            .clone();
    };
    auto streaks = torch::zeros({ n, 1, side, side });
    for (int y = 0; y < side; ++y)
        for (int x = (y / 2) % 6; x < side; x += 6)
            streaks.index_put_({ torch::indexing::Slice(), 0, y, x }, 0.4);
    TrainingBatch batch;
    batch["real_rainy"].rainy = (scene() + streaks).clamp(0, 1);
    batch["clean"].clean = scene();
    return batch;
}

template<class Impl>
Impl *network(Method &method, const std::string &name)
{
    for (const auto &[n, module] : method.networks())
        if (n == name)
            return dynamic_cast<Impl *>(module);
    return nullptr;
}

// −log σ(x) averaged, in double: the log GAN loss's "real" side (eq. 6).
double realLogLoss(const at::Tensor &logits)
{
    return (-torch::log(torch::sigmoid(logits.to(torch::kFloat64)))).mean().item<double>();
}

std::map<std::string, double> byName(const std::vector<LossTerm> &terms)
{
    std::map<std::string, double> values;
    for (const LossTerm &term : terms)
        values[term.name] = term.value.item<double>();
    return values;
}

std::set<std::string> namesOf(const std::vector<LossTerm> &terms)
{
    std::set<std::string> names;
    for (const LossTerm &term : terms)
        names.insert(term.name);
    return names;
}

} // namespace

TEST(DerainCycleGan, DescribedWithThreePresets)
{
    const MethodDescription *d = findMethod("deraincyclegan");
    ASSERT_TRUE(d);
    std::vector<std::string> presets;
    for (const Preset &p : d->presets)
        presets.push_back(p.name);
    EXPECT_EQ(presets, (std::vector<std::string> { "paper", "reference-code", "quick" }));
    EXPECT_TRUE(d->canGenerate);
    EXPECT_EQ(d->networks, (std::vector<std::string> { "U-ARSE", "G_N", "G_R", "D_R", "D_N" }));
    // §4's values, read from the schema's defaults.
    const Params paper(d->schema);
    EXPECT_EQ(paper.integer("crop_size"), 216);
    EXPECT_EQ(paper.integer("batch_size"), 1);
    EXPECT_EQ(paper.integer("epochs"), 400);
    EXPECT_EQ(paper.integer("lr_decay_start_epoch"), 200);
    EXPECT_DOUBLE_EQ(paper.real("weight_decay"), 1e-4);
    const double weights[]
        = { paper.real("lambda_adv"), paper.real("lambda_att"), paper.real("lambda_cc"),
              paper.real("lambda_p"), paper.real("lambda_gmm"), paper.real("lambda_r") };
    const double expected[] = { 1, 10, 10, 0.01, 10, 10 };
    for (int i = 0; i < 6; ++i)
        EXPECT_DOUBLE_EQ(weights[i], expected[i]) << i;
}

TEST(DerainCycleGan, ShapesAtOddSizes)
{
    for (const char *generator : { "full", "compact" }) {
        auto method = tinyMethod(1, { std::string("generator_net=") + generator });
        const auto rainy = torch::rand({ 1, 3, 29, 37 });
        const DerainOutput plain = method->derain(rainy, false);
        EXPECT_EQ(plain.background.sizes(), rainy.sizes());
        EXPECT_TRUE(plain.intermediates.empty());
        EXPECT_LE((plain.background + plain.rain - rainy).abs().max().item<float>(), 1e-6f);
        const DerainOutput full = method->derain(rainy, true);
        std::vector<std::string> names;
        for (const auto &[name, image, isSigned] : full.intermediates) {
            names.push_back(name);
            EXPECT_EQ(image.sizes(), torch::IntArrayRef({ 1, 1, 29, 37 })) << name;
        }
        EXPECT_EQ(names, (std::vector<std::string> { "mask_1", "mask_2", "Att" }));
        EXPECT_TRUE(full.intermediates.back().image.equal(full.intermediates[1].image));
        EXPECT_TRUE(full.background.equal(plain.background));
        const auto generated = method->generate(torch::rand({ 1, 3, 29, 37 }), {});
        EXPECT_EQ(generated.sizes(), rainy.sizes());
    }
}

// Each term from the Translation's images by its equation, written out here.
TEST(DerainCycleGan, EveryTermIsItsEquation)
{
    const std::uint64_t seed = 5;
    auto method = tinyMethod(seed);
    const TrainingBatch batch = rainBatch(5);
    const auto t = method->translate(batch.at("real_rainy").rainy, batch.at("clean").clean);
    const auto values = byName(method->generatorTerms(t));
    torch::NoGradGuard noGrad;

    // L_adv (eq. 6, generators' side): −log σ(D(fake)), averaged over positions, then scales.
    auto adversarial = [&](const char *name, const at::Tensor &fake) {
        auto *d = network<MultiScaleDiscriminatorImpl>(*method, name);
        const auto logits = d->forward(fake);
        double sum = 0;
        for (const auto &l : logits)
            sum += realLogLoss(l);
        return sum / double(logits.size());
    };
    EXPECT_NEAR(values.at("adv/n_r"), adversarial("D_N", t.n_r), 1e-5);
    EXPECT_NEAR(values.at("adv/r_n"), adversarial("D_R", t.r_n), 1e-5);
    // L_att: the noise map is the method's first draw from its generator, seeded with `seed`.
    at::Generator generator = at::make_generator<at::CPUGeneratorImpl>(seed);
    const auto noise = at::normal(0.5, 0.25, t.att_r.sizes(), generator).clamp(0, 1);
    EXPECT_GT(noise.std().item<double>(), 0.1);
    EXPECT_NEAR(values.at("att/r"), (t.att_r - noise).square().mean().item<double>(), 1e-6);
    EXPECT_NEAR(values.at("att/n"), t.att_n.square().mean().item<double>(), 1e-7);
    // L_cc (eq. 9).
    EXPECT_NEAR(values.at("cc/r"), (t.r - t.r_t).abs().mean().item<double>(), 1e-6);
    EXPECT_NEAR(values.at("cc/n"), (t.n - t.n_t).abs().mean().item<double>(), 1e-6);
    // L_r (eq. 13): the one-channel mask added to every channel of n_r.
    const auto recomposed = t.att_r.expand_as(t.n_r) + t.n_r;
    EXPECT_NEAR(values.at("r"), (recomposed - t.r).square().mean().item<double>(), 1e-6);
    // L_gmm (eq. 12): −log of the mixture density of S = r − n_r under the EM fit, averaged.
    const auto streaks = (t.r - t.n_r).to(torch::kFloat64).reshape({ -1, 1 });
    const ZeroMeanMixture fit = fitZeroMeanMixture(t.r - t.n_r, 3, 20);
    const auto density = (fit.weights * torch::exp(-streaks.square() / (2 * fit.variances))
        / torch::sqrt(2 * M_PI * fit.variances))
                             .sum(1);
    EXPECT_NEAR(values.at("gmm"), -torch::log(density).mean().item<double>(), 1e-4);
    // L_p is off without VGG-16 weights, and the notices say so.
    EXPECT_EQ(values.count("p"), 0u);
}

// L_p (eq. 10) with weights written by Debian's PyTorch (the vgg16 test fixture): the mean square
// of the difference of VGG-16 relu2_2 features of n_r and r, and it trains G_N.
TEST(DerainCycleGan, PerceptualTermWithVggWeights)
{
    const char *dir = std::getenv("PLUVIA_VGG16_FIXTURE_DIR");
    ASSERT_TRUE(dir) << "PLUVIA_VGG16_FIXTURE_DIR is not set (ctest sets it)";
    const std::string file = std::string(dir) + "/vgg16.pt";
    auto method = tinyMethod(6, { "vgg_weights=" + file });
    method->prepareTraining();
    const TrainingBatch batch = rainBatch(6);
    const auto t = method->translate(batch.at("real_rainy").rainy, batch.at("clean").clean);
    const auto terms = method->generatorTerms(t);
    Vgg16Features vgg(Vgg16Layer::Relu2_2);
    loadVgg16Weights(vgg, file);
    double expected = 0;
    {
        torch::NoGradGuard noGrad;
        expected = (vgg->forward(t.n_r) - vgg->forward(t.r)).square().mean().item<double>();
    }
    bool found = false;
    for (const LossTerm &term : terms)
        if (term.name == "p") {
            found = true;
            EXPECT_NEAR(term.value.item<double>(), expected, 1e-5 * std::max(1.0, expected));
            EXPECT_DOUBLE_EQ(term.weight, 0.01);
            EXPECT_TRUE(term.value.requires_grad()); // it trains
        }
    EXPECT_TRUE(found);

    auto detached = tinyMethod(6, { "vgg_weights=" + file, "perceptual_gradient=detached" });
    detached->prepareTraining();
    for (const LossTerm &term : detached->generatorTerms(t))
        if (term.name == "p") {
            EXPECT_EQ(term.weight, 0.0);
            EXPECT_FALSE(term.value.requires_grad());
        }
    const auto notices = findMethod("deraincyclegan")->notices;
    Params params;
    ASSERT_EQ(resolveParams(*findMethod("deraincyclegan"), "reference-code",
                  { "vgg_weights=" + file }, &params),
        "");
    ASSERT_EQ(notices(params).size(), 1u);
    EXPECT_NE(notices(params)[0].find("trains nothing"), std::string::npos);
}

TEST(DerainCycleGan, MissingOrBrokenVggWeightsAreNamed)
{
    Params params;
    ASSERT_EQ(resolveParams(*findMethod("deraincyclegan"), "paper", {}, &params), "");
    const auto notices = findMethod("deraincyclegan")->notices(params);
    ASSERT_EQ(notices.size(), 1u);
    EXPECT_NE(notices[0].find("L_p"), std::string::npos);
    EXPECT_NE(notices[0].find("off"), std::string::npos);

    const std::string broken = testing::TempDir() + "not-vgg.pt";
    std::ofstream(broken) << "these are not weights";
    auto method = tinyMethod(7, { "vgg_weights=" + broken });
    try {
        method->prepareTraining();
        ADD_FAILURE() << "a broken weights file was accepted";
    } catch (const std::exception &e) {
        EXPECT_NE(std::string(e.what()).find(broken), std::string::npos) << e.what();
    }
    // Derain needs no weights file: the method builds without reading it.
    EXPECT_EQ(method->derain(torch::rand({ 1, 3, 16, 16 }), false).background.size(2), 16);
}

// The identity option (CycleGAN's, not the paper's): L1 between a rain-free image and what G_N
// makes of it with its own mask, with and without residual learning.
TEST(DerainCycleGan, IdentityTermIsGnOnRainFreeImages)
{
    const TrainingBatch batch = rainBatch(9);
    for (const char *residual : { "false", "true" }) {
        auto method = tinyMethod(9,
            { "use_identity=true", "lambda_identity=3",
                std::string("residual_learning=") + residual });
        const auto t = method->translate(batch.at("real_rainy").rainy, batch.at("clean").clean);
        const auto terms = method->generatorTerms(t);
        torch::NoGradGuard noGrad;
        auto *gn = network<ContextualAutoencoderImpl>(*method, "G_N");
        const auto out = gn->forward(torch::cat({ t.n, t.att_n }, 1));
        const auto mapped = std::string(residual) == "true" ? t.n - out : out;
        bool found = false;
        for (const LossTerm &term : terms)
            if (term.name == "idt/n") {
                found = true;
                EXPECT_NEAR(
                    term.value.item<double>(), (mapped - t.n).abs().mean().item<double>(), 1e-6)
                    << residual;
                EXPECT_DOUBLE_EQ(term.weight, 3.0);
            }
        EXPECT_TRUE(found) << residual;
    }
    auto paper = tinyMethod(9); // off by default: the paper has no such term
    const auto names = namesOf(paper->generatorTerms(
        paper->translate(batch.at("real_rainy").rainy, batch.at("clean").clean)));
    EXPECT_EQ(names.count("idt/n"), 0u);
}

TEST(DerainCycleGan, AblationsRemoveTheirTerms)
{
    const TrainingBatch batch = rainBatch(8);
    const std::map<std::string, std::set<std::string>> removed = {
        { "use_adv=false", { "adv/n_r", "adv/r_n" } },
        { "use_att=false", { "att/r", "att/n" } },
        { "use_cc=false", { "cc/r", "cc/n" } },
        { "use_gmm=false", { "gmm" } },
        { "use_recon=false", { "r" } },
        { "attention_domains=clean_only", { "att/r" } },
    };
    auto full = tinyMethod(8);
    const auto all = namesOf(full->generatorTerms(
        full->translate(batch.at("real_rainy").rainy, batch.at("clean").clean)));
    EXPECT_EQ(all,
        (std::set<std::string> {
            "adv/n_r", "adv/r_n", "att/r", "att/n", "cc/r", "cc/n", "gmm", "r" }));
    for (const auto &[flag, gone] : removed) {
        auto method = tinyMethod(8, { flag });
        const auto names = namesOf(method->generatorTerms(
            method->translate(batch.at("real_rainy").rainy, batch.at("clean").clean)));
        std::set<std::string> expected;
        for (const std::string &name : all)
            if (!gone.count(name))
                expected.insert(name);
        EXPECT_EQ(names, expected) << flag;
    }
    auto noAdversary = tinyMethod(8, { "use_adv=false" });
    EXPECT_TRUE(noAdversary
                    ->discriminatorStep(noAdversary->translate(
                        batch.at("real_rainy").rainy, batch.at("clean").clean))
                    .empty());
}

TEST(DerainCycleGan, GeneratorAndDiscriminatorStepsAreSeparate)
{
    auto method = tinyMethod(9);
    const TrainingBatch batch = rainBatch(9);
    const TrainingPlan plan { 10, 5 };
    method->prepareStep(stepContext(method->stages(plan), plan, 0, false));
    const auto t = method->translate(batch.at("real_rainy").rainy, batch.at("clean").clean);
    const std::vector<std::string> generators = { "U-ARSE", "G_N", "G_R" },
                                   discriminators = { "D_R", "D_N" };
    const auto dBefore = test::snapshot(*method, discriminators),
               gBefore = test::snapshot(*method, generators);
    method->generatorStep(t);
    EXPECT_TRUE(test::unchanged(dBefore, test::snapshot(*method, discriminators)));
    EXPECT_FALSE(test::unchanged(gBefore, test::snapshot(*method, generators)));
    const auto gAfter = test::snapshot(*method, generators);
    method->discriminatorStep(t);
    EXPECT_TRUE(test::unchanged(gAfter, test::snapshot(*method, generators)));
    EXPECT_FALSE(test::unchanged(dBefore, test::snapshot(*method, discriminators)));
}

// 1e-4 until lr_decay_start_epoch / epochs of the run, then linearly to 0 at its end (§4), for
// every network: at step s of 400, 1e-4 · (1 − (s/400 − 0.5)/0.5).
TEST(DerainCycleGan, LearningRateDecaysAfterHalfTheRun)
{
    auto method
        = tinyMethod(10, { "learning_rate=0.0001", "epochs=400", "lr_decay_start_epoch=200" });
    const TrainingPlan plan { 400, 1 };
    const auto stages = method->stages(plan);
    for (auto [step, lr] : { std::pair { 0, 1e-4 }, { 199, 1e-4 }, { 300, 5e-5 }, { 399, 5e-7 } }) {
        method->prepareStep(stepContext(stages, plan, step));
        EXPECT_NEAR(method->learningRate("generators", "G_N"), lr, 1e-12) << step;
        EXPECT_NEAR(method->learningRate("discriminators", "D_R"), lr, 1e-12) << step;
    }
}

TEST(DerainCycleGan, StateRoundTripContinuesIdentically)
{
    const TrainingPlan plan { 20, 10 };
    auto batchAt = [](int step) { return rainBatch(100 + step); };
    auto original = tinyMethod(11, { "pool_size=3" });
    test::trainSteps(*original, plan, 0, 4, batchAt);
    auto restored = tinyMethod(98, { "pool_size=3" });
    test::copyState<Method>(*original, *restored);
    EXPECT_EQ(test::trainSteps(*original, plan, 4, 3, batchAt).values,
        test::trainSteps(*restored, plan, 4, 3, batchAt).values);
}

// A short run on tiny rainy/rain-free sets lowers the cycle terms and the attention loss.
TEST(DerainCycleGan, ShortRunLowersCycleAndAttention)
{
    auto method = tinyMethod(12, { "learning_rate=0.001", "residual_learning=true" });
    const auto series = test::trainSteps(*method, { 100, 10 }, 0, 100, [](int step) {
        return rainBatch(step % 6);
    }).byName;
    auto mean = [](const std::vector<double> &v, size_t from, size_t to) {
        double sum = 0;
        for (size_t i = from; i < to; ++i)
            sum += v[i];
        return sum / double(to - from);
    };
    std::map<std::string, std::vector<double>> watched
        = { { "cc/r", series.at("cc/r") }, { "cc/n", series.at("cc/n") }, { "att", {} } };
    for (size_t i = 0; i < series.at("att/r").size(); ++i) // the two priors pull apart: their sum
        watched["att"].push_back(series.at("att/r")[i] + series.at("att/n")[i]);
    for (const auto &[name, v] : watched) {
        const double first = mean(v, 0, 10), last = mean(v, v.size() - 10, v.size());
        EXPECT_LT(last, 0.8 * first) << name << ": " << first << " -> " << last;
    }
}

// r_n = G_R(Att(n), n) without a source; a rainy source steers it through its own mask.
TEST(DerainCycleGan, RainmakingAndRainFeatures)
{
    auto method = tinyMethod(13);
    const auto clean = torch::rand({ 1, 3, 24, 28 });
    const auto own = method->generate(clean, {});
    EXPECT_GE(own.min().item<float>(), 0.0f);
    EXPECT_LE(own.max().item<float>(), 1.0f);
    {
        torch::NoGradGuard noGrad;
        auto *gr = network<ContextualAutoencoderImpl>(*method, "G_R");
        auto *att = network<UArseImpl>(*method, "U-ARSE");
        gr->eval();
        att->eval();
        const auto expected = gr->forward(torch::cat({ clean, att->forward(clean).back() }, 1));
        EXPECT_LT((own - expected.clamp(0, 1)).abs().max().item<double>(), 1e-6);
    }
    const auto steered = method->generate(clean, (clean + 0.3).clamp(0, 1));
    EXPECT_GT((steered - own).abs().max().item<double>(), 1e-4);

    const TrainingBatch batch = rainBatch(13);
    const auto groups = method->rainFeatures(batch);
    std::vector<std::string> names, roles;
    for (const RainFeatureGroup &g : groups) {
        names.push_back(g.group);
        roles.push_back(g.role);
        EXPECT_EQ(g.rain.sizes(), g.image.sizes()) << g.group;
    }
    EXPECT_EQ(names,
        (std::vector<std::string> { "rainy decomposed", "rainy regenerated", "rain-free generated",
            "rain-free redecomposed" }));
    EXPECT_EQ(roles, (std::vector<std::string> { "real_rainy", "real_rainy", "clean", "clean" }));
    EXPECT_TRUE(groups[0].image.equal(batch.at("real_rainy").rainy));
    const auto features = method->layerFeatures("D_R.penultimate", groups[0]);
    EXPECT_EQ(features.dim(), 2);
    EXPECT_EQ(features.size(0), 2);
}

TEST(DerainCycleGan, ReferenceCodeAndQuickPresetsTrain)
{
    for (const char *preset : { "reference-code", "quick" }) {
        auto method = tinyMethod(14, {}, preset);
        const auto losses
            = test::trainSteps(*method, { 4, 2 }, 0, 2, [](int step) { return rainBatch(step); });
        for (double v : losses.values)
            EXPECT_TRUE(std::isfinite(v)) << preset;
        // Both take the public code's losses; quick adds the identity term.
        EXPECT_EQ(losses.byName.count("gmm"), 0u) << preset;
        EXPECT_EQ(losses.byName.count("att/r"), 0u) << preset;
        EXPECT_EQ(losses.byName.count("att/n"), 1u) << preset;
        EXPECT_EQ(losses.byName.count("idt/n"), std::string(preset) == "quick" ? 1u : 0u);
    }
}
