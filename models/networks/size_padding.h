// SPDX-License-Identifier: GPL-3.0-or-later
// Networks that down-sample need input sides divisible by some factor. They pad any input up to
// the next multiple (reflection; replication when the image is smaller than the padding) and
// crop their output back, so no size restriction reaches the user.
#pragma once

#include <ATen/core/Tensor.h>

namespace pluvia::models {

// N×C×H×W → N×C×H'×W' with H', W' the next multiples of `multiple` (padding at the bottom and
// right only, so the top-left pixel grid is unchanged).
at::Tensor padToMultiple(const at::Tensor &input, int64_t multiple);
// The top-left height × width of `output`.
at::Tensor cropTo(const at::Tensor &output, int64_t height, int64_t width);

} // namespace pluvia::models
