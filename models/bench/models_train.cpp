// SPDX-License-Identifier: GPL-3.0-or-later
// pluvia-models-train: trains a method with nothing but LibTorch, so a preset can be trained on a
// GPU machine that has neither Qt nor OpenCV, then derains a test folder with the result. The
// data are the workspace's datasets converted to binary PPM by bench/png_ppm.py; scoring happens
// where Pluvia is installed (`pluvia-cli eval`), so there is one implementation of the metrics.
//   pluvia-models-train --method M [--preset P] [--set KEY=VALUE]... --data ROLE=DIR...
//       [--steps N] [--seconds S] --test DIR --out DIR [--device D] [--threads N] [--seed S]
// A paired DIR holds rain/ and norain/ (same names) and optionally directions.txt ("NAME DEGREES"
// per line); an unpaired DIR holds the images themselves. Like the engine, each step draws every
// role's batch as random crop_size crops, mirrored with probability 1/2; unlike it, images are
// drawn with replacement rather than in shuffled epochs, there is no validation and no
// checkpoint. The schedules are planned for --steps (default: the preset's epochs over the first
// role, as the engine plans); --seconds stops the run early.
#include "models/bench/ppm_image.h"
#include "models/framework/method_registry.h"
#include "models/runtime.h"

#include <torch/torch.h>

#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

using namespace pluvia::models;

struct RoleImages {
    RoleContent content = RoleContent::Rainy;
    std::vector<at::Tensor> rainy;
    std::vector<at::Tensor> clean;
    std::vector<float> directionDeg; // NaN where unknown
    size_t size() const { return rainy.empty() ? clean.size() : rainy.size(); }
};

std::string fileName(const std::string &path)
{
    return std::filesystem::path(path).filename();
}

std::map<std::string, float> readDirections(const std::string &folder)
{
    std::map<std::string, float> directions;
    std::ifstream in(folder + "/directions.txt");
    std::string line;
    while (std::getline(in, line)) {
        std::istringstream fields(line);
        std::string name;
        float degrees = 0.0f;
        if (fields >> name >> degrees)
            directions[name] = degrees;
    }
    return directions;
}

RoleImages readRole(const DataRole &role, const std::string &folder)
{
    RoleImages images;
    images.content = role.content;
    switch (role.content) {
    case RoleContent::RainyAndClean: {
        const auto directions = readDirections(folder);
        for (const std::string &rainy : ppmFiles(folder + "/rain")) {
            const std::string name = fileName(rainy);
            images.rainy.push_back(readPpm(rainy));
            images.clean.push_back(readPpm(folder + "/norain/" + name));
            if (images.rainy.back().sizes() != images.clean.back().sizes())
                throw std::runtime_error(rainy + ": its clean image differs in size");
            const auto direction = directions.find(name);
            images.directionDeg.push_back(
                direction == directions.end() ? std::nanf("") : direction->second);
        }
        break;
    }
    case RoleContent::Rainy:
    case RoleContent::Clean:
        for (const std::string &file : ppmFiles(folder))
            (role.content == RoleContent::Rainy ? images.rainy : images.clean)
                .push_back(readPpm(file));
        break;
    case RoleContent::Frames:
        throw std::runtime_error(role.name + ": time-lapse roles are not read by this tool");
    }
    if (images.size() == 0)
        throw std::runtime_error(folder + ": holds no .ppm images for role " + role.name);
    return images;
}

