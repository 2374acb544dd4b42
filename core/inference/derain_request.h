// SPDX-License-Identifier: GPL-3.0-or-later
// Deraining chosen photos with a trained checkpoint (DESIGN.md §5, `pluvia-cli derain`): what is
// asked and what came of it. Files and folders in, B (and optionally R and the method's
// intermediates) out where derain_outputs.h says, tile by tile in bounded memory, with progress
// and cancel between tiles; the work is a Derainer's (derainer.h).
// An existing output is an error unless `overwrite` or `skipExisting` says otherwise; each file
// is written to a temporary name and renamed when complete.
//
// Tiles: by default each image's tile is the largest whose inference fits the memory budget,
// from the method's memory measured on two probe tiles (tile_budget_p.h; on CUDA, where
// LibTorch 1.13's C++ API cannot say how much memory is free, tiles start at kCudaFirstTile).
// Whatever the tile, an image that runs out of memory is derained again with tiles of half the
// side, down to the smallest tile the method's geometry allows.
#pragma once

#include "core/data/derain_outputs.h"
#include "core/jobs/progress.h"
#include "core/metrics/niqe.h"

#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QVector>

#include <limits>

namespace pluvia::core {

constexpr int kAutoTileSize = -1;
constexpr int kCudaFirstTile = 1024;

struct DerainedFile {
    QString input;
    QStringList outputs; // written files, B first
    int width = 0;
    int height = 0;
    int tiles = 0;
    int tileSize = 0; // the side that succeeded; 0: the whole image in one piece
    int retries = 0; // attempts that ran out of memory before it
    double seconds = 0.0;
    // NIQE (DerainRequest::niqe; lower is better) of the input and of the B written; NaN when
    // not asked or undefined, and then niqeProblem says why (an image under 96×96 px).
    double niqeInput = std::numeric_limits<double>::quiet_NaN();
    double niqeOutput = std::numeric_limits<double>::quiet_NaN();
    QString niqeProblem;
};

// What came of one input, told as soon as it is known (DerainRequest::fileFinished).
struct DerainFileResult {
    enum class State { Done, Skipped, Failed, Cancelled };
    QString input;
    State state = State::Done;
    QString problem; // Failed: names the file and the reason
    DerainedFile file; // Done
};

struct DerainRequest {
    QString checkpoint;
    QStringList inputs; // image files and folders (searched recursively)
    // Or: images whose output paths are already decided (derainTargets), as the derain queue
    // sends the files it was given with their folders.
    QVector<DerainTarget> targets;
    QString outFolder;
    QString device = QStringLiteral("cpu");
    int tileSize = kAutoTileSize; // or a side in pixels; 0: whole images at once
    // The CPU memory inference may use, in bytes; 0: half of what the system has available.
    // Inference that would pass it stops and is retried with smaller tiles.
    qint64 memoryLimitBytes = 0;
    bool saveRain = false;
    bool saveIntermediates = false;
    bool niqe = false; // score each input and its B by NIQE (Y), as the Derain queue shows
    bool skipExisting = false; // leave inputs whose B exists alone
    bool overwrite = false;
    // (tiles done, tiles total) over all images; returning false cancels between tiles.
    ProgressCallback progress;
    // Each input's outcome, in order, from the deraining thread (skipped ones before the rest).
    std::function<void(const DerainFileResult &)> fileFinished;
};

struct DerainReport {
    QString error; // fatal: checkpoint unreadable, no inputs, output exists, ...
    QString method; // the checkpoint's method id
    qint64 checkpointStep = 0;
    // The automatic tile size's inputs (0 when tiles were fixed or on CUDA).
    double memoryBudgetBytes = 0.0;
    double bytesPerPixel = 0.0;
    QVector<DerainedFile> files;
    QStringList problems; // inputs that could not be derained (named, with the reason)
    QStringList skipped; // inputs whose outputs existed (skipExisting)
    bool cancelled = false;
    double seconds = 0.0;
    bool ok() const { return error.isEmpty() && !cancelled; }
};

// Fills file.niqeInput and niqeOutput from file.input and the B it names (outputs.first()).
// Blocking; call it where the file was derained.
void scoreNiqe(DerainedFile &file);

// Loads the checkpoint and derains: a Derainer used once. Blocking; never throws. Call it off
// the GUI thread.
DerainReport derainImages(const DerainRequest &request);

} // namespace pluvia::core

Q_DECLARE_METATYPE(pluvia::core::DerainFileResult)
