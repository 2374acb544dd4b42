// SPDX-License-Identifier: GPL-3.0-or-later
// The synthesizer's random numbers (private to core). std::uniform_real_distribution and
// std::normal_distribution are implementation-defined, so the same seed could render different
// rain with another standard library; these are fully specified, so a seed means the same image
// everywhere. Not thread-safe: one RainRandom per image being rendered.
#pragma once

#include <cmath>
#include <cstdint>

namespace pluvia::core {

// SplitMix64's finaliser: decorrelates seeds derived from (seed, index) pairs.
inline std::uint64_t mixSeed(std::uint64_t a, std::uint64_t b)
{
    std::uint64_t z = a + 0x9E3779B97F4A7C15ull * (b + 1);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

// xoshiro256** (Blackman and Vigna), seeded through SplitMix64.
class RainRandom
{
public:
    explicit RainRandom(std::uint64_t seed)
    {
        for (int i = 0; i < 4; ++i)
            m_state[i] = mixSeed(seed, std::uint64_t(i));
    }

    std::uint64_t next()
    {
        const std::uint64_t result = rotl(m_state[1] * 5, 7) * 9;
        const std::uint64_t t = m_state[1] << 17;
        m_state[2] ^= m_state[0];
        m_state[3] ^= m_state[1];
        m_state[1] ^= m_state[2];
        m_state[0] ^= m_state[3];
        m_state[2] ^= t;
        m_state[3] = rotl(m_state[3], 45);
        return result;
    }

    // Uniform in [0, 1) with 53 random bits.
    double uniform() { return double(next() >> 11) * 0x1.0p-53; }
    double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
    // Standard normal (Box–Muller; the second value is discarded to keep the stream simple).
    double normal()
    {
        const double u1 = 1.0 - uniform(); // (0, 1]: log is finite
        const double u2 = uniform();
        return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
    }

private:
    static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    std::uint64_t m_state[4];
};

} // namespace pluvia::core
