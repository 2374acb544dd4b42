// SPDX-License-Identifier: GPL-3.0-or-later
// LibTorch runtime set-up shared by every Pluvia program: intra-op threads and devices.
#pragma once

#include <string>
#include <vector>

namespace pluvia::models {

// Sets LibTorch's intra-op thread count. Debian's LibTorch starts with 1 thread, so every Pluvia
// program calls this once at start-up; `threads <= 0` means one per available core.
// Returns the count in effect afterwards.
int configureThreads(int threads = 0);

// Cores available to this process (sched affinity aware).
int availableCores();

struct DeviceInfo {
    std::string name; // "cpu", "cuda:0", ...
    std::string description; // human-readable, e.g. "CPU, 2 threads" or the GPU's name
};

// The devices this LibTorch build can run on here: the CPU, then each visible CUDA device.
std::vector<DeviceInfo> availableDevices();

// Checks a device string ("cpu", "cuda", "cuda:N"). Returns an empty string when usable, else a
// message saying why not (no CUDA in this LibTorch build, no GPU, index out of range).
std::string checkDevice(const std::string &device);

// "LibTorch 1.13.1 (CPU)" or "LibTorch 2.x (CUDA 12.x)".
std::string libtorchDescription();

} // namespace pluvia::models
