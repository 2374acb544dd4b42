// SPDX-License-Identifier: GPL-3.0-or-later
// Importing PyTorch weights as a Pluvia model: a method (preset, overrides) whose networks are
// loaded from state dict files — Pluvia's own (export-weights) or its public code's released
// files (models/framework/weights_import.h) — written as a model (networks only, step 0) that
// derain, decompose and generate read, and that a training run can start from.
#pragma once

#include <QPair>
#include <QString>
#include <QStringList>
#include <QVector>

namespace pluvia::core {

struct WeightsImportRequest {
    QString method;
    QString preset; // "" = paper
    QStringList overrides; // "key=value"
    // (network, file): the network "" imports what the file holds (see importWeights).
    QVector<QPair<QString, QString>> sources;
    QString out;
    quint64 seed = 0; // initialises the networks no file provides
};

struct WeightsImportReport {
    QString error; // "" on success; names the file and the reason
    QStringList imported; // e.g. "F_r ← latest_net_G3.pth (guyii54/JRGR's G3, 70 tensors)"
    QStringList initialised; // the networks no file provided (seeded initialisation)
    QStringList unused; // "FILE: KEY" for the files' keys no tensor took
    qint64 bytes = 0;
    bool ok() const { return error.isEmpty(); }
};

WeightsImportReport importWeights(const WeightsImportRequest &request);

} // namespace pluvia::core
