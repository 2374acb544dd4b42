// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/analysis/comparison_table.h"
#include "core/csv_text.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>

#include <cmath>

namespace pluvia::core {

namespace {

enum Metric { Psnr = 0, Ssim = 1, Niqe = 2 };

double valueOf(const ComparisonCell &cell, int metric)
{
    if (!cell.measured)
        return std::nan("");
    return metric == Psnr ? cell.psnr : metric == Ssim ? cell.ssim : cell.niqe;
}

// The metrics a test set's columns show.
QVector<int> metricsOf(const ComparisonResult &result, int test)
{
    QVector<int> metrics;
    if (result.testHasGroundTruth.value(test))
        metrics << Psnr << Ssim;
    if (result.niqe)
        metrics << Niqe;
    return metrics;
}

QString metricName(const ComparisonResult &result, int metric)
{
    if (metric == Psnr)
        return psnrName(result.metrics);
    if (metric == Ssim)
        return ssimName(result.metrics);
    return niqeName(result.niqePlane) + QStringLiteral(" ↓");
}

QString formatted(double value, int metric)
{
    if (std::isnan(value))
        return {};
    if (std::isinf(value))
        return QStringLiteral("inf");
    return QString::number(value, 'f', metric == Psnr ? 2 : metric == Ssim ? 4 : 3);
}

QString conventions(const ComparisonResult &result)
{
    QStringList lines { QStringLiteral("PSNR: %1").arg(psnrConvention(result.metrics)),
        QStringLiteral("SSIM: %1").arg(ssimConvention(result.metrics)) };
    if (result.niqe)
        lines << QStringLiteral("NIQE: %1").arg(niqeConvention(result.niqePlane));
    lines << QStringLiteral("Best of each column marked.");
    return lines.join(QLatin1Char('\n'));
}

QString latexEscaped(QString text)
{
    for (const char *special : { "\\", "&", "%", "$", "#", "_", "{", "}" }) {
        const QString from = QString::fromLatin1(special);
        text.replace(from,
            from == QLatin1String("\\") ? QStringLiteral("\\textbackslash{}")
                                        : QLatin1Char('\\') + from);
    }
    return text;
}

QStringList rowHead(const ComparisonRow &row)
{
    return { row.label, row.runId, row.preset,
        row.kind == ComparisonRowKind::Checkpoint ? QString::number(row.step) : QString() };
}

QString markdown(const ComparisonResult &result)
{
    QStringList header { QStringLiteral("model"), QStringLiteral("run"), QStringLiteral("preset"),
        QStringLiteral("step") };
    for (int test = 0; test < result.tests.size(); ++test)
        for (const int metric : metricsOf(result, test))
            header << QStringLiteral("%1 %2").arg(
                result.tests[test].name, metricName(result, metric));
    QString text = conventions(result) + QStringLiteral("\n\n| ")
        + header.join(QStringLiteral(" | ")) + QStringLiteral(" |\n|")
        + QStringLiteral(" --- |").repeated(header.size()) + QLatin1Char('\n');
    for (int r = 0; r < result.rows.size(); ++r) {
        QStringList cells = rowHead(result.rows[r]);
        for (int test = 0; test < result.tests.size(); ++test)
            for (const int metric : metricsOf(result, test)) {
                const QString value
                    = formatted(valueOf(result.rows[r].cells[test], metric), metric);
                cells << (value.isEmpty() ? QStringLiteral("–")
                        : bestRows(result, test, metric).contains(r)
                        ? QStringLiteral("**%1**").arg(value)
                        : value);
            }
        text += QStringLiteral("| ") + cells.join(QStringLiteral(" | ")) + QStringLiteral(" |\n");
    }
    return text;
}

QString latex(const ComparisonResult &result)
{
    QStringList header { QStringLiteral("Model"), QStringLiteral("Run"), QStringLiteral("Preset"),
        QStringLiteral("Step") };
    int columns = 4;
    for (int test = 0; test < result.tests.size(); ++test)
        for (const int metric : metricsOf(result, test)) {
            header << latexEscaped(
                QStringLiteral("%1 %2").arg(result.tests[test].name, metricName(result, metric)))
                          .replace(QStringLiteral("↓"), QStringLiteral("$\\downarrow$"));
            ++columns;
        }
    QString text;
    for (const QString &line : conventions(result).split(QLatin1Char('\n')))
        text += QStringLiteral("% ") + line + QLatin1Char('\n');
    text += QStringLiteral("\\begin{tabular}{llll%1}\n\\toprule\n")
                .arg(QStringLiteral("r").repeated(columns - 4));
    text += header.join(QStringLiteral(" & ")) + QStringLiteral(" \\\\\n\\midrule\n");
    for (int r = 0; r < result.rows.size(); ++r) {
        QStringList cells;
        for (const QString &field : rowHead(result.rows[r]))
            cells << latexEscaped(field);
        for (int test = 0; test < result.tests.size(); ++test)
            for (const int metric : metricsOf(result, test)) {
                const QString value
                    = formatted(valueOf(result.rows[r].cells[test], metric), metric);
                cells << (value.isEmpty() ? QStringLiteral("--")
                        : bestRows(result, test, metric).contains(r)
                        ? QStringLiteral("\\textbf{%1}").arg(value)
                        : value);
            }
        text += cells.join(QStringLiteral(" & ")) + QStringLiteral(" \\\\\n");
    }
    return text + QStringLiteral("\\bottomrule\n\\end{tabular}\n");
}

QString csv(const ComparisonResult &result)
{
    QStringList header { QStringLiteral("model"), QStringLiteral("run"), QStringLiteral("preset"),
        QStringLiteral("step") };
    for (int test = 0; test < result.tests.size(); ++test)
        for (const int metric : metricsOf(result, test))
            header << csvField(
                QStringLiteral("%1 %2").arg(result.tests[test].name, metricName(result, metric)));
    QString text = header.join(QLatin1Char(',')) + QLatin1Char('\n');
    for (const ComparisonRow &row : result.rows) {
        QStringList cells;
        for (const QString &field : rowHead(row))
            cells << csvField(field);
        for (int test = 0; test < result.tests.size(); ++test)
            for (const int metric : metricsOf(result, test)) {
                const double value = valueOf(row.cells[test], metric);
                cells << (std::isnan(value) ? QString() : QString::number(value, 'g', 12));
            }
        text += cells.join(QLatin1Char(',')) + QLatin1Char('\n');
    }
    return text;
}

QJsonValue jsonNumber(double value)
{
    if (std::isnan(value))
        return QJsonValue::Null;
    if (std::isinf(value))
        return QStringLiteral("inf");
    return value;
}

QString json(const ComparisonResult &result)
{
    QJsonArray tests;
    for (int test = 0; test < result.tests.size(); ++test)
        tests.append(QJsonObject { { QStringLiteral("name"), result.tests[test].name },
            { QStringLiteral("dataset"), result.tests[test].dataset },
            { QStringLiteral("ground_truth"), result.testHasGroundTruth.value(test) } });
    QJsonArray rows;
    for (int r = 0; r < result.rows.size(); ++r) {
        const ComparisonRow &row = result.rows[r];
        QJsonArray cells;
        for (int test = 0; test < row.cells.size(); ++test) {
            const ComparisonCell &cell = row.cells[test];
            QJsonObject best;
            for (const int metric : metricsOf(result, test))
                best.insert(metric == Psnr ? QStringLiteral("psnr")
                        : metric == Ssim   ? QStringLiteral("ssim")
                                           : QStringLiteral("niqe"),
                    bestRows(result, test, metric).contains(r));
            cells.append(QJsonObject { { QStringLiteral("test"), result.tests[test].name },
                { QStringLiteral("measured"), cell.measured },
                { QStringLiteral("images"), cell.images },
                { QStringLiteral("psnr"), jsonNumber(cell.psnr) },
                { QStringLiteral("ssim"), jsonNumber(cell.ssim) },
                { QStringLiteral("niqe"), jsonNumber(cell.niqe) },
                { QStringLiteral("note"), cell.note }, { QStringLiteral("best"), best } });
        }
        static const char *const kKinds[]
            = { "input", "checkpoint", "temporal-mean", "temporal-median" };
        rows.append(QJsonObject { { QStringLiteral("label"), row.label },
            { QStringLiteral("kind"), QString::fromLatin1(kKinds[int(row.kind)]) },
            { QStringLiteral("checkpoint"), row.checkpoint },
            { QStringLiteral("method"), row.method }, { QStringLiteral("run"), row.runId },
            { QStringLiteral("preset"), row.preset }, { QStringLiteral("step"), row.step },
            { QStringLiteral("key"), row.key }, { QStringLiteral("cells"), cells } });
    }
    QJsonObject object { { QStringLiteral("psnr_convention"), psnrConvention(result.metrics) },
        { QStringLiteral("ssim_convention"), ssimConvention(result.metrics) },
        { QStringLiteral("tests"), tests }, { QStringLiteral("rows"), rows },
        { QStringLiteral("problems"), QJsonArray::fromStringList(result.problems) },
        { QStringLiteral("seconds"), result.seconds } };
    if (result.niqe)
        object.insert(QStringLiteral("niqe_convention"), niqeConvention(result.niqePlane));
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Indented));
}

} // namespace