// The role's batch: `n` random crops of side `crop`, each mirrored with probability 1/2 (a
// mirrored streak's direction θ becomes 180° − θ).
RoleBatch drawBatch(
    const RoleImages &images, int n, int crop, std::mt19937_64 &rng, const torch::Device &device)
{
    std::vector<at::Tensor> rainy, clean;
    std::vector<float> directions;
    for (int i = 0; i < n; ++i) {
        const size_t index = std::uniform_int_distribution<size_t>(0, images.size() - 1)(rng);
        const at::Tensor &any = images.rainy.empty() ? images.clean[index] : images.rainy[index];
        if (any.size(1) < crop || any.size(2) < crop)
            throw std::runtime_error("an image of " + std::to_string(any.size(2)) + "×"
                + std::to_string(any.size(1)) + " is smaller than the " + std::to_string(crop)
                + "-pixel crop");
        const auto y = std::uniform_int_distribution<std::int64_t>(0, any.size(1) - crop)(rng);
        const auto x = std::uniform_int_distribution<std::int64_t>(0, any.size(2) - crop)(rng);
        const bool flip = std::bernoulli_distribution(0.5)(rng);
        auto cut = [&](const at::Tensor &image) {
            at::Tensor window = image.slice(1, y, y + crop).slice(2, x, x + crop);
            return flip ? window.flip({ 2 }) : window;
        };
        if (!images.rainy.empty())
            rainy.push_back(cut(images.rainy[index]));
        if (!images.clean.empty())
            clean.push_back(cut(images.clean[index]));
        if (!images.directionDeg.empty()) {
            const float d = images.directionDeg[index];
            directions.push_back(flip && d == d ? std::fmod(180.0f - d, 180.0f) : d);
        }
    }
    RoleBatch batch;
    if (!rainy.empty())
        batch.rainy = torch::stack(rainy).to(device);
    if (!clean.empty())
        batch.clean = torch::stack(clean).to(device);
    if (!directions.empty())
        batch.directionDeg = torch::tensor(directions).to(device);
    return batch;
}

struct Options {
    std::string method, preset = "paper", test, out, device = "cpu";
    std::vector<std::string> overrides;
    std::map<std::string, std::string> data;
    std::int64_t steps = 0;
    double seconds = 0.0;
    int threads = 0;
    std::uint64_t seed = 1;
    std::int64_t logEvery = 100;
};

bool parse(int argc, char **argv, Options *options)
{
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string key = argv[i], value = argv[i + 1];
        if (key == "--method")
            options->method = value;
        else if (key == "--preset")
            options->preset = value;
        else if (key == "--set")
            options->overrides.push_back(value);
        else if (key == "--data" && value.find('=') != std::string::npos)
            options->data[value.substr(0, value.find('='))] = value.substr(value.find('=') + 1);
        else if (key == "--steps")
            options->steps = std::atoll(value.c_str());
        else if (key == "--seconds")
            options->seconds = std::atof(value.c_str());
        else if (key == "--test")
            options->test = value;
        else if (key == "--out")
            options->out = value;
        else if (key == "--device")
            options->device = value;
        else if (key == "--threads")
            options->threads = std::atoi(value.c_str());
        else if (key == "--seed")
            options->seed = std::strtoull(value.c_str(), nullptr, 10);
        else if (key == "--log-every")
            options->logEvery = std::max<std::int64_t>(1, std::atoll(value.c_str()));
        else
            return false;
    }
    return argc % 2 == 1 && !options->method.empty() && options->steps >= 0
        && !options->test.empty() && !options->out.empty() && !options->data.empty();
}

