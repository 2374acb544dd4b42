// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/methods/supervised_method.h"

#include <torch/torch.h>

namespace pluvia::models {

namespace {

constexpr const char *kRole = "synthetic_paired";
constexpr const char *kNetwork = "F";

} // namespace

MethodDescription SupervisedMethod::describe()
{
    MethodDescription d;
    d.id = "supervised";
    d.name = "Supervised baseline";
    d.paper = "U-Net (Ronneberger, Fischer, Brox, MICCAI 2015) trained on synthetic pairs, the "
              "removal network of Ye et al., Closing the Loop: Joint Rain Generation and Removal "
              "via Disentangled Image Translation, CVPR 2021, §3.3";
    d.summary = "Learns B = F(O) from synthetic rainy/clean pairs with a pixel loss: the "
                "reference that every method trained without real pairs is compared against.";
    d.roles = { { kRole, DataKind::Paired, RoleContent::RainyAndClean, true, "",
        "synthetic rainy images with their clean backgrounds" } };
    d.networks = { kNetwork };
    d.schema
        .integer("batch_size", 16, 1, 1024, "data", "images per step",
            "JRGR §3.3 (batch of its removal nets)")
        .integer("crop_size", 256, 16, 4096, "data", "side of the square training crops, pixels",
            "JRGR §3.3")
        .integer("epochs", 100, 1, 100000, "optimisation",
            "passes over the synthetic pairs (the run's step count can override it)",
            "JRGR Table 2 (pre-training of the removal nets)")
        .real("learning_rate", 1e-4, 1e-8, 1.0, "optimisation", "Adam learning rate", "JRGR §3.3")
        .real("adam_beta1", 0.9, 0.0, 0.999999, "optimisation", "Adam β1",
            "PyTorch's default (not stated in the paper)")
        .real("adam_beta2", 0.999, 0.0, 0.999999, "optimisation", "Adam β2",
            "PyTorch's default (not stated in the paper)")
        .choice("loss", "l1", { "l1", "mse" }, "loss", "pixel loss between F(O) and B",
            "Pluvia's choice (METHODS.md: L1, option MSE)")
        .integer("unet_levels", 4, 2, 6, "network", "resolutions of the U-Net", "JRGR §3.3")
        .integer("base_channels", 64, 4, 256, "network",
            "channels at full resolution, doubled per level", "U-Net (Ronneberger et al.)")
        .real("width_multiplier", 1.0, 0.0625, 4.0, "network",
            "scales every channel count (the quick preset uses 0.25)", "Pluvia option");
    d.presets = {
        { "paper", "the paper's values: 64-channel 4-level U-Net, batch 16, 256² crops", {} },
        { "quick",
            "CPU-friendly: 16-channel U-Net, batch 4, 96² crops, 30 epochs; learns visibly "
            "within minutes on the demo workspace",
            { { "batch_size", std::int64_t(4) }, { "crop_size", std::int64_t(96) },
                { "epochs", std::int64_t(30) }, { "width_multiplier", 0.25 },
                { "learning_rate", 5e-4 } } },
    };
    return d;
}

SupervisedMethod::SupervisedMethod(const Params &params, c10::Device device, std::uint64_t seed)
    : Method(params, device, seed)
    , m_net(UNetOptions { 3, 3, int(params.integer("unet_levels")),
          int(params.integer("base_channels")), params.real("width_multiplier") })
    , m_mse(params.text("loss") == "mse")
{
    addNetwork(kNetwork, *m_net);
    const double lr = params.real("learning_rate");
    addOptimiser("adam", { kNetwork }, lr, Schedule::constant(1.0),
        adam(torch::optim::AdamOptions(lr).betas(
            { params.real("adam_beta1"), params.real("adam_beta2") })));
}

const MethodDescription &SupervisedMethod::description() const
{
    static const MethodDescription d = describe();
    return d;
}

StepObjective SupervisedMethod::objective(const TrainingBatch &batch, const StepContext &)
{
    const RoleBatch &data = batch.at(kRole);
    const torch::Tensor background = m_net->forward(data.rainy.to(device()));
    const torch::Tensor clean = data.clean.to(device());
    return { { { m_mse ? "mse" : "l1",
                 m_mse ? torch::mse_loss(background, clean) : torch::l1_loss(background, clean),
                 1.0 } },
        { kNetwork } };
}

StepResult SupervisedMethod::trainStep(const TrainingBatch &batch, const StepContext &context)
{
    m_net->train();
    StepResult result;
    if (context.wantVisuals) { // the network as this step finds it, before its update
        torch::NoGradGuard noGrad;
        const RoleBatch &data = batch.at(kRole);
        const torch::Tensor o = data.rainy[0].to(device());
        const torch::Tensor b = m_net->forward(o.unsqueeze(0))[0].clamp(0, 1);
        const torch::Tensor clean = data.clean[0].to(device());
        result.visuals
            = { { "O", o }, { "B", b }, { "R", o - b }, { "B_gt", clean }, { "R_gt", o - clean } };
    }
    result.losses = minimise(objective(batch, context).terms, "adam");
    return result;
}

DerainOutput SupervisedMethod::derain(const at::Tensor &rainy, bool)
{
    torch::NoGradGuard noGrad;
    const bool training = m_net->is_training();
    m_net->eval();
    const torch::Tensor o = rainy.to(device());
    // B is kept in the image range [0, 1]; R = O − B stays exact for the clamped B.
    const torch::Tensor b = m_net->forward(o).clamp(0, 1);
    m_net->train(training);
    return { b, o - b, {} };
}

std::vector<RainFeatureGroup> SupervisedMethod::rainFeatures(const TrainingBatch &batch)
{
    const RoleBatch &data = batch.at(kRole);
    const torch::Tensor rainy = data.rainy.to(device());
    return { { "synthetic decomposed", derain(rainy, false).rain, kRole, rainy },
        { "synthetic ground truth", rainy - data.clean.to(device()), kRole, rainy } };
}

InferenceGeometry SupervisedMethod::inferenceGeometry() const
{
    return { m_net->options().alignment(), m_net->options().receptiveRadius() };
}

} // namespace pluvia::models
