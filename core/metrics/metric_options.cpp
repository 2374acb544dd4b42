// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/metrics/metric_options.h"

namespace pluvia::core {

QString psnrName(const MetricOptions &options)
{
    return options.channel == MetricChannel::Y ? QStringLiteral("PSNR-Y")
                                               : QStringLiteral("PSNR-RGB");
}

QString ssimName(const MetricOptions &options)
{
    return options.channel == MetricChannel::Y ? QStringLiteral("SSIM-Y")
                                               : QStringLiteral("SSIM-RGB");
}

QString psnrConvention(const MetricOptions &options)
{
    return options.channel == MetricChannel::Y ? QStringLiteral("PSNR-Y (MATLAB rgb2ycbcr, peak 1)")
                                               : QStringLiteral("PSNR-RGB (all channels, peak 1)");
}

QString ssimConvention(const MetricOptions &options)
{
    const QString channel = options.channel == MetricChannel::Y
        ? QStringLiteral("SSIM-Y (")
        : QStringLiteral("SSIM-RGB (mean of channels, ");
    return channel
        + (options.matlabDownsample
                ? QStringLiteral("ssim.m 2009, downsampled)")
                : QStringLiteral("ssim.m 2009 without downsampling = skimage gaussian)"));
}

QString metricChannelKey(MetricChannel channel)
{
    return channel == MetricChannel::Y ? QStringLiteral("y") : QStringLiteral("rgb");
}

bool parseMetricChannel(const QString &key, MetricChannel *channel)
{
    const QString lower = key.trimmed().toLower();
    if (lower == QLatin1String("y"))
        *channel = MetricChannel::Y;
    else if (lower == QLatin1String("rgb"))
        *channel = MetricChannel::Rgb;
    else
        return false;
    return true;
}

} // namespace pluvia::core
