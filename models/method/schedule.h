// SPDX-License-Identifier: GPL-3.0-or-later
// Values that change over training: learning-rate policies and loss weights, e.g. the time-lapse
// method's γ falling linearly over the first 30% of training (Cho et al. eq. 3), UDRDR's learning
// rate halved every 40 epochs (§4.2), or a constant rate followed by a linear decay to zero
// (pytorch-CycleGAN's "linear" policy). A pure function of (step, total steps): nothing to save.
#pragma once

#include <cstdint>

namespace pluvia::models {

class Schedule
{
public:
    Schedule() = default; // constant 1

    static Schedule constant(double value);
    // `from` until `startFraction` of training, then linear to `to` at `endFraction`, then `to`.
    // Fractions are step / totalSteps in [0, 1], startFraction <= endFraction.
    static Schedule linear(double from, double to, double startFraction, double endFraction);
    // value × factor^floor(step / everySteps), everySteps >= 1.
    static Schedule stepDecay(double value, double factor, std::int64_t everySteps);
    // The same with the period in epochs (UDRDR: halved every 40 epochs).
    static Schedule stepDecayEpochs(double value, double factor, std::int64_t everyEpochs);

    // `stepsPerEpoch` matters only to stepDecayEpochs.
    double at(std::int64_t step, std::int64_t totalSteps, std::int64_t stepsPerEpoch = 1) const;

private:
    enum class Kind { Constant, Linear, StepDecay, StepDecayEpochs };
    Kind m_kind = Kind::Constant;
    double m_from = 1.0;
    double m_to = 1.0;
    double m_start = 0.0;
    double m_end = 0.0;
    std::int64_t m_every = 1;
};

} // namespace pluvia::models
