// SPDX-License-Identifier: GPL-3.0-or-later
// A run with a time limit plans for the steps it will reach: simulated runs whose per-step costs
// are known, checked against the totals worked out by hand.
#include "core/training/time_budget_plan_p.h"

#include <QtTest/QtTest>

#include <cmath>

using namespace pluvia::core;

namespace {

struct Simulated {
    QVector<qint64> plans; // every new total the plan returned
    qint64 steps = 0; // steps run
    double seconds = 0.0; // training time they took
};

// Runs steps that cost `costs[stage]` seconds (the first step 1 s more, every step after
// `slowerAfter` twice as much) until the plan's total or the limit, with stages starting at
// `starts` (fractions of the current plan), as the training worker does.
Simulated simulate(double limit, qint64 requested, const std::vector<double> &starts,
    const std::vector<double> &costs, qint64 slowerAfter = -1,
    const std::vector<double> &probed = {})
{
    TimeBudgetPlan plan(limit, requested);
    if (!probed.empty())
        plan.setProbedCosts(probed);
    Simulated run;
    run.seconds = 1.0;
    qint64 total = requested;
    while (run.steps < total && run.seconds < limit) {
        int stage = 0;
        for (size_t k = 0; k < starts.size(); ++k)
            if (double(run.steps) >= starts[k] * double(total))
                stage = int(k);
        const double factor = slowerAfter >= 0 && run.steps >= slowerAfter ? 2.0 : 1.0;
        run.seconds += costs[size_t(stage)] * factor;
        ++run.steps;
        if (const auto changed = plan.observe(run.steps, stage, run.seconds, starts)) {
            total = *changed;
            run.plans.push_back(total);
        }
    }
    return run;
}

} // namespace

class TestTimeBudgetPlan : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // One stage at 0.125 s per step, 100 s: the window opens after 3 warm-up steps (t = 1.375)
    // and closes after 20 more (t = 3.875, cost 2.5 / 20); the plan fills 98 s, and the 94.125 s
    // left fit 753 more steps.
    void oneStageFitsTheLimit()
    {
        const Simulated run = simulate(100.0, 10000, { 0.0 }, { 0.125 });
        QCOMPARE(run.plans, QVector<qint64>({ 776 }));
        QCOMPARE(run.steps, qint64(776));
        QCOMPARE(run.seconds, 1.0 + 0.125 * 776); // 98.0: 98% of the limit, exactly
    }

    // Pre-training (the first quarter) at 0.125 s per step, the joint stage at 0.5 s, 196 s
    // planned. Measured in pre-training, the joint stage is assumed as cheap: 23 + 192.125 /
    // 0.125 = 1560 steps, pre-training up to step 390 (t = 49.75). The joint stage's own
    // measurement (steps 393–413, t 51.25–61.25) leaves 134.75 s for 269 joint steps: 682.
    void eachStageRefinesThePlan()
    {
        const Simulated run = simulate(200.0, 4000, { 0.0, 0.25 }, { 0.125, 0.5 });
        QCOMPARE(run.plans, QVector<qint64>({ 1560, 682 }));
        QCOMPARE(run.steps, qint64(682));
        QCOMPARE(run.seconds, 61.25 + 0.5 * (682 - 413)); // 195.75 s of the 200
    }

    // The same run, probed at its start (each stage's cost on one batch; here at 0.4 of the real
    // speed, the ratio right): the first measurement (t = 3.875 at step 23) already knows the joint
    // stage costs 4× the pre-training, 0.5 s. The total N with (0.25 N − 23) · 0.125 + 0.75 N · 0.5
    // = 192.125 is 480; the joint stage's own measurement confirms it. Pre-training keeps its
    // quarter of the steps (120), where the unprobed plan above gave it 390 of 682.
    void probedCostsPlanTheLaterStages()
    {
        const Simulated run
            = simulate(200.0, 4000, { 0.0, 0.25 }, { 0.125, 0.5 }, -1, { 0.05, 0.2 });
        QCOMPARE(run.plans, QVector<qint64>({ 480 }));
        QCOMPARE(run.steps, qint64(480));
        QCOMPARE(run.seconds, 1.0 + 0.125 * 120 + 0.5 * 360); // 196: 98% of the limit
    }

    // Steps twice as slow from step 200 on (another program took a core): the later windows
    // (every 5 s) see it and shorten the plan, and the run ends on its plan, inside the limit.
    // Had the first plan (776) stood, the limit would have cut the run at step 496 of 776.
    void aSlowerRunIsPlannedAgain()
    {
        const Simulated run = simulate(100.0, 10000, { 0.0 }, { 0.125 }, 200);
        QCOMPARE(run.plans.first(), qint64(776));
        QVERIFY2(run.plans.last() < 500, qPrintable(QString::number(run.plans.last())));
        QCOMPARE(run.steps, run.plans.last());
        QVERIFY2(
            run.seconds <= 98.0 && run.seconds > 95.0, qPrintable(QString::number(run.seconds)));
    }

    // A run whose requested steps fit never changes its plan.
    void aRunThatFitsKeepsItsSteps()
    {
        const Simulated run = simulate(1000.0, 500, { 0.0, 0.5 }, { 0.125, 0.5 });
        QVERIFY(run.plans.isEmpty());
        QCOMPARE(run.steps, qint64(500));
    }

    // Measurement windows last at least 1% of the limit: at 3600 s, 36 s of 0.125 s steps.
    void theWindowSpansOnePercentOfTheLimit()
    {
        TimeBudgetPlan plan(3600.0, 1000000);
        double t = 0.0;
        for (qint64 step = 1; step <= 290; ++step) {
            t += 0.125;
            QVERIFY2(!plan.observe(step, 0, t, { 0.0 }), qPrintable(QString::number(step)));
        }
        // Step 291: 288 steps after the window opened at step 3, 36 s.
        const auto total = plan.observe(291, 0, t + 0.125, { 0.0 });
        QVERIFY(total.has_value());
        QCOMPARE(*total, qint64(291 + (0.98 * 3600.0 - 36.375) / 0.125)); // 28224
        QCOMPARE(plan.stageCosts().at(0), 0.125);
    }
};

QTEST_APPLESS_MAIN(TestTimeBudgetPlan)
#include "test_time_budget_plan.moc"
