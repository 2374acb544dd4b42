// SPDX-License-Identifier: GPL-3.0-or-later
// Counter-based randomness for the loaders (private to core). Every random choice of batch b
// comes from a generator seeded by (seed, b) and every epoch's order from (seed, epoch), so a
// batch depends only on its index: the result is the same for any number of worker threads and
// a run resumes by seeking to a batch index. Own arithmetic instead of std:: distributions,
// whose output differs between standard libraries.
#pragma once

#include <QString>
#include <QVector>

#include <cstdint>

namespace pluvia::core {

// SplitMix64 (Steele, Lea and Flood 2014): a small, well-mixed generator.
class SampleRng
{
public:
    explicit SampleRng(std::uint64_t seed)
        : m_state(seed)
    { }
    std::uint64_t next();
    std::uint64_t below(std::uint64_t bound); // uniform in [0, bound), bound > 0
    bool coin() { return (next() >> 63) != 0; }

private:
    std::uint64_t m_state;
};

// Mixes a seed with a counter (batch or epoch index) and a domain tag so streams never overlap.
std::uint64_t mixSeed(std::uint64_t seed, std::uint64_t counter, std::uint64_t domain);
// A separate seed stream per data role ("rainy", "clean", ...): unpaired roles stay independent.
std::uint64_t roleSeed(std::uint64_t seed, const QString &role);

// Dataset indices of batch `batch`: sample s = batch * batchSize + i is position s % count of
// epoch s / count's permutation (Fisher-Yates from (seed, epoch)). count > 0.
QVector<int> batchSampleIndices(qint64 batch, int batchSize, int count, std::uint64_t seed);

// The generator for batch `batch`'s crops, flips and replacements.
SampleRng batchRng(std::uint64_t seed, qint64 batch);

} // namespace pluvia::core
