// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/methods/udrdr_method.h"

#include "models/framework/rain_direction.h"

#include <torch/torch.h>

namespace pluvia::models {

namespace {

constexpr const char *kSynthetic = "synthetic_paired";
constexpr const char *kReal = "real_rainy";
constexpr const char *kReference = "clean_reference";

ParamSchema schema()
{
    ParamSchema s;
    s.integer("batch_size", 12, 1, 1024, "data", "images per step and role", "UDRDR §4.2")
        .integer("crop_size", 128, 16, 4096, "data", "side of the square training crops",
            "Pluvia's choice (the paper does not say)")
        .flag("random_flip", true, "data", "mirror training crops at random (labels follow)",
            "Pluvia's choice")
        .integer("epochs", 200, 1, 100000, "optimisation", "passes over the synthetic pairs",
            "UDRDR §4.2")
        .real("learning_rate", 8e-4, 1e-8, 1.0, "optimisation", "Adam learning rate", "UDRDR §4.2")
        .integer("lr_halving_epochs", 40, 1, 100000, "optimisation",
            "the learning rate is halved every this many of the epochs (the same share of a "
            "run shortened with --steps or --time-limit)",
            "UDRDR §4.2")
        .real("adam_beta1", 0.9, 0.0, 0.999999, "optimisation", "Adam β1", "UDRDR §4.2")
        .real("adam_beta2", 0.999, 0.0, 0.999999, "optimisation", "Adam β2", "UDRDR §4.2")
        .real("adam_eps", 1e-4, 1e-12, 1.0, "optimisation", "Adam ε", "UDRDR §4.2")
        .flag("alternate", true, "optimisation",
            "alternate synthetic and real steps (false: both halves every step)", "UDRDR §3.4")
        .real("lambda_content", 1.0, 0, 1e4, "loss", "weight of L_content (eq. 4)", "UDRDR §3.4")
        .real("lambda_direction", 1.2, 0, 1e4, "loss", "weight of L_direction (eq. 5)",
            "UDRDR §3.4, Fig. 7")
        .real("lambda_recons", 1.0, 0, 1e4, "loss", "weight of L_recons (eq. 8)", "UDRDR §3.4")
        .real("lambda_tv", 0.001, 0, 1e4, "loss", "weight of the TV term on y_real", "UDRDR §3.4")
        .real("lambda_cycle", 0.01, 0, 1e4, "loss", "weight of L_cycle", "UDRDR §3.4")
        .real("lambda_distill", 1.0, 0, 1e4, "loss", "weight of L_distill (eq. 10)", "UDRDR §3.4")
        .real(
            "phi", 10.0, 0, 1e4, "loss", "φ of eq. 10: weight of the generated pairs", "UDRDR §3.4")
        .flag("use_direction", true, "ablation",
            "the rain direction regularizer (Table 4: w/o (5))", "UDRDR Table 4")
        .flag("use_distillation", true, "ablation",
            "the distilled student (Table 5: w/o (10)); without it the teacher F1/F2 derains",
            "UDRDR Table 5")
        .choice("kernel_size", "5", { "3", "5", "7" }, "loss",
            "side of the directional kernels (3 reduces to horizontal/vertical differences)",
            "UDRDR §3.1, Fig. 7")
        .choice("estimate_direction", "missing", { "missing", "always" }, "loss",
            "estimate directions from z_gt (structure tensor) for unlabelled pairs, or for all",
            "Pluvia option")
        .integer("blocks", 16, 1, 64, "network", "residual blocks of F1, F2, F3", "UDRDR §4.2")
        .integer("channels_f1", 64, 4, 512, "network", "filters of F1", "UDRDR §4.2")
        .integer("channels_f2", 64, 4, 512, "network", "filters of F2", "UDRDR §4.2")
        .integer("channels_f3", 128, 4, 512, "network", "filters of F3", "UDRDR §4.2")
        .real("res_scale", 1.0, 0.01, 1.0, "network", "EDSR residual scaling", "EDSR (baseline: 1)")
        .flag("f2_input_skip", true, "network",
            "F2 adds its input x − z to its output (false: F2 outputs y itself; with the skip the "
            "cycle term y + z = x only pulls F2 towards the identity, whatever z is)",
            "Pluvia's choice (§3.2 leaves it open); false as an option")
        .path("teacher_checkpoint", "teacher",
            "a checkpoint of another Pluvia method whose derain output replaces F1/F2's y_real "
            "(§3.4); empty: the teacher is trained here");
    return s;
}

// Anisotropic total variation: the mean absolute difference of horizontal and of vertical
// neighbours (the smoothness prior on y_real of §3.4).
at::Tensor totalVariation(const at::Tensor &y)
{
    using torch::indexing::Slice;
    const at::Tensor dx = y.index({ Slice(), Slice(), Slice(), Slice(1, torch::indexing::None) })
        - y.index({ Slice(), Slice(), Slice(), Slice(torch::indexing::None, -1) });
    const at::Tensor dy = y.index({ Slice(), Slice(), Slice(1, torch::indexing::None), Slice() })
        - y.index({ Slice(), Slice(), Slice(torch::indexing::None, -1), Slice() });
    return dx.abs().mean() + dy.abs().mean();
}

} // namespace

MethodDescription UdrdrMethod::describe()
{
    MethodDescription d;
    d.id = "udrdr";
    d.name = "UDRDR: unpaired deraining with a rain direction regularizer";
    d.paper = "Liu, Yue, Pan, Su. Unpaired Learning for Deep Image Deraining with Rain Direction "
              "Regularizer. ICCV 2021";
    d.summary = "A teacher estimates rain maps (with a regularizer on the rain's direction) and "
                "backgrounds from synthetic pairs and unpaired real rain; a student is distilled "
                "from its real results and from pairs made of clean images plus estimated real "
                "rain. The student derains.";
    d.roles = {
        { kSynthetic, DataKind::Paired, RoleContent::RainyAndClean, true, "",
            "synthetic rainy images with their clean images (z_gt = x − y_gt) and, ideally, "
            "rain direction labels (estimated when missing)" },
        { kReal, DataKind::Unpaired, RoleContent::Rainy, true, "", "real rainy images (x_real)" },
        { kReference, DataKind::Unpaired, RoleContent::Clean, false, kSynthetic,
            "clean images the generated pairs x_ref = y + z_real are built on (§3.4)" },
    };
    d.networks = { "F1", "F2", "F3" };
    d.canGenerate = true;
    d.rainSource = MethodDescription::RainSource::RealRainy;
    d.schema = schema();
    d.presets = {
        { "paper",
            "the paper's values: EDSR 16 blocks with 64/64/128 filters, batch 12, Adam "
            "8e-4 (ε 1e-4) halved every 40 epochs, 200 epochs, weights 1/1.2/1/0.001/0.01/1, φ 10",
            {} },
        { "quick",
            "CPU-friendly: 4 blocks with 16/16/32 filters, batch 4, 64² crops, 30 epochs halving "
            "every 10; the losses move within minutes on the demo workspace",
            { { "batch_size", std::int64_t(4) }, { "crop_size", std::int64_t(64) },
                { "blocks", std::int64_t(4) }, { "channels_f1", std::int64_t(16) },
                { "channels_f2", std::int64_t(16) }, { "channels_f3", std::int64_t(32) },
                { "epochs", std::int64_t(30) }, { "lr_halving_epochs", std::int64_t(10) } } },
    };
    return d;
}

UdrdrMethod::UdrdrMethod(const Params &params, c10::Device device, std::uint64_t seed)
    : Method(params, device, seed)
{
    const int blocks = int(params.integer("blocks"));
    const double scale = params.real("res_scale");
    // Pluvia's choice (the paper leaves it open): F1 predicts the rain map itself; F2 and F3
    // predict a correction of their input image (their inputs are already close to the result).
    m_F1 = Edsr(EdsrOptions { 3, 3, int(params.integer("channels_f1")), blocks, scale, false });
    m_F2 = Edsr(EdsrOptions {
        3, 3, int(params.integer("channels_f2")), blocks, scale, params.flag("f2_input_skip") });
    m_F3 = Edsr(EdsrOptions { 3, 3, int(params.integer("channels_f3")), blocks, scale, true });
    addNetwork("F1", *m_F1);
    addNetwork("F2", *m_F2);
    addNetwork("F3", *m_F3);
    const double lr = params.real("learning_rate");
    addOptimiser("adam", { "F1", "F2", "F3" }, lr,
        Schedule::stepDecay(
            1.0, 0.5, params.integer("lr_halving_epochs"), params.integer("epochs")),
        adam(torch::optim::AdamOptions(lr)
                 .betas({ params.real("adam_beta1"), params.real("adam_beta2") })
                 .eps(params.real("adam_eps"))));
    m_kernels = directionalKernels(std::stoi(params.text("kernel_size")));
}

const MethodDescription &UdrdrMethod::description() const
{
    static const MethodDescription d = describe();
    return d;
}

void UdrdrMethod::setTeacher(std::unique_ptr<Method> teacher)
{
    m_teacher = std::move(teacher);
}

at::Tensor UdrdrMethod::directionsFor(const RoleBatch &synthetic, const at::Tensor &zTruth) const
{
    at::Tensor labels = synthetic.directionDeg.defined()
        ? synthetic.directionDeg.to(torch::kCPU, torch::kFloat32).clone()
        : torch::full({ zTruth.size(0) }, std::nan(""), torch::kFloat32);
    const at::Tensor missing = params().text("estimate_direction") == "always"
        ? torch::ones_like(labels, torch::kBool)
        : torch::isnan(labels);
    if (missing.any().item<bool>())
        labels = torch::where(missing, estimateDirection(zTruth.detach()), labels);
    return labels;
}

std::vector<LossTerm> UdrdrMethod::syntheticTerms(const RoleBatch &synthetic)
{
    const at::Tensor x = synthetic.rainy.to(device()), yGt = synthetic.clean.to(device());
    const at::Tensor zGt = x - yGt;
    const at::Tensor z = m_F1->forward(x);
    const at::Tensor y = m_F2->forward(x - z);
    std::vector<LossTerm> terms
        = { { "content", torch::l1_loss(z, zGt), params().real("lambda_content") } };
    if (params().flag("use_direction"))
        terms.push_back(
            { "direction", directionLoss(z, zGt, directionsFor(synthetic, zGt), m_kernels),
                params().real("lambda_direction") });
    terms.push_back({ "recons", torch::l1_loss(y, yGt), params().real("lambda_recons") });
    return terms;
}

std::pair<at::Tensor, at::Tensor> UdrdrMethod::teach(const at::Tensor &realRainy)
{
    if (m_teacher) {
        const DerainOutput out = m_teacher->derain(realRainy, false);
        return { out.rain.to(device()), out.background.to(device()) };
    }
    const at::Tensor z = m_F1->forward(realRainy);
    return { z, m_F2->forward(realRainy - z) };
}

std::vector<LossTerm> UdrdrMethod::realTerms(
    const at::Tensor &realRainy, const at::Tensor &cleanReference)
{
    const at::Tensor x = realRainy.to(device()), reference = cleanReference.to(device());
    const auto [z, y] = teach(x);
    std::vector<LossTerm> terms;
    if (!m_teacher) {
        terms.push_back({ "tv", totalVariation(y), params().real("lambda_tv") });
        terms.push_back({ "cycle", torch::l1_loss(y + z, x), params().real("lambda_cycle") });
    }
    if (params().flag("use_distillation")) {
        // Eq. 10: the teacher's outputs are fixed targets and inputs for the student.
        const at::Tensor xRef = reference + z.detach(); // eq. 9
        const double distill = params().real("lambda_distill");
        terms.push_back({ "distill/real", torch::l1_loss(m_F3->forward(x), y.detach()), distill });
        terms.push_back({ "distill/ref", torch::l1_loss(m_F3->forward(xRef), reference),
            distill * params().real("phi") });
    }
    return terms;
}

StepObjective UdrdrMethod::objective(const TrainingBatch &batch, const StepContext &context)
{
    const bool alternate = params().flag("alternate");
    // With an external teacher, F1/F2 have nothing to learn: every step is a real step.
    const bool synthetic = !m_teacher && (!alternate || context.step % 2 == 0);
    const bool real = m_teacher || !alternate || context.step % 2 == 1;
    StepObjective objective;
    if (synthetic)
        objective.terms = syntheticTerms(batch.at(kSynthetic));
    if (real) {
        const auto reference = batch.find(kReference);
        const at::Tensor clean
            = reference != batch.end() ? reference->second.clean : batch.at(kSynthetic).clean;
        for (LossTerm &term : realTerms(batch.at(kReal).rainy, clean))
            objective.terms.push_back(std::move(term));
    }
    objective.updates = m_teacher ? std::vector<std::string> { "F3" }
                                  : std::vector<std::string> { "F1", "F2", "F3" };
    return objective;
}

StepResult UdrdrMethod::trainStep(const TrainingBatch &batch, const StepContext &context)
{
    setTrainingMode(true);
    StepResult result;
    result.losses = minimise(objective(batch, context).terms, "adam");
    return result;
}

int UdrdrMethod::stepCycle() const
{
    return !m_teacher && params().flag("alternate") ? 2 : 1;
}

DerainOutput UdrdrMethod::derain(const at::Tensor &rainy, bool withIntermediates)
{
    torch::NoGradGuard noGrad;
    setTrainingMode(false);
    const at::Tensor x = rainy.to(device());
    DerainOutput out;
    const bool student = params().flag("use_distillation");
    at::Tensor z;
    if (withIntermediates || !student) {
        at::Tensor y;
        std::tie(z, y) = teach(x);
        out.intermediates = { { "z", z, true }, { "teacher_B", y, false } };
        if (!student)
            out.background = y.clamp(0, 1);
    }
    if (student)
        out.background = m_F3->forward(x).clamp(0, 1);
    out.rain = x - out.background;
    if (withIntermediates) {
        // Eq. 9's x_ref = y + z_real with the only clean image inference has, B: the input
        // re-rained with the estimated rain map, to compare with O.
        out.intermediates.push_back({ "x_ref", (out.background + z).clamp(0, 1), false });
    }
    setTrainingMode(true);
    return out;
}

at::Tensor UdrdrMethod::generate(const at::Tensor &clean, const at::Tensor &rainSource)
{
    torch::NoGradGuard noGrad;
    setTrainingMode(false);
    const at::Tensor z = teach(rainSource.to(device())).first;
    setTrainingMode(true);
    return (clean.to(device()) + z).clamp(0, 1);
}

std::vector<RainFeatureGroup> UdrdrMethod::rainFeatures(const TrainingBatch &batch)
{
    torch::NoGradGuard noGrad;
    setTrainingMode(false);
    const RoleBatch &synthetic = batch.at(kSynthetic);
    const at::Tensor x = synthetic.rainy.to(device());
    const at::Tensor zReal = teach(batch.at(kReal).rainy.to(device())).first;
    const auto reference = batch.find(kReference);
    const at::Tensor clean
        = (reference != batch.end() ? reference->second.clean : synthetic.clean).to(device());
    const at::Tensor real = batch.at(kReal).rainy.to(device());
    const at::Tensor generated = clean + zReal;
    std::vector<RainFeatureGroup> groups = {
        { "synthetic decomposed", m_F1->forward(x), kSynthetic, x },
        { "synthetic ground truth", x - synthetic.clean.to(device()), kSynthetic, x },
        { "real decomposed", zReal, kReal, real },
        // The rain F1 finds again in a generated pair x_ref = y + z_real (eq. 9).
        { "generated decomposed", m_F1->forward(generated), kReal, generated.clamp(0.0, 1.0) },
    };
    setTrainingMode(true);
    return groups;
}

InferenceGeometry UdrdrMethod::inferenceGeometry() const
{
    // F1 then F2 (the teacher, shown as intermediates) see furthest.
    return { 1, m_F1->receptiveRadius() + m_F2->receptiveRadius() };
}

} // namespace pluvia::models
