// SPDX-License-Identifier: GPL-3.0-or-later
// The derain job's automatic tile size (private to core): the largest tile whose inference fits
// the memory there is, from a measured model of the method's memory (DESIGN.md §5).
//
// A method's inference peak grows with the tile's pixel count: peak ≈ fixed + perPixel × s². Both
// terms are measured on the CPU by running the method on two probe tiles under a MemoryMeter.
// Deraining an H × W image also keeps image-sized accumulators and results (stitchingBytes).
// The tile is then the largest aligned side s with
//     stitching + fixed + perPixel × s² ≤ budget,
// at least the geometry's minimum tile and at most kMaxAutoTile (a larger tile is no faster).
#pragma once

#include "models/framework/method.h"

namespace pluvia::core {

constexpr int kMaxAutoTile = 2048;

struct InferenceMemory {
    double fixedBytes = 0.0;
    double bytesPerPixel = 0.0;
    int intermediateChannels = 0; // of the image-sized intermediates, when asked for
};

// Measures `method` (which must be on the CPU) on two probe tiles. Throws what the method throws.
InferenceMemory measureInferenceMemory(models::Method &method, bool intermediates);

// Bytes derainTiled keeps for a whole H × W image: B's and the intermediates' weighted sums, the
// weight sum, and B, R and the intermediates of the result.
double stitchingBytes(int height, int width, int intermediateChannels);

// The tile side for an H × W image within `budgetBytes` (see above).
int tileSizeForBudget(const InferenceMemory &memory, double budgetBytes, int height, int width,
    const models::InferenceGeometry &geometry, int blend);

// The next size to try after running out of memory with `tileSize` (0: the whole image of
// `height` × `width`): half the side, aligned; 0 when already at the minimum tile.
int smallerTileSize(
    int tileSize, int height, int width, const models::InferenceGeometry &geometry, int blend);

} // namespace pluvia::core
