// SPDX-License-Identifier: GPL-3.0-or-later
// The methods Pluvia knows, by id: their descriptions, parameter resolution, and construction.
// Thread-safe: the registry is filled once (built-in methods) and read afterwards; register
// further methods (tests, plugins) before any run starts.
#pragma once

#include "models/framework/method.h"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace pluvia::models {

using MethodFactory
    = std::function<std::unique_ptr<Method>(const Params &, c10::Device, std::uint64_t seed)>;

// Ids in registration order: the built-in methods first.
std::vector<std::string> methodIds();
// nullptr for an unknown id.
const MethodDescription *findMethod(const std::string &id);
// Adds a method. Its description gets the common `validation` role appended. Throws
// std::logic_error for a duplicate id or a schema without batch_size, crop_size and epochs.
void registerMethod(MethodDescription description, MethodFactory factory);

// The parameters of `preset` (by name; "" means "paper") with `overrides` ("key=value") applied
// in order. Returns "" or a message naming the problem and listing what is allowed.
std::string resolveParams(const MethodDescription &method, const std::string &preset,
    const std::vector<std::string> &overrides, Params *params);

// Constructs a method. Network initialisation draws from LibTorch's process-wide generator, so
// it is seeded with `seed` under a process-wide lock: the same seed gives the same weights even
// when several runs start at once. Returns nullptr and sets *error on failure.
std::unique_ptr<Method> createMethod(const std::string &id, const Params &params,
    c10::Device device, std::uint64_t seed, std::string *error);

} // namespace pluvia::models
