// SPDX-License-Identifier: GPL-3.0-or-later
// What the temporal-consistency view shows of one time-lapse scene (issue 15): every frame
// derained by a model or by a temporal baseline, as layers for the layer viewer (O, B, R, and
// B_gt, R_gt when the scene has a clean background); the per-pixel temporal standard deviation
// of O and of B (a method consistent over time lowers it, a baseline makes it zero); and each
// frame's PSNR/SSIM against the clean background beside the temporal mean's and median's.
//
// Memory stays bounded by one frame's layers plus the scene's frames as 8-bit (the temporal
// median needs them all): every frame's layers go to a cache folder as they are made (the
// preview format, 8-bit images and 16-bit signed layers) and are read back one frame at a time
// (sequenceFrameLayers) as the view asks for them. The std maps and scores are computed from
// the float layers before they are written; what is read back has the preview's precision, so
// the viewer's O − (B + R) shows up to half an 8-bit level of rounding.
//
// Blocking: call it from a job (jobs/job.h); the result is a value to hand to the GUI.
#pragma once

#include "core/data/dataset.h"
#include "core/image/preview_layer.h"
#include "core/inference/decomposition.h"
#include "core/inference/temporal_baseline.h"
#include "core/jobs/progress.h"
#include "core/metrics/metric_options.h"

#include <QString>
#include <QVector>

#include <limits>
#include <optional>

namespace pluvia::core {

class Derainer;

struct SceneSequenceRequest {
    DatasetScene scene;
    QString cacheFolder; // each frame's layers go to <cacheFolder>/<frame index, 6 digits>/
    // A model derains each frame on its own; a baseline gives every frame the same B. Exactly
    // one of them: a baseline when set, else the derainer passed beside the request.
    std::optional<TemporalBaseline> baseline;
    int maxSide = 1024; // the centre of larger frames, as the layer viewer's Decompose
    int tileSize = 512;
    MetricOptions metrics;
};

struct FrameScore {
    double psnr = std::numeric_limits<double>::quiet_NaN();
    double ssim = std::numeric_limits<double>::quiet_NaN();
};

struct SequenceFrame {
    QString sample; // the frame's file
    QString layers; // the folder its layers were written to
};

struct SceneSequence {
    QString scene;
    QString method; // the model's method, or the baseline's name
    QVector<SequenceFrame> frames; // one per frame derained, in order
    // "std O" and "std B": per-pixel temporal standard deviation over the frames derained (values
    // in [0, 1] units, one channel), drawn on one shared scale so they compare by eye.
    PreviewEvent stdMaps;
    double inputStd = 0; // mean of "std O", of 255
    double outputStd = 0; // mean of "std B", of 255
    QVector<FrameScore> scores; // per frame against the clean background; empty without one
    FrameScore temporalMean; // the baselines' B against the clean background (NaN without one)
    FrameScore temporalMedian;
    bool cancelled = false; // stopped between two frames; what was derained is kept
    QString error; // names the file and the reason
    bool ok() const { return error.isEmpty(); }
};

// One frame's layers as derainSceneSequence wrote them; error names the folder and the reason.
DecomposeResult sequenceFrameLayers(const SequenceFrame &frame);

// `derainer` is used when request.baseline is not set (and must then be non-null). progress
// gets frames done of frames; returning false stops before the next frame. Never throws.
SceneSequence derainSceneSequence(
    const SceneSequenceRequest &request, Derainer *derainer, const ProgressCallback &progress);

} // namespace pluvia::core
