// SPDX-License-Identifier: GPL-3.0-or-later
// DerainCycleGAN: attention-guided deraining by a constrained CycleGAN (Wei, Zhang, Fan, Wang,
// Yan, Wang, arXiv 2019; ../shared/METHODS.md, deraincyclegan). Learns from unpaired rainy images r
// and rain-free images n. U-ARSE (A) extracts a rain-streak mask Att(x) = A(x)'s last stage;
// G_N removes rain, G_R adds it, each given the image and its mask; D_R and D_N are multi-scale
// discriminators of rainy and rain-free images.
//
// Forward graph (§3.3), images in the model's space ([0, 1], or [-1, 1] as the public code with
// image_range=signed; masks are in that space's scale):
//   n_r = G_N(Att(r), r),   r_n = G_R(Att(n), n)                               (eq. 4)
//   r̃ = G_R(Att(n_r), n_r), ñ = G_N(Att(r_n), r_n)                            (eq. 5)
// (r̃ = r_t, ñ = n_t in code.) Test: n_r = G_N(Att(r), r) (eq. 14); rainmaking: r_n (eq. 15).
#pragma once

#include "models/framework/method.h"
#include "models/networks/contextual_autoencoder.h"
#include "models/networks/multiscale_discriminator.h"
#include "models/networks/uarse.h"
#include "models/networks/vgg16_features.h"

namespace pluvia::models {

class DerainCycleGanMethod : public Method
{
public:
    static MethodDescription describe();

    DerainCycleGanMethod(const Params &params, c10::Device device, std::uint64_t seed);

    const MethodDescription &description() const override;
    void prepareTraining() override;
    StepObjective objective(const TrainingBatch &batch, const StepContext &context) override;
    StepResult trainStep(const TrainingBatch &batch, const StepContext &context) override;
    DerainOutput derain(const at::Tensor &rainy, bool withIntermediates) override;
    // r_n = G_R(Att(n), n) (eq. 15). With a rainy image (resized to the clean one's size) in
    // `rainSource`, G_R is steered by that image's mask plus U(0, 0.01) noise instead, as the
    // public code makes its rainy data sets.
    at::Tensor generate(const at::Tensor &clean, const at::Tensor &rainSource) override;
    std::vector<RainFeatureGroup> rainFeatures(const TrainingBatch &batch) override;
    at::Tensor layerFeatures(const std::string &name, const RainFeatureGroup &group) override;
    InferenceGeometry inferenceGeometry() const override;

    // Every image of one pass of the forward graph (N×3×H×W; masks N×1×H×W).
    struct Translation {
        at::Tensor r, att_r, n_r, att_nr, r_t; // rainy input and its cycle
        at::Tensor n, att_n, r_n, att_rn, n_t; // rain-free input and its cycle
    };
    // `rainy` and `clean` in [0, 1]; every image of the result in the model's space.
    Translation translate(const at::Tensor &rainy, const at::Tensor &clean);
    // §3.4's terms with their graphs, as the generator step minimises them (N drawn here).
    std::vector<LossTerm> generatorTerms(const Translation &t);
    // Updates U-ARSE, G_N and G_R against those terms; returns them (detached) and "total".
    std::vector<LossTerm> generatorStep(const Translation &t);
    // Updates D_R and D_N against pooled fakes of `t` (detached): eq. 6 and its rain-free twin.
    std::vector<LossTerm> discriminatorStep(const Translation &t);

    // U-ARSE's masks of `image` (mask_1 … mask_stages); Att is the last.
    std::vector<at::Tensor> attentionMasks(const at::Tensor &image);
    at::Tensor removeRain(const at::Tensor &rainy, const at::Tensor &attention);
    at::Tensor addRain(const at::Tensor &clean, const at::Tensor &attention);
    // The GAN loss of one discriminator's outputs: the mean over its scales (the finest only when
    // `finestOnly`) of the log (eq. 6, cross-entropy on logits) or least-squares loss.
    at::Tensor ganLoss(const std::vector<at::Tensor> &logits, bool real, bool finestOnly) const;
    // The target of L_att on rainy images: a map in (0, 1) drawn from the method's generator.
    at::Tensor attentionNoise(const at::Tensor &like);
    // Whether L_p trains (VGG-16 weights given, term and gradient on).
    bool perceptualTrains() const;
    at::Tensor toModel(const at::Tensor &image) const; // [0, 1] → model space
    at::Tensor fromModel(const at::Tensor &image) const; // model space → [0, 1]
    at::Tensor fromModelScale(const at::Tensor &difference) const; // a rain layer's scale
    PublicWeightsLayout publicWeights() const override;

private:
    UArse m_attention;
    ContextualAutoencoder m_GN, m_GR;
    MultiScaleDiscriminator m_DR, m_DN;
    Vgg16Features m_vgg { nullptr }; // loaded by prepareTraining() when vgg_weights is set
    bool m_residual;
    bool m_lsgan;
    bool m_signed;
    InferenceGeometry m_geometry;
    ImagePool *m_poolRn, *m_poolNr;
};

} // namespace pluvia::models
