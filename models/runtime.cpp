// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/runtime.h"

#include <torch/torch.h>

#include <sched.h>
#include <thread>

namespace pluvia::models {

int availableCores()
{
    cpu_set_t set;
    CPU_ZERO(&set);
    if (sched_getaffinity(0, sizeof(set), &set) == 0) {
        const int count = CPU_COUNT(&set);
        if (count > 0)
            return count;
    }
    return std::max(1u, std::thread::hardware_concurrency());
}

int configureThreads(int threads)
{
    torch::set_num_threads(threads > 0 ? threads : availableCores());
    return torch::get_num_threads();
}

std::vector<DeviceInfo> availableDevices()
{
    std::vector<DeviceInfo> devices;
    devices.push_back({ "cpu", "CPU, " + std::to_string(torch::get_num_threads()) + " threads" });
    if (torch::cuda::is_available()) {
        const auto count = torch::cuda::device_count();
        for (size_t i = 0; i < count; ++i)
            devices.push_back({ "cuda:" + std::to_string(i), "CUDA device " + std::to_string(i) });
    }
    return devices;
}

std::string checkDevice(const std::string &device)
{
    try {
        const torch::Device parsed(device);
        if (parsed.is_cpu())
            return {};
        if (!parsed.is_cuda())
            return "device '" + device + "' is not supported; use cpu or cuda[:N]";
        if (!torch::cuda::is_available())
            return "device '" + device
                + "': this LibTorch build has no CUDA support or no GPU "
                  "is visible; build Pluvia against a CUDA LibTorch (CMAKE_PREFIX_PATH) or use cpu";
        const auto count = static_cast<int>(torch::cuda::device_count());
        if (parsed.has_index() && parsed.index() >= count)
            return "device '" + device + "': only " + std::to_string(count) + " CUDA device(s)";
        return {};
    } catch (const c10::Error &) {
        return "device '" + device + "' is not a device name; use cpu or cuda[:N]";
    }
}

std::string libtorchDescription()
{
    std::string text = "LibTorch " TORCH_VERSION;
    text += torch::cuda::is_available() ? " (CUDA)" : " (CPU)";
    return text;
}

} // namespace pluvia::models
