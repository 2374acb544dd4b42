// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/framework/schedule.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace pluvia::models {

Schedule::Schedule(Kind kind, double from, double to, double startFraction, double endFraction,
    std::int64_t everyParts, std::int64_t parts)
    : m_kind(kind)
    , m_from(from)
    , m_to(to)
    , m_start(startFraction)
    , m_end(endFraction)
    , m_everyParts(everyParts)
    , m_parts(parts)
{ }

Schedule Schedule::constant(double value)
{
    return Schedule(Kind::Constant, value, value, 0.0, 0.0, 1, 1);
}

Schedule Schedule::linear(double from, double to, double startFraction, double endFraction)
{
    if (!(startFraction >= 0.0 && startFraction <= endFraction && endFraction <= 1.0))
        throw std::invalid_argument("Schedule::linear: need 0 <= start <= end <= 1");
    return Schedule(Kind::Linear, from, to, startFraction, endFraction, 1, 1);
}

// m_to holds the factor.
Schedule Schedule::stepDecay(
    double value, double factor, std::int64_t everyParts, std::int64_t parts)
{
    if (everyParts < 1 || parts < 1)
        throw std::invalid_argument("Schedule::stepDecay: everyParts and parts must be >= 1");
    return Schedule(Kind::StepDecay, value, factor, 0.0, 0.0, everyParts, parts);
}

double Schedule::at(std::int64_t step, std::int64_t totalSteps) const
{
    const std::int64_t total = std::max<std::int64_t>(1, totalSteps);
    switch (m_kind) {
    case Kind::Constant:
        return m_from;
    case Kind::Linear: {
        const double fraction = double(step) / double(total);
        if (fraction <= m_start)
            return m_from;
        if (fraction >= m_end)
            return m_to;
        return m_from + (m_to - m_from) * (fraction - m_start) / (m_end - m_start);
    }
    case Kind::StepDecay: // integer arithmetic: the paper's epoch boundaries land exactly
        return m_from * std::pow(m_to, double(step * m_parts / (m_everyParts * total)));
    }
    return m_from;
}

} // namespace pluvia::models
