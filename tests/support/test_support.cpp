// SPDX-License-Identifier: GPL-3.0-or-later
#include "support/test_support.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QtTest/QTest>

#include <opencv2/core.hpp>

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

void writeBytes(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    QVERIFY2(file.open(QIODevice::WriteOnly), qPrintable(path));
    QCOMPARE(file.write(bytes), bytes.size());
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
