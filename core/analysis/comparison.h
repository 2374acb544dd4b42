// SPDX-License-Identifier: GPL-3.0-or-later
// The results table of a paper: several checkpoints (and the rainy input itself, and for
// time-lapse sets the temporal mean and median) on several test sets, PSNR/SSIM where the set
// has ground truth and NIQE where asked (`pluvia-cli compare`).
//
// Work and its cache, below the output folder:
//   outputs/<row key>/<test>/...      each row's derained images of each test set, in the layout
//                                     derain_outputs.h gives (relative to the folder holding the
//                                     set's rainy images; time-lapse: <scene>/<frame>.png); a
//                                     set whose outputs all exist is not derained again
//   per-image/<row key>__<test>.csv   every image's scores
// A row key names its checkpoint by content (method, step and the first 12 hex digits of the
// file's SHA-256), so adding a row, or running the same comparison again, derains only what is
// missing; an interrupted row resumes from the images already written.
#pragma once

#include "core/jobs/progress.h"
#include "core/metrics/metric_options.h"
#include "core/metrics/niqe.h"

#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QVector>

#include <functional>
#include <limits>

namespace pluvia::core {

struct ComparisonTestSet {
    QString name; // the column's name, e.g. "Rain100L"
    QString dataset; // its folder (paired, time-lapse, or unpaired: NIQE only)
};

enum class ComparisonRowKind { Input, Checkpoint, TemporalMean, TemporalMedian };

struct ComparisonRequest {
    QStringList checkpoints; // one row each, in this order, after the rainy input's row
    QVector<ComparisonTestSet> tests;
    bool niqe = false;
    MetricOptions metrics;
    QString outFolder;
    QString device = QStringLiteral("cpu");
    // (images handled, images in all rows and sets); returning false cancels between images.
    ProgressCallback progress;
    // A row's cells as soon as they are measured, with the result so far (rows after `row` not
    // yet measured): the GUI's table fills row by row. Called on the comparison's thread.
    std::function<void(const struct ComparisonResult &sofar, int row)> rowFinished;
};

struct ComparisonCell {
    bool measured = false; // false: not applicable (a baseline on a non-time-lapse set) or failed
    double psnr = std::numeric_limits<double>::quiet_NaN(); // NaN without ground truth
    double ssim = std::numeric_limits<double>::quiet_NaN();
    double niqe = std::numeric_limits<double>::quiet_NaN(); // NaN unless asked; lower is better
    int images = 0; // images measured
    QString note; // why a cell is empty
};

struct ComparisonRow {
    ComparisonRowKind kind = ComparisonRowKind::Input;
    QString label; // "rainy input", "jrgr (quick)", "temporal median"
    QString checkpoint;
    QString method;
    QString runId;
    QString preset;
    qint64 step = 0;
    QString key; // its folder below outputs/ and per-image/
    QVector<ComparisonCell> cells; // one per test set
};

struct ComparisonImage {
    QString relative; // its output's path below outputs/<row key>/<test>/
    QString input; // the rainy image
    QString groundTruth; // "" where there is none
};

struct ComparisonResult {
    QString outFolder;
    QVector<ComparisonTestSet> tests;
    QVector<QVector<ComparisonImage>> images; // per test set
    QVector<bool> testHasGroundTruth; // per test set
    QVector<ComparisonRow> rows;
    MetricOptions metrics;
    bool niqe = false;
    NiqePlane niqePlane = NiqePlane::Y;
    QStringList problems; // non-fatal, each naming its file
    QString error; // fatal: a test set or checkpoint unusable, no output folder
    bool cancelled = false;
    double seconds = 0.0;
    bool ok() const { return error.isEmpty() && !cancelled; }
};

// The checkpoint a run is compared by: its best.pt (the best validation score) or, without
// one, its last checkpoint. `run` is an id or a unique prefix. "" and *error when there is none.
QString comparisonCheckpointOfRun(const QString &workspace, const QString &run, QString *error);

// The image a row made of `image` (for the input row, the rainy image itself); "" when the
// row does not apply to the set.
QString comparisonOutput(
    const ComparisonResult &result, int row, int test, const ComparisonImage &image);

// Blocking (call it off the GUI thread); never throws. The rows are built first (the input, the
// checkpoints, then the temporal baselines when a test set is time-lapse), then filled one row at
// a time.
ComparisonResult runComparison(const ComparisonRequest &request);

} // namespace pluvia::core

Q_DECLARE_METATYPE(pluvia::core::ComparisonResult)
