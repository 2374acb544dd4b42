// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/networks/normalization.h"

#include <torch/torch.h>

namespace pluvia::models {

NormKind parseNormKind(const std::string &name)
{
    if (name == "none")
        return NormKind::None;
    if (name == "batch")
        return NormKind::Batch;
    if (name == "instance")
        return NormKind::Instance;
    throw std::invalid_argument("unknown normalisation '" + name + "' (none, batch, instance)");
}

torch::nn::AnyModule makeNorm(NormKind kind, int64_t channels)
{
    namespace nn = torch::nn;
    switch (kind) {
    case NormKind::Batch:
        return nn::AnyModule(nn::BatchNorm2d(channels));
    case NormKind::Instance:
        return nn::AnyModule(nn::InstanceNorm2d(nn::InstanceNorm2dOptions(channels)));
    case NormKind::None:
        break;
    }
    return nn::AnyModule(nn::Identity());
}

bool convolutionBias(NormKind kind)
{
    return kind != NormKind::Batch;
}

} // namespace pluvia::models
