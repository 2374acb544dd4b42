// SPDX-License-Identifier: GPL-3.0-or-later
// The demo workspace: what `pluvia-cli demo` writes and the GUI opens on first start. Built
// from the nature photographs of Debian's mate-backgrounds package (or procedural landscapes
// when they are not installed), it registers:
//   synthetic        paired     light + directional rain, direction labels in its manifest
//   real_rainy       unpaired   "realistic"-style rain playing real rain, on other photographs
//   real_rainy_val   paired     the same rain on held-out photographs, with ground truth:
//                               validation (chooses best.pt)
//   real_rainy_test  paired     other crops of the held-out photographs: test (report only)
//   clean            unpaired   clean crops of further photographs
//   timelapse        time-lapse static scenes under 20 frames of changing rain + background.png
// Deterministic for a seed (except the timestamps in the manifests).
#pragma once

#include "core/jobs/progress.h"

#include <QString>
#include <QStringList>
#include <QVector>

#include <cstdint>

namespace pluvia::core {

QString defaultDemoBackgroundsFolder(); // /usr/share/backgrounds/mate/nature

struct DemoOptions {
    std::uint64_t seed = 1;
    int cropsPerPhoto = 6; // crops per photograph; held-out photographs get max(3, twice this)
    // Sixteen training scenes (320 frames, a few seconds to render): sixteen backgrounds for the
    // time-lapse method to generalise from, where four were few.
    int timeLapseScenes = 16;
    int timeLapseTestScenes = 4; // timelapse_test: scenes of the held-out photographs
    int framesPerScene = 20;
    int proceduralScenes = 12; // landscapes generated when the photographs are missing
    QString backgroundsFolder = defaultDemoBackgroundsFolder();
    int threads = 0; // <= 0: one per core; the output does not depend on it
    // The real-style sets' rain with the realistic preset's veil (haze). Without it the same
    // streaks are rendered over the unveiled photograph: what is left of a method's gap then is
    // not the veil, which the additive model O = B + R cannot represent.
    bool realRainVeil = true;
};

struct DemoDatasetSummary {
    QString name; // as registered in the workspace
    QString kind; // "paired", "unpaired", "time-lapse"
    int items = 0; // pairs, images, or scenes
    QString path; // absolute
    QString note;
};

struct DemoReport {
    QString error; // "" on success; names the folder or file and the reason
    QStringList warnings; // skipped photographs and the like
    QStringList notes; // e.g. that procedural backgrounds replaced missing photographs
    QVector<DemoDatasetSummary> datasets;
    bool proceduralBackgrounds = false;
    bool cancelled = false;
    double seconds = 0.0;
    bool ok() const { return error.isEmpty(); }
};

// Creates (or opens) the workspace in `folder` and fills it. Fails without writing anything if
// one of the demo's dataset folders already exists there. Blocking; never throws. `progress`
// receives (steps done, total steps) from worker threads; returning false cancels.
DemoReport buildDemoWorkspace(
    const QString &folder, const DemoOptions &options, const ProgressCallback &progress);

} // namespace pluvia::core
