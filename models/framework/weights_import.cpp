// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/framework/weights_import.h"

#include "models/framework/method.h"
#include "models/framework/state_dict_file.h"
#include "models/framework/state_dict_writer.h"

#include <torch/torch.h>

#include <algorithm>
#include <functional>
#include <set>
#include <sstream>
#include <stdexcept>

namespace pluvia::models {

namespace {

// One way a file may hold a network: a naming, a key prefix ("F_r.", "genA.", "") and a map.
struct Reading {
    std::string network;
    torch::nn::Module *module = nullptr;
    std::string naming;
    std::string source;
    std::string prefix;
    KeyMapping keys;
};

std::vector<std::string> fileKeys(const Reading &reading, const std::string &key)
{
    std::vector<std::string> keys = reading.keys(key);
    for (std::string &k : keys)
        k = reading.prefix + k;
    return keys;
}

// The file's keys a reading needs and does not find.
std::vector<std::string> missingKeys(const Reading &reading, const StateDictFile &file)
{
    std::vector<std::string> missing;
    for (const auto &[key, tensor] : moduleTensors(*reading.module))
        for (const std::string &k : fileKeys(reading, key))
            if (!file.find(k))
                missing.push_back(k);
    return missing;
}

std::string shapeText(at::IntArrayRef sizes)
{
    std::ostringstream text;
    text << '[';
    for (size_t i = 0; i < sizes.size(); ++i)
        text << (i ? ", " : "") << sizes[i];
    text << ']';
    return text.str();
}

std::string describe(const Reading &reading)
{
    return reading.source.empty() ? reading.naming + "'s " + reading.network
                                  : reading.naming + "'s " + reading.source;
}

NetworkImport load(const Reading &reading, StateDictFile &file, const std::string &methodId)
{
    // Read and check everything first, so that a mismatch leaves the network as it was.
    std::vector<std::pair<at::Tensor, at::Tensor>> copies;
    std::set<std::string> used;
    for (const auto &[key, target] : moduleTensors(*reading.module)) {
        std::vector<at::Tensor> parts;
        for (const std::string &k : fileKeys(reading, key)) {
            parts.push_back(file.read(k));
            used.insert(k);
        }
        const at::Tensor source = parts.size() == 1 ? parts.front() : torch::cat(parts, 0);
        if (source.sizes() != target.sizes())
            throw std::invalid_argument(file.path() + ": " + fileKeys(reading, key).front() + " ("
                + describe(reading) + ") is " + shapeText(source.sizes()) + ", but " + methodId
                + "'s " + reading.network + " has " + shapeText(target.sizes()) + " for " + key
                + " with these parameters");
        copies.emplace_back(target, source);
    }
    {
        torch::NoGradGuard noGrad;
        for (auto &[target, source] : copies)
            target.copy_(source.to(target.dtype()));
    }
    NetworkImport result { reading.network, reading.naming, reading.source, int(copies.size()),
        {} };
    for (const std::string &key : file.keys())
        if (key.rfind(reading.prefix, 0) == 0 && !used.count(key))
            result.unusedKeys.push_back(key);
    return result;
}

std::string baseName(const std::string &path)
{
    const size_t slash = path.find_last_of('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

} // namespace

std::vector<NetworkImport> importWeights(
    Method &method, const std::string &network, const std::string &path)
{
    StateDictFile file(path);
    const std::string methodId = method.description().id;
    const PublicWeightsLayout layout = method.publicWeights();
    const KeyMapping identity
        = [](const std::string &key) { return std::vector<std::string> { key }; };

    std::vector<std::string> known;
    std::vector<Reading> prefixed; // readings under a prefix, for every network
    std::vector<Reading> whole; // readings of a file of one network
    for (const auto &[name, module] : method.networks()) {
        known.push_back(name);
        if (!network.empty() && name != network)
            continue;
        prefixed.push_back({ name, module, "Pluvia", "", name + ".", identity });
        whole.push_back({ name, module, "Pluvia", "", "", identity });
        for (const PublicNetworkWeights &entry : layout.networks) {
            if (entry.network != name)
                continue;
            for (const std::string &source : entry.names) {
                prefixed.push_back(
                    { name, module, layout.repository, source, source + ".", entry.keys });
                whole.push_back({ name, module, layout.repository, source, "", entry.keys });
            }
        }
    }
    if (prefixed.empty()) {
        std::string list;
        for (const std::string &name : known)
            list += (list.empty() ? "" : ", ") + name;
        throw std::invalid_argument(
            methodId + " has no network \"" + network + "\"; its networks are " + list);
    }

    std::vector<NetworkImport> imported;
    std::set<std::string> done;
    const auto tryReadings = [&](const std::vector<Reading> &readings) {
        for (const Reading &reading : readings)
            if (!done.count(reading.network) && missingKeys(reading, file).empty()) {
                imported.push_back(load(reading, file, methodId));
                done.insert(reading.network);
            }
    };
    tryReadings(prefixed);
    if (!imported.empty())
        return imported;
    if (!network.empty()) {
        // A file of this network alone, in either naming.
        tryReadings(whole);
    } else {
        // A file of one network, named by the repository's convention: "<epoch>_net_G3.pth".
        const std::string name = baseName(path);
        std::vector<Reading> named;
        for (const Reading &reading : whole)
            if (!reading.source.empty()
                && name.find("_net_" + reading.source + ".") != std::string::npos)
                named.push_back(reading);
        tryReadings(named);
    }
    if (!imported.empty())
        return imported;

    // Nothing matched: say what the closest reading lacks.
    const std::vector<Reading> &candidates = network.empty() ? prefixed : whole;
    const Reading *closest = nullptr;
    std::vector<std::string> closestMissing;
    size_t closestTotal = 0;
    for (const Reading &reading : candidates) {
        std::vector<std::string> missing = missingKeys(reading, file);
        size_t total = 0;
        for (const auto &[key, tensor] : moduleTensors(*reading.module))
            total += fileKeys(reading, key).size();
        if (!closest || missing.size() * closestTotal < closestMissing.size() * total) {
            closest = &reading;
            closestMissing = std::move(missing);
            closestTotal = total;
        }
    }
    std::ostringstream message;
    if (network.empty()) {
        message << path << " holds none of " << methodId
                << "'s networks under a name Pluvia knows (";
        for (size_t i = 0; i < known.size(); ++i)
            message << (i ? ", " : "") << known[i] << '.';
        for (const PublicNetworkWeights &entry : layout.networks)
            for (const std::string &source : entry.names)
                message << ", " << source << '.';
        message << ")";
        if (!layout.repository.empty()) {
            message << " and its name does not say which of " << layout.repository
                    << "'s networks it is (*_net_";
            for (size_t i = 0; i < layout.networks.size(); ++i)
                message << (i ? "|" : "") << layout.networks[i].names.front();
            message << ".pth)";
        }
        message << "; name the network: NETWORK=FILE";
    } else {
        message << path << " does not hold " << methodId << "'s " << network
                << " in a naming Pluvia knows: read as " << describe(*closest) << ", it lacks "
                << closestMissing.size() << " of " << closestTotal << " tensors, e.g. ";
        for (size_t i = 0; i < std::min<size_t>(3, closestMissing.size()); ++i)
            message << (i ? ", " : "") << closestMissing[i];
        if (layout.repository.empty())
            message << " (" << methodId
                    << " with these parameters has no public code's naming; Pluvia's own names "
                       "are those export-weights writes)";
    }
    throw std::invalid_argument(message.str());
}

} // namespace pluvia::models
