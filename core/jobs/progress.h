// SPDX-License-Identifier: GPL-3.0-or-later
// Progress reporting for long core operations (dataset inspection, synthesis, evaluation, ...).
#pragma once

#include <QtGlobal>

#include <functional>

namespace pluvia::core {

// Called with the number of items done and the total (total may be 0 when unknown), from any
// thread the operation uses, possibly concurrently: implementations must be thread-safe.
// Returning false asks the operation to cancel at its next opportunity.
using ProgressCallback = std::function<bool(qint64 done, qint64 total)>;

} // namespace pluvia::core
