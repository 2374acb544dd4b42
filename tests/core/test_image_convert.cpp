// SPDX-License-Identifier: GPL-3.0-or-later
// cv::Mat <-> tensor <-> QImage conversions and the rain-layer display.
#include "core/image/rain_display_p.h"
#include "core/image/tensor_convert_p.h"

#include "support/test_support.h"

#include <QColor>
#include <QtTest/QTest>

#include <opencv2/core.hpp>
#include <torch/torch.h>

using namespace pluvia::core;

class TestImageConvert : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void matToTensorLayout();
    void tensorMatRoundTrip();
    void tensorToMatGrey();
    void tensorHwcSharesMemory();
    void badShapesGiveEmpty();
    void matToQImageValues();
    void qimageToMatValues();
    void qimageRoundTrip();
    void rainScaleAndColours();
    void rainAllZero();
    void rainRejectsNaN();
};

void TestImageConvert::matToTensorLayout()
{
    cv::Mat mat(2, 3, CV_32FC3, cv::Scalar::all(0));
    mat.at<cv::Vec3f>(1, 2) = cv::Vec3f(0.1f, 0.2f, 0.3f);
    const at::Tensor t = matToTensor(mat);
    QCOMPARE(t.dim(), 3);
    QCOMPARE(t.size(0), 3);
    QCOMPARE(t.size(1), 2);
    QCOMPARE(t.size(2), 3);
    QVERIFY(t.is_contiguous());
    QCOMPARE(t[0][1][2].item<float>(), 0.1f);
    QCOMPARE(t[1][1][2].item<float>(), 0.2f);
    QCOMPARE(t[2][1][2].item<float>(), 0.3f);
    QCOMPARE(t[2][0][0].item<float>(), 0.f);
    // a copy: changing the Mat afterwards leaves the tensor alone
    mat.at<cv::Vec3f>(1, 2)[0] = 9.f;
    QCOMPARE(t[0][1][2].item<float>(), 0.1f);
}

void TestImageConvert::tensorMatRoundTrip()
{
    const cv::Mat image = pluvia::test::texturedImage(37, 21, 5);
    const cv::Mat roi = image(cv::Rect(3, 2, 20, 10)); // not continuous
    const cv::Mat back = tensorToMat(matToTensor(roi));
    QCOMPARE(back.type(), CV_32FC3);
    QCOMPARE(cv::norm(back, roi, cv::NORM_INF), 0.0);
    // values outside [0, 1] are kept, not clamped
    const at::Tensor t = torch::full({ 3, 2, 2 }, -0.5f);
    QCOMPARE(tensorToMat(t).at<cv::Vec3f>(1, 1)[2], -0.5f);
}

void TestImageConvert::tensorToMatGrey()
{
    const at::Tensor t = torch::arange(6, torch::kFloat64).reshape({ 1, 2, 3 });
    const cv::Mat m = tensorToMat(t);
    QCOMPARE(m.type(), CV_32FC1);
    QCOMPARE(m.at<float>(1, 2), 5.f); // row 1, column 2 is element 1*3+2
    QCOMPARE(m.at<float>(0, 1), 1.f);
}

void TestImageConvert::tensorHwcSharesMemory()
{
    at::Tensor hwc = torch::zeros({ 4, 5, 3 });
    cv::Mat view = tensorHwcAsMat(hwc);
    QCOMPARE(view.type(), CV_32FC3);
    QCOMPARE(view.rows, 4);
    QCOMPARE(view.cols, 5);
    QCOMPARE(static_cast<void *>(view.data), hwc.data_ptr());
    view.at<cv::Vec3f>(2, 3)[1] = 0.7f;
    QCOMPARE(hwc[2][3][1].item<float>(), 0.7f);
    hwc[1][4][2] = 0.25f;
    QCOMPARE(view.at<cv::Vec3f>(1, 4)[2], 0.25f);
}

