// SPDX-License-Identifier: GPL-3.0-or-later
// A video becomes a time-lapse scene (issue 15): its frames, every k-th one, written as PNG into
// a scene folder of a time-lapse dataset, with a measure of how still the camera was. The
// time-lapse method assumes a static background (Cho et al. §III-A); a camera that moves breaks
// the background consistency loss, so the import says how much it moved and warns.
//
// Camera motion: the translation between consecutive extracted frames found by phase correlation
// on their luminance (Hann-windowed, at most 512 pixels on the longer side, then scaled back to
// the video's pixels). Rain is uncorrelated between frames, so a still camera peaks at zero
// shift; the score is the median shift over all consecutive pairs, robust to a few jolts.
//
// Layout: OUT/<scene>/<frame index, 6 digits>.png (the video's own frame index, so `--every`
// keeps the timing readable) and OUT/<scene>/video.json (source, options, fps, size and the
// motion figures). When OUT holds a time-lapse manifest.json the scene is appended to it;
// otherwise OUT is a "scenes" layout folder. Frames are written into a hidden temporary folder
// inside OUT and renamed into place at the end: a failed or cancelled import leaves nothing, and
// an existing scene is never overwritten.
#pragma once

#include "core/jobs/progress.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QVector>

namespace pluvia::core {

// "*.mp4 *.avi …": the containers offered in file dialogs and accepted by drops (OpenCV may read
// others; the import tries any file it is given).
QStringList videoNameFilters();
bool hasVideoSuffix(const QString &path);

struct VideoImportOptions {
    int every = 1; // keep frames 0, k, 2k, ...
    int maxFrames = 0; // stop after this many kept frames; 0 keeps all
    QString sceneName; // "" uses the video's file stem
};

// Above this median shift between consecutive frames (video pixels), or above the drift limit
// between the first and the last frame (a slow pan), the camera is not still enough for the
// method. Measured on the demo's time-lapse frames made into MJPEG videos: a still camera reads
// 0.2-0.3 px (rain and compression), a pan of 1 px per frame 1.1 px.
double staticCameraLimitPixels(); // 0.5
double cameraDriftLimitPixels(); // 2.0

struct VideoImportReport {
    QString error; // names the file and the problem; empty on success
    QString sceneFolder; // absolute path of the written scene
    int frames = 0; // frames written
    int width = 0;
    int height = 0;
    double fps = 0; // as the container states it; 0 when unknown
    QVector<double> shifts; // camera shift between consecutive written frames, video pixels
    double medianShift = 0;
    double maxShift = 0;
    double drift = 0; // between the first and the last written frame
    bool appendedToManifest = false;
    QString warning; // set when the shift or the drift exceeds its limit
    bool ok() const { return error.isEmpty(); }
};

// The figures of a report as JSON (frames, size, fps, the shifts, "static"): what video.json and
// `pluvia-cli dataset import-video --json` print.
QJsonObject videoImportJson(const VideoImportReport &report);

// Never throws. `progress` gets frames read of the container's frame count (0 when unknown);
// returning false cancels (the report's error says so and nothing stays on disk).
VideoImportReport importVideo(const QString &video, const QString &outFolder,
    const VideoImportOptions &options, const ProgressCallback &progress = {});

} // namespace pluvia::core
