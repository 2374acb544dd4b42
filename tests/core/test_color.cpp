// SPDX-License-Identifier: GPL-3.0-or-later
// YCbCr against values computed by hand from MATLAB's rgb2ycbcr definition (color_p.h).
#include "core/image/color_p.h"

#include "support/test_support.h"

#include <QtTest/QTest>

#include <opencv2/core.hpp>

using namespace pluvia::core;

class TestColor : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void forward_data();
    void forward();
    void yMatchesYCbCr();
    void inverseRoundTrip();
    void rejectsWrongType();
};

void TestColor::forward_data()
{
    QTest::addColumn<double>("r");
    QTest::addColumn<double>("g");
    QTest::addColumn<double>("b");
    QTest::addColumn<double>("y255");
    QTest::addColumn<double>("cb255");
    QTest::addColumn<double>("cr255");
    // Y = 16 + 65.481 R + 128.553 G + 24.966 B, Cb = 128 - 37.797 R - 74.203 G + 112 B,
    // Cr = 128 + 112 R - 93.786 G - 18.214 B; each row is worked out below (x 255 scale).
    // red:   Y = 16 + 65.481 = 81.481, Cb = 128 - 37.797 = 90.203, Cr = 128 + 112 = 240
    QTest::newRow("red") << 1.0 << 0.0 << 0.0 << 81.481 << 90.203 << 240.0;
    // green: Y = 16 + 128.553 = 144.553, Cb = 128 - 74.203 = 53.797, Cr = 128 - 93.786 = 34.214
    QTest::newRow("green") << 0.0 << 1.0 << 0.0 << 144.553 << 53.797 << 34.214;
    // blue:  Y = 16 + 24.966 = 40.966, Cb = 128 + 112 = 240, Cr = 128 - 18.214 = 109.786
    QTest::newRow("blue") << 0.0 << 0.0 << 1.0 << 40.966 << 240.0 << 109.786;
    // white: Y = 16 + 219 = 235; the Cb and Cr coefficients each sum to 0, so 128
    QTest::newRow("white") << 1.0 << 1.0 << 1.0 << 235.0 << 128.0 << 128.0;
    QTest::newRow("black") << 0.0 << 0.0 << 0.0 << 16.0 << 128.0 << 128.0;
    // (0.5, 0.25, 0.75): Y = 16 + 32.7405 + 32.13825 + 18.7245 = 99.60325,
    // Cb = 128 - 18.8985 - 18.55075 + 84 = 174.55075, Cr = 128 + 56 - 23.4465 - 13.6605 = 146.893
    QTest::newRow("mixed") << 0.5 << 0.25 << 0.75 << 99.60325 << 174.55075 << 146.893;
}

void TestColor::forward()
{
    QFETCH(double, r);
    QFETCH(double, g);
    QFETCH(double, b);
    QFETCH(double, y255);
    QFETCH(double, cb255);
    QFETCH(double, cr255);
    cv::Mat rgb(2, 3, CV_32FC3, cv::Scalar(r, g, b));
    const cv::Mat ycc = rgbToYCbCr(rgb);
    QCOMPARE(ycc.type(), CV_32FC3);
    QCOMPARE(ycc.size(), rgb.size());
    const cv::Vec3f v = ycc.at<cv::Vec3f>(1, 2);
    // float32 output: 1e-6 is a few ulps at these magnitudes
    QVERIFY2(std::abs(v[0] - y255 / 255.0) < 1e-6, qPrintable(QString::number(v[0] * 255.0)));
    QVERIFY2(std::abs(v[1] - cb255 / 255.0) < 1e-6, qPrintable(QString::number(v[1] * 255.0)));
    QVERIFY2(std::abs(v[2] - cr255 / 255.0) < 1e-6, qPrintable(QString::number(v[2] * 255.0)));
    const cv::Mat y = rgbToY(rgb);
    QCOMPARE(y.type(), CV_32FC1);
    QVERIFY(std::abs(y.at<float>(0, 0) - y255 / 255.0) < 1e-6);
}

void TestColor::yMatchesYCbCr()
{
    const cv::Mat rgb = pluvia::test::texturedImage(40, 30, 7);
    const cv::Mat y = rgbToY(rgb);
    cv::Mat channels[3];
    cv::split(rgbToYCbCr(rgb), channels);
    QVERIFY(cv::norm(y, channels[0], cv::NORM_INF) < 1e-6);
    double minY = 0, maxY = 0;
    cv::minMaxLoc(y, &minY, &maxY);
    QVERIFY(minY >= 16.0 / 255.0 - 1e-6 && maxY <= 235.0 / 255.0 + 1e-6);
}

void TestColor::inverseRoundTrip()
{
    const cv::Mat rgb = pluvia::test::texturedImage(64, 48, 3);
    const cv::Mat back = yCbCrToRgb(rgbToYCbCr(rgb));
    QCOMPARE(back.type(), CV_32FC3);
    QVERIFY2(cv::norm(back, rgb, cv::NORM_INF) < 1e-5,
        qPrintable(QString::number(cv::norm(back, rgb, cv::NORM_INF))));
    // Pure colours invert to themselves too: YCbCr of white (235, 128, 128)/255 gives (1, 1, 1).
    const cv::Mat white(1, 1, CV_32FC3, cv::Scalar(235.0 / 255, 128.0 / 255, 128.0 / 255));
    const cv::Vec3f w = yCbCrToRgb(white).at<cv::Vec3f>(0, 0);
    QVERIFY(
        std::abs(w[0] - 1.f) < 1e-5 && std::abs(w[1] - 1.f) < 1e-5 && std::abs(w[2] - 1.f) < 1e-5);
}

void TestColor::rejectsWrongType()
{
    QVERIFY(rgbToYCbCr(cv::Mat(2, 2, CV_8UC3, cv::Scalar::all(1))).empty());
    QVERIFY(rgbToY(cv::Mat(2, 2, CV_32FC1, cv::Scalar::all(1))).empty());
    QVERIFY(yCbCrToRgb(cv::Mat()).empty());
}

QTEST_GUILESS_MAIN(TestColor)
#include "test_color.moc"