QString tableFormatKey(TableFormat format)
{
    switch (format) {
    case TableFormat::Markdown:
        return QStringLiteral("md");
    case TableFormat::Csv:
        return QStringLiteral("csv");
    case TableFormat::Latex:
        return QStringLiteral("latex");
    case TableFormat::Json:
        return QStringLiteral("json");
    }
    return {};
}

bool parseTableFormat(const QString &key, TableFormat *format)
{
    for (const TableFormat candidate :
        { TableFormat::Markdown, TableFormat::Csv, TableFormat::Latex, TableFormat::Json }) {
        if (key == tableFormatKey(candidate)) {
            *format = candidate;
            return true;
        }
    }
    return false;
}

QVector<int> bestRows(const ComparisonResult &result, int test, int metric)
{
    QVector<int> rows;
    double best = std::nan("");
    for (int r = 0; r < result.rows.size(); ++r) {
        const double value = valueOf(result.rows[r].cells.value(test), metric);
        if (std::isnan(value))
            continue;
        const bool better = std::isnan(best) || (metric == Niqe ? value < best : value > best);
        if (better) {
            best = value;
            rows = { r };
        } else if (value == best) {
            rows << r;
        }
    }
    return rows;
}

QString comparisonTable(const ComparisonResult &result, TableFormat format)
{
    switch (format) {
    case TableFormat::Markdown:
        return markdown(result);
    case TableFormat::Csv:
        return csv(result);
    case TableFormat::Latex:
        return latex(result);
    case TableFormat::Json:
        return json(result);
    }
    return {};
}

} // namespace pluvia::core
