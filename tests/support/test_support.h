// SPDX-License-Identifier: GPL-3.0-or-later
// Fixtures shared by the Qt test programs. Every fixture is generated, never downloaded.
#pragma once

#include <QString>

#include <opencv2/core/mat.hpp>

#include <cstdint>

namespace pluvia::test {

// A smooth, textured RGB test picture (CV_32FC3, values in [0, 1]) that differs per seed:
// gradients plus a few sinusoids, so crops, flips and metrics have structure to see.
cv::Mat texturedImage(int width, int height, std::uint64_t seed);

// Writes raw bytes to `path`, creating parent folders. Fails the calling test on error.
void writeBytes(const QString &path, const QByteArray &bytes);

// Writes `count` small flat-coloured PNGs <folder>/img_00000.png … (hue i mod 360), for tests
// of large folders. False on the first file that cannot be written.
bool writeManyImages(const QString &folder, int count, int side = 24);

} // namespace pluvia::test
