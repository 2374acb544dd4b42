// SPDX-License-Identifier: GPL-3.0-or-later
// Which convention a PSNR/SSIM number follows, and the label that says so wherever it is shown.
//
// The deraining literature's numbers come from PReNet's MATLAB scripts: 8-bit images read as
// double(im)/255, Y of MATLAB's rgb2ycbcr (Y = (16 + 65.481 R + 128.553 G + 24.966 B) / 255,
// kept in double, not quantised), PSNR on Y with peak 1, and SSIM by Wang's 2009 ssim.m on
// Y * 255 (11x11 Gaussian, sigma 1.5, K1 0.01, K2 0.03, L 255, 'valid' filtering) after its
// automatic downsampling by f = max(1, round(min(H, W) / 256)). Python ports (scikit-image,
// BasicSR) skip that downsampling, which changes SSIM on images of 384 px and more.
#pragma once

#include <QString>

namespace pluvia::core {

enum class MetricChannel {
    Y, // Y of MATLAB's rgb2ycbcr, in [16/255, 235/255] (SSIM on Y * 255)
    Rgb, // R, G, B in [0, 1]: PSNR over all channel values, SSIM the mean of the channels' SSIMs
};

struct MetricOptions {
    MetricChannel channel = MetricChannel::Y;
    // true: ssim.m's automatic downsampling (f x f box filter with 'symmetric' borders, every
    // f-th pixel kept), i.e. MATLAB's numbers; false: scikit-image's structural_similarity with
    // gaussian_weights=True, sigma=1.5, use_sample_covariance=False, data_range=255.
    bool matlabDownsample = true;
};

// Short column names, e.g. "PSNR-Y" / "SSIM-RGB".
QString psnrName(const MetricOptions &options);
QString ssimName(const MetricOptions &options);

// Full labels naming the convention, e.g. "PSNR-Y (MATLAB rgb2ycbcr, peak 1)" and
// "SSIM-Y (ssim.m 2009, downsampled)" or "SSIM-Y (ssim.m 2009 without downsampling = skimage)".
QString psnrConvention(const MetricOptions &options);
QString ssimConvention(const MetricOptions &options);

// "y" / "rgb" (command-line spelling); parseMetricChannel returns false on anything else.
QString metricChannelKey(MetricChannel channel);
bool parseMetricChannel(const QString &key, MetricChannel *channel);

} // namespace pluvia::core
