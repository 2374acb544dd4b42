// SPDX-License-Identifier: GPL-3.0-or-later
// Loading a method's networks from a PyTorch state dict file (torch.save): Pluvia's own names,
// as `pluvia-cli export-weights` writes them (every network prefixed with its name, or one
// network unprefixed), or the names of the method's public code (Method::publicWeights(): e.g.
// JRGR's latest_net_G3.pth for F_r), so that weights trained elsewhere derain in Pluvia and
// start a fine-tuning run.
#pragma once

#include <string>
#include <vector>

namespace pluvia::models {

class Method;

struct NetworkImport {
    std::string network; // Pluvia's name
    std::string naming; // "Pluvia" or the repository, e.g. "guyii54/JRGR"
    std::string source; // the repository's name for the network ("G3"), or "" for Pluvia's
    int tensors = 0; // tensors loaded
    std::vector<std::string> unusedKeys; // the file's keys for it that no tensor of Pluvia's took
};

// Loads `network` of `method` ("" for every network the file holds under a prefix, or, for a
// file of one network, the one its file name names: "*_net_G3.pth") from the state dict at
// `path`, in either naming. Every tensor must be found with the same shape; nothing is changed
// unless all are. Throws std::invalid_argument naming the file and what is missing or differs.
std::vector<NetworkImport> importWeights(
    Method &method, const std::string &network, const std::string &path);

} // namespace pluvia::models
