// SPDX-License-Identifier: GPL-3.0-or-later
// Rendering a synthetic paired dataset: clean images in, `rain/` + `norain/` (+ `rainmap/`) and
// manifest.json (direction labels, provenance) out.
//
// Output layout (all PNG):
//   out/norain/<stem>.png         the clean image once (8-bit)
//   out/rain/<stem>_<k>.png       variant k = 1..variantsPerImage (8-bit; "<stem>.png" when 1)
//   out/rainmap/<same name>.png   optional: R = O - B as 16-bit PNG with a signed offset,
//                                 R = 2 v / 65535 - 1 (resolution 3.1e-5), before O's 8-bit
//                                 rounding
//   out/manifest.json             written last: a folder without it is an unfinished render
// Stems repeated across inputs get "_2", "_3", ... in input order.
#pragma once

#include "core/jobs/progress.h"
#include "core/synth/rain_params.h"

#include <QString>
#include <QStringList>
#include <QVector>

#include <cstdint>

namespace pluvia::core {

struct SynthStyle {
    QString name; // recorded in the manifest, e.g. the preset's name
    RainParams params;
};

struct SynthRequest {
    QStringList cleanInputs; // image files and/or folders (their images, not recursive)
    QString outFolder; // created if missing; must not already hold a dataset
    // Variant k of the i-th clean image (sorted order) uses styles[(i * variants + k) % size],
    // so a mix such as light + directional alternates deterministically.
    QVector<SynthStyle> styles;
    int variantsPerImage = 1; // rendered rainy images per clean image, >= 1
    std::uint64_t seed = 0; // image (i, k) renders with a seed derived from (seed, i, k)
    int threads = 0; // worker threads; <= 0: one per core. Output does not depend on it.
    bool writeRainMap = false;
    QString datasetName; // manifest name; defaults to the output folder's name
    QString description;
    ProgressCallback progress; // (clean images done, total); return false to cancel
};

struct SynthReport {
    QString error; // "" on success; names the file or folder and the reason
    QStringList warnings; // skipped inputs (unreadable images, ...), each naming its file
    bool cancelled = false;
    int cleanImages = 0; // clean images rendered
    int rainyImages = 0; // rainy images written
    QString manifestPath;
    double seconds = 0.0;
    bool ok() const { return error.isEmpty(); }
};

// Blocking; call it from a worker thread in a GUI. Never throws.
SynthReport synthesizeDataset(const SynthRequest &request);

// The image files a SynthRequest's cleanInputs name, in the order they are rendered (each
// folder's images sorted by name). Missing paths are reported in *problems.
QStringList collectCleanImages(const QStringList &inputs, QStringList *problems);

} // namespace pluvia::core
