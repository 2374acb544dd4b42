// SPDX-License-Identifier: GPL-3.0-or-later
// PSNR/SSIM against hand-computed values and against numbers computed independently in Python.
#include "core/image/color_p.h"
#include "core/metrics/image_metrics_p.h"

#include <QtTest/QTest>

#include <opencv2/core.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

using namespace pluvia::core;

namespace {

// The closed-form 8-bit RGB fixture of tests/data/metrics_reference.py (fixture()): which = 0
// is the ground truth, 1 the prediction (ground truth plus a structured error, clipped).
cv::Mat metricsFixture(int width, int height, int seed, int which)
{
    cv::Mat image(height, width, CV_8UC3);
    for (int y = 0; y < height; ++y) {
        auto *row = image.ptr<cv::Vec3b>(y);
        for (int x = 0; x < width; ++x) {
            for (int c = 0; c < 3; ++c) {
                int value = (x * (3 + c + seed) + y * (5 + 2 * c)
                                + ((x / 8) * (y / 8) * (7 + seed)) % 61 + 40 * c)
                    % 256;
                if (which == 1) {
                    const int error
                        = ((x * 17 + y * 29 + c * 7 + seed * 3) % 23) - 11 + ((x + 2 * y) / 16) % 5;
                    value = std::clamp(value + error, 0, 255);
                }
                row[x][c] = uchar(value);
            }
        }
    }
    return image;
}

struct Reference {
    const char *name;
    int width, height, seed;
    double psnrY, psnrRgb, ssimYOn, ssimYOff, ssimRgbOn, ssimRgbOff;
};

// Printed by `/usr/bin/python3 tests/data/metrics_reference.py` (numpy 1.24, scipy 1.10,
// scikit-image 0.19.3, Debian 12): Y = MATLAB rgb2ycbcr of double(im)/255 (not quantised);
// PSNR = 10 log10(1/MSE) on Y and on RGB [0, 1]; SSIM "Off" = skimage structural_similarity(
// gaussian_weights=True, sigma=1.5, use_sample_covariance=False, data_range=255) on Y*255
// (RGB: channel_axis=2 on RGB*255); SSIM "On" = the script's numpy transcription of ssim.m 2009
// (downsampling by f = max(1, round(min(H,W)/256)), imfilter box 'symmetric' 'same', every f-th
// pixel, fspecial Gaussian 11/1.5, filter2 'valid'), which matches skimage when f = 1.
const Reference kReferences[] = {
    { "small", 64, 48, 1, 36.9259154608, 31.2838632857, 0.9838620212, 0.9838620212, 0.9513921844,
        0.9513921844 },
    { "odd", 37, 53, 2, 37.0597562394, 31.3221762583, 0.9838049558, 0.9838049558, 0.9566719986,
        0.9566719986 },
    { "large", 600, 520, 3, 36.8893718788, 31.2581186464, 0.9972126445, 0.9829567416, 0.9961056897,
        0.9507761464 },
    { "large_odd", 777, 515, 4, 36.8859314999, 31.2578667824, 0.9973568203, 0.9843199125,
        0.9965462136, 0.9559453450 },
};

// The issue asks for 1e-6 (PSNR) and 1e-4 (SSIM); both agree to better than 1e-9 here (all in
// double), so SSIM is held to 1e-6 to catch window or border slips that move it by ~1e-5.
constexpr double kPsnrTolerance = 1e-6;
constexpr double kSsimTolerance = 1e-6;

// ssim.m on a flat image: sigma = 0 everywhere, so SSIM = (2 m1 m2 + C1) / (m1^2 + m2^2 + C1).
double flatSsim(double m1, double m2)
{
    const double c1 = (0.01 * 255) * (0.01 * 255);
    return (2 * m1 * m2 + c1) / (m1 * m1 + m2 * m2 + c1);
}

} // namespace

