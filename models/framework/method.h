// SPDX-License-Identifier: GPL-3.0-or-later
// The method interface (DESIGN.md §4): what the engine needs of a deraining method to train it,
// checkpoint it, derain with it and look inside it, without knowing which method it is.
//
// A Method owns its networks, optimisers, image pools and random generator. The engine
//   1. asks for stages(plan) once, then before each step calls prepareStep(context) with the
//      step's stage in its context, which sets every optimiser's learning rates (base × schedule
//      × the stage's per-network multiplier);
//   2. calls trainStep(batch, context) with one batch per data role: the method runs forward,
//      backward and its optimiser steps, and returns every loss term by name;
//   3. saves and loads the complete state through save()/load() (networks, optimisers, pools,
//      the method's generator); the engine adds step, stage, loader positions and seed.
// Tensors: float32 RGB N×3×H×W in [0, 1] on the method's device (DESIGN.md §2); a method that
// works in [-1, 1] converts at its own boundary.
//
// Thread affinity: a Method is used by one thread at a time (the run's training thread, or an
// inference worker); distinct Method objects are independent.
#pragma once

#include "models/framework/archive_fwd.h"
#include "models/framework/image_pool.h"
#include "models/framework/param_schema.h"
#include "models/framework/public_weights.h"
#include "models/framework/schedule.h"

