// SPDX-License-Identifier: GPL-3.0-or-later
// A batch of noise for every training role of a method, shaped as the loaders deliver them:
// what benchmarks time a training step on (pluvia-cli bench, pluvia-models-bench).
#pragma once

#include "models/framework/method.h"

namespace pluvia::models {

// n images of side × side per role, on `device`; paired roles get a clean image and the same
// image with sparse bright "rain" pixels added; the validation role is left out.
TrainingBatch randomBatch(
    const MethodDescription &method, int n, int side, const c10::Device &device);

} // namespace pluvia::models
