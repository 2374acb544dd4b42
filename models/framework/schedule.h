// SPDX-License-Identifier: GPL-3.0-or-later
// Values that change over training: learning-rate policies and loss weights, e.g. the time-lapse
// method's γ falling linearly over the first 30% of training (Cho et al. eq. 3), UDRDR's learning
// rate halved every 40 of 200 epochs (§4.2), or a constant rate followed by a linear decay to zero
// (pytorch-CycleGAN's "linear" policy). A pure function of (step, total steps): nothing to save,
// and every shape is stated in fractions of the run, so it survives a shortened run.
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
    // value × factor^floor(step · parts / (everyParts · totalSteps)): a decay every
    // everyParts / parts of the run, e.g. UDRDR's "halved every 40 epochs" of its 200 as
    // (40, 200). A run of the planned length decays every 40 epochs exactly; one shortened with
    // --steps or --time-limit keeps the same number of decays at the same fractions (a period
    // fixed in steps or epochs would leave a short run at the first rate, and one fixed in epochs
    // of a small data set would drive a long run's rate to zero).
    static Schedule stepDecay(
        double value, double factor, std::int64_t everyParts, std::int64_t parts);

    double at(std::int64_t step, std::int64_t totalSteps) const;

private:
    enum class Kind { Constant, Linear, StepDecay };
    Schedule(Kind kind, double from, double to, double startFraction, double endFraction,
        std::int64_t everyParts, std::int64_t parts);

    Kind m_kind = Kind::Constant;
    double m_from = 1.0;
    double m_to = 1.0;
    double m_start = 0.0;
    double m_end = 0.0;
    std::int64_t m_everyParts = 1;
    std::int64_t m_parts = 1;
};

} // namespace pluvia::models