double secondsSince(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

int train(const Options &options)
{
    const MethodDescription *description = findMethod(options.method);
    if (!description)
        throw std::runtime_error("unknown method " + options.method);
    Params params;
    if (const std::string problem
        = resolveParams(*description, options.preset, options.overrides, &params);
        !problem.empty())
        throw std::runtime_error(problem);
    const torch::Device device(options.device);
    std::string error;
    auto method = createMethod(options.method, params, device, options.seed, &error);
    if (!method)
        throw std::runtime_error(error);

    std::map<std::string, RoleImages> roles;
    for (const DataRole &role : description->roles) {
        if (role.name == kValidationRole)
            continue;
        const auto folder = options.data.find(role.name);
        if (folder != options.data.end()) {
            roles[role.name] = readRole(role, folder->second);
        } else if (!role.fallbackRole.empty() && options.data.count(role.fallbackRole)) {
            // As the engine does: the fallback role's clean images stand in.
            roles[role.name].content = RoleContent::Clean;
            for (const std::string &file : ppmFiles(options.data.at(role.fallbackRole) + "/norain"))
                roles[role.name].clean.push_back(readPpm(file));
        } else if (role.required) {
            throw std::runtime_error("role " + role.name + " needs --data " + role.name + "=DIR");
        }
    }
    const int batchSize = int(params.integer("batch_size"));
    const int crop = int(params.integer("crop_size"));
    const RoleImages &first = roles.at(description->roles.front().name);
    TrainingPlan plan;
    plan.stepsPerEpoch
        = std::max<std::int64_t>(1, std::int64_t(first.size() + batchSize - 1) / batchSize);
    plan.totalSteps
        = options.steps > 0 ? options.steps : params.integer("epochs") * plan.stepsPerEpoch;
    const std::vector<Stage> stages = method->stages(plan);
    std::printf("# %s, %s, %s preset %s, batch %d, crop %d, %lld steps planned (%lld per epoch)\n",
        libtorchDescription().c_str(), options.device.c_str(), options.method.c_str(),
        options.preset.c_str(), batchSize, crop, static_cast<long long>(plan.totalSteps),
        static_cast<long long>(plan.stepsPerEpoch));

    std::mt19937_64 rng(options.seed);
    const auto start = std::chrono::steady_clock::now();
    auto intervalStart = start;
    std::int64_t step = 0;
    for (; step < plan.totalSteps; ++step) {
        if (options.seconds > 0 && secondsSince(start) >= options.seconds)
            break;
        TrainingBatch batch;
        for (const auto &[name, images] : roles)
            batch[name] = drawBatch(images, batchSize, crop, rng, device);
        const StepContext context = stepContext(stages, plan, step, false);
        method->prepareStep(context);
        const StepResult result = method->trainStep(batch, context);
        if ((step + 1) % options.logEvery == 0) {
            double total = 0.0; // reading it waits for the step's kernels
            for (const LossTerm &term : result.losses)
                if (term.name == "total")
                    total = term.value.item<double>();
            std::printf("step %lld  %s  total %.5f  %.1f ms/step  %.0f s\n",
                static_cast<long long>(step + 1), stages[size_t(context.stageIndex)].name.c_str(),
                total, 1000.0 * secondsSince(intervalStart) / double(options.logEvery),
                secondsSince(start));
            std::fflush(stdout);
            intervalStart = std::chrono::steady_clock::now();
        }
    }
    const double trainSeconds = secondsSince(start);
    std::printf("trained %lld of %lld steps in %.1f s (%.1f ms/step)\n",
        static_cast<long long>(step), static_cast<long long>(plan.totalSteps), trainSeconds,
        1000.0 * trainSeconds / double(std::max<std::int64_t>(1, step)));

    std::filesystem::create_directories(options.out);
    const auto derainStart = std::chrono::steady_clock::now();
    const std::vector<std::string> tests = ppmFiles(options.test);
    for (const std::string &file : tests) {
        const at::Tensor rainy = readPpm(file).unsqueeze(0).to(device);
        writePpm(options.out + "/" + fileName(file), method->derain(rainy, false).background[0]);
    }
    std::printf("derained %zu test images in %.1f s into %s\n", tests.size(),
        secondsSince(derainStart), options.out.c_str());
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    Options options;
    if (!parse(argc, argv, &options)) {
        std::fprintf(stderr,
            "usage: %s --method M [--preset P] [--set KEY=VALUE]... --data ROLE=DIR... [--steps N] "
            "[--seconds S] --test DIR --out DIR [--device D] [--threads N] [--seed S] "
            "[--log-every K]\n",
            argv[0]);
        return 2;
    }
    configureThreads(options.threads);
    if (const std::string problem = checkDevice(options.device); !problem.empty()) {
        std::fprintf(stderr, "pluvia-models-train: %s\n", problem.c_str());
        return 1;
    }
    try {
        return train(options);
    } catch (const std::exception &e) {
        std::fprintf(stderr, "pluvia-models-train: %s\n", e.what());
        return 1;
    }
}
