// SPDX-License-Identifier: GPL-3.0-or-later
// One image decomposed into layers for the layer viewer: by a trained model (O, B, R, the ground
// truth B_gt and R_gt when a clean image is given, and every named intermediate of the method:
// JRGR's translations, UDRDR's rain map and teacher output, ...; the method and its parameters
// are read from the checkpoint), from a synthetic pair's own ground truth, or from the preview a
// run stored.
//
// Blocking (reads files; a model runs tiled inference): call them from a job (jobs/job.h) and
// hand the result to the GUI by value.
#pragma once

#include "core/image/preview_layer.h"

#include <QString>

namespace pluvia::core {

struct DecomposeRequest {
    QString checkpoint;
    QString rainy; // image file
    QString clean; // its clean image, or ""
    QString device = QStringLiteral("cpu");
    int maxSide = 1024; // the centre of larger images, at most this many pixels square
    int tileSize = 512;
};

struct DecomposeResult {
    PreviewEvent preview; // the checkpoint's run and step; sample = the rainy image
    QString method;
    QString error; // names the file and the reason
    bool ok() const { return error.isEmpty(); }
};

// Loads the checkpoint and decomposes: a Derainer used once (derainer.h keeps one loaded).
DecomposeResult decomposeImage(const DecomposeRequest &request);

// A synthetic pair's own decomposition, no model involved: O (the rainy image), B (its clean
// image) and R = O − B, for inspecting a dataset's ground truth in the layer viewer. With no
// clean image ("") the image alone, as O.
DecomposeResult groundTruthLayers(const QString &rainy, const QString &clean);

// The preview a run stored at the latest sample step at or before `step` (runs/<id>/samples/),
// read back as layers; preview.step is the sample's step.
DecomposeResult storedPreview(const QString &workspace, const QString &runId, qint64 step);

} // namespace pluvia::core
