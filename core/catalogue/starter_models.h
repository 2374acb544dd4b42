// SPDX-License-Identifier: GPL-3.0-or-later
// Starter models: one small model per method, trained on the demo workspace's data only (the
// mate-backgrounds photographs under Pluvia's synthesized rain) by
// resources/models/train_starter_models.py, shipped so that Derain and Decompose work before
// the user has trained anything. Each is an exported model (model_export.h), NAME.pt, beside its
// training card NAME.json (command, data hashes, steps, device, version, demo test scores).
//
// Where they are found: <executable>/../share/pluvia/models (installed), else the source tree's
// resources/models (running from a build folder).
#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QVector>

#include <optional>

namespace pluvia::core {

struct StarterModel {
    QString name; // the file stem, what `pluvia-cli derain --model NAME` takes
    QString method; // method id
    QString path; // the model file
    QJsonObject card; // the training card as written by the script

    // The card's label (what the model is, e.g. "demo model, trained on …"); "" when it has none.
    QString label() const;
    // The card's PSNR-Y on the demo test split; NaN when the card has none.
    double testPsnr() const;
};

// The folder the starter models are read from ("" when none of the candidates exists).
QString starterModelsFolder();

// Every starter model of `folder` with a readable card and its model file, the best on the demo
// test split first (the card's test PSNR-Y, highest first; then by name), so that whatever uses
// the first model by default uses the best one. Cards that cannot be read, or whose model file is
// missing, are reported in *problems (naming the file); an empty folder name gives no models and
// no problem.
QVector<StarterModel> starterModelsIn(const QString &folder, QStringList *problems = nullptr);
// starterModelsIn(starterModelsFolder()).
QVector<StarterModel> starterModels(QStringList *problems = nullptr);

// The starter model called `name`; std::nullopt and *error (listing the names there are) when
// there is none.
std::optional<StarterModel> findStarterModel(const QString &name, QString *error);

} // namespace pluvia::core
