// SPDX-License-Identifier: GPL-3.0-or-later
// pluvia-models-bench: times Pluvia's methods with nothing but LibTorch, so the same numbers
// can be taken on a GPU machine without Qt, and checks that a CUDA build computes what the CPU
// computes. Usage:
//   pluvia-models-bench [--device cpu|cuda[:N]] [--threads N] [--repeats K] [--method M]...
//                       [--preset P]... [--compare-cpu]
// Prints one line per case: method, preset, task, shape, median and minimum milliseconds. With
// --compare-cpu (on a CUDA device), also runs the first training steps on both devices from the
// same weights and batch, and prints the largest relative difference of the losses and of a
// derained image; the exit code is 1 when they disagree by more than 1e-3.
#include "models/framework/method_registry.h"
#include "models/framework/random_batch.h"
#include "models/runtime.h"

#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <functional>
#include <string>
#include <vector>

namespace {

using namespace pluvia::models;

void synchronize(const torch::Device &device)
{
    // Reading one value forces queued CUDA kernels to finish; a no-op cost on the CPU.
    if (device.is_cuda())
        torch::zeros({ 1 }, torch::TensorOptions().device(device)).cpu();
}

std::pair<double, double> timeMs(
    const torch::Device &device, int repeats, const std::function<void()> &work)
{
    work(); // warm-up: allocator, cuDNN/oneDNN algorithm selection
    synchronize(device);
    std::vector<double> times;
    for (int i = 0; i < repeats; ++i) {
        const auto start = std::chrono::steady_clock::now();
        work();
        synchronize(device);
        times.push_back(
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                .count());
    }
    std::sort(times.begin(), times.end());
    return { times[times.size() / 2], times.front() };
}

TrainingBatch pairedBatch(int n, int side, const torch::Device &device)
{
    torch::manual_seed(1);
    TrainingBatch batch;
    auto &data = batch["synthetic_paired"];
    data.clean = (torch::rand({ n, 3, side, side }) * 0.8).to(device);
    data.rainy = (data.clean.cpu() + 0.2 * (torch::rand({ n, 1, side, side }) > 0.95))
                     .clamp(0, 1)
                     .to(device);
    return batch;
}

std::unique_ptr<Method> make(
    const std::string &id, const std::string &preset, const torch::Device &device)
{
    Params params;
    const std::string problem = resolveParams(*findMethod(id), preset, {}, &params);
    std::string error;
    auto method = problem.empty() ? createMethod(id, params, device, 0, &error) : nullptr;
    if (!method)
        std::fprintf(stderr, "pluvia-models-bench: %s%s\n", problem.c_str(), error.c_str());
    return method;
}

std::vector<float> firstLosses(Method &method, const TrainingBatch &batch, int steps)
{
    const TrainingPlan plan { 1000, 100 };
    const auto stages = method.stages(plan);
    std::vector<float> losses;
    for (int step = 0; step < steps; ++step) {
        const StepContext context = stepContext(stages, plan, step, false);
        method.prepareStep(context);
        losses.push_back(method.trainStep(batch, context).losses.front().value.item<float>());
    }
    return losses;
}

// The supervised method from identical weights on the CPU and on `device`.
bool compareWithCpu(const torch::Device &device)
{
    const torch::Device cpu("cpu");
    auto onCpu = make("supervised", "quick", cpu);
    auto onDevice = make("supervised", "quick", device); // same seed: same initial weights
    if (!onCpu || !onDevice)
        return false;
    const auto image = torch::rand({ 1, 3, 200, 312 });
    const auto bCpu = onCpu->derain(image, false).background;
    const auto bDevice = onDevice->derain(image.to(device), false).background.cpu();
    const double imageDiff = (bCpu - bDevice).abs().max().item<double>();
    const auto lossesCpu = firstLosses(*onCpu, pairedBatch(4, 96, cpu), 5);
    const auto lossesDevice = firstLosses(*onDevice, pairedBatch(4, 96, device), 5);
    double lossDiff = 0.0;
    for (size_t i = 0; i < lossesCpu.size(); ++i)
        lossDiff = std::max(lossDiff,
            std::abs(double(lossesCpu[i] - lossesDevice[i])) / std::abs(double(lossesCpu[i])));
    std::printf("cuda-vs-cpu supervised quick: derain max |dB| %.3g, first 5 losses max relative "
                "difference %.3g (cpu %.6f .. %.6f, %s %.6f .. %.6f)\n",
        imageDiff, lossDiff, lossesCpu.front(), lossesCpu.back(), device.str().c_str(),
        lossesDevice.front(), lossesDevice.back());
    return imageDiff < 1e-3 && lossDiff < 1e-3;
}

} // namespace

