// SPDX-License-Identifier: GPL-3.0-or-later
// What a checkpoint file says about itself: which method and parameters made it, at which step
// of which run. A checkpoint is self-describing, so derain, generate and resume never ask the
// user which architecture it holds (UX.md #23).
//
// File format: LibTorch's serialized archive (a zip) holding the string "pluvia_meta" (the JSON
// below) and the archive "method" (the method's complete state: networks, optimisers, image
// pools, generator) — or, in an exported model (networks_only), the networks alone. Written
// atomically: temporary file, flush, fsync, rename.
#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace pluvia::core {

struct CheckpointInfo {
    int format = 1;
    QString runId;
    QString method;
    QString preset;
    QJsonObject params;
    quint64 seed = 0;
    qint64 step = 0; // steps completed
    qint64 totalSteps = 0;
    int stage = 0;
    qint64 loaderPosition = 0; // index of the next batch every role's loader delivers
    QString device; // where it was trained
    QString pluviaVersion;
    QString libtorch;
    QDateTime
        created; // invalid in an exported model (no time, so it can be rebuilt bit-identically)
    // A model exported for sharing (exportModel): networks only, no optimisers, pools or
    // generator; derain, decompose and generate read it, resuming cannot.
    bool networksOnly = false;
};

QJsonObject checkpointInfoToJson(const CheckpointInfo &info);
// Reads only the description. Returns std::nullopt and sets *error (naming the file and the
// reason: missing, truncated, not a Pluvia checkpoint, newer format) on failure.
std::optional<CheckpointInfo> readCheckpointInfo(const QString &path, QString *error);

} // namespace pluvia::core