void TestImageConvert::badShapesGiveEmpty()
{
    QVERIFY(tensorHwcAsMat(torch::zeros({ 3, 4, 5 }).permute({ 1, 2, 0 })).empty()); // strided
    QVERIFY(tensorHwcAsMat(torch::zeros({ 4, 5, 3 }, torch::kFloat64)).empty());
    QVERIFY(tensorToMat(torch::zeros({ 2, 4, 4 })).empty());
    QVERIFY(!matToTensor(cv::Mat(2, 2, CV_8UC3)).defined());
    QVERIFY(matToQImage(cv::Mat(2, 2, CV_32FC1)).isNull());
}

void TestImageConvert::matToQImageValues()
{
    cv::Mat mat(2, 2, CV_32FC3, cv::Scalar::all(0));
    mat.at<cv::Vec3f>(0, 1) = cv::Vec3f(0.2f, 1.5f, -0.1f); // 0.2*255 = 51; clamped to 255, 0
    mat.at<cv::Vec3f>(1, 0) = cv::Vec3f(1.f, 0.f, 0.6f); // 0.6*255 = 153
    const QImage image = matToQImage(mat);
    QCOMPARE(image.format(), QImage::Format_RGB888);
    QCOMPARE(image.size(), QSize(2, 2));
    QCOMPARE(image.pixelColor(1, 0), QColor(51, 255, 0));
    QCOMPARE(image.pixelColor(0, 1), QColor(255, 0, 153));
    cv::Mat bytes(1, 1, CV_8UC3, cv::Scalar(10, 20, 30));
    QCOMPARE(matToQImage(bytes).pixelColor(0, 0), QColor(10, 20, 30));
}

void TestImageConvert::qimageToMatValues()
{
    QImage argb(3, 2, QImage::Format_ARGB32);
    argb.fill(Qt::black);
    argb.setPixel(2, 1, qRgba(10, 20, 30, 255));
    const cv::Mat m = qimageToMat(argb);
    QCOMPARE(m.type(), CV_32FC3);
    QCOMPARE(m.rows, 2);
    QCOMPARE(m.cols, 3);
    const cv::Vec3f v = m.at<cv::Vec3f>(1, 2);
    QCOMPARE(v[0], 10.f / 255.f);
    QCOMPARE(v[1], 20.f / 255.f);
    QCOMPARE(v[2], 30.f / 255.f);

    QImage deep(2, 2, QImage::Format_RGBA64);
    deep.fill(QColor::fromRgba64(1000, 2000, 3000, 65535));
    const cv::Vec3f d = qimageToMat(deep).at<cv::Vec3f>(1, 1);
    QVERIFY(std::abs(d[0] - 1000.f / 65535.f) < 1e-7f);
    QVERIFY(std::abs(d[2] - 3000.f / 65535.f) < 1e-7f);
}

void TestImageConvert::qimageRoundTrip()
{
    const cv::Mat image = pluvia::test::texturedImage(33, 17, 11);
    const cv::Mat back = qimageToMat(matToQImage(image));
    // 8-bit quantisation: at most half a step
    QVERIFY(cv::norm(back, image, cv::NORM_INF) <= 0.5 / 255.0 + 1e-6);
    const at::Tensor t = matToTensor(qimageToMat(matToQImage(tensorToMat(matToTensor(image)))));
    QVERIFY(cv::norm(tensorToMat(t), image, cv::NORM_INF) <= 0.5 / 255.0 + 1e-6);
}

