// SPDX-License-Identifier: GPL-3.0-or-later
// JRGR: joint rain generation and removal via disentangled image translation (Ye, Chang, Zhou,
// Yan, CVPR 2021; ../shared/METHODS.md, jrgr). Removal networks F_s, F_r split a rainy image into
// a background and a rain layer (disentangle: B = F(O), R = O − B); rain generators G_r, G_s
// translate rain layers between the synthetic and the real domain (entangle: Õ = B + G(R)).
// Discriminators D_B (backgrounds), D_Os, D_Or (rainy images) are PatchGANs.
//
// Forward graph (§3.1), in the model's image space (see toModel):
//   S2R then R2S:  B_s = F_s(O_s), Ot_r = B_s + G_r(O_s − B_s),
//                  Bt_r = F_r(Ot_r), Oh_s = Bt_r + G_s(Ot_r − Bt_r)   (reconstructs O_s)
//   R2S then S2R:  B_r = F_r(O_r), Ot_s = B_r + G_s(O_r − B_r),
//                  Bt_s = F_s(Ot_s), Oh_r = Bt_s + G_r(Ot_s − Bt_s)   (reconstructs O_r)
// (Ot = Õ, Bt = B̃, Oh = Ô in the paper.) Test: F_r derains.
#pragma once

#include "models/framework/method.h"

#include <torch/nn/modules/container/any.h>

namespace pluvia::models {

class JrgrMethod : public Method
{
public:
    static MethodDescription describe();

    JrgrMethod(const Params &params, c10::Device device, std::uint64_t seed);

    const MethodDescription &description() const override;
    std::vector<Stage> stages(const TrainingPlan &plan) const override;
    StepObjective objective(const TrainingBatch &batch, const StepContext &context) override;
    StepResult trainStep(const TrainingBatch &batch, const StepContext &context) override;
    DerainOutput derain(const at::Tensor &rainy, bool withIntermediates) override;
    // S2R generation: `rainSource` is a synthetic rainy version of `clean` (same size); its rain
    // layer O − B is translated by G_r and added back: Õ_r = B + G_r(O − B), clamped to [0, 1].
    at::Tensor generate(const at::Tensor &clean, const at::Tensor &rainSource) override;
    std::vector<RainFeatureGroup> rainFeatures(const TrainingBatch &batch) override;
    at::Tensor layerFeatures(const std::string &name, const RainFeatureGroup &group) override;
    InferenceGeometry inferenceGeometry() const override;
    PublicWeightsLayout publicWeights() const override;

    // Every image of one pass of the forward graph, in model space (N×3×H×W).
    struct Translation {
        at::Tensor O_s, B_s, Ot_r, Bt_r, Oh_s; // synthetic input and its loop
        at::Tensor O_r, B_r, Ot_s, Bt_s, Oh_r; // real input and its loop
    };
    // Runs the forward graph on images in [0, 1].
    Translation translate(const at::Tensor &syntheticRainy, const at::Tensor &realRainy);
    // The two halves of a joint step (trainStep runs both): the generator step updates F_s, F_r,
    // G_s, G_r against every term of eq. 8; the discriminator step updates D_B, D_Os, D_Or on
    // real samples against pooled fakes of `t` (detached). `clean` is the synthetic pairs'
    // ground truth, `backgrounds` the real clean images D_B learns from, both in [0, 1].
    std::vector<LossTerm> generatorStep(const Translation &t, const at::Tensor &clean);
    // Eq. 8's terms with their graphs, as the generator step minimises them.
    std::vector<LossTerm> generatorTerms(const Translation &t, const at::Tensor &clean);
    std::vector<LossTerm> discriminatorStep(const Translation &t, const at::Tensor &backgrounds);
    // Pre-training (§3.3): MSE of F_s(O_s) (and F_r(O_s), unless only F_s is pre-trained) to B.
    std::vector<LossTerm> pretrainStep(const at::Tensor &syntheticRainy, const at::Tensor &clean);
    std::vector<LossTerm> pretrainTerms(const at::Tensor &syntheticRainy, const at::Tensor &clean);

    // The GAN loss of the preset: "log" (eqs. 3–4: binary cross-entropy on logits) or "lsgan".
    at::Tensor ganLoss(const at::Tensor &logits, bool real) const;
    at::Tensor toModel(const at::Tensor &image) const; // [0, 1] → model space
    at::Tensor fromModel(const at::Tensor &image) const; // model space → [0, 1] scale

private:
    at::Tensor run(torch::nn::AnyModule &network, const at::Tensor &x)
    {
        return network.forward(x);
    }
    // Disentangle, B̂ = F(O), and translate a rain layer, G(R̂). With `residual_learning` the
    // sub-networks learn a change of their input: F(O) = O − U(O), G(R) = R + U(R).
    at::Tensor removeRain(torch::nn::AnyModule &removal, const at::Tensor &rainy)
    {
        return m_residual ? rainy - run(removal, rainy) : run(removal, rainy);
    }
    at::Tensor translateRain(torch::nn::AnyModule &generator, const at::Tensor &rain)
    {
        return m_residual ? rain + run(generator, rain) : run(generator, rain);
    }
    bool pretraining(const StepContext &context) const;
    // D_B's logits for backgrounds, on the images or their high-pass detail (the option).
    at::Tensor judgeBackground(const at::Tensor &background);

    bool m_signed; // model space [-1, 1] (reference code) instead of [0, 1]
    bool m_lsgan;
    bool m_residual;
    bool m_highpassBackgrounds;
    torch::nn::AnyModule m_Fs, m_Fr, m_Gs, m_Gr, m_DB, m_DOs, m_DOr;
    InferenceGeometry m_geometry;
    ImagePool *m_poolBs, *m_poolBtr, *m_poolBr, *m_poolBts, *m_poolOtr, *m_poolOts;
};

} // namespace pluvia::models
