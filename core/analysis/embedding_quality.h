// SPDX-License-Identifier: GPL-3.0-or-later
// How good a map is, and how far apart two domains are (the domain-gap score of the t-SNE view).
// Points are rows of row-major n × dims float arrays. Reentrant; O(n²·dims).
#pragma once

#include <vector>

namespace pluvia::core {

// Trustworthiness T(k) (Venna and Kaski 2001; as scikit-learn's): 1 minus the normalised rank
// penalty of the map's k nearest neighbours that are not among the k nearest in feature space.
// 1 for a map that invents no neighbours. k < n / 2.
double trustworthiness(const std::vector<float> &high, int dimsHigh, const std::vector<float> &low,
    int dimsLow, int n, int k);

// Leave-one-out accuracy of the k-nearest-neighbour majority vote of `labels` (ties go to the
// nearest neighbour's label).
double knnAccuracy(
    const std::vector<float> &points, int n, int dims, const std::vector<int> &labels, int k);

// Separability of two domains in feature space (labels 0 and 1).
struct DomainGap {
    // Balanced leave-one-out k-NN domain classification accuracy: the mean of both domains'
    // recall, so 0.5 means indistinguishable whatever the domains' sizes, 1 fully separated.
    double knnAccuracy = 0.0;
    int k = 5;
    // Unbiased squared maximum mean discrepancy with the Gaussian kernel
    // exp(−|x − y|² / (2 σ²)), σ the median distance between points (the median heuristic);
    // 0 in expectation for identical distributions.
    double mmd2 = 0.0;
    double bandwidth = 0.0; // σ
    int countA = 0;
    int countB = 0;
};

DomainGap domainGap(
    const std::vector<float> &points, int n, int dims, const std::vector<int> &domains, int k = 5);

} // namespace pluvia::core
