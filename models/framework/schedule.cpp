// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/framework/schedule.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace pluvia::models {

Schedule Schedule::constant(double value)
{
    Schedule schedule;
    schedule.m_from = schedule.m_to = value;
    return schedule;
}

Schedule Schedule::linear(double from, double to, double startFraction, double endFraction)
{
    if (!(startFraction >= 0.0 && startFraction <= endFraction && endFraction <= 1.0))
        throw std::invalid_argument("Schedule::linear: need 0 <= start <= end <= 1");
    Schedule schedule;
    schedule.m_kind = Kind::Linear;
    schedule.m_from = from;
    schedule.m_to = to;
    schedule.m_start = startFraction;
    schedule.m_end = endFraction;
    return schedule;
}

Schedule Schedule::stepDecay(
    double value, double factor, std::int64_t everyParts, std::int64_t parts)
{
    if (everyParts < 1 || parts < 1)
        throw std::invalid_argument("Schedule::stepDecay: everyParts and parts must be >= 1");
    Schedule schedule;
    schedule.m_kind = Kind::StepDecay;
    schedule.m_from = value;
    schedule.m_to = factor;
    schedule.m_everyParts = everyParts;
    schedule.m_parts = parts;
    return schedule;
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
