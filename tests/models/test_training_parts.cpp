// SPDX-License-Identifier: GPL-3.0-or-later
// Schedules and the GAN image pool, against values worked out by hand.
#include "models/framework/image_pool.h"
#include "models/framework/schedule.h"
#include "tests/models/method_test_support.h"

#include <ATen/CPUGeneratorImpl.h>
#include <gtest/gtest.h>
#include <torch/torch.h>

using namespace pluvia::models;

TEST(Schedule, Constant)
{
    const Schedule s = Schedule::constant(0.5);
    EXPECT_DOUBLE_EQ(s.at(0, 100), 0.5);
    EXPECT_DOUBLE_EQ(s.at(99, 100), 0.5);
}

// The time-lapse method's γ: 0.1 → 0.0001 over the first 30% of training, then fixed.
TEST(Schedule, LinearRampOverTheFirstThirtyPercent)
{
    const Schedule s = Schedule::linear(0.1, 0.0001, 0.0, 0.3);
    EXPECT_DOUBLE_EQ(s.at(0, 1000), 0.1);
    EXPECT_NEAR(s.at(150, 1000), 0.1 + (0.0001 - 0.1) * 0.5, 1e-15); // halfway: 0.05005
    EXPECT_DOUBLE_EQ(s.at(300, 1000), 0.0001);
    EXPECT_DOUBLE_EQ(s.at(999, 1000), 0.0001);
}

// pytorch-CycleGAN's "linear" policy: constant for half the run, then linearly to 0.
TEST(Schedule, ConstantThenLinearDecay)
{
    const Schedule s = Schedule::linear(1.0, 0.0, 0.5, 1.0);
    EXPECT_DOUBLE_EQ(s.at(100, 200), 1.0);
    EXPECT_DOUBLE_EQ(s.at(150, 200), 0.5);
    EXPECT_DOUBLE_EQ(s.at(200, 200), 0.0);
}

// UDRDR: halved every 40 of 200 epochs. The planned run (200 epochs of 10 steps) halves at
// steps 400, 800, …; a run shortened to 1000 steps halves at 200, 400, … (the same fractions).
TEST(Schedule, StepDecayKeepsItsShapeInAShortenedRun)
{
    const Schedule s = Schedule::stepDecay(8e-4, 0.5, 40, 200);
    EXPECT_DOUBLE_EQ(s.at(399, 2000), 8e-4);
    EXPECT_DOUBLE_EQ(s.at(400, 2000), 4e-4);
    EXPECT_DOUBLE_EQ(s.at(1250, 2000), 1e-4);
    EXPECT_DOUBLE_EQ(s.at(1999, 2000), 5e-5); // four halvings in the run, as in the paper
    EXPECT_DOUBLE_EQ(s.at(199, 1000), 8e-4);
    EXPECT_DOUBLE_EQ(s.at(200, 1000), 4e-4);
    EXPECT_DOUBLE_EQ(s.at(999, 1000), 5e-5);
    // A period that does not divide the run: 3 of 10 parts of 7 steps → halvings at 21/10 · k,
    // i.e. after steps 2.1 and 4.2: step 2 is still at the first rate, 3 and 4 at the second.
    const Schedule odd = Schedule::stepDecay(1.0, 0.5, 3, 10);
    EXPECT_DOUBLE_EQ(odd.at(2, 7), 1.0);
    EXPECT_DOUBLE_EQ(odd.at(3, 7), 0.5);
    EXPECT_DOUBLE_EQ(odd.at(4, 7), 0.5);
    EXPECT_DOUBLE_EQ(odd.at(5, 7), 0.25);
    EXPECT_THROW(Schedule::stepDecay(1, 0.5, 0, 10), std::invalid_argument);
    EXPECT_THROW(Schedule::linear(1, 0, 0.6, 0.5), std::invalid_argument);
}

namespace {

torch::Tensor constantImage(float value)
{
    return torch::full({ 1, 1, 2, 2 }, value);
}

} // namespace

// While filling, every image goes in and comes back unchanged.
TEST(ImagePool, FillsThenReturnsNewImages)
{
    at::Generator generator = at::make_generator<at::CPUGeneratorImpl>(7);
    ImagePool pool(3);
    const auto batch = torch::cat({ constantImage(1), constantImage(2) }, 0);
    const auto out = pool.query(batch, generator);
    EXPECT_TRUE(out.equal(batch));
    EXPECT_EQ(pool.size(), 2);
    pool.query(constantImage(3), generator);
    EXPECT_EQ(pool.size(), 3);
}

// Once full: each returned image is either the new one or an older one, and an older one that is
// returned has been replaced by the new image; about half of the draws return old images.
TEST(ImagePool, FullPoolSwapsWithProbabilityOneHalf)
{
    at::Generator generator = at::make_generator<at::CPUGeneratorImpl>(11);
    ImagePool pool(4);
    for (float v = 1; v <= 4; ++v)
        pool.query(constantImage(v), generator);
    std::multiset<float> stored = { 1, 2, 3, 4 };
    int returnedOld = 0;
    const int draws = 400;
    for (int i = 0; i < draws; ++i) {
        const float fresh = 100.0f + float(i);
        const float got = pool.query(constantImage(fresh), generator)[0][0][0][0].item<float>();
        if (got != fresh) {
            ASSERT_EQ(stored.count(got), 1u) << "returned an image that was not in the pool";
            stored.erase(stored.find(got));
            stored.insert(fresh);
            ++returnedOld;
        }
        ASSERT_EQ(pool.size(), 4);
    }
    // Binomial(400, 1/2): mean 200, standard deviation 10; ±5 σ.
    EXPECT_NEAR(returnedOld, draws / 2, 50);
}

TEST(ImagePool, ZeroCapacityPassesThrough)
{
    at::Generator generator = at::make_generator<at::CPUGeneratorImpl>(1);
    ImagePool pool(0);
    const auto image = constantImage(5);
    EXPECT_TRUE(pool.query(image, generator).equal(image));
    EXPECT_EQ(pool.size(), 0);
}

// Saved with its generator's state, a pool replays the same answers.
TEST(ImagePool, SaveLoadReplays)
{
    at::Generator generator = at::make_generator<at::CPUGeneratorImpl>(3);
    ImagePool pool(2);
    for (float v = 1; v <= 5; ++v)
        pool.query(constantImage(v), generator);

    ImagePool restored(2);
    test::copyState(pool, restored);
    at::Generator copy = at::make_generator<at::CPUGeneratorImpl>(0);
    copy.set_state(generator.get_state());

    auto replay = [](ImagePool &p, at::Generator &g) {
        std::vector<float> values;
        for (float v = 10; v < 30; ++v)
            values.push_back(p.query(constantImage(v), g)[0][0][0][0].item<float>());
        return values;
    };
    const auto expected = replay(pool, generator);
    EXPECT_EQ(restored.size(), 2);
    EXPECT_EQ(replay(restored, copy), expected);
}
