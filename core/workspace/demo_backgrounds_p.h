// SPDX-License-Identifier: GPL-3.0-or-later
// Background pictures for the demo workspace (private to core): nature photographs reduced in
// scale, or procedural landscapes when no photographs are installed. Reentrant.
#pragma once

#include <QString>
#include <QStringList>
#include <QVector>

#include <opencv2/core/mat.hpp>

#include <cstdint>

namespace pluvia::core {

class RainRandom;

struct DemoSource {
    QString name; // file stem of the photograph, or "scene01" ... for procedural ones
    cv::Mat image; // CV_32FC3 RGB [0, 1], shorter side kDemoSourceShortSide
};

inline constexpr int kDemoSourceShortSide = 560;

// Reads the JPEG/PNG photographs in `folder` (sorted by name) and reduces them in scale.
// Unreadable files are skipped with a message in *problems. Runs on up to `threads` threads.
QVector<DemoSource> loadDemoPhotographs(const QString &folder, int threads, QStringList *problems);

// `count` procedural landscapes (sky gradient, layered ridges, textured ground), distinct per
// seed, for machines without the photographs.
QVector<DemoSource> proceduralDemoSources(int count, std::uint64_t seed);

// A crop of 320..480 × 256..320 pixels (multiples of 16, never smaller than 256 on a side so
// the usual 256 training crops fit), from a random region up to 1.6× larger, area-resampled.
cv::Mat demoCrop(const cv::Mat &source, RainRandom &random);

} // namespace pluvia::core
