// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/networks/size_padding.h"

#include <torch/torch.h>

namespace pluvia::models {

at::Tensor padToMultiple(const at::Tensor &input, int64_t multiple)
{
    namespace F = torch::nn::functional;
    const int64_t height = input.size(2), width = input.size(3);
    const int64_t padBottom = (multiple - height % multiple) % multiple;
    const int64_t padRight = (multiple - width % multiple) % multiple;
    if (!padBottom && !padRight)
        return input;
    // Reflection needs the padding to be smaller than the side; replicate covers tiny inputs.
    auto pad = F::PadFuncOptions({ 0, padRight, 0, padBottom });
    if (padBottom < height && padRight < width)
        pad.mode(torch::kReflect);
    else
        pad.mode(torch::kReplicate);
    return F::pad(input, pad);
}

at::Tensor cropTo(const at::Tensor &output, int64_t height, int64_t width)
{
    if (output.size(2) == height && output.size(3) == width)
        return output;
    return output.slice(2, 0, height).slice(3, 0, width);
}

} // namespace pluvia::models
