// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/metrics/image_metrics_p.h"

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <exception>
#include <vector>

namespace pluvia::core {

namespace {

constexpr int kWindow = 11; // ssim.m: fspecial('gaussian', 11, 1.5)
constexpr double kSigma = 1.5;
constexpr double kK1 = 0.01;
constexpr double kK2 = 0.03;
constexpr double kDynamicRange = 255.0;

cv::Mat toUnitDouble(const cv::Mat &image)
{
    double scale = 1.0;
    switch (image.depth()) {
    case CV_8U:
        scale = 1.0 / 255.0;
        break;
    case CV_16U:
        scale = 1.0 / 65535.0;
        break;
    case CV_32F:
    case CV_64F:
        break;
    default:
        return {};
    }
    cv::Mat unit;
    image.convertTo(unit, CV_64F, scale);
    return unit;
}

// MATLAB's rgb2ycbcr Y on double input. core/image/color_p.h's rgbToY has the same formula but
// returns float32, whose rounding (~3e-8 on Y) moves PSNR by up to 1e-4 dB on flat images, so
// the metrics keep Y in double to reproduce MATLAB's numbers to 1e-6 dB.
cv::Mat matlabLuma(const cv::Mat &rgbUnit)
{
    const cv::Matx13d weights(65.481 / 255.0, 128.553 / 255.0, 24.966 / 255.0);
    cv::Mat y;
    cv::transform(rgbUnit, y, weights);
    y += 16.0 / 255.0;
    return y;
}

// imfilter(img, ones(f)/f^2, 'symmetric', 'same') then img(1:f:end, 1:f:end). MATLAB centres an
// even kernel on its element floor((f+1)/2), so the box covers the pixel and the ones after it
// (OpenCV's default anchor would cover the ones before); 'symmetric' repeats the edge pixel,
// which is OpenCV's BORDER_REFLECT.
cv::Mat matlabBoxDownsample(const cv::Mat &plane, int f)
{
    const int anchor = (f + 1) / 2 - 1;
    cv::Mat smooth;
    cv::boxFilter(
        plane, smooth, CV_64F, cv::Size(f, f), cv::Point(anchor, anchor), true, cv::BORDER_REFLECT);
    cv::Mat kept((plane.rows + f - 1) / f, (plane.cols + f - 1) / f, CV_64F);
    for (int r = 0; r < kept.rows; ++r) {
        const double *src = smooth.ptr<double>(r * f);
        double *dst = kept.ptr<double>(r);
        for (int c = 0; c < kept.cols; ++c)
            dst[c] = src[c * f];
    }
    return kept;
}

// filter2(w, img, 'valid'): the Gaussian is separable and symmetric, so filtering the whole
// image and dropping the 5-pixel border gives exactly the windows that lie inside the image.
cv::Mat gaussianValid(const cv::Mat &plane, const cv::Mat &kernel)
{
    cv::Mat filtered;
    cv::sepFilter2D(
        plane, filtered, CV_64F, kernel, kernel, cv::Point(-1, -1), 0, cv::BORDER_REFLECT);
    const int border = kWindow / 2;
    return filtered(cv::Rect(border, border, plane.cols - 2 * border, plane.rows - 2 * border));
}

double ssimOfPlane(cv::Mat a, cv::Mat b, bool matlabDownsample)
{
    if (matlabDownsample) {
        const int f = ssimDownsampleFactor(a.rows, a.cols);
        if (f > 1) {
            a = matlabBoxDownsample(a, f);
            b = matlabBoxDownsample(b, f);
        }
    }
    if (a.rows < kWindow || a.cols < kWindow)
        return std::numeric_limits<double>::quiet_NaN();

    const cv::Mat kernel = cv::getGaussianKernel(kWindow, kSigma, CV_64F);
    const double c1 = (kK1 * kDynamicRange) * (kK1 * kDynamicRange);
    const double c2 = (kK2 * kDynamicRange) * (kK2 * kDynamicRange);
    const cv::Mat mu1 = gaussianValid(a, kernel);
    const cv::Mat mu2 = gaussianValid(b, kernel);
    const cv::Mat mu1Sq = mu1.mul(mu1);
    const cv::Mat mu2Sq = mu2.mul(mu2);
    const cv::Mat mu12 = mu1.mul(mu2);
    // Population (co)variances, as ssim.m and skimage's use_sample_covariance=False.
    const cv::Mat sigma1Sq = gaussianValid(a.mul(a), kernel) - mu1Sq;
    const cv::Mat sigma2Sq = gaussianValid(b.mul(b), kernel) - mu2Sq;
    const cv::Mat sigma12 = gaussianValid(a.mul(b), kernel) - mu12;
    cv::Mat numerator = (2.0 * mu12 + c1).mul(2.0 * sigma12 + c2);
    cv::Mat denominator = (mu1Sq + mu2Sq + c1).mul(sigma1Sq + sigma2Sq + c2);
    cv::Mat map;
    cv::divide(numerator, denominator, map);
    return cv::mean(map)[0];
}

} // namespace

int ssimDownsampleFactor(int height, int width)
{
    return std::max(1, int(std::lround(std::min(height, width) / 256.0)));
}

cv::Mat metricPlanes(const cv::Mat &image, MetricChannel channel)
{
    if (image.empty() || (image.channels() != 1 && image.channels() != 3))
        return {};
    cv::Mat unit = toUnitDouble(image);
    if (unit.empty())
        return {};
    if (unit.channels() == 1)
        cv::merge(std::vector<cv::Mat>(3, unit), unit); // cvtColor has no CV_64F path
    return channel == MetricChannel::Y ? matlabLuma(unit) : unit;
}

double psnrOfPlanes(const cv::Mat &prediction, const cv::Mat &groundTruth)
{
    const double sumSq = cv::norm(prediction, groundTruth, cv::NORM_L2SQR);
    const double mse = sumSq / double(prediction.total() * prediction.channels());
    if (mse == 0.0)
        return std::numeric_limits<double>::infinity();
    return 10.0 * std::log10(1.0 / mse);
}

double ssimOfPlanes(const cv::Mat &prediction, const cv::Mat &groundTruth, bool matlabDownsample)
{
    std::vector<cv::Mat> predChannels, gtChannels;
    cv::split(prediction * kDynamicRange, predChannels);
    cv::split(groundTruth * kDynamicRange, gtChannels);
    double sum = 0.0;
    for (size_t c = 0; c < predChannels.size(); ++c)
        sum += ssimOfPlane(predChannels[c], gtChannels[c], matlabDownsample);
    return sum / double(predChannels.size());
}

ImageComparison compareImages(
    const cv::Mat &prediction, const cv::Mat &groundTruth, const MetricOptions &options)
{
    ImageComparison result;
    if (prediction.rows != groundTruth.rows || prediction.cols != groundTruth.cols) {
        result.error = QStringLiteral("size mismatch: prediction %1x%2, ground truth %3x%4")
                           .arg(prediction.cols)
                           .arg(prediction.rows)
                           .arg(groundTruth.cols)
                           .arg(groundTruth.rows);
        return result;
    }
    if (prediction.rows < kWindow || prediction.cols < kWindow) {
        result.error = QStringLiteral("image of %1x%2 is smaller than SSIM's 11x11 window")
                           .arg(prediction.cols)
                           .arg(prediction.rows);
        return result;
    }
    try {
        const cv::Mat pred = metricPlanes(prediction, options.channel);
        const cv::Mat gt = metricPlanes(groundTruth, options.channel);
        if (pred.empty() || gt.empty()) {
            result.error = QStringLiteral("unsupported pixel format (need 1 or 3 channels of "
                                          "8/16-bit integers or 32/64-bit floats)");
            return result;
        }
        result.psnr = psnrOfPlanes(pred, gt);
        result.ssim = ssimOfPlanes(pred, gt, options.matlabDownsample);
        const cv::Scalar shift = cv::mean(metricPlanes(prediction, MetricChannel::Rgb))
            - cv::mean(metricPlanes(groundTruth, MetricChannel::Rgb));
        for (int c = 0; c < 3; ++c)
            result.meanShift[size_t(c)] = 255.0 * shift[c];
    } catch (const cv::Exception &e) {
        result.error = QStringLiteral("OpenCV: %1").arg(QString::fromStdString(e.what()));
    } catch (const std::exception &e) {
        result.error = QString::fromStdString(e.what());
    }
    return result;
}

} // namespace pluvia::core
