// SPDX-License-Identifier: GPL-3.0-or-later
// The three kinds of dataset (DESIGN.md §3).
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

} // namespace pluvia::core
