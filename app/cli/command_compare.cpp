// SPDX-License-Identifier: GPL-3.0-or-later
// pluvia-cli compare: the results table of a paper, several checkpoints on several test sets
// (core/analysis/comparison.h), written as DIR/results.<format> and printed as Markdown.
#include "app/cli/cli_command.h"
#include "app/cli/command_line.h"
#include "app/cli/console_progress.h"

#include "core/analysis/comparison.h"
#include "core/analysis/comparison_figure.h"
#include "core/analysis/comparison_store.h"
#include "core/analysis/comparison_table.h"
#include "core/atomic_file.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QTextStream>

#include <algorithm>
#include <atomic>
#include <csignal>

namespace pluvia::cli {

namespace {

std::atomic<bool> g_cancel { false };

void onInterrupt(int)
{
    g_cancel = true;
}

// NAME=DATASET; DATASET is a folder, or the name of a dataset in the workspace's datasets/.
bool parseTestSet(const QString &entry, const QString &workspace, core::ComparisonTestSet *test)
{
    const qsizetype equals = entry.indexOf(QLatin1Char('='));
    if (equals <= 0 || equals == entry.size() - 1)
        return false;
    test->name = entry.left(equals);
    test->dataset = entry.mid(equals + 1);
    if (!QFileInfo(test->dataset).isDir() && !workspace.isEmpty()) {
        const QString named = QDir(workspace).filePath(QStringLiteral("datasets/") + test->dataset);
        if (QFileInfo(named).isDir())
            test->dataset = named;
    }
    return true;
}

QString writeText(const QString &path, const QString &text)
{
    return core::writeFileAtomically(path, text.toUtf8());
}

} // namespace

int runCompare(const QStringList &arguments)
{
    const QString command = QStringLiteral("compare");
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Derains each test set with each checkpoint and scores every result: one table with a row "
        "per model (the rainy input first; the temporal mean and median too when a set is "
        "time-lapse) and, per test set, PSNR and SSIM where it has ground truth and NIQE with "
        "--niqe (lower is better), the best of each column marked. Writes DIR/results.<format>, "
        "per-image CSVs in DIR/per-image/ and the derained images in DIR/outputs/, which are "
        "kept: adding a row, or running again after an interruption, derains only what is "
        "missing. Ctrl+C stops between images."));
    parser.addHelpOption();
    const QCommandLineOption workspace(QStringLiteral("workspace"),
        QStringLiteral("Workspace of --run and of test sets given by dataset name."),
        QStringLiteral("dir"));
    const QCommandLineOption checkpoint(QStringLiteral("checkpoint"),
        QStringLiteral("A checkpoint or model file: one row (repeat for more)."),
        QStringLiteral("file"));
    const QCommandLineOption run(QStringLiteral("run"),
        QStringLiteral("A run of --workspace (id or unique prefix): one row, with its best.pt or "
                       "else its last checkpoint (repeat for more)."),
        QStringLiteral("id"));
    const QCommandLineOption test(QStringLiteral("test"),
        QStringLiteral("A test set: NAME=DATASET, a folder or a dataset of --workspace (repeat "
                       "for more columns)."),
        QStringLiteral("name=dataset"));
    const QCommandLineOption niqe(QStringLiteral("niqe"),
        QStringLiteral("Also NIQE of every result (no reference; lower is better)."));
    const QCommandLineOption channel(QStringLiteral("channel"),
        QStringLiteral("PSNR/SSIM on y (MATLAB rgb2ycbcr Y, default) or rgb."),
        QStringLiteral("y|rgb"), QStringLiteral("y"));
    const QCommandLineOption out(QStringLiteral("out"),
        QStringLiteral("Folder for the table, the per-image CSVs and the derained images."),
        QStringLiteral("dir"));
    const QCommandLineOption format(QStringLiteral("format"),
        QStringLiteral("Table file format: md (default), csv, latex or json."),
        QStringLiteral("format"), QStringLiteral("md"));
    const QCommandLineOption device(QStringLiteral("device"),
        QStringLiteral("cpu (default) or cuda[:N]."), QStringLiteral("device"),
        QStringLiteral("cpu"));
    const QCommandLineOption figure(QStringLiteral("figure"),
        QStringLiteral("An image for DIR/figure.png and figure.pdf, by file name or stem in any "
                       "test set (repeat for more lines; default: the first image of the first "
                       "set)."),
        QStringLiteral("image"));
    const QCommandLineOption figureCrop(QStringLiteral("figure-crop"),
        QStringLiteral("The figure's crop, X,Y,WIDTH,HEIGHT in pixels (default: the centre, at "
                       "most 256 × 256)."),
        QStringLiteral("x,y,w,h"));
    const QCommandLineOption saved(QStringLiteral("saved"),
        QStringLiteral("A comparison kept in --workspace (the GUI's Compare tab lists it): with "
                       "--checkpoint/--run/--test, saves them under this name; alone, runs the "
                       "one saved. Its folder WORKSPACE/comparisons/NAME replaces --out."),
        QStringLiteral("name"));
    parser.addOptions({ workspace, checkpoint, run, test, niqe, channel, out, format, device,
        figure, figureCrop, saved });
    if (const auto done = parseCommandLine(parser, command, arguments, Positionals::Reject))
        return *done;
    const bool rowsOrTests = parser.isSet(test) || parser.isSet(checkpoint) || parser.isSet(run);
    if (parser.isSet(saved)) {
        if (!parser.isSet(workspace))
            return usageError(command, QStringLiteral("--saved needs --workspace"));
        if (parser.isSet(out))
            return usageError(command,
                QStringLiteral("--saved writes into WORKSPACE/comparisons/NAME: leave out --out"));
    } else if (!parser.isSet(out) || !parser.isSet(test)) {
        return usageError(
            command, QStringLiteral("give --out DIR and at least one --test NAME=DATASET"));
    }
    if (parser.isSet(saved) && rowsOrTests && !parser.isSet(test))
        return usageError(command, QStringLiteral("give at least one --test NAME=DATASET"));
    if (parser.isSet(run) && !parser.isSet(workspace))
        return usageError(command, QStringLiteral("--run needs --workspace"));

    core::ComparisonRequest request;
    request.outFolder = parser.isSet(saved)
        ? core::comparisonFolder(parser.value(workspace), parser.value(saved))
        : parser.value(out);
    request.niqe = parser.isSet(niqe);
    request.device = parser.value(device);
    if (!core::parseMetricChannel(parser.value(channel), &request.metrics.channel))
        return usageError(command,
            QStringLiteral("--channel \"%1\" is not one of: y, rgb").arg(parser.value(channel)));
    core::TableFormat tableFormat;
    if (!core::parseTableFormat(parser.value(format), &tableFormat))
        return usageError(command,
            QStringLiteral("--format \"%1\" is not one of: md, csv, latex, json")
                .arg(parser.value(format)));
    core::FigureRequest figureRequest;
    figureRequest.images = parser.values(figure);
    if (parser.isSet(figureCrop)) {
        const QStringList fields = parser.value(figureCrop).split(QLatin1Char(','));
        QVector<int> numbers;
        for (const QString &field : fields) {
            bool ok = false;
            numbers << field.trimmed().toInt(&ok);
            if (!ok || numbers.back() < 0)
                numbers.clear();
        }
        if (fields.size() != 4 || numbers.size() != 4 || numbers[2] == 0 || numbers[3] == 0)
            return usageError(command,
                QStringLiteral("--figure-crop \"%1\" is not X,Y,WIDTH,HEIGHT (whole pixels, "
                               "a positive size)")
                    .arg(parser.value(figureCrop)));
        figureRequest.crop = QRect(numbers[0], numbers[1], numbers[2], numbers[3]);
    }
    for (const QString &entry : parser.values(test)) {
        core::ComparisonTestSet set;
        if (!parseTestSet(entry, parser.value(workspace), &set))
            return usageError(
                command, QStringLiteral("--test \"%1\" is not NAME=DATASET").arg(entry));
        request.tests.append(set);
    }
    request.checkpoints = parser.values(checkpoint);
    for (const QString &id : parser.values(run)) {
        QString error;
        const QString path = core::comparisonCheckpointOfRun(parser.value(workspace), id, &error);
        if (path.isEmpty())
            return failure(command, error);
        request.checkpoints.append(path);
    }
    if (parser.isSet(saved)) {
        core::SavedComparison comparison;
        comparison.name = parser.value(saved);
        if (rowsOrTests) {
            comparison.checkpoints = request.checkpoints;
            comparison.tests = request.tests;
            comparison.niqe = request.niqe;
            if (const QString error = core::saveComparison(parser.value(workspace), comparison);
                !error.isEmpty())
                return failure(command, error);
        } else {
            QStringList problems;
            const QVector<core::SavedComparison> all
                = core::savedComparisons(parser.value(workspace), &problems);
            const auto found = std::find_if(all.cbegin(), all.cend(),
                [&](const core::SavedComparison &c) { return c.name == comparison.name; });
            if (found == all.cend())
                return failure(command,
                    QStringLiteral("%1 has no saved comparison \"%2\"%3")
                        .arg(QDir::toNativeSeparators(parser.value(workspace)), comparison.name,
                            problems.isEmpty() ? QString()
                                               : QStringLiteral(" (%1)").arg(
                                                   problems.join(QStringLiteral("; ")))));
            request.checkpoints = found->checkpoints;
            request.tests = found->tests;
            request.niqe = request.niqe || found->niqe;
        }
    }
    if (!QDir().mkpath(request.outFolder))
        return failure(
            command, QStringLiteral("%1: cannot create the folder").arg(request.outFolder));

    g_cancel = false;
    std::signal(SIGINT, onInterrupt);
    ConsoleProgress progress(QStringLiteral("compare (images)"));
    request.progress = progress.callback(&g_cancel);
    const core::ComparisonResult result = core::runComparison(request);
    progress.finish();
    std::signal(SIGINT, SIG_DFL);
    if (result.cancelled)
        return failure(command,
            QStringLiteral("cancelled; run the same command again to continue (%1 keeps what "
                           "was derained)")
                .arg(QDir::toNativeSeparators(request.outFolder)));
    if (const int code = warnOrFail(command, result.problems, result.error); code != kExitOk)
        return code;

    const QString path
        = QDir(request.outFolder)
              .filePath(QStringLiteral("results.") + core::tableFormatKey(tableFormat));
    if (const QString error = writeText(path, core::comparisonTable(result, tableFormat));
        !error.isEmpty())
        return failure(command, error);
    figureRequest.pngPath = QDir(request.outFolder).filePath(QStringLiteral("figure.png"));
    figureRequest.pdfPath = QDir(request.outFolder).filePath(QStringLiteral("figure.pdf"));
    if (const QString error = core::writeComparisonFigure(result, figureRequest); !error.isEmpty())
        return failure(command, error);
    QTextStream stdoutStream(stdout);
    stdoutStream << core::comparisonTable(result, core::TableFormat::Markdown) << '\n'
                 << QStringLiteral("%1 rows × %2 test sets in %3 s; table: %4; figure: %5\n")
                        .arg(result.rows.size())
                        .arg(result.tests.size())
                        .arg(result.seconds, 0, 'f', 1)
                        .arg(QDir::toNativeSeparators(path),
                            QDir::toNativeSeparators(figureRequest.pngPath));
    return kExitOk;
}

} // namespace pluvia::cli
