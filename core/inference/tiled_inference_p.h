// SPDX-License-Identifier: GPL-3.0-or-later
// Deraining images of any size in bounded memory (private to core): tile by tile, with context
// margins and cross-faded overlaps so no seam shows (DESIGN.md §5).
//
// Along each axis, tiles of `tileSize` pixels start at multiples of the method's alignment (so a
// network's pooling grid lines up with the whole image's). Of each tile only the part at least
// `margin` pixels from a cut edge is used: margin = the method's receptive radius, rounded up to
// the alignment, so that part equals the whole-image result. Neighbouring used parts overlap
// by at least `blend` pixels and are cross-faded there with linear weights; edges on the image
// border need no margin. Outputs are accumulated on the CPU: memory is one tile's activations
// on the device plus the full-size outputs.
#pragma once

#include "models/framework/method.h"

#include <functional>
#include <optional>
#include <vector>

namespace pluvia::core {

struct TileOptions {
    int tileSize = 512; // side of a tile including its context; 0: the whole image at once
    int blend = 32; // width of the cross-fade between neighbouring tiles
    bool intermediates = false; // also stitch the method's named intermediates
};

// One axis of a tiling: tile i reads [start, end) and its weight is positive in [useStart,
// useEnd), rising over its first `blend` used pixels and falling over its last (not at the image
// border).
struct TileSpan {
    int start = 0;
    int end = 0;
    int useStart = 0;
    int useEnd = 0;
};

// The spans along an axis of `length` pixels. The tile size is raised to the smallest size that
// leaves a positive step (2 × margin + blend + alignment). Whole axis in one span when it fits.
std::vector<TileSpan> planTiles(int length, int tileSize, int margin, int blend, int alignment);

// The smallest tile side planTiles uses with this geometry (2 × margin + blend + alignment).
int minimumTileSize(const models::InferenceGeometry &geometry, int blend);

// The weight of pixel `x` in `span` (in (0, 1], or 0 outside its used part).
float tileWeight(const TileSpan &span, int x, int length, int blend);

// How many tiles an image of height × width takes with `method`'s geometry.
int tileCount(
    const models::InferenceGeometry &geometry, int height, int width, const TileOptions &options);

// Derains a 3×H×W CPU image with `method`, tile by tile. `progress(done, total)` is called after
// each tile; returning false cancels between tiles (std::nullopt is returned). Intermediates of
// the image's size are blended like B; others are dropped. Throws what the method throws
// (e.g. out of memory on the device).
std::optional<models::DerainOutput> derainTiled(models::Method &method, const at::Tensor &image,
    const TileOptions &options, const std::function<bool(int done, int total)> &progress);

} // namespace pluvia::core
