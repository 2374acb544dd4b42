// SPDX-License-Identifier: GPL-3.0-or-later
// One image of a comparison as layers for the layer viewer, whose panes pan and zoom together:
// O (the rainy image), B (the chosen row's output), R = O − B (what that row removed), then every
// other row's output under its label, and B_gt where the set has ground truth. The Compare tab
// shows a double-clicked cell this way: that row beside the others.
#pragma once

#include "core/analysis/comparison.h"
#include "core/inference/decomposition.h"

namespace pluvia::core {

// The centre of images larger than `maxSide` (at most that many pixels square), as decomposition
// shows them. Blocking (reads files). An unreadable or missing output is named in the error.
DecomposeResult comparisonLayers(
    const ComparisonResult &result, int row, int test, int image, int maxSide = 1024);

} // namespace pluvia::core
