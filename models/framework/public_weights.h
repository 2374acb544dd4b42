// SPDX-License-Identifier: GPL-3.0-or-later
// How a method's public code stores its networks, so that the weights it releases load into
// Pluvia's networks (weights_import.h): which of the repository's names holds which network,
// and the repository's name for each tensor. Documented per method in docs/methods.md.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace pluvia::models {

// The repository's key(s) for the tensor Pluvia's network calls `key`; several are concatenated
// along their first dimension.
using KeyMapping = std::function<std::vector<std::string>(const std::string &key)>;

struct PublicNetworkWeights {
    std::string network; // Pluvia's name, e.g. "F_r"
    // The repository's names for the network, current first: the part of a per-network file's
    // name ("G3" in latest_net_G3.pth) or the section of a one-file checkpoint.
    std::vector<std::string> names;
    KeyMapping keys;
};

struct PublicWeightsLayout {
    std::string repository; // e.g. "guyii54/JRGR"; "" when the method's parameters have none
    std::vector<PublicNetworkWeights> networks;
};

} // namespace pluvia::models
