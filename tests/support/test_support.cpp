// SPDX-License-Identifier: GPL-3.0-or-later
#include "support/test_support.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QtTest/QTest>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/videoio.hpp>

#include <cmath>
#include <random>

namespace pluvia::test {

cv::Mat texturedImage(int width, int height, std::uint64_t seed)
{
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<float> uniform(0.f, 1.f);
    float phase[3], freq[3], base[3];
    for (int c = 0; c < 3; ++c) {
        phase[c] = 6.2831853f * uniform(rng);
        freq[c] = 0.05f + 0.25f * uniform(rng);
        base[c] = 0.2f + 0.4f * uniform(rng);
    }
    cv::Mat image(height, width, CV_32FC3);
    for (int y = 0; y < height; ++y) {
        auto *row = image.ptr<cv::Vec3f>(y);
        for (int x = 0; x < width; ++x) {
            for (int c = 0; c < 3; ++c) {
                const float wave = std::sin(freq[c] * x + phase[c]) * std::cos(0.7f * freq[c] * y);
                const float ramp = 0.2f * (float(x) / width - float(y) / height);
                row[x][c] = std::clamp(base[c] + 0.25f * wave + ramp, 0.f, 1.f);
            }
        }
    }
    return image;
}

cv::Mat testPicture(int width, int height, int bitDepth, int channels, std::uint64_t seed)
{
    const cv::Mat rgb = texturedImage(width, height, seed);
    const double max = bitDepth == 16 ? 65535.0 : 255.0;
    cv::Mat out;
    rgb.convertTo(out, bitDepth == 16 ? CV_16U : CV_8U, max);
    if (channels == 1) {
        cv::cvtColor(out, out, cv::COLOR_RGB2GRAY);
        if (bitDepth == 16)
            out.at<ushort>(0, 0) = 65535;
        else
            out.at<uchar>(0, 0) = 255;
    } else {
        if (bitDepth == 16)
            out.at<cv::Vec3w>(0, 0) = cv::Vec3w(65535, 0, 0);
        else
            out.at<cv::Vec3b>(0, 0) = cv::Vec3b(255, 0, 0);
    }
    return out;
}

QByteArray encodeImage(const QString &ext, const cv::Mat &bgr, const std::vector<int> &params)
{
    std::vector<uchar> bytes;
    if (!cv::imencode(ext.toStdString(), bgr, bytes, params))
        return {};
    return QByteArray(reinterpret_cast<const char *>(bytes.data()), int(bytes.size()));
}

QByteArray fileDigest(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly)
        ? QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256)
        : QByteArray();
}

void writeBytes(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    QVERIFY2(file.open(QIODevice::WriteOnly), qPrintable(path));
    QCOMPARE(file.write(bytes), bytes.size());
}

bool writeStillVideo(const QString &path, int frames, int width, int height)
{
    cv::VideoWriter writer(QFile::encodeName(path).toStdString(),
        cv::VideoWriter::fourcc('M', 'J', 'P', 'G'), 5.0, cv::Size(width, height));
    if (!writer.isOpened())
        return false;
    // Fine random texture: phase correlation needs detail at every scale (smooth pictures leave
    // the MJPEG round trip's own differences to decide the peak).
    cv::Mat bgr(height, width, CV_8UC3);
    cv::RNG(3).fill(bgr, cv::RNG::UNIFORM, 0, 256);
    cv::GaussianBlur(bgr, bgr, cv::Size(3, 3), 0);
    for (int f = 0; f < frames; ++f)
        writer.write(bgr);
    return true;
}

bool writeManyImages(const QString &folder, int count, int side)
{
    QDir().mkpath(folder);
    QImage image(side, side, QImage::Format_RGB888);
    for (int i = 0; i < count; ++i) {
        image.fill(QColor::fromHsv(i % 360, 200, 200));
        if (!image.save(
                QStringLiteral("%1/img_%2.png").arg(folder).arg(i, 5, 10, QLatin1Char('0'))))
            return false;
    }
    return true;
}

} // namespace pluvia::test
