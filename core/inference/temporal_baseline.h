// SPDX-License-Identifier: GPL-3.0-or-later
// The non-learned baselines of the time-lapse paper (Cho et al. §IV-C-3): a static scene's
// background estimated as the per-pixel temporal mean or median of all its frames. Every frame
// of a scene gets the same B (and R = O − B). They need the whole sequence, so they stand beside
// single-image methods wherever a time-lapse dataset is derained or evaluated.
#pragma once

#include "core/data/dataset.h"
#include "core/inference/derain_request.h"

#include <QString>
#include <QStringList>
#include <QVector>

#include <optional>

namespace cv {
class Mat;
}

namespace pluvia::core {

enum class TemporalBaseline { Mean, Median };

QString temporalBaselineName(TemporalBaseline baseline); // "temporal-mean", "temporal-median"
QStringList temporalBaselineNames();
std::optional<TemporalBaseline> temporalBaselineNamed(const QString &name);

// The per-pixel mean, or median (the mean of the two middle values for an even count), of
// equally sized CV_32FC3 frames.
cv::Mat temporalBackground(const QVector<cv::Mat> &frames, TemporalBaseline baseline);

// Writes the baseline's B for every frame of the time-lapse `dataset` into request.outFolder in
// the sequence's layout (sequenceTargets), and R with request.saveRain; honours overwrite,
// skipExisting, progress (scenes done of scenes) and fileFinished. With request.targets given,
// only the frames they name are written, where they say (the Derain queue's pending frames,
// whose scenes may come from several datasets); every frame of a scene still makes its B. The
// report's method is the baseline's name. Never throws.
DerainReport derainSequenceWithBaseline(
    const Dataset &dataset, TemporalBaseline baseline, const DerainRequest &request);

} // namespace pluvia::core
