// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/image/rain_display_p.h"

#include <opencv2/core.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

namespace pluvia::core {

namespace {

uchar toByte(float v)
{
    return uchar(std::lround(std::clamp(v, 0.f, 1.f) * 255.f));
}

} // namespace

float rainDisplayScale(const cv::Mat &rain)
{
    if (rain.empty() || rain.depth() != CV_32F)
        return kRainScaleFloor;
    std::vector<float> magnitudes;
    magnitudes.reserve(rain.total() * rain.channels());
    for (int y = 0; y < rain.rows; ++y) {
        const auto *row = rain.ptr<float>(y);
        for (int i = 0; i < rain.cols * rain.channels(); ++i)
            magnitudes.push_back(std::abs(row[i]));
    }
    const size_t n = magnitudes.size();
    // Nearest rank ceil(0.99 n) - 1 in integers: 0.99 * n in floating point can land just
    // above an integer and pick the next rank.
    const size_t rank = (99 * n + 99) / 100 - 1;
    std::nth_element(magnitudes.begin(), magnitudes.begin() + rank, magnitudes.end());
    return std::max(magnitudes[rank], kRainScaleFloor);
}

RainDisplay renderRainLayer(const cv::Mat &rain, RainDisplayMode mode, float fixedScale)
{
    RainDisplay result;
    if (rain.empty() || rain.depth() != CV_32F || (rain.channels() != 1 && rain.channels() != 3)) {
        result.error = QStringLiteral("rain layer must be a non-empty CV_32FC3 or CV_32FC1 image");
        return result;
    }
    if (!cv::checkRange(rain)) {
        result.error = QStringLiteral("rain layer holds NaN or infinite values");
        return result;
    }
    const float scale = fixedScale > 0.f ? fixedScale : rainDisplayScale(rain);
    const int channels = rain.channels();
    QImage image(rain.cols, rain.rows, QImage::Format_RGB888);
    for (int y = 0; y < rain.rows; ++y) {
        const auto *src = rain.ptr<float>(y);
        uchar *dst = image.scanLine(y);
        for (int x = 0; x < rain.cols; ++x) {
            float sum = 0.f, absSum = 0.f;
            for (int c = 0; c < channels; ++c) {
                sum += src[x * channels + c];
                absSum += std::abs(src[x * channels + c]);
            }
            uchar *rgb = dst + 3 * x;
            if (mode == RainDisplayMode::DivergingDark) {
                const float t = std::clamp(sum / channels / scale, -1.f, 1.f), a = std::abs(t);
                rgb[0] = toByte(t < 0.f ? 0.25f * a : a);
                rgb[1] = toByte(t < 0.f ? 0.5f * a : 0.3f * a);
                rgb[2] = toByte(t < 0.f ? a : 0.2f * a);
            } else if (mode == RainDisplayMode::Diverging) {
                const float t = std::clamp(sum / channels / scale, -1.f, 1.f);
                rgb[0] = toByte(t < 0.f ? 1.f + t : 1.f);
                rgb[1] = toByte(1.f - std::abs(t));
                rgb[2] = toByte(t > 0.f ? 1.f - t : 1.f);
            } else {
                rgb[0] = rgb[1] = rgb[2] = toByte(absSum / channels / scale);
            }
        }
    }
    result.image = image;
    result.scale = scale;
    return result;
}

} // namespace pluvia::core
