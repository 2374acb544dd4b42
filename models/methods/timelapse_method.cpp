// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/methods/timelapse_method.h"

#include "models/framework/ycbcr.h"

#include <torch/torch.h>

#include <cstdio>

namespace pluvia::models {

namespace {

constexpr const char *kRole = "timelapse";
constexpr const char *kNet = "derain";
constexpr const char *kDirection = "direction";

ParamSchema schema()
{
    ParamSchema s;
    s.integer("batch_size", 4, 1, 1024, "data", "pairs of frames per step", "Cho et al. §III-E")
        .integer("crop_size", 128, 16, 4096, "data",
            "side of the square training crops (the paper crops, then resizes to 128; Pluvia "
            "crops 128 directly)",
            "Cho et al. §III-E")
        .integer("epochs", 2000, 1, 1000000, "optimisation",
            "passes over the scenes (one pair of frames per scene each)",
            "Pluvia's choice (the paper trains for 2 days and gives no count)")
        .real("learning_rate", 1e-4, 1e-8, 1.0, "optimisation", "Adam learning rate, fixed",
            "Cho et al. §III-E")
        .real("adam_beta1", 0.9, 0.0, 0.999999, "optimisation", "Adam β1 (the paper's momentum)",
            "Cho et al. §III-E")
        .real("adam_beta2", 0.999, 0.0, 0.999999, "optimisation", "Adam β2",
            "PyTorch's default (not stated in the paper)")
        .real("lambda_b", 1.0, 0, 1e4, "loss", "weight of the background consistency loss (eq. 2)",
            "Cho et al. §III-E")
        .real("lambda_s", 0.1, 0, 1e4, "loss", "weight of the structure similarity loss (eq. 3)",
            "Cho et al. §III-E")
        .real("lambda_v", 0.01, 0, 1e4, "loss", "weight of the directional gradient loss (eq. 6)",
            "Cho et al. §III-E")
        .real("lambda_r", 0.001, 0, 1e4, "loss", "weight of the reconstruction loss (eq. 7)",
            "Cho et al. §III-E")
        .real("gamma_start", 0.1, 0, 1e4, "loss", "γ of eq. 3 at the start", "Cho et al. §III-B-2")
        .real("gamma_end", 1e-4, 0, 1e4, "loss", "γ of eq. 3 from gamma_fraction of the run on",
            "Cho et al. §III-B-2")
        .real("gamma_fraction", 0.3, 0, 1, "loss", "share of the run over which γ falls linearly",
            "Cho et al. §III-B-2")
        .integer("clusters", 4, 1, 64, "loss", "k: dominant rain directions learnt (eq. 4)",
            "Cho et al. §III-E")
        .flag("use_structure", true, "ablation", "the structure similarity loss (Fig. 3, Table V)",
            "Cho et al. Table V")
        .flag("use_direction", true, "ablation", "the directional gradient loss (Fig. 3, Table V)",
            "Cho et al. Table V")
        .flag("use_reconstruction", true, "ablation", "the reconstruction loss (Fig. 3, Table V)",
            "Cho et al. Table V")
        .choice("channels", "3", { "3", "1" }, "network",
            "3: RGB; 1: the network derains luminance (Y) and the input's Cb, Cr are kept, as "
            "in the paper",
            "Pluvia's choice (RGB); the paper's single channel as the option")
        .real("width_multiplier", 1.0, 0.03125, 4.0, "network",
            "scales the encoders' and decoder's 64/128/256 channels", "Pluvia option")
        .choice("fusion", "dynamic", { "dynamic", "concat", "sum", "product" }, "network",
            "how the three encoders' features are fused (Table VII)", "Cho et al. Table VII")
        .choice("fusion_generator", "literal", { "literal", "low_rank" }, "network",
            "the dynamic filter's generator: Table II as written (151 M parameters at full "
            "width) or a rank-r factorisation of it",
            "Cho et al. Table II; low_rank is Pluvia's option")
        .integer(
            "fusion_rank", 8, 1, 1024, "network", "r of the low-rank generator", "Pluvia option")
        .choice("fusion_filter", "per_sample", { "per_sample", "per_position" }, "network",
            "one generated filter per image (from its mean features), or one per position of "
            "the 1/8 grid",
            "Pluvia's reading of eq. 9; per_position as the option")
        .choice("upsampling", "fixed", { "fixed", "learned" }, "network",
            "the decoder's transposed convolutions: the fixed bilinear kernel, or trained from it",
            "Cho et al. §III-C-1 (fixed)");
    return s;
}

TimeLapseDerainNetOptions networkOptions(const Params &p)
{
    TimeLapseDerainNetOptions o;
    o.channels = p.text("channels") == "1" ? 1 : 3;
    o.widthMultiplier = p.real("width_multiplier");
    const std::string &fusion = p.text("fusion");
    o.fusion = fusion == "sum" ? FeatureFusion::Sum
        : fusion == "product"  ? FeatureFusion::Product
        : fusion == "concat"   ? FeatureFusion::Concat
                               : FeatureFusion::Dynamic;
    o.generator = p.text("fusion_generator") == "low_rank"
        ? DynamicFilterOptions::Generator::LowRank
        : DynamicFilterOptions::Generator::Literal;
    o.rank = int(p.integer("fusion_rank"));
    o.perPosition = p.text("fusion_filter") == "per_position";
    o.learnedUpsampling = p.text("upsampling") == "learned";
    return o;
}

// The literal generator's size is worth saying before a run allocates it.
std::vector<std::string> notices(const Params &p)
{
    const TimeLapseDerainNetOptions o = networkOptions(p);
    if (o.fusion != FeatureFusion::Dynamic
        || o.generator != DynamicFilterOptions::Generator::Literal)
        return {};
    const double in = 3.0 * o.widths()[2], out = o.widths()[2];
    const double parameters = in * out * in + out * in;
    if (parameters < 1e7)
        return {};
    char text[200];
    std::snprintf(text, sizeof text,
        "The literal filter generator holds %.0f M parameters (%.1f GB in float32, three times "
        "that with Adam's state); fusion_generator=low_rank is the light alternative.",
        parameters / 1e6, parameters * 4 / 1e9);
    return { text };
}

} // namespace

MethodDescription TimeLapseMethod::describe()
{
    MethodDescription d;
    d.id = "timelapse";
    d.name = "Time-lapse deraining: background consistency over static scenes";
    d.paper = "Cho, Kim, Min, Sohn. Single Image Deraining Using Time-Lapse Data. IEEE "
              "Transactions on Image Processing 29, 2020";
    d.summary = "Learns from sequences of static scenes under changing rain, without clean "
                "images: two frames of one scene must derain to the same background. Multi-scale "
                "encoders with a dynamic fusion module estimate the rain layer; a directional "
                "gradient loss asks it to have a few dominant directions.";
    d.roles = { { kRole, DataKind::TimeLapse, RoleContent::Frames, true, "",
        "time-lapse scenes: frames of a static scene under changing rain (two distinct frames "
        "per sample)" } };
    d.networks = { kNet, kDirection };
    d.featureLayers = { { "fusion",
        "the dynamically fused encoder features (1/8 scale) averaged over positions: what the "
        "decoder turns into the rain layer" } };
    d.schema = schema();
    d.notices = notices;
    d.presets = {
        { "paper",
            "the paper's values: encoders 64/128/256 with the literal dynamic filter generator, "
            "batch 4 pairs, 128² crops, Adam 1e-4 (β1 0.9), λ 1/0.1/0.01/0.001, γ 0.1 → 1e-4 "
            "over the first 30 %",
            {} },
        { "quick",
            "CPU-friendly: quarter-width network with the low-rank generator, 64² crops, Adam "
            "5e-4, 375 epochs; L_s at weight 1 throughout (λ_s 1, γ 1): at the paper's weights "
            "the network collapses to B = 0 or washes the image out (docs/results.md)",
            { { "width_multiplier", 0.25 }, { "fusion_generator", std::string("low_rank") },
                { "crop_size", std::int64_t(64) }, { "epochs", std::int64_t(375) },
                { "learning_rate", 5e-4 }, { "lambda_s", 1.0 }, { "gamma_start", 1.0 },
                { "gamma_end", 1.0 } } },
    };
    return d;
}

TimeLapseMethod::TimeLapseMethod(const Params &params, c10::Device device, std::uint64_t seed)
    : Method(params, device, seed)
    , m_net(networkOptions(params))
    , m_direction(int(params.integer("clusters")))
    , m_gamma(Schedule::linear(
          params.real("gamma_start"), params.real("gamma_end"), 0.0, params.real("gamma_fraction")))
{
    addNetwork(kNet, *m_net);
    addNetwork(kDirection, *m_direction);
    const double lr = params.real("learning_rate");
    addOptimiser("adam", { kNet, kDirection }, lr, Schedule::constant(1.0),
        adam(torch::optim::AdamOptions(lr).betas(
            { params.real("adam_beta1"), params.real("adam_beta2") })));
}

const MethodDescription &TimeLapseMethod::description() const
{
    static const MethodDescription d = describe();
    return d;
}

double TimeLapseMethod::gamma(std::int64_t step, std::int64_t totalSteps) const
{
    return m_gamma.at(step, totalSteps);
}

at::Tensor TimeLapseMethod::networkInput(const at::Tensor &rgb) const
{
    const at::Tensor x = rgb.to(device());
    return m_net->options().channels == 1 ? rgbToYCbCr(x).narrow(1, 0, 1) : x;
}

StepObjective TimeLapseMethod::objective(const TrainingBatch &batch, const StepContext &context)
{
    const RoleBatch &data = batch.at(kRole);
    const at::Tensor im = networkInput(data.frameM), in = networkInput(data.frameN);
    const int64_t n = im.size(0);
    const TimeLapseDerainOutput out = m_net->forward(torch::cat({ im, in }));
    const at::Tensor bm = out.background.narrow(0, 0, n), bn = out.background.narrow(0, n, n);
    const Params &p = params();
    StepObjective objective;
    objective.terms.push_back({ "background", torch::l1_loss(bm, bn), p.real("lambda_b") });
    if (p.flag("use_structure")) // eq. 3 for the pair's both orders (m ≠ n either way)
        objective.terms.push_back(
            { "structure", 0.5 * (torch::l1_loss(im, bn) + torch::l1_loss(in, bm)),
                p.real("lambda_s") * gamma(context.step, context.plan.totalSteps) });
    if (p.flag("use_direction"))
        objective.terms.push_back(
            { "direction", m_direction->forward(out.rain), p.real("lambda_v") });
    if (p.flag("use_reconstruction"))
        objective.terms.push_back(
            { "reconstruction", torch::l1_loss(out.background + out.rain, torch::cat({ im, in })),
                p.real("lambda_r") });
    objective.updates = { kNet, kDirection };
    return objective;
}

StepResult TimeLapseMethod::trainStep(const TrainingBatch &batch, const StepContext &context)
{
    setTrainingMode(true);
    StepResult result;
    if (context.wantVisuals) { // the network as this step finds it, before its update
        const RoleBatch &data = batch.at(kRole);
        const at::Tensor frames = torch::stack({ data.frameM[0], data.frameN[0] }).to(device());
        const DerainOutput out = derain(frames, false);
        setTrainingMode(true);
        result.visuals = { { "I_m", frames[0] }, { "B_m", out.background[0] },
            { "R_m", out.rain[0] }, { "I_n", frames[1] }, { "B_n", out.background[1] } };
        if (data.hasBackground.defined() && data.hasBackground[0].item<bool>())
            result.visuals.push_back({ "B_gt", data.background[0].to(device()) });
    }
    result.losses = minimise(objective(batch, context).terms, "adam");
    return result;
}

DerainOutput TimeLapseMethod::derain(const at::Tensor &rainy, bool withIntermediates)
{
    torch::NoGradGuard noGrad;
    setTrainingMode(false);
    const at::Tensor o = rainy.to(device());
    const bool luminance = m_net->options().channels == 1;
    const at::Tensor ycbcr = luminance ? rgbToYCbCr(o) : at::Tensor();
    const TimeLapseDerainOutput net = m_net->forward(luminance ? ycbcr.narrow(1, 0, 1) : o);
    DerainOutput out;
    out.background
        = (luminance ? yCbCrToRgb(torch::cat({ net.background, ycbcr.narrow(1, 1, 2) }, 1))
                     : net.background)
              .clamp(0, 1);
    out.rain = o - out.background;
    if (withIntermediates) {
        out.intermediates.push_back({ "S", net.rain, true });
        namespace F = torch::nn::functional;
        // The fused features' strength per 8×8 cell, at the image's size, scaled to [0, 1].
        const at::Tensor norm = net.fused.norm(2, { 1 }, true);
        const at::Tensor full = F::interpolate(norm,
            F::InterpolateFuncOptions()
                .scale_factor(std::vector<double> { 8.0, 8.0 })
                .mode(torch::kNearest))
                                    .narrow(2, 0, o.size(2))
                                    .narrow(3, 0, o.size(3));
        out.intermediates.push_back(
            { "fused_norm", full / full.amax({ 2, 3 }, true).clamp_min(1e-12), false });
        if (luminance)
            out.intermediates.push_back({ "Y", net.background.clamp(0, 1), false });
    }
    setTrainingMode(true);
    return out;
}

std::vector<RainFeatureGroup> TimeLapseMethod::rainFeatures(const TrainingBatch &batch)
{
    const RoleBatch &data = batch.at(kRole);
    const at::Tensor frames = data.frameM.to(device());
    std::vector<RainFeatureGroup> groups
        = { { "time-lapse decomposed", derain(frames, false).rain, kRole, frames } };
    // The true rain of frames whose scene has a clean background (the demo's have).
    if (data.hasBackground.defined() && data.hasBackground.all().item<bool>())
        groups.push_back(
            { "time-lapse ground truth", frames - data.background.to(device()), kRole, frames });
    return groups;
}

at::Tensor TimeLapseMethod::layerFeatures(const std::string &name, const RainFeatureGroup &group)
{
    if (name != "fusion")
        return Method::layerFeatures(name, group); // throws, naming the layers there are
    torch::NoGradGuard noGrad;
    setTrainingMode(false);
    const at::Tensor fused = m_net->forward(networkInput(group.image)).fused;
    setTrainingMode(true);
    return fused.mean({ 2, 3 });
}

InferenceGeometry TimeLapseMethod::inferenceGeometry() const
{
    return { 8, TimeLapseDerainNetOptions::receptiveRadius() };
}

} // namespace pluvia::models
