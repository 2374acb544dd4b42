// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/methods/deraincyclegan_method.h"

#include "models/framework/gaussian_mixture.h"

#include <torch/torch.h>

namespace pluvia::models {

namespace {

constexpr const char *kRainy = "real_rainy";
constexpr const char *kClean = "clean";

ParamSchema schema()
{
    ParamSchema s;
    s.integer("batch_size", 1, 1, 1024, "data", "images per step and role", "DerainCycleGAN §4")
        .integer("crop_size", 216, 24, 4096, "data", "side of the square training crops",
            "DerainCycleGAN §4")
        .flag("random_flip", true, "data", "mirror training crops at random", "DerainCycleGAN §4")
        .integer("epochs", 400, 1, 100000, "schedule", "passes over the rainy images",
            "DerainCycleGAN §4")
        .integer("lr_decay_start_epoch", 200, 0, 100000, "schedule",
            "the learning rate falls linearly to 0 from this epoch to the last (the same share "
            "of a run shortened with --steps or --time-limit)",
            "DerainCycleGAN §4 (\"decay with a policy of PyTorch after 200 epochs\": linear, as "
            "CycleGAN's)")
        .real("learning_rate", 1e-4, 1e-8, 1.0, "optimisation", "Adam learning rate of every net",
            "DerainCycleGAN §4")
        .real("adam_beta1", 0.9, 0.0, 0.999999, "optimisation", "Adam β1",
            "DerainCycleGAN §4 (\"momentum of 0.9\"); the public code uses 0.5")
        .real("adam_beta2", 0.999, 0.0, 0.999999, "optimisation", "Adam β2", "PyTorch's default")
        .real("weight_decay", 1e-4, 0.0, 1.0, "optimisation", "Adam weight decay (L2)",
            "DerainCycleGAN §4")
        .real("lambda_adv", 1, 0, 1e4, "loss", "weight of L_adv (eq. 6 and its twin)",
            "DerainCycleGAN §4")
        .real("lambda_att", 10, 0, 1e4, "loss", "weight of L_att (§3.2)", "DerainCycleGAN §4")
        .real("lambda_cc", 10, 0, 1e4, "loss", "weight of L_cc (eq. 9)", "DerainCycleGAN §4")
        .real("lambda_p", 0.01, 0, 1e4, "loss", "weight of L_p (eq. 10)", "DerainCycleGAN §4")
        .real("lambda_gmm", 10, 0, 1e4, "loss", "weight of L_gmm (eq. 12)", "DerainCycleGAN §4")
        .real("lambda_r", 10, 0, 1e4, "loss", "weight of L_r (eq. 13)", "DerainCycleGAN §4")
        .real("lambda_identity", 5, 0, 1e4, "loss", "weight of L_idt (use_identity)",
            "CycleGAN's 0.5 λ_cc")
        .flag("use_adv", true, "ablation", "the adversarial terms and discriminators",
            "DerainCycleGAN §3.4")
        .flag("use_att", true, "ablation", "the attention loss L_att", "DerainCycleGAN §3.4")
        .flag("use_cc", true, "ablation", "the cycle-consistency loss L_cc", "DerainCycleGAN §3.4")
        .flag("use_perceptual", true, "ablation", "the perceptual loss L_p (needs vgg_weights)",
            "DerainCycleGAN §3.4")
        .flag("use_gmm", true, "ablation", "the streak GMM loss L_gmm", "DerainCycleGAN §3.4")
        .flag("use_recon", true, "ablation", "the reconstruction loss L_r", "DerainCycleGAN §3.4")
        .flag("use_identity", false, "ablation",
            "L_idt = L1(G_N(Att(n), n), n): G_N leaves rain-free images as they are, so the "
            "adversarial term cannot buy realism with colour",
            "CycleGAN's identity loss (Zhu et al. 2017, §5.2), not in DerainCycleGAN")
        .choice("gan_loss", "log", { "log", "lsgan" }, "loss",
            "log: eq. 6 (sigmoid and cross-entropy); lsgan: least squares",
            "DerainCycleGAN eq. 6; lsgan is the public code's")
        .choice("generator_adv_scales", "all", { "all", "finest" }, "loss",
            "which discriminator scales the generators' adversarial term averages",
            "Pluvia's reading of §3.3 (all); finest is the public code's")
        .choice("attention_domains", "both", { "both", "clean_only" }, "loss",
            "L_att on rainy and rain-free images (§3.2), or rain-free only (the public code)",
            "DerainCycleGAN §3.2")
        .choice("attention_noise", "gaussian", { "gaussian", "uniform" }, "loss",
            "L_att's target on rainy images: N(0.5, 0.25²) clipped to (0, 1), or U[0, 1)",
            "Pluvia's reading of \"a Gaussian distribution on the interval (0, 1)\"; uniform "
            "is the public code's")
        .integer("gmm_components", 3, 1, 16, "loss", "K of the streak GMM (eq. 11)",
            "Pluvia's choice (SS-TL's usual K; the paper does not say)")
        .integer("gmm_em_iterations", 20, 1, 1000, "loss",
            "EM iterations refitting the GMM to each step's streaks", "Pluvia's choice")
        .path("vgg_weights", "loss",
            "torchvision VGG-16 ImageNet weights for L_p (a file written by torch.save of "
            "vgg16().state_dict(); docs/methods.md); empty: L_p is off")
        .choice("perceptual_layer", "relu2_2", { "relu2_2", "relu3_3" }, "loss",
            "VGG-16 layer of φ: relu2_2 (the paper's \"conv2,3\", read as the end of block 2) "
            "or relu3_3 (the public code's)",
            "DerainCycleGAN eq. 10")
        .choice("perceptual_gradient", "train", { "train", "detached" }, "loss",
            "train: L_p trains G_N and U-ARSE; detached: computed on detached features as the "
            "public code, so it is logged with weight 0 and trains nothing",
            "DerainCycleGAN eq. 10")
        .integer("pool_size", 50, 0, 10000, "loss",
            "history of generated images per discriminator (0: none)",
            "Pluvia's choice (CycleGAN's, which the method builds on)")
        .choice("attention_block", "hybrid", { "hybrid", "residual" }, "network",
            "U-ARSE's stage: the paper's hybrid block before the LSTM, or the public code's "
            "five residual blocks after it",
            "DerainCycleGAN §3.2")
        .integer("attention_features", 32, 4, 256, "network", "U-ARSE feature channels",
            "Pluvia's choice (the public code's)")
        .integer("attention_stages", 6, 1, 16, "network", "U-ARSE recurrent stages",
            "DerainCycleGAN §3.2")
        .choice("lstm_candidate", "tanh", { "tanh", "sigmoid" }, "network",
            "activation of the LSTM's candidate g (eq. 2 writes σ)",
            "Pluvia's choice (a standard LSTM's; the public code's)")
        .choice("generator_net", "full", { "full", "compact" }, "network",
            "G_N, G_R: the 16 Conv-ReLU contextual autoencoder of [28] (full; the public code's "
            "too) or a shorter one without the unstrided convolutions (compact, for CPU runs)",
            "DerainCycleGAN §3.3; compact is a Pluvia option")
        .integer("generator_channels", 64, 4, 256, "network",
            "generator channels at full resolution (×2, ×4 below)", "Attentive GAN [28]")
        .flag("residual_learning", false, "network",
            "G_N estimates the rain to subtract from its input and G_R the rain to add, so both "
            "start near the identity",
            "Pluvia option (the paper: the generators output the image)")
        .choice("image_range", "unit", { "unit", "signed" }, "network",
            "the networks' image space: [0, 1], or [-1, 1] as the public code (its released "
            "weights need it)",
            "Pluvia's choice for the paper; the public code's")
        .integer("disc_channels", 64, 4, 256, "network", "discriminator base channels", "DRIT [36]")
        .integer("disc_scales", 3, 1, 5, "network", "discriminator scales", "DerainCycleGAN §3.3")
        .integer("disc_downsamplings", 2, 1, 6, "network",
            "stride-2 convolutions per scale before the logit conv (2: the paper's three conv "
            "layers; 4: the public code's)",
            "DerainCycleGAN §3.3")
        .real("disc_leaky_slope", 0.2, 0.0, 1.0, "network", "LeakyReLU slope of the discriminators",
            "DRIT [36]; the public code uses 0.01");
    return s;
}

std::vector<std::string> notices(const Params &p)
{
    std::vector<std::string> lines;
    if (!p.flag("use_perceptual"))
        return lines;
    if (p.text("vgg_weights").empty())
        lines.push_back("L_p (perceptual loss, eq. 10) is off: no VGG-16 weights were given. Set "
                        "vgg_weights=PATH to a torchvision VGG-16 state dict (docs/methods.md "
                        "gives the command that writes it).");
    else if (p.text("perceptual_gradient") == "detached")
        lines.push_back("L_p is computed on detached features, as in the public code: it is "
                        "logged with weight 0 and trains nothing.");
    return lines;
}

ContextualAutoencoderOptions generatorOptions(const Params &p)
{
    return { 4, 3, int(p.integer("generator_channels")), p.text("generator_net") == "compact" };
}

UArseOptions attentionOptions(const Params &p)
{
    UArseOptions options;
    options.features = int(p.integer("attention_features"));
    options.stages = int(p.integer("attention_stages"));
    options.block = p.text("attention_block") == "hybrid" ? UArseOptions::BlockKind::Hybrid
                                                          : UArseOptions::BlockKind::Residual;
    options.candidate = p.text("lstm_candidate") == "tanh" ? CandidateActivation::Tanh
                                                           : CandidateActivation::Sigmoid;
    return options;
}

MultiScaleDiscriminatorOptions discriminatorOptions(const Params &p)
{
    return { 3, int(p.integer("disc_channels")), int(p.integer("disc_scales")),
        int(p.integer("disc_downsamplings")), p.real("disc_leaky_slope") };
}

} // namespace

MethodDescription DerainCycleGanMethod::describe()
{
    MethodDescription d;
    d.id = "deraincyclegan";
    d.name = "DerainCycleGAN: attention-guided constrained CycleGAN";
    d.paper = "Wei, Zhang, Fan, Wang, Yan, Wang. DerainCycleGAN: An Attention-guided "
              "Unsupervised Benchmark for Single Image Deraining and Rainmaking. arXiv 2019";
    d.summary = "Learns from unpaired rainy and rain-free images. A recurrent attention network "
                "(U-ARSE) finds rain streaks; G_N removes rain and G_R adds it, both guided by the "
                "streak mask, under cycle, adversarial, perceptual, streak-GMM and reconstruction "
                "losses. G_N derains; G_R makes rainy data sets.";
    d.roles = {
        { kRainy, DataKind::Unpaired, RoleContent::Rainy, true, "", "rainy images (r)" },
        { kClean, DataKind::Unpaired, RoleContent::Clean, true, "",
            "rain-free images (n), unpaired with the rainy ones" },
    };
    d.networks = { "U-ARSE", "G_N", "G_R", "D_R", "D_N" };
    d.canGenerate = true;
    d.rainSource = MethodDescription::RainSource::OptionalRealRainy;
    d.featureLayers = {
        { "D_R.penultimate",
            "D_R's finest-scale activations before its logits on the rainy image, averaged over "
            "positions (D_R tells real rainy images from ones G_R made, eq. 6)" },
    };
    d.schema = schema();
    d.notices = notices;
    d.presets = {
        { "paper",
            "the paper's text: U-ARSE with hybrid blocks, 16-block contextual autoencoders, "
            "3-layer multi-scale discriminators, log GAN loss, λ 1/10/10/0.01/10/10, Adam 1e-4 "
            "with weight decay 1e-4, batch 1, 216² crops, 400 epochs (decay after 200)",
            {} },
        { "reference-code",
            "the public code (OaDsis/DerainCycleGAN): residual U-ARSE, the same 16-block "
            "generators, 4-layer discriminators with LeakyReLU 0.01, LSGAN on the finest scale "
            "for the generators, no GMM, L_att on rain-free images only, L_p at relu3_3 on "
            "detached features, Adam β1 0.5",
            { { "attention_block", std::string("residual") },
                { "disc_downsamplings", std::int64_t(4) }, { "disc_leaky_slope", 0.01 },
                { "gan_loss", std::string("lsgan") },
                { "generator_adv_scales", std::string("finest") }, { "use_gmm", false },
                { "attention_domains", std::string("clean_only") },
                { "attention_noise", std::string("uniform") },
                { "perceptual_layer", std::string("relu3_3") },
                { "perceptual_gradient", std::string("detached") }, { "adam_beta1", 0.5 },
                { "image_range", std::string("signed") } } },
        { "quick",
            "a CPU run that beats the rainy input within the 30-minute recipe (it removes the "
            "demo's veil more than its streaks): 64² crops, batch 4, narrow networks (U-ARSE 16 "
            "channels, 4 stages; compact residual generators of 16 channels), the public code's "
            "losses (LSGAN, no GMM, L_att on rain-free images only) and CycleGAN's identity "
            "term, Adam 1e-4, 300 epochs (decay from 150)",
            { { "crop_size", std::int64_t(64) }, { "batch_size", std::int64_t(4) },
                { "attention_features", std::int64_t(16) }, { "attention_stages", std::int64_t(4) },
                { "generator_net", std::string("compact") },
                { "generator_channels", std::int64_t(16) }, { "disc_channels", std::int64_t(32) },
                { "residual_learning", true }, { "gan_loss", std::string("lsgan") },
                { "use_gmm", false }, { "attention_domains", std::string("clean_only") },
                { "use_identity", true }, { "epochs", std::int64_t(300) },
                { "lr_decay_start_epoch", std::int64_t(150) } } },
    };
    return d;
}

DerainCycleGanMethod::DerainCycleGanMethod(
    const Params &params, c10::Device device, std::uint64_t seed)
    : Method(params, device, seed)
    , m_attention(attentionOptions(params))
    , m_GN(generatorOptions(params))
    , m_GR(generatorOptions(params))
    , m_DR(discriminatorOptions(params))
    , m_DN(discriminatorOptions(params))
    , m_residual(params.flag("residual_learning"))
    , m_lsgan(params.text("gan_loss") == "lsgan")
    , m_signed(params.text("image_range") == "signed")
{
    if (params.integer("lr_decay_start_epoch") > params.integer("epochs"))
        throw std::invalid_argument("lr_decay_start_epoch must not exceed epochs");
    addNetwork("U-ARSE", *m_attention);
    addNetwork("G_N", *m_GN);
    addNetwork("G_R", *m_GR);
    addNetwork("D_R", *m_DR);
    addNetwork("D_N", *m_DN);

    const auto adam = torch::optim::AdamOptions(params.real("learning_rate"))
                          .betas({ params.real("adam_beta1"), params.real("adam_beta2") })
                          .weight_decay(params.real("weight_decay"));
    const Schedule schedule = Schedule::linear(1.0, 0.0,
        double(params.integer("lr_decay_start_epoch")) / double(params.integer("epochs")), 1.0);
    addOptimiser("generators", { "U-ARSE", "G_N", "G_R" }, params.real("learning_rate"), schedule,
        Method::adam(adam));
    addOptimiser("discriminators", { "D_R", "D_N" }, params.real("learning_rate"), schedule,
        Method::adam(adam));
    const int pool = int(params.integer("pool_size"));
    m_poolRn = &addImagePool("r_n", pool);
    m_poolNr = &addImagePool("n_r", pool);

    const ContextualAutoencoderOptions generator = generatorOptions(params);
    // G_N sees Att(r), whose reach adds to its own.
    m_geometry = { generator.alignment(),
        generator.receptiveRadius() + attentionOptions(params).receptiveRadius() };
}

const MethodDescription &DerainCycleGanMethod::description() const
{
    static const MethodDescription d = describe();
    return d;
}

void DerainCycleGanMethod::prepareTraining()
{
    const std::string &path = params().text("vgg_weights");
    if (!params().flag("use_perceptual") || path.empty() || m_vgg)
        return;
    Vgg16Features vgg(parseVgg16Layer(params().text("perceptual_layer")));
    loadVgg16Weights(vgg, path);
    vgg->to(device());
    vgg->eval();
    m_vgg = vgg;
}

bool DerainCycleGanMethod::perceptualTrains() const
{
    return m_vgg && params().text("perceptual_gradient") == "train";
}

std::vector<at::Tensor> DerainCycleGanMethod::attentionMasks(const at::Tensor &image)
{
    return m_attention->forward(image);
}

at::Tensor DerainCycleGanMethod::removeRain(const at::Tensor &rainy, const at::Tensor &attention)
{
    const at::Tensor out = m_GN->forward(torch::cat({ rainy, attention }, 1));
    return m_residual ? rainy - out : out;
}

at::Tensor DerainCycleGanMethod::addRain(const at::Tensor &clean, const at::Tensor &attention)
{
    const at::Tensor out = m_GR->forward(torch::cat({ clean, attention }, 1));
    return m_residual ? clean + out : out;
}

DerainCycleGanMethod::Translation DerainCycleGanMethod::translate(
    const at::Tensor &rainy, const at::Tensor &clean)
{
    Translation t;
    t.r = toModel(rainy.to(device()));
    t.att_r = attentionMasks(t.r).back();
    t.n_r = removeRain(t.r, t.att_r);
    t.att_nr = attentionMasks(t.n_r).back();
    t.r_t = addRain(t.n_r, t.att_nr);
    t.n = toModel(clean.to(device()));
    t.att_n = attentionMasks(t.n).back();
    t.r_n = addRain(t.n, t.att_n);
    t.att_rn = attentionMasks(t.r_n).back();
    t.n_t = removeRain(t.r_n, t.att_rn);
    return t;
}

at::Tensor DerainCycleGanMethod::ganLoss(
    const std::vector<at::Tensor> &logits, bool real, bool finestOnly) const
{
    at::Tensor total;
    const size_t scales = finestOnly ? 1 : logits.size();
    for (size_t s = 0; s < scales; ++s) {
        const at::Tensor target = real ? torch::ones_like(logits[s]) : torch::zeros_like(logits[s]);
        const at::Tensor loss = m_lsgan
            ? torch::mse_loss(logits[s], target)
            : torch::binary_cross_entropy_with_logits(logits[s], target);
        total = total.defined() ? total + loss : loss;
    }
    return total / double(scales);
}

at::Tensor DerainCycleGanMethod::attentionNoise(const at::Tensor &like)
{
    const auto options = like.options().device(torch::kCPU);
    at::Tensor noise = params().text("attention_noise") == "uniform"
        ? at::rand(like.sizes(), generator(), options)
        : (at::normal(0.5, 0.25, like.sizes(), generator(), options)).clamp(0.0, 1.0);
    return noise.to(like.device());
}

std::vector<LossTerm> DerainCycleGanMethod::generatorTerms(const Translation &t)
{
    std::vector<LossTerm> terms;
    if (params().flag("use_adv")) { // eq. 6 and its twin, the generators' side
        const bool finest = params().text("generator_adv_scales") == "finest";
        const double w = params().real("lambda_adv");
        terms.push_back({ "adv/n_r", ganLoss(m_DN->forward(t.n_r), true, finest), w });
        terms.push_back({ "adv/r_n", ganLoss(m_DR->forward(t.r_n), true, finest), w });
    }
    if (params().flag("use_att")) { // §3.2: rainy masks towards (0, 1) noise, rain-free to 0
        const double w = params().real("lambda_att");
        if (params().text("attention_domains") == "both")
            terms.push_back({ "att/r", torch::mse_loss(t.att_r, attentionNoise(t.att_r)), w });
        terms.push_back({ "att/n", t.att_n.square().mean(), w });
    }
    if (params().flag("use_cc")) { // eq. 9
        const double w = params().real("lambda_cc");
        terms.push_back({ "cc/r", torch::l1_loss(t.r_t, t.r), w });
        terms.push_back({ "cc/n", torch::l1_loss(t.n_t, t.n), w });
    }
    if (params().flag("use_perceptual") && m_vgg) { // eq. 10
        if (perceptualTrains()) {
            terms.push_back({ "p",
                torch::mse_loss(m_vgg->forward(fromModel(t.n_r)), m_vgg->forward(fromModel(t.r))),
                params().real("lambda_p") });
        } else {
            torch::NoGradGuard noGrad;
            terms.push_back({ "p",
                torch::mse_loss(m_vgg->forward(fromModel(t.n_r)), m_vgg->forward(fromModel(t.r))),
                0.0 });
        }
    }
    if (params().flag("use_gmm")) { // eqs. 11–12 on S = r − n_r
        const at::Tensor streaks = t.r - t.n_r;
        const ZeroMeanMixture mixture = fitZeroMeanMixture(streaks,
            int(params().integer("gmm_components")), int(params().integer("gmm_em_iterations")));
        terms.push_back(
            { "gmm", mixtureNegativeLogLikelihood(streaks, mixture), params().real("lambda_gmm") });
    }
    if (params().flag("use_recon")) // eq. 13: r' = Att(r) + n_r, the mask on every channel
        terms.push_back({ "r", torch::mse_loss(t.att_r + t.n_r, t.r), params().real("lambda_r") });
    if (params().flag("use_identity")) // CycleGAN's identity term, for G_N only
        terms.push_back({ "idt/n", torch::l1_loss(removeRain(t.n, t.att_n), t.n),
            params().real("lambda_identity") });
    return terms;
}

std::vector<LossTerm> DerainCycleGanMethod::discriminatorStep(const Translation &t)
{
    if (!params().flag("use_adv"))
        return {};
    const at::Tensor lossR = ganLoss(m_DR->forward(t.r.detach()), true, false)
        + ganLoss(m_DR->forward(m_poolRn->query(t.r_n, generator())), false, false);
    const at::Tensor lossN = ganLoss(m_DN->forward(t.n.detach()), true, false)
        + ganLoss(m_DN->forward(m_poolNr->query(t.n_r, generator())), false, false);
    torch::optim::Optimizer &optimiser = this->optimiser("discriminators");
    optimiser.zero_grad();
    (lossR + lossN).backward();
    optimiser.step();
    return { { "D/R", lossR.detach(), 1.0 }, { "D/N", lossN.detach(), 1.0 } };
}

StepObjective DerainCycleGanMethod::objective(const TrainingBatch &batch, const StepContext &)
{
    setTrainingMode(true);
    return { generatorTerms(translate(batch.at(kRainy).rainy, batch.at(kClean).clean)),
        { "U-ARSE", "G_N", "G_R" } };
}

std::vector<LossTerm> DerainCycleGanMethod::generatorStep(const Translation &t)
{
    setRequiresGrad({ "D_R", "D_N" }, false);
    std::vector<LossTerm> terms = minimise(generatorTerms(t), "generators");
    setRequiresGrad({ "D_R", "D_N" }, true);
    return terms;
}

StepResult DerainCycleGanMethod::trainStep(const TrainingBatch &batch, const StepContext &context)
{
    setTrainingMode(true);
    const Translation t = translate(batch.at(kRainy).rainy, batch.at(kClean).clean);
    StepResult result;
    result.losses = generatorStep(t);
    for (LossTerm &term : discriminatorStep(t))
        result.losses.push_back(std::move(term));
    if (context.wantVisuals) {
        const std::pair<const char *, const at::Tensor *> images[]
            = { { "r", &t.r }, { "n_r", &t.n_r }, { "r_t", &t.r_t }, { "n", &t.n },
                  { "r_n", &t.r_n }, { "n_t", &t.n_t } };
        for (const auto &[name, image] : images)
            result.visuals.emplace_back(name, fromModel((*image)[0].detach()));
        result.visuals.emplace_back("Att_r", fromModelScale(t.att_r[0].detach()));
        result.visuals.emplace_back("Att_n", fromModelScale(t.att_n[0].detach()));
    }
    return result;
}

DerainOutput DerainCycleGanMethod::derain(const at::Tensor &rainy, bool withIntermediates)
{
    torch::NoGradGuard noGrad;
    setTrainingMode(false);
    const at::Tensor o = rainy.to(device());
    const at::Tensor r = toModel(o);
    const std::vector<at::Tensor> masks = attentionMasks(r);
    DerainOutput out;
    out.background = fromModel(removeRain(r, masks.back())).clamp(0, 1);
    out.rain = o - out.background;
    if (withIntermediates) {
        for (size_t i = 0; i < masks.size(); ++i)
            out.intermediates.push_back(
                { "mask_" + std::to_string(i + 1), fromModelScale(masks[i]), false });
        out.intermediates.push_back({ "Att", fromModelScale(masks.back()), false });
    }
    setTrainingMode(true);
    return out;
}

at::Tensor DerainCycleGanMethod::generate(const at::Tensor &clean, const at::Tensor &rainSource)
{
    torch::NoGradGuard noGrad;
    setTrainingMode(false);
    const at::Tensor n = toModel(clean.to(device()));
    at::Tensor attention;
    if (rainSource.defined()) {
        const at::Tensor mask = attentionMasks(toModel(rainSource.to(device()))).back();
        const at::Tensor noise
            = at::rand(mask.sizes(), generator(), mask.options().device(torch::kCPU));
        attention = mask + 0.01 * noise.to(device());
    } else {
        attention = attentionMasks(n).back();
    }
    const at::Tensor rainy = fromModel(addRain(n, attention)).clamp(0, 1);
    setTrainingMode(true);
    return rainy;
}

std::vector<RainFeatureGroup> DerainCycleGanMethod::rainFeatures(const TrainingBatch &batch)
{
    torch::NoGradGuard noGrad;
    setTrainingMode(false);
    const Translation t = translate(batch.at(kRainy).rainy, batch.at(kClean).clean);
    // Decomposed and generated rain of both branches (eqs. 4–5).
    std::vector<RainFeatureGroup> groups = {
        { "rainy decomposed", fromModelScale(t.r - t.n_r), kRainy, fromModel(t.r) },
        { "rainy regenerated", fromModelScale(t.r_t - t.n_r), kRainy,
            fromModel(t.r_t).clamp(0, 1) },
        { "rain-free generated", fromModelScale(t.r_n - t.n), kClean,
            fromModel(t.r_n).clamp(0, 1) },
        { "rain-free redecomposed", fromModelScale(t.r_n - t.n_t), kClean,
            fromModel(t.r_n).clamp(0, 1) },
    };
    setTrainingMode(true);
    return groups;
}

at::Tensor DerainCycleGanMethod::layerFeatures(
    const std::string &name, const RainFeatureGroup &group)
{
    if (name != "D_R.penultimate")
        return Method::layerFeatures(name, group); // throws, naming the layers there are
    torch::NoGradGuard noGrad;
    setTrainingMode(false);
    const at::Tensor activations = m_DR->penultimate(toModel(group.image.to(device())));
    setTrainingMode(true);
    return activations.mean({ 2, 3 });
}

at::Tensor DerainCycleGanMethod::toModel(const at::Tensor &image) const
{
    return m_signed ? image * 2.0 - 1.0 : image;
}

at::Tensor DerainCycleGanMethod::fromModel(const at::Tensor &image) const
{
    return m_signed ? (image + 1.0) * 0.5 : image;
}

at::Tensor DerainCycleGanMethod::fromModelScale(const at::Tensor &difference) const
{
    return m_signed ? difference * 0.5 : difference;
}

PublicWeightsLayout DerainCycleGanMethod::publicWeights() const
{
    // OaDsis/DerainCycleGAN saves one file (model.py save(): a dict of state dicts, optimiser
    // states, epoch and iteration): "atten" (U-ARSE; "urad" in its first release), "genA"
    // (rainy → clean, G_N), "genB" (G_R), "disA" (judges rainy images, D_R), "disB" (D_N). Its
    // generators and discriminators carry the names Pluvia's do (their extra multi-scale outputs
    // outframe1/2 are unused at test); its attention network is the residual stage.
    const KeyMapping same = [](const std::string &key) { return std::vector<std::string> { key }; };
    PublicWeightsLayout layout;
    layout.repository = "OaDsis/DerainCycleGAN";
    if (params().text("attention_block") == "residual")
        layout.networks.push_back({ "U-ARSE", { "atten", "urad" }, uarsePublicKeys });
    if (params().text("generator_net") == "full") {
        layout.networks.push_back({ "G_N", { "genA" }, same });
        layout.networks.push_back({ "G_R", { "genB" }, same });
    }
    layout.networks.push_back({ "D_R", { "disA" }, same });
    layout.networks.push_back({ "D_N", { "disB" }, same });
    return layout;
}

InferenceGeometry DerainCycleGanMethod::inferenceGeometry() const
{
    return m_geometry;
}

} // namespace pluvia::models
