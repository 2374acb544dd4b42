// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/framework/method_registry.h"

#include "models/methods/deraincyclegan_method.h"
#include "models/methods/jrgr_method.h"
#include "models/methods/supervised_method.h"
#include "models/methods/timelapse_method.h"
#include "models/methods/udrdr_method.h"

#include <torch/torch.h>

#include <deque>
#include <mutex>

namespace pluvia::models {

namespace {

struct Entry {
    MethodDescription description;
    MethodFactory factory;
};

DataRole validationRole()
{
    return { kValidationRole, DataKind::Paired, RoleContent::RainyAndClean, false, "",
        "paired images held out for PSNR/SSIM on a schedule; the best checkpoint is chosen by "
        "its PSNR" };
}

void add(std::deque<Entry> &entries, MethodDescription description, MethodFactory factory)
{
    for (const Entry &entry : entries)
        if (entry.description.id == description.id)
            throw std::logic_error("method " + description.id + " is registered twice");
    for (const char *key : { "batch_size", "crop_size", "epochs" })
        if (!description.schema.find(key))
            throw std::logic_error("method " + description.id + ": schema lacks " + key);
    description.roles.push_back(validationRole());
    entries.push_back({ std::move(description), std::move(factory) });
}

std::mutex &registryMutex()
{
    static std::mutex mutex;
    return mutex;
}

std::deque<Entry> &registry()
{
    static std::deque<Entry> entries = [] {
        std::deque<Entry> builtIn;
        add(builtIn, SupervisedMethod::describe(),
            [](const Params &params, c10::Device device, std::uint64_t seed) {
                return std::make_unique<SupervisedMethod>(params, device, seed);
            });
        add(builtIn, JrgrMethod::describe(),
            [](const Params &params, c10::Device device, std::uint64_t seed) {
                return std::make_unique<JrgrMethod>(params, device, seed);
            });
        add(builtIn, UdrdrMethod::describe(),
            [](const Params &params, c10::Device device, std::uint64_t seed) {
                return std::make_unique<UdrdrMethod>(params, device, seed);
            });
        add(builtIn, DerainCycleGanMethod::describe(),
            [](const Params &params, c10::Device device, std::uint64_t seed) {
                return std::make_unique<DerainCycleGanMethod>(params, device, seed);
            });
        add(builtIn, TimeLapseMethod::describe(),
            [](const Params &params, c10::Device device, std::uint64_t seed) {
                return std::make_unique<TimeLapseMethod>(params, device, seed);
            });
        return builtIn;
    }();
    return entries;
}

} // namespace

std::vector<std::string> methodIds()
{
    std::lock_guard<std::mutex> lock(registryMutex());
    std::vector<std::string> ids;
    for (const Entry &entry : registry())
        ids.push_back(entry.description.id);
    return ids;
}

const MethodDescription *findMethod(const std::string &id)
{
    std::lock_guard<std::mutex> lock(registryMutex());
    for (const Entry &entry : registry())
        if (entry.description.id == id)
            return &entry.description;
    return nullptr;
}

void registerMethod(MethodDescription description, MethodFactory factory)
{
    std::lock_guard<std::mutex> lock(registryMutex());
    add(registry(), std::move(description), std::move(factory));
}

std::string resolveParams(const MethodDescription &method, const std::string &preset,
    const std::vector<std::string> &overrides, Params *params)
{
    Params resolved(method.schema);
    const std::string presetName = preset.empty() ? "paper" : preset;
    const Preset *chosen = method.preset(presetName);
    if (!chosen) {
        std::string names;
        for (const Preset &p : method.presets)
            names += (names.empty() ? "" : ", ") + p.name;
        return "method " + method.id + " has no preset '" + presetName + "'; allowed: " + names;
    }
    for (const auto &[name, value] : chosen->values)
        if (std::string error = setParam(method.schema, &resolved, name, value); !error.empty())
            throw std::logic_error("preset " + presetName + " of " + method.id + ": " + error);
    if (std::string error = applyOverrides(method.schema, &resolved, overrides); !error.empty())
        return error;
    *params = resolved;
    return {};
}

std::unique_ptr<Method> createMethod(const std::string &id, const Params &params,
    c10::Device device, std::uint64_t seed, std::string *error)
{
    MethodFactory factory;
    {
        std::lock_guard<std::mutex> lock(registryMutex());
        for (const Entry &entry : registry())
            if (entry.description.id == id)
                factory = entry.factory;
    }
    if (!factory) {
        std::string ids;
        for (const std::string &known : methodIds())
            ids += (ids.empty() ? "" : ", ") + known;
        *error = "unknown method '" + id + "'; allowed: " + ids;
        return nullptr;
    }
    static std::mutex initialisationMutex;
    try {
        std::lock_guard<std::mutex> lock(initialisationMutex);
        torch::manual_seed(seed);
        return factory(params, device, seed);
    } catch (const std::exception &e) {
        *error = "cannot create method " + id + ": " + e.what();
        return nullptr;
    }
}

} // namespace pluvia::models
