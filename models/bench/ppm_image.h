// SPDX-License-Identifier: GPL-3.0-or-later
// Binary PPM (P6, 8-bit) images as tensors, for the LibTorch-only tools that run where neither Qt
// nor OpenCV is installed. bench/png_ppm.py converts a workspace's PNG datasets to and from PPM.
#pragma once

#include <ATen/core/Tensor.h>

#include <string>
#include <vector>

namespace pluvia::models {

// 3×H×W float32 in [0, 1]. Throws std::runtime_error naming the file and the problem.
at::Tensor readPpm(const std::string &path);
// Writes 3×H×W (values clamped to [0, 1], rounded to 8 bits) to a temporary file, then renames
// it to `path`. Throws std::runtime_error naming the file on failure.
void writePpm(const std::string &path, const at::Tensor &image);
// The .ppm files of a folder, by name. Throws std::runtime_error when the folder cannot be read.
std::vector<std::string> ppmFiles(const std::string &folder);

} // namespace pluvia::models
