// SPDX-License-Identifier: GPL-3.0-or-later
// Plans a run with --time-limit for the steps it will reach, so its schedules (stage boundaries,
// learning-rate decays, ramps: all fractions of the planned steps) keep their shape instead of
// being cut off part-way. Each stage's cost per step is measured while it runs (after a short
// warm-up, wall time including checkpoints and validation), first over 1% of the limit, then
// again over every further 5%, so the plan follows changes of speed. Stages not reached yet cost
// what the nearest measured one does, scaled by their probed costs when the run probed each stage
// (a few steps of each at the start, state restored: JRGR's joint stage costs about four times its
// pre-training). The plan fills 98% of the limit (the rest
// absorbs slower steps and the last checkpoint). Each new measurement refines it; it never exceeds
// the run requested (--steps or the preset's epochs).
#pragma once

#include <QtGlobal>

#include <optional>
#include <vector>

namespace pluvia::core {

class TimeBudgetPlan
{
public:
    // Steps of a stage run before its cost is measured (allocations, caches), and the shortest
    // measurement window.
    static constexpr qint64 kWarmupSteps = 3;
    static constexpr qint64 kMinimumWindowSteps = 20;

    // `limitSeconds` of training time in this session; `requested`: the steps the run would take
    // without the limit.
    TimeBudgetPlan(double limitSeconds, qint64 requested);

    // After each step: `step` steps are done, the last ran in stage `stage`, `seconds` of training
    // time have passed in this session. `stageStarts`: each stage's first step as a fraction of
    // the planned steps (ascending, the first 0). Returns the new planned total when a
    // measurement completed and changed it.
    std::optional<qint64> observe(
        qint64 step, int stage, double seconds, const std::vector<double> &stageStarts);

    // Seconds per step of each stage from a short probe (a few steps on one batch): relative costs
    // for the stages not measured yet.
    void setProbedCosts(std::vector<double> secondsPerStep);

    // Seconds per step of each stage in its latest window (NaN where not yet measured).
    const std::vector<double> &stageCosts() const { return m_costs; }
    qint64 planned() const { return m_planned; }

private:
    struct Window {
        qint64 stepsInStage = 0;
        qint64 startStep = -1;
        double startSeconds = 0.0;
        int measured = 0; // windows completed
    };
    // The largest total whose remaining steps fit the time left.
    qint64 solve(qint64 step, double seconds, const std::vector<double> &stageStarts) const;

    double m_limit;
    qint64 m_requested;
    qint64 m_planned;
    std::vector<double> m_costs;
    std::vector<double> m_probed;
    std::vector<Window> m_windows;
};

} // namespace pluvia::core
