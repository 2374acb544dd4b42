// SPDX-License-Identifier: GPL-3.0-or-later
// What the method tests share: a method built from its catalogue entry, training steps driven as
// the engine drives them, and a state copied through an in-memory archive as a checkpoint would.
#pragma once

#include "models/framework/method_registry.h"

#include <gtest/gtest.h>
#include <torch/serialize/input-archive.h>
#include <torch/serialize/output-archive.h>

#include <algorithm>
#include <functional>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

namespace pluvia::models::test {

// `id` resolved from `preset` with `overrides` (the test's small sizes first), built on the CPU.
template<class M = Method>
std::unique_ptr<M> makeMethod(const std::string &id, std::uint64_t seed,
    const std::vector<std::string> &overrides, const std::string &preset = "quick")
{
    Params params;
    EXPECT_EQ(resolveParams(*findMethod(id), preset, overrides, &params), "");
    std::string error;
    std::unique_ptr<Method> method = createMethod(id, params, c10::Device("cpu"), seed, &error);
    EXPECT_TRUE(method) << error;
    return std::unique_ptr<M>(static_cast<M *>(method.release()));
}

// The loss terms of steps [from, from + count): every value in order, and each term's series.
struct TrainedLosses {
    std::vector<double> values;
    std::map<std::string, std::vector<double>> byName;
};

inline TrainedLosses trainSteps(Method &method, const TrainingPlan &plan, int from, int count,
    const std::function<TrainingBatch(int step)> &batchAt)
{
    TrainedLosses losses;
    const std::vector<Stage> stages = method.stages(plan);
    for (int step = from; step < from + count; ++step) {
        const StepContext context = stepContext(stages, plan, step, false);
        method.prepareStep(context);
        for (const LossTerm &term : method.trainStep(batchAt(step), context).losses) {
            const double value = term.value.template item<double>();
            losses.values.push_back(value);
            losses.byName[term.name].push_back(value);
        }
    }
    return losses;
}

// Copies of the parameters of `names` (in the method's network order), and whether two such
// snapshots are equal to the bit: "this step updated that network" checks.
inline std::vector<at::Tensor> snapshot(Method &method, const std::vector<std::string> &names)
{
    std::vector<at::Tensor> copies;
    for (const auto &[name, module] : method.networks())
        if (std::find(names.begin(), names.end(), name) != names.end())
            for (const auto &p : module->parameters())
                copies.push_back(p.detach().clone());
    return copies;
}

inline bool unchanged(const std::vector<at::Tensor> &before, const std::vector<at::Tensor> &after)
{
    for (size_t i = 0; i < before.size(); ++i)
        if (!before[i].equal(after[i]))
            return false;
    return true;
}

// Saves `from` (a method or an image pool) and loads the bytes into `to`.
template<class T>
void copyState(const T &from, T &to)
{
    torch::serialize::OutputArchive archive;
    from.save(archive);
    std::ostringstream bytes;
    archive.save_to(bytes);
    torch::serialize::InputArchive input;
    std::istringstream in(bytes.str());
    input.load_from(in);
    to.load(input);
}

} // namespace pluvia::models::test
