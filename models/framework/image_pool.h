// SPDX-License-Identifier: GPL-3.0-or-later
// The history of generated images that GAN discriminators are trained on (Shrivastava et al.,
// CVPR 2017, as CycleGAN uses it; JRGR §3.2 and its public code keep 50 per pool). Updating the
// discriminator on a mix of current and earlier fakes damps oscillation.
//
// query(): for each image of the batch, while the pool holds fewer than `capacity` images the
// image is stored and returned; once full, with probability 1/2 a uniformly chosen stored image
// is returned and the new one takes its place, otherwise the new image is returned unchanged.
// Capacity 0 returns the batch as it is. Images are stored detached. Draws come from the
// caller's generator, so a pool replays exactly after save/load with that generator's state.
#pragma once

#include "models/framework/archive_fwd.h"

#include <ATen/core/Generator.h>
#include <ATen/core/Tensor.h>

#include <vector>

namespace pluvia::models {

class ImagePool
{
public:
    explicit ImagePool(int capacity);

    // images N×C×H×W → N×C×H×W on the same device, detached.
    at::Tensor query(const at::Tensor &images, at::Generator &generator);

    int capacity() const { return m_capacity; }
    int size() const { return int(m_images.size()); }

    void save(torch::serialize::OutputArchive &archive) const;
    void load(torch::serialize::InputArchive &archive);

private:
    int m_capacity;
    std::vector<at::Tensor> m_images; // each 1×C×H×W
};

} // namespace pluvia::models
