// SPDX-License-Identifier: GPL-3.0-or-later
// pluvia-models-bench: times Pluvia's networks with nothing but LibTorch, so the same numbers
// can be taken on a GPU machine without Qt. Usage:
//   pluvia-models-bench [--device cpu|cuda[:N]] [--threads N] [--repeats K]
// Prints one line per case: name, device, threads, median milliseconds over K repeats.
#include "models/networks/unet.h"
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

using pluvia::models::UNet;
using pluvia::models::UNetOptions;

void synchronize(const torch::Device &device)
{
    // Reading one value forces queued CUDA kernels to finish; a no-op cost on the CPU.
    if (device.is_cuda())
        torch::zeros({ 1 }, torch::TensorOptions().device(device)).cpu();
}

double medianMs(const torch::Device &device, int repeats, const std::function<void()> &work)
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
    return times[times.size() / 2];
}

} // namespace

int main(int argc, char **argv)
{
    std::string deviceName = "cpu";
    int threads = 0;
    int repeats = 5;
    for (int i = 1; i < argc; ++i) {
        const bool hasValue = i + 1 < argc;
        if (!std::strcmp(argv[i], "--device") && hasValue)
            deviceName = argv[++i];
        else if (!std::strcmp(argv[i], "--threads") && hasValue)
            threads = std::atoi(argv[++i]);
        else if (!std::strcmp(argv[i], "--repeats") && hasValue)
            repeats = std::max(1, std::atoi(argv[++i]));
        else {
            std::fprintf(
                stderr, "usage: %s [--device cpu|cuda[:N]] [--threads N] [--repeats K]\n", argv[0]);
            return 2;
        }
    }
    const int threadCount = pluvia::models::configureThreads(threads);
    if (const auto problem = pluvia::models::checkDevice(deviceName); !problem.empty()) {
        std::fprintf(stderr, "pluvia-models-bench: %s\n", problem.c_str());
        return 1;
    }
    const torch::Device device(deviceName);
    torch::manual_seed(0);
    std::printf("# %s, device %s, %d intra-op threads, median of %d\n",
        pluvia::models::libtorchDescription().c_str(), deviceName.c_str(), threadCount, repeats);

    UNet unet(UNetOptions {});
    unet->to(device);
    const auto image = torch::rand({ 1, 3, 512, 512 }, torch::TensorOptions().device(device));
    const double inferMs = medianMs(device, repeats, [&] {
        torch::NoGradGuard noGrad;
        unet->forward(image);
    });
    std::printf("unet64_forward_512x512        %8.1f ms\n", inferMs);

    torch::optim::Adam adam(unet->parameters(), torch::optim::AdamOptions(1e-4));
    const auto batch = torch::rand({ 4, 3, 128, 128 }, torch::TensorOptions().device(device));
    const auto target = torch::rand({ 4, 3, 128, 128 }, torch::TensorOptions().device(device));
    const double stepMs = medianMs(device, repeats, [&] {
        adam.zero_grad();
        torch::l1_loss(unet->forward(batch), target).backward();
        adam.step();
    });
    std::printf("unet64_train_step_4x128x128   %8.1f ms\n", stepMs);
    return 0;
}
