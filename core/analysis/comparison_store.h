// SPDX-License-Identifier: GPL-3.0-or-later
// Comparisons kept in a workspace (the GUI's Compare tab): W/comparisons/<name>/ holds
// comparison.json (what it compares: the rows' checkpoints, the test sets, NIQE or not), the
// cached outputs and per-image scores of comparison.h, and after each run the table in every
// format (results.md, .csv, .latex, .json) and the figure (figure.png, figure.pdf). Reopening
// one runs it again: every output is cached, so only the scores are recomputed.
#pragma once

#include "core/analysis/comparison.h"

#include <QString>
#include <QStringList>
#include <QVector>

namespace pluvia::core {

struct SavedComparison {
    QString name; // its folder's name below W/comparisons
    QStringList checkpoints;
    QVector<ComparisonTestSet> tests;
    bool niqe = false;
};

QString comparisonFolder(const QString &workspace, const QString &name);

// Writes comparison.json atomically; "" or an error naming the file. The name must be a plain
// file name (no separators, not "." or "..").
QString saveComparison(const QString &workspace, const SavedComparison &comparison);

// The workspace's comparisons by name; a folder whose comparison.json cannot be read is named in
// *problems and skipped.
QVector<SavedComparison> savedComparisons(const QString &workspace, QStringList *problems);

// The table in every format and the figure (the first image of the first test set, its centre)
// into result.outFolder; "" or the first error, naming the file.
QString writeComparisonReports(const ComparisonResult &result);

} // namespace pluvia::core
