// SPDX-License-Identifier: GPL-3.0-or-later
// Layout detection: which files a dataset folder holds and how they match, from the directory
// listing alone (no file is opened except manifest.json, pair lists, and for two sibling folders
// of the same stems named neither way, a few of their images). Private to core; reentrant.
#pragma once

#include "core/data/dataset.h"

namespace pluvia::core {

struct LayoutScan {
    Dataset dataset;
    QVector<DatasetProblem> problems; // unmatched, duplicate and manifest problems
    QString error; // fatal (no layout for the requested kind, bad manifest)
};

// Detects the kind (unless `kind` is given) and the layout of the folder `root`.
LayoutScan scanDatasetLayout(const QString &root, std::optional<DatasetKind> kind);

// The entries of `folder` (and its sub-folders when `recursive`) named like images, in natural
// order: regular files, and also what only looks like one (a folder, a dangling symbolic link, a
// device or FIFO named like an image), so that the image reader reports it as a problem instead
// of it vanishing from the count. The one listing every reader of image folders uses.
QStringList imageCandidates(const QString &folder, bool recursive);

// Natural order: runs of digits compare by value ("frame2" < "frame10"), the rest
// case-insensitively; ties fall back to plain comparison so the order is total.
bool naturalLess(const QString &a, const QString &b);

} // namespace pluvia::core
