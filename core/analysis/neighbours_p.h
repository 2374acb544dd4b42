// SPDX-License-Identifier: GPL-3.0-or-later
// Exact nearest neighbours in feature space (private to core): squared Euclidean distances by
// blocks of rows (through LibTorch's matrix product), so memory stays bounded for large n.
#pragma once

#include <vector>

namespace pluvia::core {

// For each of the n points (row-major n × dims), its k nearest other points in increasing
// distance (ties by index) and their squared distances: n × k each.
void nearestNeighbours(const std::vector<float> &points, int n, int dims, int k,
    std::vector<int> *indices, std::vector<float> *distances);

} // namespace pluvia::core
