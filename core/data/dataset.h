// SPDX-License-Identifier: GPL-3.0-or-later
// Datasets (DESIGN.md §3): what a folder holds, found by layout detection or a manifest, and the
// inspection that reports counts, size statistics and every problem file.
//
// Layouts recognised (folder names compared case-insensitively):
//   paired      "manifest"      manifest.json in the root (takes precedence, dataset_manifest.h)
//               "rain100"       rain/ or rainy/ + norain/ holding rain-N.* and norain-N.*
//               "rain1400"      rainy_image/N_k.* + ground_truth/N.* (several rainy per clean)
//               "rain-norain"   rain/ (or rainy/) + norain/, matched by file stem
//               "input-target"  input/ + target/, matched by stem
//               "rainy-gt"      rainy/ + gt/, matched by stem
//               "pair-list"     *.txt files in the root listing one "rainy clean" pair per line
//                               (pair_list_p.h)
//               "sibling-folders" any two sub-folders holding the same stems; the rainy one by
//                               its name or by the images (sibling_pairs_p.h); layoutNote says
//   time-lapse  "scenes"        one sub-folder per scene (frames directly inside it, in natural
//                               order: frame2 < frame10); background.* or clean.* is the scene's
//                               clean frame, not a frame
//   unpaired    "folder"        every image under the root, recursively (hidden folders skipped)
// Without a kind override, a root that matches no paired layout, holds no images itself and whose
// sub-folders each hold at least two images and no further folders is time-lapse; anything else
// is unpaired.
//
// All paths in a Dataset are absolute and clean ('/' separated). Value types only: safe to copy
// between threads.
#pragma once

#include "core/data/dataset_kind.h"
#include "core/jobs/progress.h"

#include <QString>
#include <QStringList>
#include <QVector>

#include <optional>

namespace pluvia::core {

struct DatasetPair {
    QString rainy;
    QString clean;
    std::optional<double> directionDeg; // rain direction, degrees in [0, 180) from +x, CCW
    QString split; // "train", "test", ... or "" when unspecified
};

struct DatasetScene {
    QString name;
    QStringList frames; // temporal (natural) order
    QString background; // "" when the scene has no clean frame
};

struct Dataset {
    QString root;
    DatasetKind kind = DatasetKind::Unpaired;
    QString layout; // one of the layout names above
    QString layoutNote; // how an inferred layout was read (which side is rainy, which lists)
    QVector<DatasetPair> pairs; // paired
    QStringList images; // unpaired
    QVector<DatasetScene> scenes; // time-lapse
};

// Every image file of pairs (rainy, then clean), unpaired images and scenes (frames, then the
// background), in that order, repeats kept: what a dataset or a training role reads.
QStringList imageFiles(const QVector<DatasetPair> &pairs, const QStringList &images,
    const QVector<DatasetScene> &scenes);

enum class DatasetProblemCode {
    Unreadable, // missing, empty, not an image, or an unsupported format/depth
    Truncated, // starts like a PNG/JPEG but its end marker is missing
    RainyWithoutClean, // paired: no clean partner
    CleanWithoutRainy, // paired: no rainy partner
    TooSmall, // shorter side below InspectOptions::minSide
    Duplicate, // same stem twice on one side (a.png and a.jpg): the first in natural
               // order is kept, the others are skipped
    SizeMismatch, // paired: rainy and clean differ in size
    TooFewFrames, // time-lapse: a scene with fewer than two usable frames
    Manifest, // manifest.json names a file that does not exist or lies outside the folder
    PairList, // a pair list (*.txt) names a file that does not exist or lies outside the folder
};

// "unreadable", "truncated", "rainy-without-clean", "clean-without-rainy", "too-small",
// "duplicate", "size-mismatch", "too-few-frames", "manifest", "pair-list".
QString datasetProblemCodeName(DatasetProblemCode code);

struct DatasetProblem {
    QString path; // the file (or scene folder) concerned
    DatasetProblemCode code = DatasetProblemCode::Unreadable;
    QString message; // names the file and the reason
};

// Pixel sizes of the usable images (each file counted once). All zero when nothing was probed.
struct SizeStatistics {
    int count = 0;
    int minWidth = 0;
    int maxWidth = 0;
    int minHeight = 0;
    int maxHeight = 0;
    double meanWidth = 0.0;
    double meanHeight = 0.0;
};

struct InspectOptions {
    std::optional<DatasetKind> kind; // overrides detection
    int minSide = 0; // the crop size: images with a shorter side are skipped
    bool checkHeaders = true; // probe every file's header (no pixel data is decoded)
};

struct DatasetInspection {
    Dataset dataset; // usable entries only: problem files are removed
    SizeStatistics sizes;
    QVector<DatasetProblem> problems; // every skipped file, with the reason
    QString error; // fatal: not a folder, bad manifest, no layout for kind
    bool cancelled = false; // the progress callback returned false
    bool ok() const { return error.isEmpty() && !cancelled; }
    int frameCount() const; // time-lapse: frames over all scenes
};

// Lists, matches and (unless options.checkHeaders is false) probes every file's header on a
// thread pool; progress counts probed files. Problems are skipped, never fatal. Reentrant; runs
// in the calling thread (plus QThreadPool::globalInstance()): call it from a worker thread in a
// GUI.
DatasetInspection inspectDataset(
    const QString &path, const InspectOptions &options, const ProgressCallback &progress = {});

} // namespace pluvia::core
