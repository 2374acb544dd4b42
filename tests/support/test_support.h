// SPDX-License-Identifier: GPL-3.0-or-later
// Fixtures shared by the Qt test programs. Every fixture is generated, never downloaded.
#pragma once

#include <QByteArray>
#include <QString>

#include <opencv2/core/mat.hpp>

#include <cstdint>
#include <vector>

namespace pluvia::test {

// A smooth, textured RGB test picture (CV_32FC3, values in [0, 1]) that differs per seed:
// gradients plus a few sinusoids, so crops, flips and metrics have structure to see.
cv::Mat texturedImage(int width, int height, std::uint64_t seed);
// A test picture at the given depth (8 or 16) and channel count (1 or 3), in RGB order, with an
// exactly known pure red (or white) pixel at (0, 0) so a channel swap shows.
cv::Mat testPicture(int width, int height, int bitDepth, int channels, std::uint64_t seed = 1);
// `bgr` encoded by OpenCV as `ext` (".png", ".jpg", ...); empty when it cannot be.
QByteArray encodeImage(const QString &ext, const cv::Mat &bgr, const std::vector<int> &params = {});

// The SHA-256 of the file at `path` (empty when it cannot be read): "the same bytes" checks.
QByteArray fileDigest(const QString &path);
// Writes raw bytes to `path`, creating parent folders. Fails the calling test on error.
void writeBytes(const QString &path, const QByteArray &bytes);

// An MJPEG AVI (OpenCV's own codec) of `frames` identical frames of fine random texture: a
// video from a camera that does not move. False when it cannot be written.
bool writeStillVideo(const QString &path, int frames, int width, int height);

// Writes `count` small flat-coloured PNGs <folder>/img_00000.png … (hue i mod 360), for tests
// of large folders. False on the first file that cannot be written.
bool writeManyImages(const QString &folder, int count, int side = 24);

} // namespace pluvia::test
