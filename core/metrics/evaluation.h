// SPDX-License-Identifier: GPL-3.0-or-later
// Evaluating a folder of derained images against a folder of ground truth: PSNR and SSIM per
// image and their means, with the convention that produced them (metric_options.h); and, on
// request, NIQE of each derained image (niqe.h), which needs no ground truth.
//
// Pairing, by file stem (name without its last suffix, case-sensitive), images only
// (png, jpg, jpeg, tif, tiff, bmp, webp; not recursive):
//   1. a prediction whose stem equals a ground-truth stem is paired with it;
//   2. otherwise a prediction "<gt stem>_<anything>" or "<gt stem>-<anything>" is paired with the
//      longest such ground-truth stem, so "rain12_derained.png" or a synthesized variant
//      "rain12_2.png" is scored against "rain12.png" (several predictions may share one ground
//      truth; each gets its own row).
// Unpaired files on either side, repeated stems (the first file in name order is used),
// unreadable images and size mismatches are listed in `problems` and skipped, never fatal.
#pragma once

#include "core/data/dataset.h"
#include "core/jobs/progress.h"
#include "core/metrics/metric_options.h"
#include "core/metrics/niqe.h"

#include <QString>
#include <QStringList>
#include <QVector>

#include <array>
#include <limits>

namespace pluvia::core {

struct EvalOptions {
    MetricOptions metrics;
    bool niqe = false; // also score each prediction by NIQE
    NiqePlane niqePlane = NiqePlane::Y;
    int threads
        = 0; // images measured in parallel; <= 0: one per core. Results do not depend on it.
};

struct EvalRow {
    QString name; // the prediction's file name
    QString predictionPath;
    QString groundTruthPath;
    double psnr = std::numeric_limits<double>::quiet_NaN(); // dB; +infinity for identical images
    double ssim = std::numeric_limits<double>::quiet_NaN();
    std::array<double, 3> meanShift { 0.0, 0.0, 0.0 }; // R, G, B: prediction − truth, of 255
    double niqe = std::numeric_limits<double>::quiet_NaN(); // of the prediction; lower is better
    QString error; // non-empty: not measured (unreadable, size mismatch, ...) and not averaged
    bool ok() const { return error.isEmpty(); }
};

struct EvalReport {
    QString error; // fatal: a folder is missing or unreadable; "" otherwise
    QStringList problems; // non-fatal, each naming its file(s): unpaired, unreadable, ...
    QVector<EvalRow> rows; // one per paired prediction, in prediction name order
    int measured = 0; // rows without error; the means average these only
    // Means over measured rows (NaN when none). meanPsnr is +infinity when a measured pair is
    // identical, as MATLAB's mean would be; meanPsnrFinite averages the finite values only.
    double meanPsnr = std::numeric_limits<double>::quiet_NaN();
    double meanPsnrFinite = std::numeric_limits<double>::quiet_NaN();
    double meanSsim = std::numeric_limits<double>::quiet_NaN();
    std::array<double, 3> meanShift { 0.0, 0.0, 0.0 }; // the rows' mean colour shift
    // NIQE (options.niqe): the mean over the rows it was defined for (an image under 96×96 px
    // has none; listed in `problems`).
    double meanNiqe = std::numeric_limits<double>::quiet_NaN();
    int niqeMeasured = 0;
    bool groundTruth = true; // false: evaluateWithoutReference, no PSNR/SSIM
    bool niqe = false;
    MetricOptions metrics; // the options used
    NiqePlane niqePlane = NiqePlane::Y;
    QString psnrConvention; // e.g. "PSNR-Y (MATLAB rgb2ycbcr, peak 1)"
    QString ssimConvention; // e.g. "SSIM-Y (ssim.m 2009, downsampled)"
    QString niqeConvention; // e.g. "NIQE-Y (Mittal et al. 2013, ...; lower is better)"
    bool cancelled = false; // the progress callback asked to stop; rows hold what was measured
    double seconds = 0.0;
    bool ok() const { return error.isEmpty(); }
};

// Blocking (call it from a worker thread in a GUI); never throws. `progress` gets
// (pairs measured, pairs total) from the worker threads and may return false to cancel.
EvalReport evaluateFolders(const QString &predDir, const QString &gtDir, const EvalOptions &options,
    const ProgressCallback &progress = {});

// NIQE alone, for derained photographs without ground truth (real rain): every image of the
// folder is a row. options.niqe is implied.
EvalReport evaluateWithoutReference(
    const QString &predDir, const EvalOptions &options, const ProgressCallback &progress = {});

// Rows whose prediction (and ground truth, "" for NIQE alone) are already decided, as a
// comparison across test sets pairs them (analysis/comparison.h). `groundTruth` false: NIQE
// alone (options.niqe is implied).
EvalReport evaluateRows(const QVector<EvalRow> &rows, bool groundTruth, const EvalOptions &options,
    const ProgressCallback &progress = {});

// A derained time-lapse sequence (the layout of derain --sequence: <pred>/<scene>/<frame>.png)
// against each scene's clean background; rows are named <scene>/<frame>.png. Scenes without a
// background and frames without a prediction are listed in `problems`.
EvalReport evaluateSequence(const QString &predDir, const Dataset &dataset,
    const EvalOptions &options, const ProgressCallback &progress = {});

} // namespace pluvia::core
