// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/training/time_budget_plan_p.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace pluvia::core {

namespace {

// A stage's first measurement window lasts at least this share of the time limit (and
// kMinimumWindowSteps), for an early plan; later ones, which follow changes of speed (another
// program taking cores, a slower stage of data), at least kLaterWindowShare.
constexpr double kFirstWindowShare = 0.01;
constexpr double kLaterWindowShare = 0.05;
// The plan fills this share of the limit: the rest absorbs slower steps later on and the final
// checkpoint, so the run finishes its plan rather than being cut one step short by the limit.
constexpr double kPlannedShare = 0.98;
constexpr double kIgnoredChange = 0.01;

} // namespace

TimeBudgetPlan::TimeBudgetPlan(double limitSeconds, qint64 requested)
    : m_limit(limitSeconds)
    , m_requested(requested)
    , m_planned(requested)
{ }

void TimeBudgetPlan::setProbedCosts(std::vector<double> secondsPerStep)
{
    m_probed = std::move(secondsPerStep);
}

std::optional<qint64> TimeBudgetPlan::observe(
    qint64 step, int stage, double seconds, const std::vector<double> &stageStarts)
{
    if (stage < 0 || m_limit <= 0.0)
        return std::nullopt;
    if (m_costs.size() < stageStarts.size()) {
        m_costs.resize(stageStarts.size(), std::numeric_limits<double>::quiet_NaN());
        m_windows.resize(stageStarts.size());
    }
    Window &window = m_windows[size_t(stage)];
    if (++window.stepsInStage == kWarmupSteps) {
        window.startStep = step;
        window.startSeconds = seconds;
        return std::nullopt;
    }
    if (window.startStep < 0)
        return std::nullopt;
    const qint64 steps = step - window.startStep;
    const double elapsed = seconds - window.startSeconds;
    const double share = window.measured == 0 ? kFirstWindowShare : kLaterWindowShare;
    if (steps < kMinimumWindowSteps || elapsed < share * m_limit)
        return std::nullopt;
    // The latest window's speed stands for the stage from now on; the next window starts here.
    m_costs[size_t(stage)] = elapsed / double(steps);
    ++window.measured;
    window.startStep = step;
    window.startSeconds = seconds;
    const qint64 total = solve(step, seconds, stageStarts);
    // Changes under 1% of the plan are left alone (the 2% of the limit kept free absorbs them):
    // a steady run keeps its plan instead of moving it by a few steps every window.
    if (std::abs(double(total - m_planned)) <= kIgnoredChange * double(m_planned))
        return std::nullopt;
    m_planned = total;
    return total;
}

qint64 TimeBudgetPlan::solve(
    qint64 step, double seconds, const std::vector<double> &stageStarts) const
{
    // Unmeasured stages cost what the nearest measured stage does (earlier ones first), times
    // the ratio of their probed costs when both were probed.
    const auto probed = [&](size_t k) { return k < m_probed.size() && m_probed[k] > 0.0; };
    std::vector<double> costs = m_costs;
    for (size_t k = 0; k < costs.size(); ++k) {
        if (!std::isnan(costs[k]))
            continue;
        for (size_t d = 1; d < costs.size() && std::isnan(costs[k]); ++d) {
            size_t nearest = costs.size();
            if (k >= d && !std::isnan(m_costs[k - d]))
                nearest = k - d;
            else if (k + d < costs.size() && !std::isnan(m_costs[k + d]))
                nearest = k + d;
            if (nearest == costs.size())
                continue;
            costs[k] = m_costs[nearest];
            if (probed(k) && probed(nearest))
                costs[k] *= m_probed[k] / m_probed[nearest];
        }
    }
    // Time the steps (step, total] take when the stages split `total` at their fractions.
    const auto remaining = [&](qint64 total) {
        double time = 0.0;
        for (size_t k = 0; k < stageStarts.size(); ++k) {
            const double begin = std::max(double(step), stageStarts[k] * double(total));
            const double end
                = k + 1 < stageStarts.size() ? stageStarts[k + 1] * double(total) : double(total);
            if (end > begin)
                time += costs[k] * (end - begin);
        }
        return time;
    };
    const double left = kPlannedShare * m_limit - seconds;
    if (remaining(m_requested) <= left)
        return m_requested;
    // remaining() grows with the total: the largest total that fits, by bisection.
    qint64 low = step, high = m_requested;
    while (high - low > 1) {
        const qint64 middle = low + (high - low) / 2;
        (remaining(middle) <= left ? low : high) = middle;
    }
    return std::max(low, step + 1);
}

} // namespace pluvia::core
