// SPDX-License-Identifier: GPL-3.0-or-later
// A network's weights as PyTorch names them, in a file Python's torch.load reads: the export
// side of state_dict_file.h. Python loads it with `net.load_state_dict(torch.load(FILE))` into
// a PyTorch network whose submodules carry the same names (bench/*_reference.py).
#pragma once

#include <ATen/core/Tensor.h>

#include <string>
#include <utility>
#include <vector>

namespace torch::nn {
class Module;
}

namespace pluvia::models {

using NamedTensors = std::vector<std::pair<std::string, at::Tensor>>;

// The tensors PyTorch's module.state_dict() holds, in its order: for each module, depth first
// from `module` itself, its own parameters then its buffers, named by their dotted path under
// `prefix` (e.g. "F_r." + "down.0.weight"). The module's own tensors (writing them changes it).
NamedTensors moduleTensors(const torch::nn::Module &module, const std::string &prefix = {});
// moduleTensors() as copies on the CPU, detached and contiguous.
NamedTensors stateDictOf(const torch::nn::Module &module, const std::string &prefix = {});

// The bytes of a torch.save-format file (zip archive, pickle protocol 2) holding `entries` as one
// dict, in their order. Throws std::invalid_argument when a name repeats.
std::vector<char> stateDictFileBytes(const NamedTensors &entries);

} // namespace pluvia::models
