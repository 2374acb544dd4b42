// SPDX-License-Identifier: GPL-3.0-or-later
// Exporting a generated rainy dataset with a trained checkpoint (`pluvia-cli generate`): for
// each clean image the method makes a rainy one, and the pairs (generated rainy, clean) are
// written as a paired dataset with a manifest recording the provenance (checkpoint, its run,
// method, parameters, seed, the rain source). What the method needs besides the clean image:
//   - a synthetic rainy version of it (JRGR's S2R: Õ_r = B + G_r(O_s − B)): rendered by Pluvia's
//     rain synthesizer (`cleanInputs` with a rain preset; kept in <out>/source/, a paired dataset
//     of its own) or taken from an existing paired dataset (`pairs`);
//   - a real rainy image whose rain is carried over (UDRDR's x_ref = y + F1(x_real)):
//     `realInputs`, used in turn (image i takes real image i mod count), scaled up if smaller and
//     centre-cropped to the clean image's size;
//   - nothing (DerainCycleGAN's r_n = G_R(Att(n), n)), or, when `realInputs` are given, real
//     rainy images as above whose attention mask steers the rain.
// Output layout: <out>/rain/<stem>.png (generated), <out>/norain/<stem>.png (clean),
// <out>/manifest.json. Refuses a folder that already holds a dataset; each file is written
// atomically; the manifest is written last, so an interrupted export is never mistaken for a
// dataset. The request is recorded in <out>/generation.json first: the same request on that
// folder again finishes an interrupted export, keeping the pairs already written.
#pragma once

#include "core/jobs/progress.h"

#include <QString>
#include <QStringList>

namespace pluvia::core {

struct GenerateRequest {
    QString checkpoint;
    QStringList cleanInputs; // clean images or folders: rain is synthesized onto them first
    QString pairs; // or: a paired dataset whose rainy images are the rain source
    QStringList realInputs; // real rainy images or folders (methods that take or may take real
                            // rain)
    QString outFolder;
    QString rainPreset = QStringLiteral("light"); // synthesizer preset (cleanInputs only)
    QStringList rainOverrides; // "key=value" for the synthesizer
    quint64 seed = 0;
    QString device = QStringLiteral("cpu");
    QString datasetName; // default: the output folder's name
    ProgressCallback progress; // (images done, total); false cancels
};

struct GenerateReport {
    QString error;
    QStringList warnings;
    QString method;
    int pairs = 0;
    int resumed = 0; // pairs an interrupted export had written, kept
    QString manifestPath;
    bool cancelled = false;
    double seconds = 0.0;
    bool ok() const { return error.isEmpty() && !cancelled; }
};

// Blocking; never throws. Call it off the GUI thread.
GenerateReport generateDataset(const GenerateRequest &request);

} // namespace pluvia::core
