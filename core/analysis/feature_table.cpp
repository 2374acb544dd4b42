// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/analysis/feature_table.h"
#include "core/atomic_file.h"
#include "core/csv_text.h"

#include <QDir>
#include <QFile>
#include <QMap>
#include <QTextStream>

#include <cmath>

namespace pluvia::core {

namespace {

const QStringList kCarried
    = { QStringLiteral("source"), QStringLiteral("crop"), QStringLiteral("domain") };

QStringList splitCsv(const QString &line)
{
    QStringList fields;
    QString field;
    bool quoted = false;
    for (qsizetype i = 0; i < line.size(); ++i) {
        const QChar c = line[i];
        if (quoted) {
            if (c == QLatin1Char('"') && i + 1 < line.size() && line[i + 1] == QLatin1Char('"')) {
                field += c;
                ++i;
            } else if (c == QLatin1Char('"')) {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == QLatin1Char('"')) {
            quoted = true;
        } else if (c == QLatin1Char(',')) {
            fields << field;
            field.clear();
        } else {
            field += c;
        }
    }
    fields << field;
    return fields;
}

} // namespace

QString readFeatureTable(const QString &path, FeatureTable *table)
{
    const QString shown = QDir::toNativeSeparators(path);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return QStringLiteral("%1: %2").arg(shown, file.errorString());
    QTextStream in(&file);
    if (in.atEnd())
        return QStringLiteral("%1: empty file (a header row is needed)").arg(shown);
    const QStringList header = splitCsv(in.readLine().trimmed());
    int groupColumn = -1;
    QVector<int> numeric, carried;
    *table = FeatureTable {};
    for (int c = 0; c < header.size(); ++c) {
        const QString name = header[c].trimmed();
        if (name == QLatin1String("group"))
            groupColumn = c;
        else if (kCarried.contains(name)) {
            carried << c;
            table->carriedNames << name;
        } else {
            numeric << c;
            table->featureNames << name;
        }
    }
    if (numeric.isEmpty())
        return QStringLiteral("%1: no numeric columns in the header").arg(shown);
    table->columns = int(numeric.size());
    int lineNumber = 1;
    while (!in.atEnd()) {
        const QString line = in.readLine();
        ++lineNumber;
        if (line.trimmed().isEmpty())
            continue;
        const QStringList fields = splitCsv(line);
        if (fields.size() != header.size())
            return QStringLiteral("%1, line %2: %3 fields, the header has %4")
                .arg(shown)
                .arg(lineNumber)
                .arg(fields.size())
                .arg(header.size());
        for (int c : numeric) {
            bool ok = false;
            const float v = fields[c].trimmed().toFloat(&ok);
            if (!ok || !std::isfinite(v))
                return QStringLiteral("%1, line %2, column %3 (%4): '%5' is not a finite number")
                    .arg(shown)
                    .arg(lineNumber)
                    .arg(c + 1)
                    .arg(header[c], fields[c]);
            table->values.push_back(v);
        }
        table->groups << (groupColumn >= 0 ? fields[groupColumn].trimmed() : QString());
        QStringList row;
        for (int c : carried)
            row << fields[c];
        table->carried << row;
        ++table->rows;
    }
    if (table->rows == 0)
        return QStringLiteral("%1: no data rows").arg(shown);
    return {};
}

QString writeMap(
    const QString &path, const FeatureTable &table, const std::vector<float> &embedding)
{
    QByteArray bytes;
    QTextStream out(&bytes);
    out << "x,y,group";
    for (const QString &name : table.carriedNames)
        out << ',' << name;
    out << '\n';
    for (int i = 0; i < table.rows; ++i) {
        out << QString::number(embedding[2 * size_t(i)], 'g', 9) << ','
            << QString::number(embedding[2 * size_t(i) + 1], 'g', 9) << ','
            << csvField(table.groups[i]);
        for (const QString &field : table.carried[i])
            out << ',' << csvField(field);
        out << '\n';
    }
    out.flush();
    return writeFileAtomically(path, bytes);
}

QString writeFeatureTable(const QString &path, const FeatureTable &table)
{
    QByteArray bytes;
    QTextStream out(&bytes);
    out << "group";
    for (const QString &name : table.carriedNames)
        out << ',' << name;
    for (const QString &name : table.featureNames)
        out << ',' << csvField(name);
    out << '\n';
    for (int i = 0; i < table.rows; ++i) {
        out << csvField(table.groups[i]);
        for (const QString &field : table.carried[i])
            out << ',' << csvField(field);
        for (int c = 0; c < table.columns; ++c)
            out << ',' << QString::number(table.values[size_t(i) * table.columns + c], 'g', 8);
        out << '\n';
    }
    out.flush();
    return writeFileAtomically(path, bytes);
}

TableDomainGap domainGapOfTable(const FeatureTable &table, int k)
{
    const int domainColumn = int(table.carriedNames.indexOf(QStringLiteral("domain")));
    QStringList domains;
    QMap<QString, int> counts;
    for (int i = 0; i < table.rows; ++i) {
        const QString d = domainColumn >= 0 ? table.carried[i][domainColumn]
                                            : table.groups[i].section(QLatin1Char(' '), 0, 0);
        domains << d;
        ++counts[d];
    }
    TableDomainGap result;
    for (auto it = counts.begin(); it != counts.end(); ++it) {
        if (it.key().isEmpty())
            continue;
        if (result.domainA.isEmpty() || it.value() > counts[result.domainA]) {
            result.domainB = result.domainA;
            result.domainA = it.key();
        } else if (result.domainB.isEmpty() || it.value() > counts[result.domainB]) {
            result.domainB = it.key();
        }
    }
    if (result.domainB.isEmpty() || counts[result.domainA] < 2 || counts[result.domainB] < 2)
        return result;
    std::vector<float> points;
    std::vector<int> labels;
    for (int i = 0; i < table.rows; ++i) {
        if (domains[i] != result.domainA && domains[i] != result.domainB)
            continue;
        points.insert(points.end(), table.values.begin() + size_t(i) * table.columns,
            table.values.begin() + size_t(i + 1) * table.columns);
        labels.push_back(domains[i] == result.domainA ? 0 : 1);
    }
    result.gap = domainGap(points, int(labels.size()), table.columns, labels, k);
    result.valid = true;
    return result;
}

} // namespace pluvia::core
