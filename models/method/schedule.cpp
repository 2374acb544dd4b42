// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/method/schedule.h"

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

Schedule Schedule::stepDecay(double value, double factor, std::int64_t everySteps)
{
    if (everySteps < 1)
        throw std::invalid_argument("Schedule::stepDecay: everySteps must be >= 1");
    Schedule schedule;
    schedule.m_kind = Kind::StepDecay;
    schedule.m_from = value;
    schedule.m_to = factor;
    schedule.m_every = everySteps;
    return schedule;
}

Schedule Schedule::stepDecayEpochs(double value, double factor, std::int64_t everyEpochs)
{
    Schedule schedule = stepDecay(value, factor, everyEpochs);
    schedule.m_kind = Kind::StepDecayEpochs;
    return schedule;
}

double Schedule::at(std::int64_t step, std::int64_t totalSteps, std::int64_t stepsPerEpoch) const
{
    switch (m_kind) {
    case Kind::Constant:
        return m_from;
    case Kind::Linear: {
        const double fraction = double(step) / double(std::max<std::int64_t>(1, totalSteps));
        if (fraction <= m_start)
            return m_from;
        if (fraction >= m_end)
            return m_to;
        return m_from + (m_to - m_from) * (fraction - m_start) / (m_end - m_start);
    }
    case Kind::StepDecay:
        return m_from * std::pow(m_to, double(step / m_every));
    case Kind::StepDecayEpochs:
        return m_from
            * std::pow(m_to, double(step / (m_every * std::max<std::int64_t>(1, stepsPerEpoch))));
    }
    return m_from;
}

} // namespace pluvia::models
