// SPDX-License-Identifier: GPL-3.0-or-later
// UDRDR: unpaired learning for deep image deraining with a rain direction regularizer (Liu, Yue,
// Pan, Su, ICCV 2021; ../shared/METHODS.md, udrdr). A teacher (F1 estimates the rain map
// z = F1(x), eqs. 2–3; F2 reconstructs y = F2(x − z), eqs. 6–7) learns from synthetic pairs and
// unpaired real rain; a student F3 is distilled from the teacher's real results and from
// generated pairs x_ref = y_gt + z_real (eqs. 9–10). F3 derains.
//
// Terms of one step (synthetic and real batches alternate by default, §3.4):
//   synthetic: content L1(z_syn, z_gt) (eq. 4), direction (eq. 5, ×1.2), recons L1(y_syn, y_gt)
//              (eq. 8)
//   real:      tv of y_real (×0.001), cycle L1(y_real + z_real, x_real) (×0.01),
//              distill/real L1(F3(x_real), y_real) and distill/ref φ·L1(F3(x_ref), y_gt) (eq. 10),
//              with y_real and z_real detached: no gradient reaches F1/F2 through eq. 10.
#pragma once

#include "models/framework/method.h"
#include "models/networks/edsr.h"

namespace pluvia::models {

class UdrdrMethod : public Method
{
public:
    static MethodDescription describe();

    UdrdrMethod(const Params &params, c10::Device device, std::uint64_t seed);

    const MethodDescription &description() const override;
    StepObjective objective(const TrainingBatch &batch, const StepContext &context) override;
    StepResult trainStep(const TrainingBatch &batch, const StepContext &context) override;
    int stepCycle() const override;
    DerainOutput derain(const at::Tensor &rainy, bool withIntermediates) override;
    // x_ref = clean + F1(rainSource): the real rain estimated in `rainSource` (a real rainy image
    // of the clean image's size), added to the clean image; clamped to [0, 1].
    at::Tensor generate(const at::Tensor &clean, const at::Tensor &rainSource) override;
    std::vector<RainFeatureGroup> rainFeatures(const TrainingBatch &batch) override;
    InferenceGeometry inferenceGeometry() const override;
    void setTeacher(std::unique_ptr<Method> teacher) override;

    // The halves of a step, public for tests.
    std::vector<LossTerm> syntheticTerms(const RoleBatch &synthetic);
    std::vector<LossTerm> realTerms(const at::Tensor &realRainy, const at::Tensor &cleanReference);
    // The rain directions used for a synthetic batch: its labels, with missing (NaN) ones, or
    // all when `estimate_direction` says so, estimated from z_gt.
    at::Tensor directionsFor(const RoleBatch &synthetic, const at::Tensor &zTruth) const;
    // The teacher's rain map and background for real images (F1/F2, or the external teacher).
    std::pair<at::Tensor, at::Tensor> teach(const at::Tensor &realRainy);

private:
    Edsr m_F1 { nullptr }, m_F2 { nullptr }, m_F3 { nullptr };
    at::Tensor m_kernels;
    std::unique_ptr<Method> m_teacher; // replaces F1/F2 when set
};

} // namespace pluvia::models
