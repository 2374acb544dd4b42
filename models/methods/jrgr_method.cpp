// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/methods/jrgr_method.h"

#include "models/networks/patch_discriminator.h"
#include "models/networks/pix2pix_unet.h"
#include "models/networks/resnet_generator.h"
#include "models/networks/unet.h"

#include <torch/torch.h>

#include <cmath>

namespace pluvia::models {

namespace {

constexpr const char *kSynthetic = "synthetic_paired";
constexpr const char *kReal = "real_rainy";
constexpr const char *kBackgrounds = "clean_backgrounds";

ParamSchema schema()
{
    ParamSchema s;
    s.integer("batch_size", 16, 1, 1024, "data", "images per step and role", "JRGR §3.3")
        .integer(
            "crop_size", 256, 24, 4096, "data", "side of the square training crops", "JRGR §3.3")
        .flag("random_flip", true, "data", "mirror training crops at random",
            "Pluvia's choice (CycleGAN's usual augmentation)")
        .integer("epochs", 300, 1, 100000, "schedule",
            "passes over the synthetic pairs in all: pre-training, then joint training",
            "JRGR §3.3: 100 + 200")
        .integer("pretrain_epochs", 100, 0, 100000, "schedule",
            "of those, epochs pre-training the removal networks with MSE on the pairs", "JRGR §3.3")
        .choice("init", "pretrain_both", { "pretrain_both", "none", "synthetic_only" }, "schedule",
            "what is pre-trained: both removal nets (the paper), nothing (Table 2 Init-1), F_s "
            "only "
            "(Init-2)",
            "JRGR §3.3, Table 2")
        .real("learning_rate", 1e-4, 1e-8, 1.0, "optimisation",
            "Adam learning rate of the generators, the discriminators and pre-training",
            "JRGR §3.3")
        .real("lr_divisor_real", 10, 1, 1e6, "optimisation",
            "joint stage: F_r's rate is learning_rate / this (when F_r was pre-trained)",
            "JRGR §3.3")
        .real("lr_divisor_synthetic", 100, 1, 1e6, "optimisation",
            "joint stage: F_s's rate is learning_rate / this (when F_s was pre-trained)",
            "JRGR §3.3")
        .choice("lr_policy", "constant", { "constant", "linear" }, "optimisation",
            "linear: constant for the first half of the joint stage, then linearly to 0",
            "JRGR §3.3 (constant); linear is the public code's")
        .real("adam_beta1", 0.9, 0.0, 0.999999, "optimisation", "Adam β1",
            "PyTorch's default (the paper does not say); the public code uses 0.5")
        .real("adam_beta2", 0.999, 0.0, 0.999999, "optimisation", "Adam β2", "PyTorch's default")
        .real("lambda_adv", 10, 0, 1e4, "loss", "weight of the adversarial terms (eq. 8)",
            "JRGR §3.3")
        .real(
            "lambda_cyc", 1, 0, 1e4, "loss", "weight of the four cycle terms (eq. 8)", "JRGR §3.3")
        .real("lambda_mse", 10, 0, 1e4, "loss", "weight of the MSE terms (eqs. 7, 8)", "JRGR §3.3")
        .real("alpha", 4, 0, 1e4, "loss", "weight of real backgrounds in D_B's objective (eq. 3)",
            "JRGR §3.3")
        .choice("gan_loss", "log", { "log", "lsgan" }, "loss",
            "log: the paper's eqs. 3–4 (cross-entropy); lsgan: least squares",
            "JRGR eqs. 3–4; lsgan is the public code's")
        .real("d_loss_scale", 1, 0, 10, "loss",
            "factor on each discriminator's objective (CycleGAN halves it)",
            "Pluvia's reading of eq. 3 (1); the public code uses 0.5")
        .flag("use_adv_background", true, "ablation", "L_adv^B (Table 2: w/o L_adv^B)",
            "JRGR Table 2")
        .flag("use_adv_rainy", true, "ablation", "L_adv^Os and L_adv^Or (w/o L_adv^O)",
            "JRGR Table 2")
        .flag("use_cycle", true, "ablation", "the four cycle terms (w/o L_cyc)", "JRGR Table 2")
        .flag("use_mse", true, "ablation", "the MSE terms (w/o L_MSE)", "JRGR Table 2")
        .integer("pool_size", 50, 0, 10000, "loss",
            "history of generated images per discriminator input (0: none)",
            "JRGR §3.2 following CycleGAN [42]")
        .choice("removal_net", "unet", { "unet", "unet_128" }, "network",
            "F_s, F_r: Pluvia's U-Net (the paper's text) or pix2pix's unet_128 (the public code)",
            "JRGR §3.3")
        .choice("generator_net", "unet", { "unet", "resnet_9blocks" }, "network",
            "G_s, G_r: U-Net (the paper's text) or CycleGAN's 9-block ResNet (the public code)",
            "JRGR §3.3")
        .integer("unet_levels", 4, 2, 6, "network", "resolutions of the U-Nets", "U-Net")
        .integer(
            "base_channels", 64, 4, 256, "network", "channels at full resolution", "U-Net, pix2pix")
        .real("width_multiplier", 1.0, 0.0625, 4.0, "network",
            "scales the U-Nets' channels (the quick preset uses 0.25)", "Pluvia option")
        .choice("net_norm", "batch", { "batch", "instance", "none" }, "network",
            "normalisation of unet_128 and the ResNet generators", "pix2pix / CycleGAN defaults")
        .integer("disc_channels", 64, 4, 256, "network", "PatchGAN base channels (ndf)", "PatchGAN")
        .integer(
            "disc_layers", 3, 1, 5, "network", "PatchGAN layers (3: 70×70 patches)", "PatchGAN")
        .choice("disc_norm", "instance", { "instance", "batch", "none" }, "network",
            "normalisation of the discriminators",
            "Pluvia's choice for the paper (CycleGAN's); the public code's")
        .choice("background_disc_input", "image", { "image", "highpass" }, "loss",
            "what D_B judges: the background (eq. 3), or its detail above a 9×9 box blur, so D_B "
            "can tell rain streaks left in B but not the colour and tone of other photographs",
            "JRGR eq. 3 (image); highpass is a Pluvia option")
        .flag("residual_learning", false, "network",
            "F estimates the rain layer and returns O − R̂; G returns its input rain plus a "
            "change: both start near the identity, so an untrained or adversarially pushed "
            "network cannot repaint the whole image",
            "Pluvia option (the paper: B̂ = F(O), Õ = B̂ + G(R̂), with plain U-Nets)")
        .choice("image_range", "unit", { "unit", "signed" }, "network",
            "the networks' image space: [0, 1], or [-1, 1] as the public code (R = O − B there)",
            "Pluvia's choice for the paper; the public code's");
    return s;
}

torch::nn::AnyModule removalNet(const Params &p)
{
    if (p.text("removal_net") == "unet_128")
        return torch::nn::AnyModule(Pix2PixUNet(Pix2PixUNetOptions {
            3, 3, 7, int(p.integer("base_channels")), parseNormKind(p.text("net_norm")) }));
    return torch::nn::AnyModule(UNet(UNetOptions { 3, 3, int(p.integer("unet_levels")),
        int(p.integer("base_channels")), p.real("width_multiplier") }));
}

torch::nn::AnyModule generatorNet(const Params &p)
{
    if (p.text("generator_net") == "resnet_9blocks")
        return torch::nn::AnyModule(ResnetGenerator(ResnetGeneratorOptions {
            3, 3, int(p.integer("base_channels")), 9, parseNormKind(p.text("net_norm")) }));
    return torch::nn::AnyModule(UNet(UNetOptions { 3, 3, int(p.integer("unet_levels")),
        int(p.integer("base_channels")), p.real("width_multiplier") }));
}

torch::nn::AnyModule discriminator(const Params &p)
{
    return torch::nn::AnyModule(
        PatchDiscriminator(PatchDiscriminatorOptions { 3, int(p.integer("disc_channels")),
            int(p.integer("disc_layers")), parseNormKind(p.text("disc_norm")) }));
}

} // namespace

MethodDescription JrgrMethod::describe()
{
    MethodDescription d;
    d.id = "jrgr";
    d.name = "JRGR: joint rain generation and removal";
    d.paper = "Ye, Chang, Zhou, Yan. Closing the Loop: Joint Rain Generation and Removal via "
              "Disentangled Image Translation. CVPR 2021";
    d.summary = "Removal networks split rainy images into background and rain; generators "
                "translate rain layers between synthetic and real rain; cycles, background and "
                "rainy-image discriminators and the synthetic pairs' MSE train them jointly. "
                "F_r derains real rain.";
    d.roles = {
        { kSynthetic, DataKind::Paired, RoleContent::RainyAndClean, true, "",
            "synthetic rainy images with their clean backgrounds (O_s, B)" },
        { kReal, DataKind::Unpaired, RoleContent::Rainy, true, "", "real rainy images (O_r)" },
        { kBackgrounds, DataKind::Unpaired, RoleContent::Clean, false, kSynthetic,
            "clean backgrounds D_B learns as real (eq. 3)" },
    };
    d.networks = { "F_s", "F_r", "G_s", "G_r", "D_B", "D_Os", "D_Or" };
    d.canGenerate = true;
    // The rainy-image discriminators of eq. 4 judge exactly the domain question the map asks:
    // is this rain real or synthetic, decomposed or generated? (D_B is not offered: a generated
    // group's background is its source group's, so its features pair the domains up.)
    d.featureLayers = {
        { "D_Or.penultimate",
            "D_Or's activations before its patch logits on the rainy image, averaged over "
            "patches (D_Or tells real rainy images from generated real-style ones, eq. 4)" },
        { "D_Os.penultimate",
            "D_Os's activations before its patch logits on the rainy image, averaged over "
            "patches (D_Os tells synthetic rainy images from generated synthetic-style ones)" },
    };
    d.schema = schema();
    d.presets = {
        { "paper",
            "the paper's text: U-Nets, PatchGANs, log GAN loss, α 4, λ 10/1/10, Adam 1e-4, "
            "batch 16, 256² crops, 100 + 200 epochs",
            {} },
        { "reference-code",
            "the public code (guyii54/JRGR): unet_128 removal nets, 9-block ResNet generators, "
            "BatchNorm, InstanceNorm PatchGANs, LSGAN, weights MSE 40 / GAN 4 / cycle 40, no α, "
            "Adam 1e-5 β1 0.5, batch 1, linear decay, images in [-1, 1]",
            { { "removal_net", std::string("unet_128") },
                { "generator_net", std::string("resnet_9blocks") },
                { "net_norm", std::string("batch") }, { "disc_norm", std::string("instance") },
                { "gan_loss", std::string("lsgan") }, { "lambda_mse", 40.0 }, { "lambda_adv", 4.0 },
                { "lambda_cyc", 40.0 }, { "alpha", 1.0 }, { "d_loss_scale", 0.5 },
                { "learning_rate", 1e-5 }, { "adam_beta1", 0.5 }, { "batch_size", std::int64_t(1) },
                { "lr_policy", std::string("linear") },
                { "image_range", std::string("signed") } } },
        { "quick",
            "CPU-friendly: 16-channel 3-level U-Nets, 16-channel PatchGANs, batch 2, 64² crops, "
            "10 + 20 epochs; the losses move within minutes on the demo workspace",
            { { "batch_size", std::int64_t(2) }, { "crop_size", std::int64_t(64) },
                { "width_multiplier", 0.25 }, { "unet_levels", std::int64_t(3) },
                { "disc_channels", std::int64_t(16) }, { "epochs", std::int64_t(30) },
                { "pretrain_epochs", std::int64_t(10) }, { "learning_rate", 2e-4 } } },
    };
    return d;
}

JrgrMethod::JrgrMethod(const Params &params, c10::Device device, std::uint64_t seed)
    : Method(params, device, seed)
    , m_signed(params.text("image_range") == "signed")
    , m_lsgan(params.text("gan_loss") == "lsgan")
    , m_residual(params.flag("residual_learning"))
    , m_highpassBackgrounds(params.text("background_disc_input") == "highpass")
    , m_Fs(removalNet(params))
    , m_Fr(removalNet(params))
    , m_Gs(generatorNet(params))
    , m_Gr(generatorNet(params))
    , m_DB(discriminator(params))
    , m_DOs(discriminator(params))
    , m_DOr(discriminator(params))
{
    if (params.integer("pretrain_epochs") >= params.integer("epochs"))
        throw std::invalid_argument("pretrain_epochs must be smaller than epochs");
    addNetwork("F_s", *m_Fs.ptr());
    addNetwork("F_r", *m_Fr.ptr());
    addNetwork("G_s", *m_Gs.ptr());
    addNetwork("G_r", *m_Gr.ptr());
    addNetwork("D_B", *m_DB.ptr());
    addNetwork("D_Os", *m_DOs.ptr());
    addNetwork("D_Or", *m_DOr.ptr());

    const double lr = params.real("learning_rate");
    const auto adam = torch::optim::AdamOptions(lr).betas(
        { params.real("adam_beta1"), params.real("adam_beta2") });
    // The public code's policy: constant through the first half of the joint stage, then linear
    // to zero; expressed in fractions of the whole run.
    const double pretrain
        = double(params.integer("pretrain_epochs")) / double(params.integer("epochs"));
    const Schedule schedule = params.text("lr_policy") == "linear"
        ? Schedule::linear(1.0, 0.0, pretrain + (1.0 - pretrain) / 2.0, 1.0)
        : Schedule::constant(1.0);
    addOptimiser("generators", { "F_s", "F_r", "G_s", "G_r" }, lr, schedule, Method::adam(adam));
    addOptimiser("discriminators", { "D_B", "D_Os", "D_Or" }, lr, schedule, Method::adam(adam));

    const int pool = int(params.integer("pool_size"));
    m_poolBs = &addImagePool("B_s", pool);
    m_poolBtr = &addImagePool("Bt_r", pool);
    m_poolBr = &addImagePool("B_r", pool);
    m_poolBts = &addImagePool("Bt_s", pool);
    m_poolOtr = &addImagePool("Ot_r", pool);
    m_poolOts = &addImagePool("Ot_s", pool);

    if (params.text("removal_net") == "unet_128") {
        // Seven 4×4 stride-2 convolutions down and up: each adds twice its scale to the reach.
        m_geometry = { 128, 4 * (128 - 1) };
    } else {
        const UNetOptions options { 3, 3, int(params.integer("unet_levels")),
            int(params.integer("base_channels")), params.real("width_multiplier") };
        m_geometry = { options.alignment(), options.receptiveRadius() };
    }
}

const MethodDescription &JrgrMethod::description() const
{
    static const MethodDescription d = describe();
    return d;
}

std::vector<Stage> JrgrMethod::stages(const TrainingPlan &plan) const
{
    const std::string init = params().text("init");
    const double divisorReal = params().real("lr_divisor_real");
    const double divisorSynthetic = params().real("lr_divisor_synthetic");
    const std::map<std::string, double> generatorsOff
        = { { "G_s", 0.0 }, { "G_r", 0.0 }, { "D_B", 0.0 }, { "D_Os", 0.0 }, { "D_Or", 0.0 } };
    if (init == "none" || params().integer("pretrain_epochs") == 0)
        return { { "joint", 0, {} } }; // Table 2, Init-1: everything trained together
    // The pre-training stage is the same share of the run as pretrain_epochs of epochs, so a
    // run shortened with --steps keeps the paper's proportions.
    const auto boundary = std::int64_t(std::llround(double(plan.totalSteps)
        * double(params().integer("pretrain_epochs")) / double(params().integer("epochs"))));
    Stage pre { "pre-train", 0, generatorsOff };
    Stage joint { "joint", std::max<std::int64_t>(1, boundary),
        { { "F_s", 1.0 / divisorSynthetic }, { "F_r", 1.0 / divisorReal } } };
    if (init == "synthetic_only") { // Table 2, Init-2: F_r starts untrained, at the full rate
        pre.lrMultiplier["F_r"] = 0.0;
        joint.lrMultiplier["F_r"] = 1.0;
    }
    return { pre, joint };
}

at::Tensor JrgrMethod::toModel(const at::Tensor &image) const
{
    return m_signed ? image * 2.0 - 1.0 : image;
}

at::Tensor JrgrMethod::fromModel(const at::Tensor &image) const
{
    return m_signed ? (image + 1.0) * 0.5 : image;
}

at::Tensor JrgrMethod::judgeBackground(const at::Tensor &background)
{
    if (!m_highpassBackgrounds)
        return run(m_DB, background);
    namespace F = torch::nn::functional;
    const at::Tensor blurred = F::avg_pool2d(
        background, F::AvgPool2dFuncOptions(9).stride(1).padding(4).count_include_pad(false));
    return run(m_DB, background - blurred);
}

at::Tensor JrgrMethod::ganLoss(const at::Tensor &logits, bool real) const
{
    const at::Tensor target = real ? torch::ones_like(logits) : torch::zeros_like(logits);
    return m_lsgan ? torch::mse_loss(logits, target)
                   : torch::binary_cross_entropy_with_logits(logits, target);
}

JrgrMethod::Translation JrgrMethod::translate(
    const at::Tensor &syntheticRainy, const at::Tensor &realRainy)
{
    Translation t;
    t.O_s = toModel(syntheticRainy.to(device()));
    t.B_s = removeRain(m_Fs, t.O_s);
    t.Ot_r = t.B_s + translateRain(m_Gr, t.O_s - t.B_s);
    t.Bt_r = removeRain(m_Fr, t.Ot_r);
    t.Oh_s = t.Bt_r + translateRain(m_Gs, t.Ot_r - t.Bt_r);
    t.O_r = toModel(realRainy.to(device()));
    t.B_r = removeRain(m_Fr, t.O_r);
    t.Ot_s = t.B_r + translateRain(m_Gs, t.O_r - t.B_r);
    t.Bt_s = removeRain(m_Fs, t.Ot_s);
    t.Oh_r = t.Bt_s + translateRain(m_Gr, t.Ot_s - t.Bt_s);
    return t;
}

std::vector<LossTerm> JrgrMethod::generatorTerms(const Translation &t, const at::Tensor &clean)
{
    const double adv = params().real("lambda_adv"), cyc = params().real("lambda_cyc"),
                 mse = params().real("lambda_mse");
    std::vector<LossTerm> terms;
    if (params().flag("use_adv_background")) { // eq. 3, the removal networks' side
        terms.push_back({ "adv/B_s", ganLoss(judgeBackground(t.B_s), true), adv });
        terms.push_back({ "adv/Bt_r", ganLoss(judgeBackground(t.Bt_r), true), adv });
        terms.push_back({ "adv/B_r", ganLoss(judgeBackground(t.B_r), true), adv });
        terms.push_back({ "adv/Bt_s", ganLoss(judgeBackground(t.Bt_s), true), adv });
    }
    if (params().flag("use_adv_rainy")) { // eq. 4 and its synthetic twin
        terms.push_back({ "adv/Ot_r", ganLoss(run(m_DOr, t.Ot_r), true), adv });
        terms.push_back({ "adv/Ot_s", ganLoss(run(m_DOs, t.Ot_s), true), adv });
    }
    if (params().flag("use_cycle")) { // eqs. 5–6 and their twins
        terms.push_back({ "cyc/O_s", torch::l1_loss(t.Oh_s, t.O_s), cyc });
        terms.push_back({ "cyc/O_r", torch::l1_loss(t.Oh_r, t.O_r), cyc });
        terms.push_back({ "cyc/B_s", torch::l1_loss(t.Bt_r, t.B_s), cyc });
        terms.push_back({ "cyc/B_r", torch::l1_loss(t.Bt_s, t.B_r), cyc });
    }
    if (params().flag("use_mse")) { // eq. 7
        const at::Tensor b = toModel(clean.to(device()));
        terms.push_back({ "mse/B_s", torch::mse_loss(t.B_s, b), mse });
        terms.push_back({ "mse/Bt_r", torch::mse_loss(t.Bt_r, b), mse });
    }
    return terms;
}

std::vector<LossTerm> JrgrMethod::generatorStep(const Translation &t, const at::Tensor &clean)
{
    setRequiresGrad({ "D_B", "D_Os", "D_Or" }, false);
    std::vector<LossTerm> terms = minimise(generatorTerms(t, clean), "generators");
    setRequiresGrad({ "D_B", "D_Os", "D_Or" }, true);
    return terms;
}

std::vector<LossTerm> JrgrMethod::discriminatorStep(
    const Translation &t, const at::Tensor &backgrounds)
{
    const double scale = params().real("d_loss_scale");
    std::vector<LossTerm> reported;
    at::Tensor total;
    auto add = [&](const char *name, const at::Tensor &value) {
        reported.push_back({ name, value.detach(), 1.0 });
        total = total.defined() ? total + value : value;
    };
    if (params().flag("use_adv_background")) { // eq. 3, D_B's side: α log D(B) + Σ log(1 − D(fake))
        const at::Tensor real = toModel(backgrounds.to(device()));
        at::Tensor loss = params().real("alpha") * ganLoss(judgeBackground(real), true);
        const std::pair<ImagePool *, const at::Tensor *> fakes[] = { { m_poolBs, &t.B_s },
            { m_poolBtr, &t.Bt_r }, { m_poolBr, &t.B_r }, { m_poolBts, &t.Bt_s } };
        for (const auto &[pool, fake] : fakes)
            loss = loss + ganLoss(judgeBackground(pool->query(*fake, generator())), false);
        add("D/B", scale * loss);
    }
    if (params().flag("use_adv_rainy")) { // eq. 4 and its twin, the discriminators' side
        add("D/O_r",
            scale
                * (ganLoss(run(m_DOr, t.O_r.detach()), true)
                    + ganLoss(run(m_DOr, m_poolOtr->query(t.Ot_r, generator())), false)));
        add("D/O_s",
            scale
                * (ganLoss(run(m_DOs, t.O_s.detach()), true)
                    + ganLoss(run(m_DOs, m_poolOts->query(t.Ot_s, generator())), false)));
    }
    if (total.defined()) {
        torch::optim::Optimizer &optimiser = this->optimiser("discriminators");
        optimiser.zero_grad();
        total.backward();
        optimiser.step();
    }
    return reported;
}

std::vector<LossTerm> JrgrMethod::pretrainTerms(
    const at::Tensor &syntheticRainy, const at::Tensor &clean)
{
    const at::Tensor o = toModel(syntheticRainy.to(device())), b = toModel(clean.to(device()));
    std::vector<LossTerm> terms
        = { { "pretrain/F_s", torch::mse_loss(removeRain(m_Fs, o), b), 1.0 } };
    if (params().text("init") == "pretrain_both")
        terms.push_back({ "pretrain/F_r", torch::mse_loss(removeRain(m_Fr, o), b), 1.0 });
    return terms;
}

std::vector<LossTerm> JrgrMethod::pretrainStep(
    const at::Tensor &syntheticRainy, const at::Tensor &clean)
{
    return minimise(pretrainTerms(syntheticRainy, clean), "generators");
}

bool JrgrMethod::pretraining(const StepContext &context) const
{
    return context.stage.name == "pre-train";
}

StepObjective JrgrMethod::objective(const TrainingBatch &batch, const StepContext &context)
{
    setTrainingMode(true);
    const RoleBatch &synthetic = batch.at(kSynthetic);
    if (pretraining(context)) {
        std::vector<std::string> updates = { "F_s" };
        if (params().text("init") == "pretrain_both")
            updates.push_back("F_r");
        return { pretrainTerms(synthetic.rainy, synthetic.clean), updates };
    }
    return { generatorTerms(translate(synthetic.rainy, batch.at(kReal).rainy), synthetic.clean),
        { "F_s", "F_r", "G_s", "G_r" } };
}

StepResult JrgrMethod::trainStep(const TrainingBatch &batch, const StepContext &context)
{
    setTrainingMode(true);
    const RoleBatch &synthetic = batch.at(kSynthetic);
    StepResult result;
    if (pretraining(context)) {
        result.losses = pretrainStep(synthetic.rainy, synthetic.clean);
        return result;
    }
    const auto backgrounds = batch.find(kBackgrounds);
    const at::Tensor clean
        = backgrounds != batch.end() ? backgrounds->second.clean : synthetic.clean;
    const Translation t = translate(synthetic.rainy, batch.at(kReal).rainy);
    result.losses = generatorStep(t, synthetic.clean);
    for (LossTerm &term : discriminatorStep(t, clean))
        result.losses.push_back(std::move(term));
    if (context.wantVisuals) {
        // The ten images of Fig. 6: (a)–(e) for the real sample, (f)–(j) for the synthetic one.
        const std::pair<const char *, const at::Tensor *> images[]
            = { { "O_r", &t.O_r }, { "B_r", &t.B_r }, { "Ot_s", &t.Ot_s }, { "Bt_s", &t.Bt_s },
                  { "Oh_r", &t.Oh_r }, { "O_s", &t.O_s }, { "B_s", &t.B_s }, { "Ot_r", &t.Ot_r },
                  { "Bt_r", &t.Bt_r }, { "Oh_s", &t.Oh_s } };
        for (const auto &[name, image] : images)
            result.visuals.emplace_back(name, fromModel((*image)[0].detach()));
    }
    return result;
}

PublicWeightsLayout JrgrMethod::publicWeights() const
{
    // guyii54/JRGR saves each network as <epoch>_net_<name>.pth, a state dict without a
    // "module." prefix (raincycle_model.py: G1 = F_s, G2 = G_r, G3 = F_r, G4 = G_s; D_Ot judges
    // real rainy images); its pre-training writes the U-Net that initialises F_s and F_r as
    // UnetDerain. Its ResNet generators and PatchGANs carry the names Pluvia's do; its unet_128
    // nests its blocks (pix2pixUnetPublicKey).
    const KeyMapping same = [](const std::string &key) { return std::vector<std::string> { key }; };
    const KeyMapping nested = [](const std::string &key) {
        return std::vector<std::string> { pix2pixUnetPublicKey(key, 7) };
    };
    PublicWeightsLayout layout;
    layout.repository = "guyii54/JRGR";
    if (params().text("removal_net") == "unet_128") {
        layout.networks.push_back({ "F_s", { "G1", "UnetDerain" }, nested });
        layout.networks.push_back({ "F_r", { "G3", "UnetDerain" }, nested });
    }
    if (params().text("generator_net") == "resnet_9blocks") {
        layout.networks.push_back({ "G_s", { "G4" }, same });
        layout.networks.push_back({ "G_r", { "G2" }, same });
    }
    layout.networks.push_back({ "D_B", { "D_B" }, same });
    layout.networks.push_back({ "D_Os", { "D_Os" }, same });
    layout.networks.push_back({ "D_Or", { "D_Ot" }, same });
    return layout;
}

DerainOutput JrgrMethod::derain(const at::Tensor &rainy, bool withIntermediates)
{
    torch::NoGradGuard noGrad;
    setTrainingMode(false);
    const at::Tensor o = rainy.to(device());
    DerainOutput out;
    if (withIntermediates) {
        // Both loops of Fig. 6 from this one input: as a real image (B_r … Oh_r) and as a
        // synthetic one (B_s … Oh_s). B_r is the result.
        const Translation t = translate(o, o);
        const std::pair<const char *, const at::Tensor *> images[] = { { "B_r", &t.B_r },
            { "Ot_s", &t.Ot_s }, { "Bt_s", &t.Bt_s }, { "Oh_r", &t.Oh_r }, { "B_s", &t.B_s },
            { "Ot_r", &t.Ot_r }, { "Bt_r", &t.Bt_r }, { "Oh_s", &t.Oh_s } };
        for (const auto &[name, image] : images)
            out.intermediates.push_back({ name, fromModel(*image), false });
        out.background = fromModel(t.B_r).clamp(0, 1);
    } else {
        out.background = fromModel(removeRain(m_Fr, toModel(o))).clamp(0, 1);
    }
    out.rain = o - out.background;
    setTrainingMode(true);
    return out;
}

at::Tensor JrgrMethod::generate(const at::Tensor &clean, const at::Tensor &rainSource)
{
    torch::NoGradGuard noGrad;
    setTrainingMode(false);
    const at::Tensor b = toModel(clean.to(device()));
    const at::Tensor rainy
        = fromModel(b + translateRain(m_Gr, toModel(rainSource.to(device())) - b)).clamp(0, 1);
    setTrainingMode(true);
    return rainy;
}

std::vector<RainFeatureGroup> JrgrMethod::rainFeatures(const TrainingBatch &batch)
{
    torch::NoGradGuard noGrad;
    setTrainingMode(false);
    const Translation t = translate(batch.at(kSynthetic).rainy, batch.at(kReal).rainy);
    // Rain layers on the [0, 1] images' scale: model-space differences shrink by its range.
    const double scale = m_signed ? 0.5 : 1.0;
    std::vector<RainFeatureGroup> groups = { // Fig. 8's four groups
        { "synthetic decomposed", (t.O_s - t.B_s) * scale, kSynthetic, fromModel(t.O_s) },
        { "real generated", (t.Ot_r - t.B_s) * scale, kSynthetic, fromModel(t.Ot_r) },
        { "real decomposed", (t.O_r - t.B_r) * scale, kReal, fromModel(t.O_r) },
        { "synthetic generated", (t.Ot_s - t.B_r) * scale, kReal, fromModel(t.Ot_s) }
    };
    setTrainingMode(true);
    return groups;
}

at::Tensor JrgrMethod::layerFeatures(const std::string &name, const RainFeatureGroup &group)
{
    torch::nn::AnyModule *discriminator = name == "D_Or.penultimate" ? &m_DOr
        : name == "D_Os.penultimate"                                 ? &m_DOs
                                                                     : nullptr;
    if (!discriminator)
        return Method::layerFeatures(name, group); // throws, naming the layers there are
    torch::NoGradGuard noGrad;
    setTrainingMode(false);
    const at::Tensor activations
        = discriminator->get<PatchDiscriminator>()->penultimate(toModel(group.image.to(device())));
    setTrainingMode(true);
    return activations.mean({ 2, 3 });
}

InferenceGeometry JrgrMethod::inferenceGeometry() const
{
    return m_geometry;
}

} // namespace pluvia::models
