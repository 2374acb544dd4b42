// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/analysis/embedding_quality.h"

#include "core/analysis/neighbours_p.h"

#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <map>

namespace pluvia::core {

double trustworthiness(const std::vector<float> &high, int dimsHigh, const std::vector<float> &low,
    int dimsLow, int n, int k)
{
    // Rank of every point in every other point's feature-space ordering (1 = nearest).
    std::vector<int> order;
    std::vector<float> unused;
    nearestNeighbours(high, n, dimsHigh, n - 1, &order, &unused);
    std::vector<int> rank(size_t(n) * size_t(n), 0);
    for (int i = 0; i < n; ++i)
        for (int r = 0; r < n - 1; ++r)
            rank[size_t(i) * n + size_t(order[size_t(i) * (n - 1) + r])] = r + 1;
    std::vector<int> mapNeighbours;
    nearestNeighbours(low, n, dimsLow, k, &mapNeighbours, &unused);
    double penalty = 0.0;
    for (int i = 0; i < n; ++i)
        for (int r = 0; r < k; ++r) {
            const int j = mapNeighbours[size_t(i) * k + r];
            penalty += std::max(0, rank[size_t(i) * n + size_t(j)] - k);
        }
    return 1.0 - 2.0 / (double(n) * k * (2.0 * n - 3.0 * k - 1.0)) * penalty;
}

double knnAccuracy(
    const std::vector<float> &points, int n, int dims, const std::vector<int> &labels, int k)
{
    std::vector<int> neighbours;
    std::vector<float> unused;
    nearestNeighbours(points, n, dims, k, &neighbours, &unused);
    int correct = 0;
    for (int i = 0; i < n; ++i) {
        std::map<int, int> votes;
        for (int r = 0; r < k; ++r)
            ++votes[labels[size_t(neighbours[size_t(i) * k + r])]];
        int best = labels[size_t(neighbours[size_t(i) * k])], bestVotes = votes[best];
        for (const auto &[label, count] : votes)
            if (count > bestVotes) {
                best = label;
                bestVotes = count;
            }
        correct += best == labels[size_t(i)];
    }
    return double(correct) / n;
}

DomainGap domainGap(
    const std::vector<float> &points, int n, int dims, const std::vector<int> &domains, int k)
{
    DomainGap gap;
    gap.k = k;
    for (int d : domains)
        (d == 0 ? gap.countA : gap.countB) += 1;
    if (gap.countA < 2 || gap.countB < 2 || n <= k)
        return gap;
    // Balanced k-NN accuracy: recall of each domain, averaged.
    std::vector<int> neighbours;
    std::vector<float> unused;
    nearestNeighbours(points, n, dims, k, &neighbours, &unused);
    int correct[2] = { 0, 0 };
    for (int i = 0; i < n; ++i) {
        int votes = 0;
        for (int r = 0; r < k; ++r)
            votes += domains[size_t(neighbours[size_t(i) * k + r])];
        const int predicted
            = 2 * votes > k ? 1 : (2 * votes < k ? 0 : domains[size_t(neighbours[size_t(i) * k])]);
        correct[domains[size_t(i)]] += predicted == domains[size_t(i)];
    }
    gap.knnAccuracy = 0.5 * (double(correct[0]) / gap.countA + double(correct[1]) / gap.countB);

    torch::NoGradGuard noGrad;
    const at::Tensor x
        = torch::from_blob(const_cast<float *>(points.data()), { n, dims }, torch::kFloat32)
              .to(torch::kFloat64);
    const at::Tensor norms = x.square().sum(1);
    const at::Tensor d2
        = (norms.unsqueeze(1) + norms.unsqueeze(0) - 2.0 * x.matmul(x.t())).clamp_min(0.0);
    const at::Tensor upper = torch::triu_indices(n, n, 1);
    const at::Tensor pairwise = d2.index({ upper[0], upper[1] }).sqrt();
    gap.bandwidth = std::max(1e-12, pairwise.median().item<double>());
    const at::Tensor kernel = torch::exp(-d2 / (2.0 * gap.bandwidth * gap.bandwidth));
    std::vector<int64_t> a, b;
    for (int i = 0; i < n; ++i)
        (domains[size_t(i)] == 0 ? a : b).push_back(i);
    const at::Tensor ia = torch::tensor(a), ib = torch::tensor(b);
    auto within = [&](const at::Tensor &index) {
        const at::Tensor block = kernel.index({ index }).index({ torch::indexing::Slice(), index });
        const double m = double(index.numel());
        return (block.sum().item<double>() - block.diagonal().sum().item<double>()) / (m * (m - 1));
    };
    const double cross
        = kernel.index({ ia }).index({ torch::indexing::Slice(), ib }).mean().item<double>();
    gap.mmd2 = within(ia) + within(ib) - 2.0 * cross;
    return gap;
}

} // namespace pluvia::core
