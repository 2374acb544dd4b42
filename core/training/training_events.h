// SPDX-License-Identifier: GPL-3.0-or-later
// What a training run tells its observers (DESIGN.md §5): one stream of value types that feeds
// the GUI, the CLI's progress line and the store. Every event names its run and step, so a
// consumer can drop stale ones (STYLE.md 13). Registered with Qt's meta-type system so they
// travel through queued signals.
#pragma once

#include "core/image/preview_layer.h"
#include "core/store/run_store.h"

#include <QMetaType>
#include <QString>
#include <QVector>

namespace pluvia::core {

struct LossValue {
    QString name; // the method's term name, e.g. "l1", "cycle/O_s", "total"
    double value = 0.0; // unweighted
    double weight = 1.0; // the term's weight in the objective at this step
};

struct StepEvent {
    QString runId;
    qint64 step = 0; // steps completed (1 after the first step)
    qint64 totalSteps = 0;
    QString stage;
    QVector<LossValue> losses;
    double stepSeconds = 0.0; // wall time of the last step
    double imagesPerSecond = 0.0; // smoothed over recent steps
    double etaSeconds = 0.0; // remaining steps at the smoothed rate
};

struct ValidationEvent {
    QString runId;
    qint64 step = 0;
    int images = 0;
    double psnr = 0.0; // mean over the images, dB
    double ssim = 0.0;
    QString psnrLabel; // the convention, e.g. "PSNR-Y (MATLAB rgb2ycbcr, peak 1)"
    QString ssimLabel;
    bool best = false; // the best so far: best.pt was written
};

struct RunError {
    QString runId;
    qint64 step = 0;
    QString code; // "non-finite-loss", "step-failed", "data", "checkpoint", "store", "setup"
    QString term; // the loss term for non-finite-loss, else ""
    QString message; // says what happened and what the run did (e.g. "the run is paused")
};

} // namespace pluvia::core

Q_DECLARE_METATYPE(pluvia::core::StepEvent)
Q_DECLARE_METATYPE(pluvia::core::ValidationEvent)
Q_DECLARE_METATYPE(pluvia::core::RunError)
Q_DECLARE_METATYPE(pluvia::core::RunStatus)
Q_DECLARE_METATYPE(QVector<pluvia::core::MetricPoint>)