class TestImageMetrics : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void pythonReference_data()
    {
        QTest::addColumn<int>("index");
        QTest::addColumn<bool>("rgb");
        QTest::addColumn<bool>("downsample");
        for (int i = 0; i < int(std::size(kReferences)); ++i) {
            for (const bool rgb : { false, true }) {
                for (const bool downsample : { true, false }) {
                    QTest::addRow("%s %s %s", kReferences[i].name, rgb ? "rgb" : "y",
                        downsample ? "downsampled" : "full")
                        << i << rgb << downsample;
                }
            }
        }
    }

    void pythonReference()
    {
        QFETCH(int, index);
        QFETCH(bool, rgb);
        QFETCH(bool, downsample);
        const Reference &ref = kReferences[index];
        const cv::Mat gt = metricsFixture(ref.width, ref.height, ref.seed, 0);
        const cv::Mat pred = metricsFixture(ref.width, ref.height, ref.seed, 1);
        MetricOptions options;
        options.channel = rgb ? MetricChannel::Rgb : MetricChannel::Y;
        options.matlabDownsample = downsample;
        const double expectedPsnr = rgb ? ref.psnrRgb : ref.psnrY;
        const double expectedSsim = rgb ? (downsample ? ref.ssimRgbOn : ref.ssimRgbOff)
                                        : (downsample ? ref.ssimYOn : ref.ssimYOff);

        const ImageComparison result = compareImages(pred, gt, options);
        QVERIFY2(result.ok(), qPrintable(result.error));
        QVERIFY2(std::abs(result.psnr - expectedPsnr) < kPsnrTolerance,
            qPrintable(QStringLiteral("psnr %1 expected %2")
                           .arg(result.psnr, 0, 'g', 12)
                           .arg(expectedPsnr, 0, 'g', 12)));
        QVERIFY2(std::abs(result.ssim - expectedSsim) < kSsimTolerance,
            qPrintable(QStringLiteral("ssim %1 expected %2")
                           .arg(result.ssim, 0, 'g', 12)
                           .arg(expectedSsim, 0, 'g', 12)));

        // 16-bit v * 257 is the same [0, 1] value as 8-bit v, so the numbers must not move.
        cv::Mat gt16, pred16;
        gt.convertTo(gt16, CV_16U, 257.0);
        pred.convertTo(pred16, CV_16U, 257.0);
        const ImageComparison wide = compareImages(pred16, gt16, options);
        QVERIFY(std::abs(wide.psnr - expectedPsnr) < kPsnrTolerance);
        QVERIFY(std::abs(wide.ssim - expectedSsim) < kSsimTolerance);
    }

    void constantOffsetPsnr_data()
    {
        QTest::addColumn<int>("offset");
        QTest::addColumn<bool>("redOnly");
        QTest::newRow("+1 grey") << 1 << false;
        QTest::newRow("+5 grey") << 5 << false;
        QTest::newRow("-7 grey") << -7 << false;
        QTest::newRow("+9 red") << 9 << true;
    }

    // Adding d to every channel moves Y by (65.481 + 128.553 + 24.966) d / 255^2 = 219 d / 65025
    // at every pixel and RGB by d / 255; adding d to R only moves Y by 65.481 d / 65025 and the
    // RGB MSE is (d / 255)^2 / 3.
    void constantOffsetPsnr()
    {
        QFETCH(int, offset);
        QFETCH(bool, redOnly);
        cv::Mat gt = metricsFixture(64, 48, 1, 0);
        cv::Mat clipped;
        gt.convertTo(clipped, CV_8U, 200.0 / 255.0, 20.0); // values in [20, 220]: no clipping below
        cv::Mat pred = clipped.clone();
        pred.forEach<cv::Vec3b>([&](cv::Vec3b &pixel, const int *) {
            for (int c = 0; c < (redOnly ? 1 : 3); ++c)
                pixel[c] = uchar(pixel[c] + offset);
        });
        const double yStep = (redOnly ? 65.481 : 219.0) * std::abs(offset) / 65025.0;
        const double expectedY = -20.0 * std::log10(yStep);
        const double rgbMse = (offset / 255.0) * (offset / 255.0) / (redOnly ? 3.0 : 1.0);
        const double expectedRgb = -10.0 * std::log10(rgbMse);

        MetricOptions options;
        const ImageComparison y = compareImages(pred, clipped, options);
        QVERIFY(std::abs(y.psnr - expectedY) < kPsnrTolerance);
        options.channel = MetricChannel::Rgb;
        const ImageComparison rgb = compareImages(pred, clipped, options);
        QVERIFY(std::abs(rgb.psnr - expectedRgb) < kPsnrTolerance);
    }

    void flatImageSsim_data()
    {
        QTest::addColumn<int>("size");
        QTest::addColumn<bool>("downsample");
        QTest::newRow("64 full") << 64 << false;
        QTest::newRow("64 downsampled") << 64 << true;
        QTest::newRow("600 downsampled") << 600 << true; // f = 2: the box filter keeps it flat
    }

    void flatImageSsim()
    {
        QFETCH(int, size);
        QFETCH(bool, downsample);
        const cv::Mat gt(size, size, CV_8UC3, cv::Scalar(100, 100, 100));
        const cv::Mat pred(size, size, CV_8UC3, cv::Scalar(130, 130, 130));
        MetricOptions options;
        options.matlabDownsample = downsample;
        const double y1 = 16.0 + 219.0 * 130.0 / 255.0; // Y * 255 of grey 130 and 100
        const double y2 = 16.0 + 219.0 * 100.0 / 255.0;
        QVERIFY(std::abs(compareImages(pred, gt, options).ssim - flatSsim(y1, y2)) < 1e-9);
        options.channel = MetricChannel::Rgb;
        QVERIFY(std::abs(compareImages(pred, gt, options).ssim - flatSsim(130, 100)) < 1e-9);
    }

    void identicalImages_data()
    {
        QTest::addColumn<bool>("rgb");
        QTest::addColumn<bool>("downsample");
        QTest::newRow("y downsampled") << false << true;
        QTest::newRow("y full") << false << false;
        QTest::newRow("rgb downsampled") << true << true;
        QTest::newRow("rgb full") << true << false;
    }

    void identicalImages()
    {
        QFETCH(bool, rgb);
        QFETCH(bool, downsample);
        const cv::Mat image = metricsFixture(600, 520, 3, 1);
        MetricOptions options;
        options.channel = rgb ? MetricChannel::Rgb : MetricChannel::Y;
        options.matlabDownsample = downsample;
        const ImageComparison result = compareImages(image, image.clone(), options);
        QVERIFY2(result.ok(), qPrintable(result.error));
        QVERIFY(std::isinf(result.psnr) && result.psnr > 0);
        QVERIFY(std::abs(result.ssim - 1.0) < 1e-12);
    }

    void downsampleFactor_data()
    {
        QTest::addColumn<int>("height");
        QTest::addColumn<int>("width");
        QTest::addColumn<int>("factor");
        QTest::newRow("small") << 48 << 64 << 1;
        QTest::newRow("383: 1.496 rounds down") << 383 << 1000 << 1;
        QTest::newRow("384: 1.5 rounds away from zero") << 1000 << 384 << 2;
        QTest::newRow("Rain100H 481x321") << 321 << 481 << 1;
        QTest::newRow("520") << 520 << 600 << 2;
        QTest::newRow("640: 2.5 -> 3") << 640 << 1000 << 3;
    }

    void downsampleFactor()
    {
        QFETCH(int, height);
        QFETCH(int, width);
        QFETCH(int, factor);
        QCOMPARE(ssimDownsampleFactor(height, width), factor);
    }

    // The metrics keep Y in double; it must be the same formula as core/image's rgbToY.
    void lumaMatchesColorModule()
    {
        const cv::Mat image = metricsFixture(37, 53, 2, 0);
        cv::Mat unit;
        image.convertTo(unit, CV_32F, 1.0 / 255.0);
        const cv::Mat viaColor = rgbToY(unit);
        const cv::Mat viaMetrics = metricPlanes(image, MetricChannel::Y);
        QCOMPARE(viaMetrics.type(), CV_64FC1);
        cv::Mat viaColor64;
        viaColor.convertTo(viaColor64, CV_64F);
        QVERIFY(cv::norm(viaMetrics, viaColor64, cv::NORM_INF) < 1e-6);
        // Pure white and black: Y = 235/255 and 16/255.
        const cv::Mat white(1, 2, CV_8UC3, cv::Scalar(255, 255, 255));
        QVERIFY(std::abs(metricPlanes(white, MetricChannel::Y).at<double>(0, 1) - 235.0 / 255.0)
            < 1e-12);
        const cv::Mat black(1, 1, CV_8UC3, cv::Scalar(0, 0, 0));
        QVERIFY(std::abs(metricPlanes(black, MetricChannel::Y).at<double>(0, 0) - 16.0 / 255.0)
            < 1e-12);
    }

    void floatAndGreyInputs()
    {
        const Reference &ref = kReferences[0];
        const cv::Mat gt = metricsFixture(ref.width, ref.height, ref.seed, 0);
        const cv::Mat pred = metricsFixture(ref.width, ref.height, ref.seed, 1);
        cv::Mat gtF, predF;
        gt.convertTo(gtF, CV_32F, 1.0 / 255.0);
        pred.convertTo(predF, CV_32F, 1.0 / 255.0);
        const ImageComparison result = compareImages(predF, gtF, MetricOptions {});
        QVERIFY(std::abs(result.psnr - ref.psnrY) < 1e-4); // float32 input rounding
        QVERIFY(std::abs(result.ssim - ref.ssimYOn) < kSsimTolerance);

        // A grey image is R = G = B: its Y is 16/255 + 219/255 g.
        cv::Mat greyGt(40, 40, CV_8UC1, cv::Scalar(50)), greyPred(40, 40, CV_8UC1, cv::Scalar(60));
        const ImageComparison grey = compareImages(greyPred, greyGt, MetricOptions {});
        QVERIFY(std::abs(grey.psnr - (-20.0 * std::log10(219.0 * 10 / 65025.0))) < kPsnrTolerance);
    }

    // A cast of (+3, −2, 0) of 255 on a textured image (values away from 0 and 255, so nothing
    // clips) is read back exactly, in both 8-bit and float input.
    void meanShiftIsTheColourCast()
    {
        cv::Mat gt(24, 32, CV_8UC3);
        for (int y = 0; y < gt.rows; ++y)
            for (int x = 0; x < gt.cols; ++x)
                gt.at<cv::Vec3b>(y, x)
                    = cv::Vec3b(uchar(40 + 5 * x), uchar(60 + 3 * y), uchar(100 + x + y));
        cv::Mat pred = gt.clone();
        pred.forEach<cv::Vec3b>([](cv::Vec3b &p, const int *) {
            p[0] = uchar(p[0] + 3);
            p[1] = uchar(p[1] - 2);
        });
        const ImageComparison result = compareImages(pred, gt, MetricOptions {});
        QVERIFY(result.ok());
        QVERIFY(std::abs(result.meanShift[0] - 3.0) < 1e-9);
        QVERIFY(std::abs(result.meanShift[1] + 2.0) < 1e-9);
        QCOMPARE(result.meanShift[2], 0.0);
        cv::Mat predF, gtF;
        pred.convertTo(predF, CV_32FC3, 1.0 / 255.0);
        gt.convertTo(gtF, CV_32FC3, 1.0 / 255.0);
        const ImageComparison floats = compareImages(predF, gtF, MetricOptions {});
        QVERIFY(std::abs(floats.meanShift[0] - 3.0) < 1e-4);
        QVERIFY(std::abs(floats.meanShift[1] + 2.0) < 1e-4);
    }

    void brokenInputs()
    {
        const cv::Mat a = metricsFixture(64, 48, 1, 0);
        const cv::Mat b = metricsFixture(48, 64, 1, 0);
        ImageComparison result = compareImages(a, b, MetricOptions {});
        QVERIFY(!result.ok());
        QVERIFY(result.error.contains(QStringLiteral("size mismatch")));
        QVERIFY(std::isnan(result.psnr) && std::isnan(result.ssim));

        const cv::Mat tiny = metricsFixture(10, 30, 1, 0);
        result = compareImages(tiny, tiny, MetricOptions {});
        QVERIFY(!result.ok());
        QVERIFY(result.error.contains(QStringLiteral("11x11")));

        const cv::Mat fourChannels(20, 20, CV_8UC4, cv::Scalar::all(7));
        QVERIFY(!compareImages(fourChannels, fourChannels, MetricOptions {}).ok());
        const cv::Mat signedImage(20, 20, CV_8SC3, cv::Scalar::all(7));
        QVERIFY(!compareImages(signedImage, signedImage, MetricOptions {}).ok());
        QVERIFY(!compareImages(cv::Mat(), cv::Mat(), MetricOptions {}).ok());
    }

    void conventionLabels()
    {
        MetricOptions options;
        QCOMPARE(psnrConvention(options), QStringLiteral("PSNR-Y (MATLAB rgb2ycbcr, peak 1)"));
        QCOMPARE(ssimConvention(options), QStringLiteral("SSIM-Y (ssim.m 2009, downsampled)"));
        options.channel = MetricChannel::Rgb;
        options.matlabDownsample = false;
        QVERIFY(ssimConvention(options).startsWith(QStringLiteral("SSIM-RGB")));
        QVERIFY(ssimConvention(options).contains(QStringLiteral("without downsampling")));
        MetricChannel channel = MetricChannel::Y;
        QVERIFY(parseMetricChannel(QStringLiteral("RGB"), &channel));
        QCOMPARE(channel, MetricChannel::Rgb);
        QVERIFY(!parseMetricChannel(QStringLiteral("lab"), &channel));
    }
};

QTEST_GUILESS_MAIN(TestImageMetrics)
#include "test_image_metrics.moc"
