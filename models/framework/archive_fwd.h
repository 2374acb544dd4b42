// SPDX-License-Identifier: GPL-3.0-or-later
// LibTorch's archive classes, declared for headers that only pass them by reference (save/load),
// so those headers need not pull in torch/serialize.
#pragma once

namespace torch::serialize {
class InputArchive;
class OutputArchive;
} // namespace torch::serialize
