// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/data/sample_rng_p.h"

#include <QCryptographicHash>
#include <QMap>

#include <numeric>
#include <utility>
#include <vector>

namespace pluvia::core {

namespace {

constexpr std::uint64_t kEpochDomain = 0x45504f4348ULL; // "EPOCH"
constexpr std::uint64_t kBatchDomain = 0x4241544348ULL; // "BATCH"

std::uint64_t splitMix(std::uint64_t x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

std::vector<int> epochPermutation(int count, std::uint64_t seed, qint64 epoch)
{
    std::vector<int> order(count);
    std::iota(order.begin(), order.end(), 0);
    SampleRng rng(mixSeed(seed, std::uint64_t(epoch), kEpochDomain));
    for (int i = count - 1; i > 0; --i)
        std::swap(order[i], order[rng.below(std::uint64_t(i) + 1)]);
    return order;
}

} // namespace

std::uint64_t SampleRng::next()
{
    m_state += 0x9e3779b97f4a7c15ULL;
    std::uint64_t z = m_state;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

std::uint64_t SampleRng::below(std::uint64_t bound)
{
    // Rejection keeps the draw exactly uniform (plain modulo favours small values).
    const std::uint64_t limit = ~std::uint64_t(0) - (~std::uint64_t(0) % bound);
    std::uint64_t value;
    do {
        value = next();
    } while (value >= limit);
    return value % bound;
}

std::uint64_t mixSeed(std::uint64_t seed, std::uint64_t counter, std::uint64_t domain)
{
    return splitMix(splitMix(splitMix(seed) ^ domain) ^ counter);
}

std::uint64_t roleSeed(std::uint64_t seed, const QString &role)
{
    const QByteArray digest = QCryptographicHash::hash(role.toUtf8(), QCryptographicHash::Sha256);
    std::uint64_t tag = 0;
    for (int i = 0; i < 8; ++i)
        tag = (tag << 8) | std::uint8_t(digest[i]);
    return splitMix(seed ^ tag);
}

QVector<int> batchSampleIndices(qint64 batch, int batchSize, int count, std::uint64_t seed)
{
    QVector<int> indices;
    indices.reserve(batchSize);
    QMap<qint64, std::vector<int>> permutations; // a batch spans at most a few epochs
    for (int i = 0; i < batchSize; ++i) {
        const qint64 sample = batch * batchSize + i;
        const qint64 epoch = sample / count;
        auto it = permutations.find(epoch);
        if (it == permutations.end())
            it = permutations.insert(epoch, epochPermutation(count, seed, epoch));
        indices.append((*it)[sample % count]);
    }
    return indices;
}

SampleRng batchRng(std::uint64_t seed, qint64 batch)
{
    return SampleRng(mixSeed(seed, std::uint64_t(batch), kBatchDomain));
}

} // namespace pluvia::core
