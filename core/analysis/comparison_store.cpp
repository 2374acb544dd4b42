// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/analysis/comparison_store.h"

#include "core/analysis/comparison_figure.h"
#include "core/analysis/comparison_table.h"
#include "core/atomic_file.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace pluvia::core {

namespace {

constexpr const char *kFile = "comparison.json";

QString writeFile(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    return writeFileAtomically(path, bytes);
}

bool validName(const QString &name)
{
    return !name.trimmed().isEmpty() && name != QLatin1String(".") && name != QLatin1String("..")
        && !name.contains(QLatin1Char('/')) && !name.contains(QLatin1Char('\\'));
}

} // namespace

QString comparisonFolder(const QString &workspace, const QString &name)
{
    return QDir(workspace).filePath(QStringLiteral("comparisons/") + name);
}

QString saveComparison(const QString &workspace, const SavedComparison &comparison)
{
    if (!validName(comparison.name))
        return QStringLiteral("\"%1\" cannot name a comparison: give a name without slashes")
            .arg(comparison.name);
    QJsonArray tests;
    for (const ComparisonTestSet &test : comparison.tests)
        tests.append(QJsonObject {
            { QStringLiteral("name"), test.name }, { QStringLiteral("dataset"), test.dataset } });
    const QJsonObject json { { QStringLiteral("checkpoints"),
                                 QJsonArray::fromStringList(comparison.checkpoints) },
        { QStringLiteral("tests"), tests }, { QStringLiteral("niqe"), comparison.niqe } };
    return writeFile(
        QDir(comparisonFolder(workspace, comparison.name)).filePath(QLatin1String(kFile)),
        QJsonDocument(json).toJson());
}

QVector<SavedComparison> savedComparisons(const QString &workspace, QStringList *problems)
{
    QVector<SavedComparison> result;
    const QDir root(QDir(workspace).filePath(QStringLiteral("comparisons")));
    for (const QString &name : root.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        const QString path = root.filePath(name + QLatin1Char('/') + QLatin1String(kFile));
        QFile file(path);
        if (!file.exists())
            continue; // a folder of other things
        QJsonParseError error;
        const QJsonDocument document = file.open(QIODevice::ReadOnly)
            ? QJsonDocument::fromJson(file.readAll(), &error)
            : QJsonDocument();
        const QJsonObject json = document.object();
        if (!file.isOpen() || error.error != QJsonParseError::NoError
            || !json.value(QStringLiteral("checkpoints")).isArray()
            || !json.value(QStringLiteral("tests")).isArray()) {
            if (problems)
                *problems << QStringLiteral("%1: not a comparison (%2)")
                                 .arg(QDir::toNativeSeparators(path),
                                     file.isOpen() && error.error != QJsonParseError::NoError
                                         ? error.errorString()
                                         : QStringLiteral("no checkpoints and tests lists"));
            continue;
        }
        SavedComparison comparison;
        comparison.name = name;
        for (const QJsonValue &value : json.value(QStringLiteral("checkpoints")).toArray())
            comparison.checkpoints << value.toString();
        for (const QJsonValue &value : json.value(QStringLiteral("tests")).toArray())
            comparison.tests.append({ value.toObject().value(QStringLiteral("name")).toString(),
                value.toObject().value(QStringLiteral("dataset")).toString() });
        comparison.niqe = json.value(QStringLiteral("niqe")).toBool();
        result.append(comparison);
    }
    return result;
}

QString writeComparisonReports(const ComparisonResult &result)
{
    const QDir folder(result.outFolder);
    for (const TableFormat format :
        { TableFormat::Markdown, TableFormat::Csv, TableFormat::Latex, TableFormat::Json }) {
        const QString path = folder.filePath(QStringLiteral("results.") + tableFormatKey(format));
        if (const QString error = writeFile(path, comparisonTable(result, format).toUtf8());
            !error.isEmpty())
            return error;
    }
    FigureRequest figure;
    figure.pngPath = folder.filePath(QStringLiteral("figure.png"));
    figure.pdfPath = folder.filePath(QStringLiteral("figure.pdf"));
    return writeComparisonFigure(result, figure);
}

} // namespace pluvia::core
