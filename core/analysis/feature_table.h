// SPDX-License-Identifier: GPL-3.0-or-later
// Feature vectors as CSV, for `pluvia-cli tsne --features-in` and the map it writes back.
//
// Input: a header row; a `group` column (optional), text columns `source`, `crop` and `domain`
// (optional, carried over to the map), every other column numeric. Fields may be double-quoted
// (with "" for a quote). Output: x, y, group, then the carried columns, one row per input row in
// input order; written atomically.
#pragma once

#include "core/analysis/embedding_quality.h"

#include <QString>
#include <QStringList>
#include <QVector>

#include <vector>

namespace pluvia::core {

struct FeatureTable {
    int rows = 0;
    int columns = 0; // numeric columns
    std::vector<float> values; // rows × columns, row-major
    QStringList featureNames;
    QStringList groups; // per row; "" without a group column
    QStringList carriedNames; // "source", "crop", "domain" when present
    QVector<QStringList> carried; // per row, in carriedNames order
};

// Returns "" or an error naming the file, the line and the column.
QString readFeatureTable(const QString &path, FeatureTable *table);
QString writeMap(
    const QString &path, const FeatureTable &table, const std::vector<float> &embedding);
// The table itself, in the format readFeatureTable reads.
QString writeFeatureTable(const QString &path, const FeatureTable &table);

// The domain of each row: its `domain` column, else its group's first word ("synthetic
// decomposed" → "synthetic"). The gap is measured between the two most frequent domains, on
// their rows only.
struct TableDomainGap {
    QString domainA;
    QString domainB;
    DomainGap gap;
    bool valid = false; // fewer than two domains with two rows each
};
TableDomainGap domainGapOfTable(const FeatureTable &table, int k = 5);

} // namespace pluvia::core
