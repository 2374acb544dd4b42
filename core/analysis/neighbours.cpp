// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/analysis/neighbours_p.h"

#include <torch/torch.h>

#include <limits>

namespace pluvia::core {

void nearestNeighbours(const std::vector<float> &points, int n, int dims, int k,
    std::vector<int> *indices, std::vector<float> *distances)
{
    torch::NoGradGuard noGrad;
    const at::Tensor x
        = torch::from_blob(const_cast<float *>(points.data()), { n, dims }, torch::kFloat32)
              .to(torch::kFloat64);
    const at::Tensor norms = x.square().sum(1);
    indices->assign(size_t(n) * size_t(k), 0);
    distances->assign(size_t(n) * size_t(k), 0.0f);
    constexpr int kBlock = 1024;
    for (int begin = 0; begin < n; begin += kBlock) {
        const int end = std::min(n, begin + kBlock);
        const at::Tensor rows = x.slice(0, begin, end);
        at::Tensor d = (norms.slice(0, begin, end).unsqueeze(1) + norms.unsqueeze(0)
            - 2.0 * rows.matmul(x.t()))
                           .clamp_min(0.0);
        for (int i = begin; i < end; ++i)
            d[i - begin][i] = std::numeric_limits<double>::infinity(); // not its own neighbour
        // Sorting by distance, then index, keeps ties deterministic.
        const auto [values, order] = d.topk(k, 1, /*largest=*/false, /*sorted=*/true);
        const at::Tensor v = values.to(torch::kFloat32).contiguous(),
                         o = order.to(torch::kInt32).contiguous();
        std::copy_n(v.data_ptr<float>(), v.numel(), distances->data() + size_t(begin) * size_t(k));
        std::copy_n(o.data_ptr<int>(), o.numel(), indices->data() + size_t(begin) * size_t(k));
    }
}

} // namespace pluvia::core
