// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/framework/random_batch.h"

#include <torch/torch.h>

namespace pluvia::models {

TrainingBatch randomBatch(
    const MethodDescription &method, int n, int side, const c10::Device &device)
{
    TrainingBatch batch;
    const auto options = torch::TensorOptions().device(device);
    auto image = [&] { return torch::rand({ n, 3, side, side }, options); };
    for (const DataRole &role : method.roles) {
        if (role.name == kValidationRole)
            continue;
        RoleBatch &data = batch[role.name];
        switch (role.content) {
        case RoleContent::RainyAndClean:
            data.clean = image() * 0.8;
            data.rainy = (data.clean + 0.2 * (torch::rand({ n, 1, side, side }, options) > 0.95))
                             .clamp(0, 1);
            data.directionDeg = torch::full({ n }, 90.0f, options);
            break;
        case RoleContent::Rainy:
            data.rainy = image();
            break;
        case RoleContent::Clean:
            data.clean = image();
            break;
        case RoleContent::Frames:
            data.frameM = image();
            data.frameN = image();
            data.background = image();
            data.hasBackground = torch::ones({ n }, options.dtype(torch::kBool));
            break;
        }
    }
    return batch;
}

} // namespace pluvia::models
