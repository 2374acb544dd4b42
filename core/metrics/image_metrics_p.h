// SPDX-License-Identifier: GPL-3.0-or-later
// PSNR and SSIM of one image pair as the deraining literature measures them (private to core:
// exposes cv::Mat). See metric_options.h for the conventions.
//
// Inputs: RGB (channel order R, G, B) or grey images, CV_8U (scaled by 1/255, exactly MATLAB's
// im2double), CV_16U (1/65535), CV_32F or CV_64F (taken as [0, 1]); 1 or 3 channels (grey is
// treated as R = G = B). All arithmetic is in double, so 8-bit inputs give MATLAB's numbers to
// about 1e-10. Reentrant; no shared state.
#pragma once

#include "core/metrics/metric_options.h"

#include <QString>

#include <opencv2/core/mat.hpp>

#include <array>
#include <limits>

namespace pluvia::core {

struct ImageComparison {
    double psnr = std::numeric_limits<double>::quiet_NaN(); // dB; +infinity for identical images
    double ssim = std::numeric_limits<double>::quiet_NaN(); // <= 1; 1 for identical images
    // Mean of prediction − ground truth per R, G, B channel, in units of 1/255: a colour cast
    // (the whole image tinted or darkened) shows here while PSNR only says "worse".
    std::array<double, 3> meanShift { 0.0, 0.0, 0.0 };
    QString error; // why nothing was measured (size mismatch, unsupported type, < 11 px side)
    bool ok() const { return error.isEmpty(); }
};

// Both metrics at once (the colour conversion is done once). Never throws.
ImageComparison compareImages(
    const cv::Mat &prediction, const cv::Mat &groundTruth, const MetricOptions &options);

// The planes the metrics compare: CV_64FC1 Y of MATLAB's rgb2ycbcr (in [16/255, 235/255]) for
// MetricChannel::Y, CV_64FC3 RGB in [0, 1] for MetricChannel::Rgb. Empty for unsupported input.
cv::Mat metricPlanes(const cv::Mat &image, MetricChannel channel);

// On metricPlanes() output of equal size. psnrOfPlanes: 10 log10(1 / MSE) over all values.
// ssimOfPlanes: ssim.m 2009 on each channel scaled by 255, averaged over channels; NaN when a
// side (after any downsampling) is under 11 px.
double psnrOfPlanes(const cv::Mat &prediction, const cv::Mat &groundTruth);
double ssimOfPlanes(const cv::Mat &prediction, const cv::Mat &groundTruth, bool matlabDownsample);

// ssim.m's downsampling factor for an image of this size: max(1, round(min(H, W) / 256)).
int ssimDownsampleFactor(int height, int width);

} // namespace pluvia::core