void TestImageConvert::rainScaleAndColours()
{
    // 10x10x3 = 300 elements; nearest rank k = ceil(0.99*300) - 1 = 296. The sorted |R| ends
    // with eight 0.5s (B, C, F) at ranks 289..296 and the three 2.0s of A at 297..299, so s = 0.5.
    cv::Mat rain(10, 10, CV_32FC3, cv::Scalar::all(0));
    rain.at<cv::Vec3f>(0, 0) = cv::Vec3f(2.f, 2.f, 2.f); // A: outlier
    rain.at<cv::Vec3f>(0, 1) = cv::Vec3f(0.5f, 0.5f, 0.5f); // B
    rain.at<cv::Vec3f>(0, 2) = cv::Vec3f(0.5f, 0.5f, 0.5f); // C
    rain.at<cv::Vec3f>(1, 0) = cv::Vec3f(-0.2f, -0.2f, -0.2f); // D: mean -0.2
    rain.at<cv::Vec3f>(1, 1) = cv::Vec3f(0.1f, 0.2f, 0.3f); // E: mean 0.2
    rain.at<cv::Vec3f>(1, 2) = cv::Vec3f(-0.5f, 0.5f, 0.2f); // F: mean 0.0667, mean|R| 0.4
    QCOMPARE(rainDisplayScale(rain), 0.5f);

    const RainDisplay div = renderRainLayer(rain, RainDisplayMode::Diverging);
    QVERIFY2(div.ok(), qPrintable(div.error));
    QCOMPARE(div.scale, 0.5f);
    QCOMPARE(div.image.size(), QSize(10, 10));
    QCOMPARE(div.image.pixelColor(0, 0), QColor(255, 0, 0)); // t = clamp(4) = 1: red
    QCOMPARE(div.image.pixelColor(1, 0), QColor(255, 0, 0)); // t = 1
    QCOMPARE(div.image.pixelColor(0, 1), QColor(153, 153, 255)); // t = -0.4: (0.6, 0.6, 1)
    QCOMPARE(div.image.pixelColor(1, 1), QColor(255, 153, 153)); // t = 0.4: (1, 0.6, 0.6)
    // F: t = (0.2/3)/0.5 = 0.1333, 1 - t = 0.8667 -> 221
    QCOMPARE(div.image.pixelColor(2, 1), QColor(255, 221, 221));
    QCOMPARE(div.image.pixelColor(9, 9), QColor(255, 255, 255)); // zero: white

    const RainDisplay mag = renderRainLayer(rain, RainDisplayMode::Magnitude);
    QVERIFY(mag.ok());
    QCOMPARE(mag.scale, 0.5f);
    QCOMPARE(mag.image.pixelColor(0, 0), QColor(255, 255, 255)); // saturates at s
    QCOMPARE(mag.image.pixelColor(0, 1), QColor(102, 102, 102)); // 0.2 / 0.5 = 0.4 -> 102
    QCOMPARE(mag.image.pixelColor(1, 1), QColor(102, 102, 102)); // mean|R| 0.2 -> 102
    QCOMPARE(mag.image.pixelColor(2, 1), QColor(204, 204, 204)); // 0.4 / 0.5 = 0.8 -> 204
    QCOMPARE(mag.image.pixelColor(9, 9), QColor(0, 0, 0));

    // single channel: 100 elements, k = ceil(99) - 1 = 98; one value above 0.3 leaves s = 0.3
    cv::Mat grey(10, 10, CV_32FC1, cv::Scalar::all(0.1));
    grey.at<float>(0, 0) = -0.3f;
    grey.at<float>(0, 2) = -1.0f;
    QCOMPARE(rainDisplayScale(grey), 0.3f);
    QCOMPARE(renderRainLayer(grey, RainDisplayMode::Diverging).image.pixelColor(0, 0),
        QColor(0, 0, 255));
}

void TestImageConvert::rainAllZero()
{
    const cv::Mat rain(4, 6, CV_32FC3, cv::Scalar::all(0));
    const RainDisplay div = renderRainLayer(rain, RainDisplayMode::Diverging);
    QVERIFY(div.ok());
    QCOMPARE(div.scale, kRainScaleFloor);
    QCOMPARE(div.image.pixelColor(3, 2), QColor(255, 255, 255));
    const RainDisplay mag = renderRainLayer(rain, RainDisplayMode::Magnitude);
    QCOMPARE(mag.image.pixelColor(5, 3), QColor(0, 0, 0));
}

void TestImageConvert::rainRejectsNaN()
{
    cv::Mat rain(4, 4, CV_32FC3, cv::Scalar::all(0));
    rain.at<cv::Vec3f>(1, 1)[0] = std::numeric_limits<float>::quiet_NaN();
    const RainDisplay d = renderRainLayer(rain, RainDisplayMode::Diverging);
    QVERIFY(!d.ok());
    QVERIFY(d.error.contains(QLatin1String("NaN")));
    QVERIFY(!renderRainLayer(cv::Mat(2, 2, CV_8UC3), RainDisplayMode::Magnitude).ok());
}

QTEST_GUILESS_MAIN(TestImageConvert)
#include "test_image_convert.moc"
