// SPDX-License-Identifier: GPL-3.0-or-later
// The supervised baseline: the U-Net JRGR uses for removal (§3.3), trained with a pixel loss on
// synthetic pairs only, B̂ = F(O), minimising L1(B̂, B) (or MSE). It is the "supervised method"
// row every unsupervised paper compares against, and with the same network as JRGR's removal
// nets the comparison isolates the learning scheme (../shared/METHODS.md, supervised).
#pragma once

#include "models/framework/method.h"
#include "models/networks/unet.h"

namespace pluvia::models {

class SupervisedMethod : public Method
{
public:
    static MethodDescription describe();

    SupervisedMethod(const Params &params, c10::Device device, std::uint64_t seed);

    const MethodDescription &description() const override;
    StepObjective objective(const TrainingBatch &batch, const StepContext &context) override;
    StepResult trainStep(const TrainingBatch &batch, const StepContext &context) override;
    DerainOutput derain(const at::Tensor &rainy, bool withIntermediates) override;
    std::vector<RainFeatureGroup> rainFeatures(const TrainingBatch &batch) override;
    InferenceGeometry inferenceGeometry() const override;

private:
    UNet m_net;
    bool m_mse;
};

} // namespace pluvia::models
