// SPDX-License-Identifier: GPL-3.0-or-later
// Colour-space conversions on float images (private to core).
// YCbCr follows ITU-R BT.601 as MATLAB's rgb2ycbcr defines it for double images in [0, 1]:
//   Y  = (16  +  65.481 R + 128.553 G +  24.966 B) / 255
//   Cb = (128 -  37.797 R -  74.203 G + 112.0   B) / 255
//   Cr = (128 + 112.0   R -  93.786 G -  18.214 B) / 255
// so Y lies in [16/255, 235/255] and Cb, Cr in [16/255, 240/255].
#pragma once

#include <opencv2/core/mat.hpp>

namespace pluvia::core {

cv::Mat rgbToYCbCr(const cv::Mat &rgbFloat); // CV_32FC3 RGB [0,1] -> CV_32FC3 (Y, Cb, Cr)
cv::Mat yCbCrToRgb(const cv::Mat &yCbCrFloat); // exact inverse of rgbToYCbCr (not clamped)
cv::Mat rgbToY(const cv::Mat &rgbFloat); // CV_32FC3 -> CV_32FC1 Y, computed in double

} // namespace pluvia::core
