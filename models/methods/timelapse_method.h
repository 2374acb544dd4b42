// SPDX-License-Identifier: GPL-3.0-or-later
// Time-lapse deraining (Cho, Kim, Min, Sohn, TIP 2020; ../shared/METHODS.md, timelapse): a
// single-image deraining network learnt from sequences of static scenes under changing rain,
// with no clean image at all. Two frames I^m, I^n (m ≠ n) of one scene go through the same
// network; their backgrounds must agree.
//
// Terms of one step (eq. 8), each over the batch of pairs:
//   background      L_b = L1(B^m, B^n)                               (eq. 2), × λ_b
//   structure       L_s = ½ [L1(I^m, B^n) + L1(I^n, B^m)]           (eq. 3), × λ_s γ(step)
//   direction       L_v of S^m and S^n                               (eqs. 4–6), × λ_v
//   reconstruction  L_r = L1(I, B + S) over both frames              (eq. 7), × λ_r
// γ falls linearly from 0.1 to 1e-4 over the first 30 % of the run, then stays.
#pragma once

#include "models/framework/method.h"
#include "models/networks/directional_gradient.h"
#include "models/networks/timelapse_derain_net.h"

namespace pluvia::models {

class TimeLapseMethod : public Method
{
public:
    static MethodDescription describe();

    TimeLapseMethod(const Params &params, c10::Device device, std::uint64_t seed);

    const MethodDescription &description() const override;
    StepObjective objective(const TrainingBatch &batch, const StepContext &context) override;
    StepResult trainStep(const TrainingBatch &batch, const StepContext &context) override;
    DerainOutput derain(const at::Tensor &rainy, bool withIntermediates) override;
    std::vector<RainFeatureGroup> rainFeatures(const TrainingBatch &batch) override;
    at::Tensor layerFeatures(const std::string &name, const RainFeatureGroup &group) override;
    InferenceGeometry inferenceGeometry() const override;

    // γ of eq. 3 at `step` of `totalSteps`.
    double gamma(std::int64_t step, std::int64_t totalSteps) const;
    // The network's input for RGB images: the images themselves, or their Y (channels = 1).
    at::Tensor networkInput(const at::Tensor &rgb) const;
    TimeLapseDerainNet &network() { return m_net; }
    DirectionalGradient &directionNetwork() { return m_direction; }

private:
    TimeLapseDerainNet m_net { nullptr };
    DirectionalGradient m_direction { nullptr };
    Schedule m_gamma;
};

} // namespace pluvia::models
