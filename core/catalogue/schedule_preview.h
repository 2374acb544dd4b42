// SPDX-License-Identifier: GPL-3.0-or-later
// The learning rates and stages a run will follow, known before it starts (the training form's
// schedule plot). Every stage boundary and schedule is a fraction of the run, so the shape does
// not depend on the run's length or data: it is sampled over fractions of a nominal run, by
// setting each step's rates exactly as training does (models::Method::prepareStep) on a copy of
// the method whose networks are shrunk to their smallest sizes (the rates do not depend on them).
// Reentrant; costs milliseconds. Call it off the GUI thread all the same.
#pragma once

#include <QPair>
#include <QString>
#include <QStringList>
#include <QVector>

namespace pluvia::core {

struct SchedulePreview {
    QVector<double> fractions; // of the run, in [0, 1)
    // "optimiser/network" → learning rate at each fraction (the networks of a stage at 0 too)
    QVector<QPair<QString, QVector<double>>> rates;
    QVector<QPair<QString, double>> stages; // name, first fraction
    QString error; // the parameters do not make a method
    bool ok() const { return error.isEmpty(); }
};

SchedulePreview previewSchedule(
    const QString &method, const QString &preset, const QStringList &overrides, int points = 200);

} // namespace pluvia::core
