// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/framework/method.h"

#include <ATen/CPUGeneratorImpl.h>
#include <torch/torch.h>

#include <cmath>
#include <limits>
#include <mutex>

namespace pluvia::models {

const DataRole *MethodDescription::role(const std::string &name) const
{
    for (const DataRole &r : roles)
        if (r.name == name)
            return &r;
    return nullptr;
}

const Preset *MethodDescription::preset(const std::string &name) const
{
    for (const Preset &p : presets)
        if (p.name == name)
            return &p;
    return nullptr;
}

double Stage::multiplierFor(const std::string &network) const
{
    const auto it = lrMultiplier.find(network);
    return it == lrMultiplier.end() ? 1.0 : it->second;
}

Method::Method(Params params, c10::Device device, std::uint64_t seed)
    : m_params(std::move(params))
    , m_device(device)
    , m_generator(at::make_generator<at::CPUGeneratorImpl>(seed))
{ }

Method::~Method() = default;

std::vector<Stage> Method::stages(const TrainingPlan &) const
{
    return { Stage { "train", 0, {} } };
}

int stageIndexAt(const std::vector<Stage> &stages, std::int64_t step)
{
    int index = 0;
    for (size_t i = 0; i < stages.size(); ++i)
        if (stages[i].startStep <= step)
            index = int(i);
    return index;
}

StepContext stepContext(
    const std::vector<Stage> &stages, const TrainingPlan &plan, std::int64_t step, bool wantVisuals)
{
    const int index = stageIndexAt(stages, step);
    return StepContext { step, plan, index, stages.at(size_t(index)), wantVisuals };
}

void Method::prepareStep(const StepContext &context)
{
    for (const auto &[name, module] : m_networks)
        for (at::Tensor &parameter : module->parameters())
            parameter.mutable_grad() = at::Tensor();
    const Stage &stage = context.stage;
    for (OptimiserEntry &entry : m_optimisers) {
        const double scheduled
            = entry.baseLr * entry.schedule.at(context.step, context.plan.totalSteps);
        auto &groups = entry.optimiser->param_groups();
        for (size_t g = 0; g < groups.size(); ++g)
            groups[g].options().set_lr(scheduled * stage.multiplierFor(entry.networks[g]));
    }
}

double Method::learningRate(const std::string &optimiser, const std::string &network) const
{
    for (const OptimiserEntry &entry : m_optimisers) {
        if (entry.name != optimiser)
            continue;
        for (size_t g = 0; g < entry.networks.size(); ++g)
            if (entry.networks[g] == network)
                return entry.optimiser->param_groups()[g].options().get_lr();
    }
    return std::numeric_limits<double>::quiet_NaN();
}

std::vector<std::pair<std::string, double>> Method::learningRates() const
{
    std::vector<std::pair<std::string, double>> rates;
    for (const OptimiserEntry &entry : m_optimisers)
        for (size_t g = 0; g < entry.networks.size(); ++g)
            rates.emplace_back(entry.name + "/" + entry.networks[g],
                entry.optimiser->param_groups()[g].options().get_lr());
    return rates;
}

PublicWeightsLayout Method::publicWeights() const
{
    return {};
}

void Method::setTeacher(std::unique_ptr<Method>)
{
    throw std::logic_error("method " + description().id + " takes no teacher");
}

at::Tensor Method::generate(const at::Tensor &, const at::Tensor &)
{
    throw std::logic_error("method " + description().id + " cannot generate rainy images");
}

at::Tensor Method::layerFeatures(const std::string &name, const RainFeatureGroup &)
{
    std::string offered;
    for (const FeatureLayer &layer : description().featureLayers)
        offered += (offered.empty() ? "" : ", ") + layer.name;
    throw std::invalid_argument("method " + description().id + " has no feature layer '" + name
        + "'" + (offered.empty() ? " (it offers none)" : "; it offers " + offered));
}

void Method::addNetwork(const std::string &name, torch::nn::Module &module)
{
    module.to(m_device);
    m_networks.emplace_back(name, &module);
}

std::vector<at::Tensor> Method::parametersOf(const std::string &network) const
{
    for (const auto &[name, module] : m_networks)
        if (name == network)
            return module->parameters();
    throw std::logic_error("no network named " + network);
}

void Method::setTrainingMode(bool training)
{
    for (const auto &[name, module] : m_networks)
        module->train(training);
}

void Method::setRequiresGrad(const std::vector<std::string> &networks, bool requiresGrad)
{
    for (const std::string &network : networks)
        for (at::Tensor &p : parametersOf(network))
            p.requires_grad_(requiresGrad);
}

std::vector<LossTerm> Method::minimise(std::vector<LossTerm> terms, const std::string &name)
{
    at::Tensor total = torch::zeros({}, torch::TensorOptions().device(m_device));
    for (const LossTerm &term : terms)
        if (term.weight != 0.0)
            total = total + term.value * term.weight;
    torch::optim::Optimizer &chosen = optimiser(name);
    chosen.zero_grad();
    if (total.requires_grad()) {
        total.backward();
        chosen.step();
    }
    for (LossTerm &term : terms)
        term.value = term.value.detach();
    terms.push_back({ "total", total.detach(), 1.0 });
    return terms;
}

void Method::addOptimiser(const std::string &name, std::vector<std::string> networks, double baseLr,
    Schedule schedule, const OptimiserFactory &make)
{
    TORCH_CHECK(!networks.empty(), "addOptimiser(", name, "): no networks");
    std::vector<torch::optim::OptimizerParamGroup> groups;
    for (const std::string &network : networks)
        groups.emplace_back(parametersOf(network));
    std::unique_ptr<torch::optim::Optimizer> optimiser = make(std::move(groups));
    m_optimisers.push_back({ name, std::move(optimiser), std::move(networks), baseLr, schedule });
}

Method::OptimiserFactory Method::adam(const torch::optim::AdamOptions &options)
{
    return [options](std::vector<torch::optim::OptimizerParamGroup> groups) {
        return std::make_unique<torch::optim::Adam>(std::move(groups), options);
    };
}

torch::optim::Optimizer &Method::optimiser(const std::string &name)
{
    for (OptimiserEntry &entry : m_optimisers)
        if (entry.name == name)
            return *entry.optimiser;
    throw std::logic_error("no optimiser named " + name);
}

ImagePool &Method::addImagePool(const std::string &name, int capacity)
{
    m_pools.emplace_back(name, std::make_unique<ImagePool>(capacity));
    return *m_pools.back().second;
}

void Method::save(torch::serialize::OutputArchive &archive, StateParts parts) const
{
    for (const auto &[name, module] : m_networks) {
        torch::serialize::OutputArchive sub;
        module->save(sub);
        archive.write("network/" + name, sub);
    }
    if (parts == StateParts::NetworksOnly)
        return;
    for (const OptimiserEntry &entry : m_optimisers) {
        torch::serialize::OutputArchive sub;
        entry.optimiser->save(sub);
        archive.write("optimiser/" + entry.name, sub);
    }
    for (const auto &[name, pool] : m_pools) {
        torch::serialize::OutputArchive sub;
        pool->save(sub);
        archive.write("pool/" + name, sub);
    }
    at::Generator generator = m_generator;
    std::lock_guard<std::mutex> lock(generator.mutex());
    archive.write("generator", generator.get_state());
}

void Method::load(torch::serialize::InputArchive &archive, StateParts parts)
{
    for (const auto &[name, module] : m_networks) {
        torch::serialize::InputArchive sub;
        archive.read("network/" + name, sub);
        module->load(sub);
        module->to(m_device);
    }
    if (parts == StateParts::NetworksOnly)
        return;
    for (OptimiserEntry &entry : m_optimisers) {
        torch::serialize::InputArchive sub;
        archive.read("optimiser/" + entry.name, sub);
        // LibTorch's load() only sets the moments the archive holds: moments of parameters that
        // had none when the state was saved (a network not yet updated) would otherwise survive.
        entry.optimiser->state().clear();
        entry.optimiser->load(sub);
    }
    for (const auto &[name, pool] : m_pools) {
        torch::serialize::InputArchive sub;
        archive.read("pool/" + name, sub);
        pool->load(sub);
    }
    torch::Tensor state;
    archive.read("generator", state);
    std::lock_guard<std::mutex> lock(m_generator.mutex());
    m_generator.set_state(state.cpu());
}

} // namespace pluvia::models