#include <ATen/core/Generator.h>
#include <ATen/core/Tensor.h>
#include <c10/core/Device.h>
#include <torch/nn/module.h>
#include <torch/optim/adam.h>
#include <torch/optim/optimizer.h>

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace pluvia::models {

// ---- What a method declares -------------------------------------------------------------------

enum class DataKind { Paired, Unpaired, TimeLapse };
enum class RoleContent {
    RainyAndClean, // paired: rainy + clean (+ optional direction label)
    Rainy, // unpaired rainy images
    Clean, // unpaired clean images
    Frames, // time-lapse scenes
};

struct DataRole {
    std::string name; // "synthetic_paired", "real_rainy", ...
    DataKind kind = DataKind::Paired;
    RoleContent content = RoleContent::RainyAndClean;
    bool required = true;
    // When an optional role is absent, the clean images of this (paired) role stand in for it
    // (JRGR's clean_backgrounds, UDRDR's clean_reference); "" when nothing does.
    std::string fallbackRole;
    std::string help;
};

// The paired role every method accepts: PSNR/SSIM on a schedule, and the best checkpoint.
inline constexpr const char *kValidationRole = "validation";

// A network layer whose activations can stand for a rain layer in the rain-feature map
// (`--features layer:NAME`).
struct FeatureLayer {
    std::string name; // e.g. "D_Or.penultimate"
    std::string description; // what it sees and why it is a useful feature
};

struct MethodDescription {
    std::string id; // "supervised", "jrgr", "deraincyclegan", "udrdr", "timelapse"
    std::string name;
    std::string paper; // full citation
    std::string summary; // one paragraph: what it learns from what
    std::vector<DataRole> roles; // training roles, then the optional `validation` role
    ParamSchema schema; // every schema has batch_size, crop_size and epochs (the engine reads them)
    std::vector<Preset> presets; // "paper" (the defaults) first, then "quick", ...
    std::vector<std::string> networks; // stable module names, e.g. "F_s", "D_B"
    bool canGenerate = false; // generate() turns clean images into rainy ones
    // What generate()'s rain source is: a synthetic rainy version of the clean image (JRGR), any
    // real rainy image of the clean image's size whose rain is carried over (UDRDR), or nothing,
    // with a real rainy image as an option that steers the rain (DerainCycleGAN).
    enum class RainSource { SyntheticVersion, RealRainy, OptionalRealRainy };
    RainSource rainSource = RainSource::SyntheticVersion;
    std::vector<FeatureLayer> featureLayers; // what layerFeatures() offers
    // What a user must be told about a configuration before it trains, in sentences (a loss
    // term that is off for want of a file, one that is logged but trains nothing); none when
    // unset. Shown by the CLI's start line, the run's card and the training form.
    std::function<std::vector<std::string>(const Params &)> notices;

    const DataRole *role(const std::string &name) const;
    const Preset *preset(const std::string &name) const;
};

// ---- What the engine passes in ------------------------------------------------------------------

// One role's share of a step. Which fields are set follows the role's content:
// RainyAndClean: rainy, clean, directionDeg (N, degrees in [0, 180), NaN when unknown);
// Rainy: rainy; Clean: clean; Frames: frameM, frameN (two distinct frames of one scene),
// background and hasBackground (N bool) when the scene has a clean frame.
struct RoleBatch {
    at::Tensor rainy;
    at::Tensor clean;
    at::Tensor directionDeg;
    at::Tensor frameM;
    at::Tensor frameN;
    at::Tensor background;
    at::Tensor hasBackground;
    // Where each sample came from (not read by methods; for analyses such as rain features):
    // the rainy file (or first frame), and the crop as "x y size" (+ " flipped").
    std::vector<std::string> sources;
    std::vector<std::string> crops;
};
using TrainingBatch = std::map<std::string, RoleBatch>;

// How long training lasts, known before the first step.
struct TrainingPlan {
    std::int64_t totalSteps = 1;
    std::int64_t stepsPerEpoch = 1; // batches per epoch of the method's main (first) role
};

// A phase of training. Steps [startStep, next stage's startStep) belong to it.
struct Stage {
    std::string name; // "pre-train", "joint", "train"
    std::int64_t startStep = 0;
    // Learning-rate multiplier per network (missing: 1). 0 freezes the network's updates.
    std::map<std::string, double> lrMultiplier;
    double multiplierFor(const std::string &network) const;
};

// Index of the stage that `step` belongs to.
int stageIndexAt(const std::vector<Stage> &stages, std::int64_t step);

struct StepContext {
    std::int64_t step = 0; // 0-based index of the step about to run
    TrainingPlan plan;
    int stageIndex = 0; // in the method's stages(plan)
    Stage stage; // that stage
    bool wantVisuals = false; // fill StepResult::visuals (first sample of the batch)
};

// The context of `step` of a run planned as `plan` whose method has `stages`.
StepContext stepContext(const std::vector<Stage> &stages, const TrainingPlan &plan,
    std::int64_t step, bool wantVisuals = false);

// ---- What a method gives back -------------------------------------------------------------------

// One term of the objective: `value` is the unweighted, detached scalar; the engine logs value
// and value × weight. The method also reports "total" (what it minimised; weight 1), and the
// discriminators' objectives under their own names (e.g. "D_B").
struct LossTerm {
    std::string name; // "group/term", e.g. "cycle/O_s", or a plain name such as "l1"
    at::Tensor value;
    double weight = 1.0;
};

using NamedImage = std::pair<std::string, at::Tensor>; // name, 3×H×W (or 1×H×W) on any device

// What one training step minimises: its weighted terms with their autograd graphs (values not
// detached), and the networks the step updates with them. For the diagnosis of which term
// drives which network (core/analysis/gradient_shares.h).
struct StepObjective {
    std::vector<LossTerm> terms;
    std::vector<std::string> updates; // network names
};

struct StepResult {
    std::vector<LossTerm> losses;
    std::vector<NamedImage> visuals;
};

// A named image a method computes on the way (JRGR's translations, UDRDR's rain map, ...).
struct Intermediate {
    std::string name;
    at::Tensor image; // N×C×H×W
    bool isSigned = false; // a rain layer (any sign; shown with the diverging colormap), else an
                           // image in [0, 1]
};

struct DerainOutput {
    at::Tensor background; // N×3×H×W, B, in [0, 1]
    at::Tensor rain; // N×3×H×W, R = O − B (signed)
    std::vector<Intermediate> intermediates;
};

// Rain layers tagged by group, for the t-SNE view ("synthetic decomposed", "real generated", ...).
struct RainFeatureGroup {
    std::string group;
    at::Tensor rain; // N×3×H×W
    std::string role; // the role whose samples these are (sample i of the group is its sample i)
    // N×3×H×W in [0, 1]: the rainy image the rain layer is part of (the input O it was
    // decomposed from, or the generated rainy image it was decomposed from or added to).
    at::Tensor image;
};

// What tiled inference must respect: tiles start at multiples of `alignment` (so pooling grids
// line up with the whole image's), and a tile's outer `receptiveRadius` pixels are context only.
struct InferenceGeometry {
    int alignment = 1;
    int receptiveRadius = 0;
};

// ---- The interface
// -------------------------------------------------------------------------------

class Method
{
public:
    virtual ~Method();
    Method(const Method &) = delete;
    Method &operator=(const Method &) = delete;

    virtual const MethodDescription &description() const = 0;
    const Params &params() const { return m_params; }
    const c10::Device &device() const { return m_device; }

    // Networks by their stable names, in description().networks order.
    const std::vector<std::pair<std::string, torch::nn::Module *>> &networks() const
    {
        return m_networks;
    }

    // The stages of a plan; the default is one stage, "train", with every multiplier 1. The
    // engine asks once per plan and hands each step its stage (stepContext).
    virtual std::vector<Stage> stages(const TrainingPlan &plan) const;

    // Sets learning rates for context.step: base × schedule.at(step) × context.stage's multiplier
    // of each network's parameter group, and clears every gradient (to undefined, not zero: a
    // network a step does not use then stays untouched by the optimiser, as after a resume, so
    // resumed runs stay exact). Called by the engine before every trainStep().
    void prepareStep(const StepContext &context);
    // The learning rate currently set for `network`'s parameters in optimiser `optimiser`
    // (NaN when the optimiser does not hold that network).
    double learningRate(const std::string &optimiser, const std::string &network) const;
    // Every learning rate currently set, as ("optimiser/network", lr), in registration order.
    std::vector<std::pair<std::string, double>> learningRates() const;

    // Loads what only training needs (DerainCycleGAN's VGG-16 weights), so that a model can
    // derain without those files. The engine calls it before the first step of a run, new or
    // resumed. Throws std::exception with a message naming the file on failure; the default
    // needs nothing.
    virtual void prepareTraining() { }

    // One step of training: forward, backward, optimiser steps. Leaves the networks in training
    // mode. Throws c10::Error / std::exception on failure (the engine turns it into an event).
    virtual StepResult trainStep(const TrainingBatch &batch, const StepContext &context) = 0;
    // The objective trainStep() minimises at `context` on `batch` (for an adversarial method, the
    // side that updates the deraining and generating networks); trainStep() is built on it.
    // Runs forward passes with gradients; changes no weight.
    virtual StepObjective objective(const TrainingBatch &batch, const StepContext &context) = 0;
    // Steps after which the pattern of work repeats (UDRDR alternating a synthetic and a real
    // step: 2). Benchmarks time whole cycles, so a median is not of two different kinds of step.
    virtual int stepCycle() const { return 1; }

    // Derains N×3×H×W images of any size (no gradient; networks in evaluation mode for the call).
    // The named intermediates (which may cost further network passes) only when asked for.
    virtual DerainOutput derain(const at::Tensor &rainy, bool withIntermediates) = 0;
    // Clean images (and, where the method takes one, a rain source) → rainy images. Only when
    // description().canGenerate; the default throws.
    virtual at::Tensor generate(const at::Tensor &clean, const at::Tensor &rainSource);
    // Decomposed (and, where the method can, generated) rain layers of a batch, by group.
    virtual std::vector<RainFeatureGroup> rainFeatures(const TrainingBatch &batch) = 0;
    // N×D features of a group from layer `name` (one of description().featureLayers), no
    // gradient. The default throws std::invalid_argument naming the layers there are.
    virtual at::Tensor layerFeatures(const std::string &name, const RainFeatureGroup &group);
    virtual InferenceGeometry inferenceGeometry() const = 0;

    // How the method's public code names these networks' weights, for the parameters this
    // method has (e.g. JRGR's `reference-code` networks); the default: no such layout.
    virtual PublicWeightsLayout publicWeights() const;

    // Teacher/student methods: when the schema has a non-empty `teacher_checkpoint`, the engine
    // restores that checkpoint's method and hands it over before the first step (and again on
    // resume; the teacher is not part of this method's saved state). The default refuses.
    virtual void setTeacher(std::unique_ptr<Method> teacher);

    // What save() writes and load() reads: the complete state (networks, optimisers, image
    // pools, the method's generator: what resuming needs), or the networks alone (what derain,
    // decompose and generate need: a model to share, a third of the size with Adam).
    enum class StateParts { Complete, NetworksOnly };
    void save(
        torch::serialize::OutputArchive &archive, StateParts parts = StateParts::Complete) const;
    void load(torch::serialize::InputArchive &archive, StateParts parts = StateParts::Complete);

protected:
    // `seed` seeds the method's own generator (image pools, noise maps); network initialisation
    // is seeded by the caller (see createMethod).
    Method(Params params, c10::Device device, std::uint64_t seed);

    // Registers a network under its stable name; the module must outlive the method's use.
    void addNetwork(const std::string &name, torch::nn::Module &module);
    // Registers an optimiser over the parameters of `networks` (one parameter group each, in that
    // order, so that a stage can scale each network's learning rate on its own), with base
    // learning rate `baseLr` and its schedule. `make` builds it from those groups (adam()).
    using OptimiserFactory = std::function<std::unique_ptr<torch::optim::Optimizer>(
        std::vector<torch::optim::OptimizerParamGroup>)>;
    void addOptimiser(const std::string &name, std::vector<std::string> networks, double baseLr,
        Schedule schedule, const OptimiserFactory &make);
    static OptimiserFactory adam(const torch::optim::AdamOptions &options);
    torch::optim::Optimizer &optimiser(const std::string &name);
    ImagePool &addImagePool(const std::string &name, int capacity);

    // The method's own random generator (CPU): draws here are part of the saved state, and
    // independent of other runs in the same process.
    at::Generator &generator() { return m_generator; }

    std::vector<at::Tensor> parametersOf(const std::string &network) const;

    // Training (true) or evaluation mode for every network.
    void setTrainingMode(bool training);
    // Whether the parameters of `networks` take gradients: a generator step freezes the
    // discriminators it backpropagates through, so their gradients stay untouched.
    void setRequiresGrad(const std::vector<std::string> &networks, bool requiresGrad);
    // One optimiser step on the weighted sum of `terms` (terms of weight 0 are left out of it):
    // clears `optimiser`'s gradients, backpropagates, steps; no step when nothing in the sum
    // takes a gradient. Returns the terms with detached values, then "total" (the sum).
    std::vector<LossTerm> minimise(std::vector<LossTerm> terms, const std::string &optimiser);

private:
    struct OptimiserEntry {
        std::string name;
        std::unique_ptr<torch::optim::Optimizer> optimiser;
        std::vector<std::string> networks; // parameter group i holds networks[i]
        double baseLr = 0.0;
        Schedule schedule;
    };

    Params m_params;
    c10::Device m_device;
    at::Generator m_generator;
    std::vector<std::pair<std::string, torch::nn::Module *>> m_networks;
    std::vector<OptimiserEntry> m_optimisers;
    std::vector<std::pair<std::string, std::unique_ptr<ImagePool>>> m_pools;
};

} // namespace pluvia::models
