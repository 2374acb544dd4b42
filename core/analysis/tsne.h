// SPDX-License-Identifier: GPL-3.0-or-later
// t-SNE (van der Maaten and Hinton, JMLR 2008) and its Barnes–Hut approximation (van der
// Maaten, JMLR 2014), Pluvia's own implementation, and PCA: 2-D maps of rain-layer features
// (the analysis of JRGR's Fig. 8, made a tool for any method).
//
// Points are rows of a row-major n × dims float array. The joint probabilities P come from a
// binary search per point for the Gaussian bandwidth whose conditional distribution has the
// requested perplexity; exact t-SNE uses every pair, Barnes–Hut the 3·perplexity nearest
// neighbours (as scikit-learn and the reference implementation do). The optimiser is gradient
// descent with momentum (0.5, then 0.8 after the early exaggeration) and Jacobs' gains (+0.2 /
// ×0.8, floor 0.01).
//
// Deterministic for a seed: the initialisation draws from Pluvia's own generator (or is PCA's
// projection with fixed signs), and parallel loops write per-point results that are summed in
// point order, so the result does not depend on the thread count. Blocking; call it from a
// worker thread; the progress callback (called from the calling thread) may cancel.
#pragma once

#include <QString>

#include <cstdint>
#include <functional>
#include <vector>

namespace pluvia::core {

struct TsneOptions {
    enum class Method { Auto, Exact, BarnesHut };
    enum class Init { Pca, Random };
    double perplexity = 30.0;
    int iterations = 1000;
    double earlyExaggeration = 12.0;
    int exaggerationIterations = 250;
    double learningRate = 0.0; // 0: max(n / earlyExaggeration / 4, 50) (scikit-learn's "auto")
    double theta = 0.5; // Barnes–Hut opening angle
    Method method = Method::Auto; // Auto: exact up to kExactLimit points, Barnes–Hut above
    Init init = Init::Pca;
    std::uint64_t seed = 0;
    int reportEvery = 50; // iterations between progress calls (0: none)
    int threads = 0; // <= 0: one per core; the result does not depend on it
};

inline constexpr int kExactLimit = 1000;

struct TsneResult {
    std::vector<float> embedding; // n × 2, row-major
    double kl = 0.0; // KL(P || Q) of the final embedding (exact for exact t-SNE, Barnes–Hut
                     // estimate otherwise)
    int iterations = 0; // iterations run
    bool barnesHut = false;
    bool cancelled = false;
    double seconds = 0.0;
    QString error; // bad input (too few points, perplexity too large, non-finite values)
    bool ok() const { return error.isEmpty() && !cancelled; }
};

// Called every reportEvery iterations with the iteration, the current KL estimate and the
// embedding; returning false cancels (the result then holds the embedding so far).
using TsneProgress
    = std::function<bool(int iteration, double kl, const std::vector<float> &embedding)>;

TsneResult runTsne(const std::vector<float> &points, int n, int dims, const TsneOptions &options,
    const TsneProgress &progress = {});

// KL(P || Q) of an embedding, exactly (O(n²)): P from the points at `perplexity` as t-SNE builds
// it (every pair, or the 3·perplexity neighbours with `sparse`). Used to compare embeddings.
double tsneKlDivergence(const std::vector<float> &points, int n, int dims,
    const std::vector<float> &embedding, double perplexity, bool sparse);

// The projection on the first `components` principal components (signs fixed so that each
// component's largest-magnitude coordinate is positive). n × components, row-major.
std::vector<float> pcaProjection(
    const std::vector<float> &points, int n, int dims, int components = 2);

} // namespace pluvia::core
