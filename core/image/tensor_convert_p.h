// SPDX-License-Identifier: GPL-3.0-or-later
// Conversions between cv::Mat, torch tensors and QImage (private to core).
// Convention (DESIGN.md §2): a model image is float32, RGB, channels first, values in [0, 1].
#pragma once

#include <ATen/core/Tensor.h>
#include <QImage>
#include <opencv2/core/mat.hpp>

namespace pluvia::core {

// CV_32FC3 RGB HxW [0,1] -> float tensor 3xHxW (a copy: HWC -> CHW needs one).
at::Tensor matToTensor(const cv::Mat &rgbFloat);
// float tensor 3xHxW or 1xHxW (any device) -> CV_32FC3 / CV_32FC1 HxW (values not clamped).
cv::Mat tensorToMat(const at::Tensor &chw);
// HxW CV_32FC3 view of a contiguous CPU HxWx3 float tensor without copying (shares memory).
cv::Mat tensorHwcAsMat(const at::Tensor &hwc);

// CV_32FC3 RGB [0,1] (clamped, rounded) or CV_8UC3 RGB -> QImage::Format_RGB888 (deep copy).
QImage matToQImage(const cv::Mat &rgb);
// Any QImage -> CV_32FC3 RGB [0,1] (alpha ignored).
cv::Mat qimageToMat(const QImage &image);

} // namespace pluvia::core