int main(int argc, char **argv)
{
    std::string deviceName = "cpu";
    int threads = 0;
    int repeats = 5;
    bool compare = false;
    std::vector<std::string> presets;
    std::vector<std::string> methods;
    for (int i = 1; i < argc; ++i) {
        const bool hasValue = i + 1 < argc;
        if (!std::strcmp(argv[i], "--device") && hasValue)
            deviceName = argv[++i];
        else if (!std::strcmp(argv[i], "--threads") && hasValue)
            threads = std::atoi(argv[++i]);
        else if (!std::strcmp(argv[i], "--repeats") && hasValue)
            repeats = std::max(1, std::atoi(argv[++i]));
        else if (!std::strcmp(argv[i], "--preset") && hasValue)
            presets.push_back(argv[++i]);
        else if (!std::strcmp(argv[i], "--method") && hasValue)
            methods.push_back(argv[++i]);
        else if (!std::strcmp(argv[i], "--compare-cpu"))
            compare = true;
        else {
            std::fprintf(stderr,
                "usage: %s [--device cpu|cuda[:N]] [--threads N] [--repeats K] [--method M]... "
                "[--preset P]... [--compare-cpu]\n",
                argv[0]);
            return 2;
        }
    }
    const int threadCount = configureThreads(threads);
    if (const auto problem = checkDevice(deviceName); !problem.empty()) {
        std::fprintf(stderr, "pluvia-models-bench: %s\n", problem.c_str());
        return 1;
    }
    const torch::Device device(deviceName);
    std::printf("# %s, device %s, %d intra-op threads, median of %d\n",
        libtorchDescription().c_str(), deviceName.c_str(), threadCount, repeats);
    if (presets.empty())
        presets = { "paper", "quick" };
    if (methods.empty())
        methods = methodIds();
    for (const std::string &id : methods) {
        if (!findMethod(id)) {
            std::fprintf(stderr, "pluvia-models-bench: unknown method %s\n", id.c_str());
            return 2;
        }
        for (const std::string &preset : presets) {
            if (!findMethod(id)->preset(preset))
                continue; // e.g. reference-code exists for some methods only
            auto method = make(id, preset, device);
            if (!method)
                return 1;
            const int n = int(method->params().integer("batch_size"));
            const int side = int(method->params().integer("crop_size"));
            const TrainingBatch batch = randomBatch(*findMethod(id), n, side, device);
            const TrainingPlan plan { 1000000, 1000 };
            const auto stages = method->stages(plan);
            int64_t step = stages.back().startStep; // the representative (e.g. joint) stage
            const auto [trainMs, trainMin] = timeMs(device, repeats, [&] {
                const StepContext context = stepContext(stages, plan, step, false);
                method->prepareStep(context);
                for (const LossTerm &term : method->trainStep(batch, context).losses)
                    term.value.item<double>();
                ++step;
            });
            std::printf("%-12s %-8s train_step  %dx3x%dx%d  %10.2f ms  (min %.2f)\n", id.c_str(),
                preset.c_str(), n, side, side, trainMs, trainMin);
            const auto image
                = torch::rand({ 1, 3, 512, 512 }, torch::TensorOptions().device(device));
            const auto [derainMs, derainMin]
                = timeMs(device, repeats, [&] { method->derain(image, false).background.cpu(); });
            std::printf("%-12s %-8s derain      1x3x512x512   %10.2f ms  (min %.2f)\n", id.c_str(),
                preset.c_str(), derainMs, derainMin);
            std::fflush(stdout);
        }
    }
    if (compare && device.is_cuda() && !compareWithCpu(device))
        return 1;
    return 0;
}
