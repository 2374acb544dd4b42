// SPDX-License-Identifier: GPL-3.0-or-later
// pluvia-cli dataset inspect: kind, layout, counts, size statistics and problems of a dataset.
#include "app/cli/cli_command.h"
#include "app/cli/command_line.h"
#include "app/cli/console_progress.h"

#include "core/data/dataset.h"

#include <QCommandLineParser>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QTextStream>

namespace pluvia::cli {

namespace {

QJsonObject toJson(const core::DatasetInspection &inspection)
{
    const core::Dataset &dataset = inspection.dataset;
    const core::SizeStatistics &sizes = inspection.sizes;
    QJsonArray problems;
    for (const core::DatasetProblem &problem : inspection.problems)
        problems.append(QJsonObject { { QStringLiteral("path"), problem.path },
            { QStringLiteral("code"), core::datasetProblemCodeName(problem.code) },
            { QStringLiteral("message"), problem.message } });
    int labelled = 0;
    for (const core::DatasetPair &pair : dataset.pairs)
        labelled += pair.directionDeg ? 1 : 0;
    return QJsonObject {
        { QStringLiteral("root"), dataset.root },
        { QStringLiteral("kind"), core::datasetKindName(dataset.kind) },
        { QStringLiteral("layout"), dataset.layout },
        { QStringLiteral("counts"),
            QJsonObject { { QStringLiteral("pairs"), dataset.pairs.size() },
                { QStringLiteral("direction_labels"), labelled },
                { QStringLiteral("images"), dataset.images.size() },
                { QStringLiteral("scenes"), dataset.scenes.size() },
                { QStringLiteral("frames"), inspection.frameCount() },
                { QStringLiteral("problems"), inspection.problems.size() } } },
        { QStringLiteral("sizes"),
            QJsonObject { { QStringLiteral("files"), sizes.count },
                { QStringLiteral("min_width"), sizes.minWidth },
                { QStringLiteral("max_width"), sizes.maxWidth },
                { QStringLiteral("mean_width"), sizes.meanWidth },
                { QStringLiteral("min_height"), sizes.minHeight },
                { QStringLiteral("max_height"), sizes.maxHeight },
                { QStringLiteral("mean_height"), sizes.meanHeight } } },
        { QStringLiteral("problems"), problems },
    };
}

void printReport(const core::DatasetInspection &inspection)
{
    const core::Dataset &dataset = inspection.dataset;
    const core::SizeStatistics &sizes = inspection.sizes;
    QTextStream out(stdout);
    out << "dataset:  " << QDir::toNativeSeparators(dataset.root) << '\n'
        << "kind:     " << core::datasetKindName(dataset.kind) << '\n'
        << "layout:   " << dataset.layout << '\n';
    switch (dataset.kind) {
    case core::DatasetKind::Paired: {
        int labelled = 0;
        for (const core::DatasetPair &pair : dataset.pairs)
            labelled += pair.directionDeg ? 1 : 0;
        out << "pairs:    " << dataset.pairs.size() << " (" << labelled
            << " with a direction label)\n";
        break;
    }
    case core::DatasetKind::Unpaired:
        out << "images:   " << dataset.images.size() << '\n';
        break;
    case core::DatasetKind::TimeLapse: {
        int backgrounds = 0;
        for (const core::DatasetScene &scene : dataset.scenes)
            backgrounds += scene.background.isEmpty() ? 0 : 1;
        out << "scenes:   " << dataset.scenes.size() << " (" << inspection.frameCount()
            << " frames, " << backgrounds << " with a clean background)\n";
        break;
    }
    }
    if (sizes.count > 0)
        out << QStringLiteral(
            "sizes:    %1 files, width %2..%3 (mean %4), height %5..%6 (mean %7)\n")
                   .arg(sizes.count)
                   .arg(sizes.minWidth)
                   .arg(sizes.maxWidth)
                   .arg(sizes.meanWidth, 0, 'f', 1)
                   .arg(sizes.minHeight)
                   .arg(sizes.maxHeight)
                   .arg(sizes.meanHeight, 0, 'f', 1);
    out << "problems: " << inspection.problems.size();
    if (!inspection.problems.isEmpty()) {
        QMap<QString, int> perCode;
        for (const core::DatasetProblem &problem : inspection.problems)
            ++perCode[core::datasetProblemCodeName(problem.code)];
        QStringList parts;
        for (auto it = perCode.cbegin(); it != perCode.cend(); ++it)
            parts << QStringLiteral("%1 %2").arg(it.value()).arg(it.key());
        out << " (" << parts.join(QLatin1String(", ")) << "; skipped)";
    }
    out << '\n';
    for (const core::DatasetProblem &problem : inspection.problems)
        out << "  [" << core::datasetProblemCodeName(problem.code) << "] " << problem.message
            << '\n';
}

} // namespace

int runDataset(const QStringList &arguments)
{
    const QString command = QStringLiteral("dataset");
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("dataset inspect PATH: detects a dataset's kind and layout and reports "
                       "counts, image sizes and every problem file (problem files are skipped, "
                       "never fatal)."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("inspect"), QStringLiteral("The action."));
    parser.addPositionalArgument(QStringLiteral("PATH"), QStringLiteral("The dataset folder."));
    const QCommandLineOption kindOption(QStringLiteral("kind"),
        QStringLiteral("Dataset kind instead of detection: paired, unpaired or time-lapse."),
        QStringLiteral("kind"));
    const QCommandLineOption cropOption(QStringLiteral("crop"),
        QStringLiteral("Crop size: images with a shorter side are reported and skipped."),
        QStringLiteral("n"), QStringLiteral("0"));
    const QCommandLineOption jsonOption
        = makeJsonOption(QStringLiteral("Print the report as JSON."));
    parser.addOptions({ kindOption, cropOption, jsonOption });
    if (const auto done = parseCommandLine(parser, command, arguments, Positionals::Keep))
        return *done;
    const QStringList positional = parser.positionalArguments();
    if (positional.isEmpty() || positional[0] != QLatin1String("inspect"))
        return usageError(command, QStringLiteral("expected an action; allowed: inspect"));
    if (positional.size() != 2)
        return usageError(command, QStringLiteral("dataset inspect takes exactly one PATH"));

    core::InspectOptions options;
    if (parser.isSet(kindOption)) {
        core::DatasetKind kind;
        if (!core::parseDatasetKind(parser.value(kindOption), &kind))
            return usageError(command,
                QStringLiteral("unknown kind '%1'; allowed: paired, "
                               "unpaired, time-lapse")
                    .arg(parser.value(kindOption)));
        options.kind = kind;
    }
    if (const QString e = readWholeNumber(parser, cropOption, 0, &options.minSide); !e.isEmpty())
        return usageError(command, e);

    ConsoleProgress progress(QStringLiteral("inspect"));
    const core::DatasetInspection inspection
        = core::inspectDataset(positional[1], options, progress.callback());
    progress.finish();
    if (!inspection.ok())
        return failure(command, inspection.error);
    if (parser.isSet(jsonOption))
        QTextStream(stdout) << QJsonDocument(toJson(inspection)).toJson(QJsonDocument::Indented);
    else
        printReport(inspection);
    return kExitOk;
}

} // namespace pluvia::cli
