// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/analysis/tsne.h"

#include "core/analysis/neighbours_p.h"
#include "core/analysis/space_tree_p.h"
#include "core/data/sample_rng_p.h"

#include <QElapsedTimer>

#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <thread>

namespace pluvia::core {

namespace {

// Sparse (or dense, when every other point is a neighbour) symmetric joint probabilities.
struct Affinities {
    std::vector<int> rowStart; // n + 1 offsets into columns/values
    std::vector<int> columns;
    std::vector<double> values; // sum over all entries is 1
};

int threadCount(int requested)
{
    return requested > 0 ? requested : int(std::max(1u, std::thread::hardware_concurrency()));
}

// Runs body(begin, end) over [0, n) in `threads` contiguous chunks.
template<typename Body>
void parallelFor(int n, int threads, const Body &body)
{
    threads = std::max(1, std::min(threads, n / 64 + 1));
    if (threads == 1) {
        body(0, n);
        return;
    }
    std::vector<std::thread> workers;
    const int chunk = (n + threads - 1) / threads;
    for (int t = 0; t < threads; ++t) {
        const int begin = t * chunk, end = std::min(n, begin + chunk);
        if (begin < end)
            workers.emplace_back([&, begin, end] { body(begin, end); });
    }
    for (std::thread &w : workers)
        w.join();
}

// Binary search for the precision β_i whose conditional distribution over the neighbours has
// entropy log(perplexity); returns p_{j|i} in `row`.
void conditionalRow(const float *distance, int k, double perplexity, double *row)
{
    const double target = std::log(perplexity);
    double beta = 1.0, low = -std::numeric_limits<double>::infinity(),
           high = std::numeric_limits<double>::infinity();
    // Distances relative to the nearest one keep exp() in range for any scale of features.
    const double shift = distance[0];
    for (int iteration = 0; iteration < 200; ++iteration) {
        double sum = 0.0, weighted = 0.0;
        for (int j = 0; j < k; ++j) {
            row[j] = std::exp(-beta * (double(distance[j]) - shift));
            sum += row[j];
            weighted += (double(distance[j]) - shift) * row[j];
        }
        const double entropy = std::log(sum) + beta * weighted / sum;
        for (int j = 0; j < k; ++j)
            row[j] /= sum;
        const double difference = entropy - target;
        if (std::abs(difference) < 1e-5)
            return;
        if (difference > 0) { // too flat: sharpen
            low = beta;
            beta = std::isinf(high) ? beta * 2.0 : (beta + high) / 2.0;
        } else {
            high = beta;
            beta = std::isinf(low) ? beta / 2.0 : (beta + low) / 2.0;
        }
    }
}

Affinities jointProbabilities(
    const std::vector<float> &points, int n, int dims, double perplexity, bool sparse, int threads)
{
    const int k = sparse ? std::min(n - 1, int(3.0 * perplexity + 1.0)) : n - 1;
    std::vector<int> neighbours;
    std::vector<float> distances;
    nearestNeighbours(points, n, dims, k, &neighbours, &distances);
    std::vector<double> conditional(size_t(n) * size_t(k));
    parallelFor(n, threads, [&](int begin, int end) {
        for (int i = begin; i < end; ++i)
            conditionalRow(distances.data() + size_t(i) * k, k, perplexity,
                conditional.data() + size_t(i) * k);
    });
    // Symmetrise: p_ij = (p_{j|i} + p_{i|j}) / 2n, over the union of both neighbour lists.
    std::vector<std::vector<std::pair<int, double>>> rows(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < k; ++j) {
            const int other = neighbours[size_t(i) * k + j];
            const double p = conditional[size_t(i) * k + j];
            rows[size_t(i)].push_back({ other, p });
            rows[size_t(other)].push_back({ i, p });
        }
    Affinities a;
    a.rowStart.push_back(0);
    for (auto &row : rows) {
        std::sort(row.begin(), row.end());
        for (size_t e = 0; e < row.size();) {
            double sum = 0.0;
            const int column = row[e].first;
            for (; e < row.size() && row[e].first == column; ++e)
                sum += row[e].second;
            a.columns.push_back(column);
            a.values.push_back(sum / (2.0 * n));
        }
        a.rowStart.push_back(int(a.columns.size()));
    }
    return a;
}

void randomInit(std::vector<double> *y, int n, std::uint64_t seed)
{
    // Box–Muller on Pluvia's own generator: N(0, 1e-4²), the same for any platform.
    SampleRng rng(mixSeed(seed, 0, 0x7453'4e45)); // "tSNE"
    auto uniform = [&] { return (double(rng.next() >> 11) + 0.5) / 9007199254740992.0; };
    for (int i = 0; i < 2 * n; i += 2) {
        const double r = std::sqrt(-2.0 * std::log(uniform())),
                     t = 2.0 * 3.14159265358979323846 * uniform();
        (*y)[size_t(i)] = 1e-4 * r * std::cos(t);
        (*y)[size_t(i) + 1] = 1e-4 * r * std::sin(t);
    }
}

// Exact gradient over every pair: O(n²). Returns the KL when `withKl` (a logarithm per pair of
// P, as costly as the gradient itself), else NaN.
double exactGradient(const Affinities &p, const std::vector<double> &y, int n, double exaggeration,
    bool withKl, std::vector<double> *gradient, int threads)
{
    // Z = Σ_{i≠j} q_ij, the normaliser of the Student-t kernel; summed per point in order.
    std::vector<double> rowZ(static_cast<size_t>(n), 0.0);
    parallelFor(n, threads, [&](int begin, int end) {
        for (int i = begin; i < end; ++i) {
            double z = 0.0;
            for (int j = 0; j < n; ++j) {
                if (j == i)
                    continue;
                const double dx = y[2 * size_t(i)] - y[2 * size_t(j)],
                             dy = y[2 * size_t(i) + 1] - y[2 * size_t(j) + 1];
                z += 1.0 / (1.0 + dx * dx + dy * dy);
            }
            rowZ[size_t(i)] = z;
        }
    });
    double z = 0.0;
    for (double v : rowZ)
        z += v;
    std::vector<double> rowKl(static_cast<size_t>(n), 0.0);
    parallelFor(n, threads, [&](int begin, int end) {
        std::vector<double> pRow(static_cast<size_t>(n));
        for (int i = begin; i < end; ++i) {
            std::fill(pRow.begin(), pRow.end(), 0.0);
            for (int e = p.rowStart[size_t(i)]; e < p.rowStart[size_t(i) + 1]; ++e)
                pRow[size_t(p.columns[size_t(e)])] = p.values[size_t(e)];
            double gx = 0.0, gy = 0.0, kl = 0.0;
            for (int j = 0; j < n; ++j) {
                if (j == i)
                    continue;
                const double dx = y[2 * size_t(i)] - y[2 * size_t(j)],
                             dy = y[2 * size_t(i) + 1] - y[2 * size_t(j) + 1];
                const double q = 1.0 / (1.0 + dx * dx + dy * dy);
                const double pij = pRow[size_t(j)];
                const double force = (exaggeration * pij - q / z) * q;
                gx += force * dx;
                gy += force * dy;
                if (withKl && pij > 0)
                    kl += pij * std::log(pij / std::max(q / z, 1e-300));
            }
            (*gradient)[2 * size_t(i)] = 4.0 * gx;
            (*gradient)[2 * size_t(i) + 1] = 4.0 * gy;
            rowKl[size_t(i)] = kl;
        }
    });
    double kl = 0.0;
    for (double v : rowKl)
        kl += v;
    return withKl ? kl : std::numeric_limits<double>::quiet_NaN();
}

// Barnes–Hut gradient: attraction over the sparse P, repulsion summarised by a quadtree. Returns
// the KL (over P's entries, with Z from the tree) when `withKl`, else NaN.
double barnesHutGradient(const Affinities &p, const std::vector<double> &y, int n,
    double exaggeration, double theta, bool withKl, std::vector<double> *gradient, int threads)
{
    const SpaceTree tree(y, n);
    std::vector<double> repulsion(2 * size_t(n)), rowZ(static_cast<size_t>(n));
    parallelFor(n, threads, [&](int begin, int end) {
        std::vector<int> stack;
        for (int i = begin; i < end; ++i)
            rowZ[size_t(i)] = tree.repulsion(i, theta, &repulsion[2 * size_t(i)], &stack);
    });
    double z = 0.0;
    for (double v : rowZ)
        z += v;
    std::vector<double> rowKl(static_cast<size_t>(n), 0.0);
    parallelFor(n, threads, [&](int begin, int end) {
        for (int i = begin; i < end; ++i) {
            double ax = 0.0, ay = 0.0, kl = 0.0;
            for (int e = p.rowStart[size_t(i)]; e < p.rowStart[size_t(i) + 1]; ++e) {
                const int j = p.columns[size_t(e)];
                const double dx = y[2 * size_t(i)] - y[2 * size_t(j)],
                             dy = y[2 * size_t(i) + 1] - y[2 * size_t(j) + 1];
                const double q = 1.0 / (1.0 + dx * dx + dy * dy);
                const double pij = p.values[size_t(e)];
                ax += exaggeration * pij * q * dx;
                ay += exaggeration * pij * q * dy;
                if (withKl)
                    kl += pij * std::log(pij / std::max(q / z, 1e-300));
            }
            (*gradient)[2 * size_t(i)] = 4.0 * (ax - repulsion[2 * size_t(i)] / z);
            (*gradient)[2 * size_t(i) + 1] = 4.0 * (ay - repulsion[2 * size_t(i) + 1] / z);
            rowKl[size_t(i)] = kl;
        }
    });
    double kl = 0.0;
    for (double v : rowKl)
        kl += v;
    return withKl ? kl : std::numeric_limits<double>::quiet_NaN();
}

std::vector<float> toFloat(const std::vector<double> &y)
{
    return std::vector<float>(y.begin(), y.end());
}

} // namespace

std::vector<float> pcaProjection(const std::vector<float> &points, int n, int dims, int components)
{
    torch::NoGradGuard noGrad;
    const at::Tensor x
        = torch::from_blob(const_cast<float *>(points.data()), { n, dims }, torch::kFloat32)
              .to(torch::kFloat64);
    const at::Tensor centred = x - x.mean(0, true);
    const at::Tensor covariance = centred.t().matmul(centred) / std::max(1, n - 1);
    const auto [eigenvalues, eigenvectors] = torch::linalg::eigh(covariance, "L");
    // eigh sorts ascending: the last columns are the principal components.
    at::Tensor basis = eigenvectors.slice(1, dims - components, dims).flip(1).clone();
    for (int c = 0; c < components; ++c) {
        const at::Tensor column = basis.select(1, c);
        const int64_t largest = column.abs().argmax().item<int64_t>();
        if (column[largest].item<double>() < 0)
            basis.select(1, c).mul_(-1.0);
    }
    const at::Tensor projected = centred.matmul(basis).to(torch::kFloat32).contiguous();
    return std::vector<float>(
        projected.data_ptr<float>(), projected.data_ptr<float>() + projected.numel());
}

TsneResult runTsne(const std::vector<float> &points, int n, int dims, const TsneOptions &options,
    const TsneProgress &progress)
{
    TsneResult result;
    QElapsedTimer clock;
    clock.start();
    if (n < 4 || dims < 1 || points.size() != size_t(n) * size_t(dims)) {
        result.error = QStringLiteral("t-SNE needs at least 4 points of at least 1 dimension");
        return result;
    }
    if (!(options.perplexity > 1.0) || 3.0 * options.perplexity >= n - 1) {
        result.error = QStringLiteral("perplexity %1 is too large for %2 points (it must be below "
                                      "(n − 1) / 3 = %3)")
                           .arg(options.perplexity)
                           .arg(n)
                           .arg(double(n - 1) / 3.0, 0, 'f', 1);
        return result;
    }
    for (float v : points) {
        if (!std::isfinite(v)) {
            result.error = QStringLiteral("the features hold NaN or infinite values");
            return result;
        }
    }
    const int threads = threadCount(options.threads);
    result.barnesHut = options.method == TsneOptions::Method::BarnesHut
        || (options.method == TsneOptions::Method::Auto && n > kExactLimit);
    const Affinities p
        = jointProbabilities(points, n, dims, options.perplexity, result.barnesHut, threads);

    std::vector<double> y(2 * size_t(n));
    if (options.init == TsneOptions::Init::Pca) {
        // PCA, scaled so the first coordinate has standard deviation 1e-4 (scikit-learn's).
        const std::vector<float> pca = pcaProjection(points, n, dims, 2);
        double mean = 0.0, square = 0.0;
        for (int i = 0; i < n; ++i)
            mean += pca[2 * size_t(i)];
        mean /= n;
        for (int i = 0; i < n; ++i)
            square += (pca[2 * size_t(i)] - mean) * (pca[2 * size_t(i)] - mean);
        const double scale = 1e-4 / std::max(1e-12, std::sqrt(square / n));
        for (size_t i = 0; i < y.size(); ++i)
            y[i] = pca[i] * scale;
    } else {
        randomInit(&y, n, options.seed);
    }

    const double learningRate = options.learningRate > 0
        ? options.learningRate
        : std::max(n / options.earlyExaggeration / 4.0, 50.0);
    std::vector<double> gradient(y.size()), update(y.size(), 0.0), gains(y.size(), 1.0);
    for (int iteration = 0; iteration < options.iterations; ++iteration) {
        const bool early = iteration < options.exaggerationIterations;
        const double exaggeration = early ? options.earlyExaggeration : 1.0;
        const double momentum = early ? 0.5 : 0.8;
        // The KL only where it is reported: its logarithms would cost as much as the gradient.
        const bool report = options.reportEvery > 0
            && ((iteration + 1) % options.reportEvery == 0 || iteration + 1 == options.iterations);
        const double kl = result.barnesHut
            ? barnesHutGradient(p, y, n, exaggeration, options.theta, report, &gradient, threads)
            : exactGradient(p, y, n, exaggeration, report, &gradient, threads);
        for (size_t i = 0; i < y.size(); ++i) {
            // Jacobs' gains: grow where the gradient keeps its direction against the step.
            gains[i] = (gradient[i] > 0) != (update[i] > 0) ? gains[i] + 0.2
                                                            : std::max(0.01, gains[i] * 0.8);
            update[i] = momentum * update[i] - learningRate * gains[i] * gradient[i];
            y[i] += update[i];
        }
        // Keep the map centred: the loss does not change, the quadtree stays balanced.
        double mx = 0.0, my = 0.0;
        for (int i = 0; i < n; ++i) {
            mx += y[2 * size_t(i)];
            my += y[2 * size_t(i) + 1];
        }
        for (int i = 0; i < n; ++i) {
            y[2 * size_t(i)] -= mx / n;
            y[2 * size_t(i) + 1] -= my / n;
        }
        result.iterations = iteration + 1;
        if (report)
            result.kl = kl; // of the map itself: the exaggeration changes the forces, not P
        if (report && progress && !progress(result.iterations, result.kl, toFloat(y))) {
            result.cancelled = true;
            break;
        }
    }
    if (!result.cancelled) {
        // The final KL of the map itself, without exaggeration.
        std::vector<double> scratch(y.size());
        result.kl = result.barnesHut
            ? barnesHutGradient(p, y, n, 1.0, options.theta, true, &scratch, threads)
            : exactGradient(p, y, n, 1.0, true, &scratch, threads);
    }
    result.embedding = toFloat(y);
    result.seconds = clock.nsecsElapsed() * 1e-9;
    return result;
}

double tsneKlDivergence(const std::vector<float> &points, int n, int dims,
    const std::vector<float> &embedding, double perplexity, bool sparse)
{
    const Affinities p = jointProbabilities(points, n, dims, perplexity, sparse, threadCount(0));
    std::vector<double> y(embedding.begin(), embedding.end()), gradient(y.size());
    return exactGradient(p, y, n, 1.0, true, &gradient, threadCount(0));
}

} // namespace pluvia::core
