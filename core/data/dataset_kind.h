// SPDX-License-Identifier: GPL-3.0-or-later
// The three kinds of dataset (DESIGN.md §3), and what their images are.
#pragma once

#include <QString>

namespace pluvia::core {

enum class DatasetKind {
    Paired, // rainy image + its clean background (+ optional rain direction label)
    Unpaired, // a set of images (rainy or clean), no correspondence
    TimeLapse, // sequences of one static scene under changing rain
};

QString datasetKindName(DatasetKind kind); // "paired", "unpaired", "time-lapse"
// Accepts the names above (and "timelapse"); returns false for anything else.
bool parseDatasetKind(const QString &name, DatasetKind *kind);

// What a dataset's images are, or what a method's data role reads from one (core's counterpart of
// models::RoleContent, which core/catalogue converts).
enum class ImageContent { RainyAndClean, Rainy, Clean, Frames };

QString imageContentName(ImageContent content); // "rainy+clean", "rainy", "clean", "frames"
// Accepts the names above; returns false for anything else.
bool parseImageContent(const QString &name, ImageContent *content);

} // namespace pluvia::core
