// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/image/tensor_convert_p.h"

#include <torch/torch.h>

#include <opencv2/core.hpp>

#include <cstring>

namespace pluvia::core {

// Malformed inputs (wrong type, rank or channel count) give an empty result rather than an
// exception, as every core API does; callers check `empty()` / `defined()`.

at::Tensor matToTensor(const cv::Mat &rgbFloat)
{
    if (rgbFloat.empty() || rgbFloat.type() != CV_32FC3)
        return {};
    const cv::Mat continuous = rgbFloat.isContinuous() ? rgbFloat : rgbFloat.clone();
    // from_blob borrows the Mat's memory; contiguous() after the permute makes the copy that
    // owns its storage before `continuous` goes out of scope.
    return torch::from_blob(const_cast<uchar *>(continuous.data),
        { continuous.rows, continuous.cols, 3 }, torch::kFloat32)
        .permute({ 2, 0, 1 })
        .contiguous();
}

cv::Mat tensorToMat(const at::Tensor &chw)
{
    if (!chw.defined() || chw.dim() != 3 || (chw.size(0) != 1 && chw.size(0) != 3))
        return {};
    const at::Tensor hwc
        = chw.detach().to(torch::kCPU, torch::kFloat32).permute({ 1, 2, 0 }).contiguous();
    const int channels = int(chw.size(0));
    cv::Mat out(int(hwc.size(0)), int(hwc.size(1)), CV_32FC(channels));
    std::memcpy(out.data, hwc.data_ptr<float>(), out.total() * out.elemSize());
    return out;
}

cv::Mat tensorHwcAsMat(const at::Tensor &hwc)
{
    if (!hwc.defined() || !hwc.device().is_cpu() || hwc.scalar_type() != torch::kFloat32
        || hwc.dim() != 3 || hwc.size(2) != 3 || !hwc.is_contiguous())
        return {};
    return cv::Mat(int(hwc.size(0)), int(hwc.size(1)), CV_32FC3, hwc.data_ptr<float>());
}

QImage matToQImage(const cv::Mat &rgb)
{
    cv::Mat bytes;
    if (rgb.type() == CV_32FC3) {
        // convertTo saturates to [0, 255] and rounds to nearest, i.e. clamp-then-round.
        rgb.convertTo(bytes, CV_8UC3, 255.0);
    } else if (rgb.type() == CV_8UC3) {
        bytes = rgb;
    } else {
        return {};
    }
    QImage image(bytes.cols, bytes.rows, QImage::Format_RGB888);
    for (int y = 0; y < bytes.rows; ++y)
        std::memcpy(image.scanLine(y), bytes.ptr(y), size_t(bytes.cols) * 3);
    return image;
}

cv::Mat qimageToMat(const QImage &image)
{
    if (image.isNull())
        return {};
    // Deep images keep their 16-bit precision; everything else goes through 8-bit RGB.
    const bool deep = image.depth() == 64;
    const QImage rgb = image.convertToFormat(deep ? QImage::Format_RGBX64 : QImage::Format_RGB888);
    cv::Mat out;
    if (deep) {
        const cv::Mat view(rgb.height(), rgb.width(), CV_16UC4, const_cast<uchar *>(rgb.bits()),
            size_t(rgb.bytesPerLine()));
        cv::Mat rgbOnly;
        cv::cvtColor(view, rgbOnly, cv::COLOR_RGBA2RGB);
        rgbOnly.convertTo(out, CV_32FC3, 1.0 / 65535.0);
    } else {
        const cv::Mat view(rgb.height(), rgb.width(), CV_8UC3, const_cast<uchar *>(rgb.bits()),
            size_t(rgb.bytesPerLine()));
        view.convertTo(out, CV_32FC3, 1.0 / 255.0);
    }
    return out;
}

} // namespace pluvia::core
