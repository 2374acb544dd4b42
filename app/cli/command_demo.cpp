// SPDX-License-Identifier: GPL-3.0-or-later
// pluvia-cli demo: builds the demo workspace (the one the GUI opens on first start).
#include "app/cli/cli_command.h"
#include "app/cli/command_line.h"
#include "app/cli/console_progress.h"

#include "core/workspace/demo_workspace.h"

#include <QCommandLineParser>
#include <QTextStream>

namespace pluvia::cli {

int runDemo(const QStringList &arguments)
{
    const QString command = QStringLiteral("demo");
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Creates the demo workspace: paired synthetic rain, unpaired "
                       "realistic rain with hidden ground truth, clean images and time-lapse "
                       "scenes, from the mate-backgrounds nature photographs."));
    parser.addHelpOption();
    const QCommandLineOption outOption(QStringLiteral("out"),
        QStringLiteral("Workspace folder to create or extend."), QStringLiteral("dir"));
    const QCommandLineOption seedOption = makeSeedOption(1);
    const QCommandLineOption cropsOption(QStringLiteral("crops"),
        QStringLiteral("Crops per photograph (default 6)."), QStringLiteral("n"),
        QStringLiteral("6"));
    const QCommandLineOption backgroundsOption(QStringLiteral("backgrounds"),
        QStringLiteral("Folder of background photographs (default %1).")
            .arg(core::defaultDemoBackgroundsFolder()),
        QStringLiteral("dir"), core::defaultDemoBackgroundsFolder());
    const QCommandLineOption noVeilOption(QStringLiteral("no-veil"),
        QStringLiteral("Render the real-style sets (real_rainy, real_rainy_val, "
                       "real_rainy_test) without the realistic preset's veil (haze), to measure "
                       "which part of a method's gap is the veil, which additive models "
                       "O = B + R cannot represent."));
    const QCommandLineOption scenesOption(QStringLiteral("scenes"),
        QStringLiteral("Time-lapse scenes (default %1).").arg(core::DemoOptions().timeLapseScenes),
        QStringLiteral("n"), QString::number(core::DemoOptions().timeLapseScenes));
    parser.addOptions(
        { outOption, seedOption, cropsOption, scenesOption, backgroundsOption, noVeilOption });
    if (const auto done = parseCommandLine(parser, command, arguments, Positionals::Reject))
        return *done;
    if (!parser.isSet(outOption))
        return usageError(command, QStringLiteral("--out is required"));

    core::DemoOptions options;
    if (const QString e = readWholeNumber(parser, seedOption, 0, &options.seed); !e.isEmpty())
        return usageError(command, e);
    if (const QString e = readWholeNumber(parser, cropsOption, 1, &options.cropsPerPhoto, 100);
        !e.isEmpty())
        return usageError(command, e);
    if (const QString e = readWholeNumber(parser, scenesOption, 0, &options.timeLapseScenes, 1000);
        !e.isEmpty())
        return usageError(command, e);
    options.backgroundsFolder = parser.value(backgroundsOption);
    options.realRainVeil = !parser.isSet(noVeilOption);

    ConsoleProgress progress(QStringLiteral("demo"));
    const core::DemoReport report
        = core::buildDemoWorkspace(parser.value(outOption), options, progress.callback());
    progress.finish();
    QTextStream err(stderr);
    for (const QString &warning : report.warnings)
        err << "warning: " << warning << '\n';
    if (!report.ok())
        return failure(command, report.error);
    QTextStream out(stdout);
    out << "demo workspace " << parser.value(outOption) << " ("
        << QString::number(report.seconds, 'f', 1) << " s):\n";
    for (const core::DemoDatasetSummary &dataset : report.datasets)
        out << QStringLiteral("  %1%2%3  %4\n")
                   .arg(dataset.name, -17)
                   .arg(dataset.kind, -12)
                   .arg(dataset.items, 4)
                   .arg(dataset.path);
    for (const QString &note : report.notes)
        out << "note: " << note << '\n';
    return kExitOk;
}

} // namespace pluvia::cli
