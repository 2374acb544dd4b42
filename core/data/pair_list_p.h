// SPDX-License-Identifier: GPL-3.0-or-later
// List files some public sets ship beside their folders (DDN's and SPA-Data's train.txt,
// test.txt): one "rainy clean" pair per line, paths relative to the list's folder (absolute
// paths are taken as they are), blank lines and lines starting with '#' ignored. Private to core;
// reentrant.
#pragma once

#include "core/data/dataset.h"

namespace pluvia::core {

struct PairListScan {
    QVector<DatasetPair> pairs; // split: "train", "test" or "val" when the list's name says so
    QVector<DatasetProblem> problems; // listed files that do not exist
    QStringList lists; // the list files used, e.g. "train.txt (700 pairs)"
};

// The *.txt files directly in `root` whose every line is a pair of image paths (by suffix) and
// of which at least one pair exists; nullopt when there is none. When the listed paths' folders
// are named the other way round (clean first, folder_roles.h's names), the columns are swapped.
std::optional<PairListScan> scanPairLists(const QString &root);

} // namespace pluvia::core
