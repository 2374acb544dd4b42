// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/image/color_p.h"

#include <opencv2/core.hpp>

namespace pluvia::core {

namespace {

// MATLAB rgb2ycbcr for double input, divided by 255 (see color_p.h).
// clang-format off
const cv::Matx33d kForward( 65.481,  128.553,  24.966,
                           -37.797,  -74.203, 112.0,
                           112.0,    -93.786, -18.214);
// clang-format on
const cv::Vec3d kOffset(16.0, 128.0, 128.0);

cv::Mat applyAffine(const cv::Mat &in, const cv::Matx33d &matrix, const cv::Vec3d &offset)
{
    if (in.empty() || in.type() != CV_32FC3)
        return {};
    cv::Mat out(in.size(), CV_32FC3);
    for (int y = 0; y < in.rows; ++y) {
        const auto *src = in.ptr<cv::Vec3f>(y);
        auto *dst = out.ptr<cv::Vec3f>(y);
        for (int x = 0; x < in.cols; ++x) {
            const cv::Vec3d v = matrix * cv::Vec3d(src[x]) + offset;
            dst[x] = cv::Vec3f(float(v[0]), float(v[1]), float(v[2]));
        }
    }
    return out;
}

} // namespace

cv::Mat rgbToYCbCr(const cv::Mat &rgbFloat)
{
    return applyAffine(rgbFloat, kForward * (1.0 / 255.0), kOffset * (1.0 / 255.0));
}

cv::Mat yCbCrToRgb(const cv::Mat &yCbCrFloat)
{
    // rgb = A^-1 (ycc - b): the inverse of the forward map, in double.
    const cv::Matx33d inverse = (kForward * (1.0 / 255.0)).inv();
    return applyAffine(yCbCrFloat, inverse, -(inverse * (kOffset * (1.0 / 255.0))));
}

cv::Mat rgbToY(const cv::Mat &rgbFloat)
{
    if (rgbFloat.empty() || rgbFloat.type() != CV_32FC3)
        return {};
    cv::Mat out(rgbFloat.size(), CV_32FC1);
    for (int y = 0; y < rgbFloat.rows; ++y) {
        const auto *src = rgbFloat.ptr<cv::Vec3f>(y);
        auto *dst = out.ptr<float>(y);
        for (int x = 0; x < rgbFloat.cols; ++x)
            dst[x] = float(
                (16.0 + 65.481 * src[x][0] + 128.553 * src[x][1] + 24.966 * src[x][2]) / 255.0);
    }
    return out;
}

} // namespace pluvia::core
