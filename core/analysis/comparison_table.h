// SPDX-License-Identifier: GPL-3.0-or-later
// A comparison (comparison.h) as the table a paper prints: one row per model, for each test set
// PSNR and SSIM where it has ground truth and NIQE where asked, the best of each column marked
// (highest PSNR/SSIM, lowest NIQE; ties all marked) in Markdown (bold), LaTeX (\textbf, booktabs)
// and JSON ("best"); CSV holds the plain numbers. The conventions are named above the table.
#pragma once

#include "core/analysis/comparison.h"

#include <QString>

namespace pluvia::core {

enum class TableFormat { Markdown, Csv, Latex, Json };

QString tableFormatKey(TableFormat format); // "md", "csv", "latex", "json": also the file suffix
bool parseTableFormat(const QString &key, TableFormat *format);

QString comparisonTable(const ComparisonResult &result, TableFormat format);

// The rows holding a column's best value: metric 0 PSNR, 1 SSIM, 2 NIQE. Empty when no row has
// a value there.
QVector<int> bestRows(const ComparisonResult &result, int test, int metric);

} // namespace pluvia::core
