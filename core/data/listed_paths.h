// SPDX-License-Identifier: GPL-3.0-or-later
// Paths a dataset lists itself (manifest.json, pair lists *.txt) stay inside the dataset's
// folder: a dataset from elsewhere cannot make Pluvia read, hash or train on
// "../../etc/passwd" or "/home/…" unless the user allows it (issue 18). Process-wide, like the
// pixel budget: pluvia-cli --allow-outside-root, pluvia --allow-outside-root, or the GUI's
// File → Allow Dataset Paths Outside Their Folder.
#pragma once

#include <QString>

namespace pluvia::core {

void setListedPathsMayLeaveRoot(bool allowed);
bool listedPathsMayLeaveRoot(); // false by default

// Whether `path` (absolute, cleaned) is `root` (absolute, cleaned) or lies below it. Lexical:
// symbolic links inside the folder are the dataset's own business.
bool isInsideFolder(const QString &root, const QString &path);

// "" when `path`, listed in `listName` of the dataset at `root`, may be used: a regular file
// (links followed) inside the folder, or outside it when allowed. Otherwise the problem's
// message naming the path and the list: outside the folder (and how to allow it), missing, or
// not a file (a folder, a device).
QString listedPathProblem(const QString &root, const QString &path, const QString &listName);

} // namespace pluvia::core
