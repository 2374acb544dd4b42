// SPDX-License-Identifier: GPL-3.0-or-later
// The events of one training run, declared once: the run's thread (TrainingWorker) emits them
// and the handle its owner holds (TrainingRun) passes them on into the owner's thread, as queued
// signals carrying value types.
#pragma once

#include "core/training/training_events.h"

#include <QObject>
#include <QString>
#include <QVector>

namespace pluvia::core {

class RunEventSignals : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;

Q_SIGNALS:
    void runCreated(const QString &runId);
    void statusChanged(pluvia::core::RunStatus status);
    void stepCompleted(const pluvia::core::StepEvent &event); // at most ~20 per second
    // Every metric point stored since the previous emission (so nothing is lost to throttling).
    void metricsLogged(const QVector<pluvia::core::MetricPoint> &points);
    void validationCompleted(const pluvia::core::ValidationEvent &event);
    void previewReady(const pluvia::core::PreviewEvent &event);
    void logLine(const QString &line);
    void errorOccurred(const pluvia::core::RunError &error);
    // The run's thread is done: Finished, Stopped or Failed. Emitted exactly once per start().
    void finished(pluvia::core::RunStatus status);
};

} // namespace pluvia::core
