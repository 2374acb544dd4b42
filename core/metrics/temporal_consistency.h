// SPDX-License-Identifier: GPL-3.0-or-later
// How consistent a derained time-lapse sequence is over time (Cho et al.'s premise: a static
// scene's background does not change, so a good single-image method gives every frame the same
// B): the per-pixel temporal standard deviation of the derained frames beside that of the rainy
// frames. A method consistent over time lowers it; a temporal baseline makes it zero.
#pragma once

#include "core/data/dataset.h"

#include <QString>
#include <QStringList>
#include <QVector>

#include <memory>

namespace cv {
class Mat;
}

namespace pluvia::core {

// Per-pixel population standard deviation over equally sized CV_32FC3 frames, averaged over the
// three channels: CV_32FC1. Empty for no frames.
cv::Mat temporalStdMap(const QVector<cv::Mat> &frames);

// The same, one frame at a time (running sums in double): for sequences too long to hold.
class TemporalMoments
{
public:
    TemporalMoments();
    ~TemporalMoments();
    TemporalMoments(const TemporalMoments &) = delete;
    TemporalMoments &operator=(const TemporalMoments &) = delete;

    void add(const cv::Mat &frame); // CV_32FC3, the size of the first
    int count() const { return m_count; }
    cv::Mat stdMap() const; // as temporalStdMap; empty before the first frame

private:
    struct Sums;
    std::unique_ptr<Sums> m_sums;
    int m_count = 0;
};

struct SceneConsistency {
    QString scene;
    int frames = 0;
    double inputStd = 0.0; // mean of the rainy frames' temporal std map, of 255
    double outputStd = 0.0; // the same for the derained frames
};

// Each scene of `dataset` whose frames all have a derained counterpart in predDir (the layout of
// derain --sequence). Scenes that cannot be measured are named in *problems.
QVector<SceneConsistency> sequenceConsistency(
    const QString &predDir, const Dataset &dataset, QStringList *problems);

} // namespace pluvia::core
