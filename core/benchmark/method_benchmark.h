// SPDX-License-Identifier: GPL-3.0-or-later
// `pluvia-cli bench`: the time of one training step of each method at its presets, and of
// deraining a 512×512 image, on a chosen device, with the thread count recorded; plus what
// logging every loss term every step costs relative to a step. Figures go to
// docs/benchmarks.md; tests never time anything.
#pragma once

#include <QString>
#include <QStringList>
#include <QVector>

#include <functional>

namespace pluvia::core {

struct BenchmarkOptions {
    QString device = QStringLiteral("cpu");
    int repeats = 3; // timed repetitions after one warm-up; the median is reported
    QStringList methods; // empty: every method
    // Presets a method lacks are skipped.
    QStringList presets
        = { QStringLiteral("paper"), QStringLiteral("reference-code"), QStringLiteral("quick") };
    int derainSide = 512;
    // key=value overrides applied on top of each preset (e.g. fusion_generator=low_rank); a
    // method whose schema lacks a key is reported as not measured.
    QStringList settings;
};

struct BenchmarkResult {
    QString method;
    QString preset;
    QString task; // "train_step", "derain", "metric_logging"
    QString shape; // e.g. "16x3x256x256" or "1x3x512x512"
    QString device;
    int threads = 0;
    double medianMs = 0.0;
    double minMs = 0.0;
    int repeats = 0;
    QString note; // e.g. the logging cost as a share of the step
};

// Runs the cases in order, handing each result to `onResult` as it is measured. Returns "" or
// an error (unknown method or preset, unusable device).
QString runMethodBenchmarks(
    const BenchmarkOptions &options, const std::function<void(const BenchmarkResult &)> &onResult);

} // namespace pluvia::core
