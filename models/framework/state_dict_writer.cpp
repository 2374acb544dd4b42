// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/framework/state_dict_writer.h"

#include <torch/serialize.h>
#include <torch/torch.h>

#include <set>
#include <stdexcept>

namespace pluvia::models {

namespace {

void collect(const torch::nn::Module &module, const std::string &prefix, NamedTensors *out)
{
    // Python's Module._save_to_state_dict: own parameters, then own buffers, then each child.
    for (const auto &item : module.named_parameters(/*recurse=*/false))
        out->emplace_back(prefix + item.key(), item.value());
    for (const auto &item : module.named_buffers(/*recurse=*/false))
        out->emplace_back(prefix + item.key(), item.value());
    for (const auto &child : module.named_children())
        collect(*child.value(), prefix + child.key() + '.', out);
}

} // namespace

NamedTensors moduleTensors(const torch::nn::Module &module, const std::string &prefix)
{
    NamedTensors entries;
    collect(module, prefix, &entries);
    return entries;
}

NamedTensors stateDictOf(const torch::nn::Module &module, const std::string &prefix)
{
    NamedTensors entries = moduleTensors(module, prefix);
    for (auto &entry : entries)
        entry.second = entry.second.detach().cpu().contiguous().clone();
    return entries;
}

std::vector<char> stateDictFileBytes(const NamedTensors &entries)
{
    // c10::Dict keeps insertion order, and torch::pickle_save writes torch.save's zip format.
    c10::Dict<std::string, at::Tensor> dict;
    std::set<std::string> seen;
    for (const auto &[name, tensor] : entries) {
        if (!seen.insert(name).second)
            throw std::invalid_argument("the state dict names \"" + name + "\" twice");
        dict.insert(name, tensor);
    }
    return torch::pickle_save(c10::IValue(dict));
}

} // namespace pluvia::models
