// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/framework/image_pool.h"

#include <torch/torch.h>

namespace pluvia::models {

ImagePool::ImagePool(int capacity)
    : m_capacity(std::max(0, capacity))
{ }

at::Tensor ImagePool::query(const at::Tensor &images, at::Generator &generator)
{
    const at::Tensor detached = images.detach();
    if (m_capacity == 0)
        return detached;
    std::vector<at::Tensor> out;
    out.reserve(size_t(detached.size(0)));
    for (int64_t i = 0; i < detached.size(0); ++i) {
        const at::Tensor image = detached.slice(0, i, i + 1).clone();
        if (size() < m_capacity) {
            m_images.push_back(image);
            out.push_back(image);
            continue;
        }
        if (torch::rand({ 1 }, generator).item<double>() < 0.5) {
            const int64_t slot = torch::randint(m_capacity, { 1 }, generator).item<int64_t>();
            out.push_back(m_images[size_t(slot)]);
            m_images[size_t(slot)] = image;
        } else {
            out.push_back(image);
        }
    }
    return torch::cat(out, 0);
}

void ImagePool::save(torch::serialize::OutputArchive &archive) const
{
    archive.write("count", torch::tensor(int64_t(m_images.size())));
    for (size_t i = 0; i < m_images.size(); ++i)
        archive.write("image_" + std::to_string(i), m_images[i]);
}

void ImagePool::load(torch::serialize::InputArchive &archive)
{
    torch::Tensor count;
    archive.read("count", count);
    const int64_t n = count.item<int64_t>();
    TORCH_CHECK(
        n >= 0 && n <= m_capacity, "image pool: ", n, " images saved, capacity ", m_capacity);
    m_images.clear();
    for (int64_t i = 0; i < n; ++i) {
        torch::Tensor image;
        archive.read("image_" + std::to_string(i), image);
        m_images.push_back(image);
    }
}

} // namespace pluvia::models
