// SPDX-License-Identifier: GPL-3.0-or-later
// Dataset manifests: the JSON file (`manifest.json` in a dataset's root) that describes any
// layout explicitly and that Pluvia writes for every dataset it generates or exports.
//
// Format (version 1; paths relative to the manifest's folder, '/' separated):
// {
//   "format": "pluvia-dataset", "version": 1,
//   "kind": "paired" | "unpaired" | "time-lapse",
//   "name": "...", "description": "...",
//   "direction_convention": "degrees from the image's +x axis, counter-clockwise, in [0, 180)",
//   "samples": [ {"rainy": "rain/a.png", "clean": "norain/a.png",          (paired)
//                 "direction_deg": 35.0, "split": "train"} ... ],          (both optional)
//   "images":  [ "img/a.png", ... ],                                        (unpaired)
//   "scenes":  [ {"name": "s1", "frames": ["s1/000.png", ...],              (time-lapse)
//                 "background": "s1/clean.png"} ],                           (optional)
//   "provenance": { free-form object: generator, parameters, seed, checkpoint, created, ... }
// }
#pragma once

#include "core/data/dataset.h"
#include "core/data/dataset_kind.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QVector>

#include <optional>

namespace pluvia::core {

struct ManifestSample {
    QString rainy; // relative to the manifest's folder
    QString clean;
    std::optional<double> directionDeg; // [0, 180), +x axis, counter-clockwise
    QString split; // "" when unspecified
};

struct ManifestScene {
    QString name;
    QStringList frames; // in temporal order
    QString background; // "" when the scene has no clean frame
};

struct DatasetManifest {
    DatasetKind kind = DatasetKind::Paired;
    QString name;
    QString description;
    QVector<ManifestSample> samples; // paired
    QStringList images; // unpaired
    QVector<ManifestScene> scenes; // time-lapse
    QJsonObject provenance;
};

QString manifestFileName(); // "manifest.json"

// Reads and validates a manifest. On failure returns std::nullopt and sets *error to a message
// naming the file and what is wrong (e.g. "samples[3].clean: missing").
std::optional<DatasetManifest> readManifest(const QString &path, QString *error);
// Writes atomically (writeFileAtomically). Returns an empty string on success, else an error
// message.
QString writeManifest(const QString &path, const DatasetManifest &manifest);

// Makes an inferred pairing stick: writes the paired dataset's pairs (rainy and clean swapped
// when asked) as dataset.root/manifest.json, which then takes precedence over detection, with
// the layout and note it replaces in its provenance. Refuses a dataset that already has a
// manifest or is not paired. Returns "" on success, else a message naming the folder.
QString pinPairedDataset(const Dataset &dataset, bool swapSides);

} // namespace pluvia::core
