// SPDX-License-Identifier: GPL-3.0-or-later
// pluvia-cli dataset inspect: kind, layout, counts, size statistics and problems of a dataset.
// pluvia-cli dataset import-video: videos become scenes of a time-lapse dataset.
#include "app/cli/cli_command.h"
#include "app/cli/command_line.h"
#include "app/cli/console_progress.h"

#include "core/data/dataset.h"
#include "core/data/dataset_manifest.h"
#include "core/data/video_import.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QTextStream>

#include <atomic>
#include <csignal>

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
        { QStringLiteral("layout_note"), dataset.layoutNote },
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
    if (!dataset.layoutNote.isEmpty())
        out << "          " << dataset.layoutNote << '\n';
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

std::atomic<bool> g_cancel { false };

void onInterrupt(int)
{
    g_cancel = true;
}

int runImportVideo(const QString &command, const QCommandLineParser &parser,
    const QStringList &videos, const QCommandLineOption &outOption,
    const QCommandLineOption &everyOption, const QCommandLineOption &maxFramesOption,
    const QCommandLineOption &sceneOption, const QCommandLineOption &jsonOption)
{
    if (videos.isEmpty())
        return usageError(command, QStringLiteral("dataset import-video takes one or more VIDEO"));
    if (!parser.isSet(outOption))
        return usageError(command, QStringLiteral("dataset import-video needs --out DIR"));
    core::VideoImportOptions options;
    if (const QString e = readWholeNumber(parser, everyOption, 1, &options.every); !e.isEmpty())
        return usageError(command, e);
    if (const QString e = readWholeNumber(parser, maxFramesOption, 0, &options.maxFrames);
        !e.isEmpty())
        return usageError(command, e);
    if (parser.isSet(sceneOption) && videos.size() > 1)
        return usageError(command, QStringLiteral("--scene names one scene: give one VIDEO"));
    options.sceneName = parser.value(sceneOption);

    g_cancel = false;
    std::signal(SIGINT, onInterrupt);
    QJsonArray scenes;
    QStringList errors;
    QTextStream out(stdout);
    QTextStream err(stderr);
    for (const QString &video : videos) {
        ConsoleProgress progress(QFileInfo(video).fileName());
        const core::VideoImportReport report = core::importVideo(
            video, parser.value(outOption), options, progress.callback(&g_cancel));
        progress.finish();
        if (!report.ok()) {
            err << "pluvia-cli " << command << ": " << report.error << '\n';
            errors.append(report.error);
            if (g_cancel)
                break;
            continue;
        }
        if (!report.warning.isEmpty())
            err << "warning: " << report.warning << '\n';
        QJsonObject json = core::videoImportJson(report);
        json.insert(QStringLiteral("scene"), report.sceneFolder);
        json.insert(QStringLiteral("appended_to_manifest"), report.appendedToManifest);
        scenes.append(json);
        if (!parser.isSet(jsonOption))
            out << QDir::toNativeSeparators(report.sceneFolder) << ": " << report.frames
                << " frames, " << report.width << "x" << report.height << ", "
                << QString::number(report.fps, 'f', 2) << " fps; camera shift median "
                << QString::number(report.medianShift, 'f', 2) << " px, max "
                << QString::number(report.maxShift, 'f', 2) << " px, first to last "
                << QString::number(report.drift, 'f', 2) << " px ("
                << (report.warning.isEmpty() ? "static" : "moving") << ")"
                << (report.appendedToManifest ? "; added to manifest.json" : "") << '\n';
    }
    if (parser.isSet(jsonOption))
        out << QJsonDocument(scenes).toJson(QJsonDocument::Indented);
    return errors.isEmpty() ? kExitOk : kExitFailure;
}

int pinDataset(const QString &command, const core::Dataset &dataset, bool swap)
{
    const QString error = core::pinPairedDataset(dataset, swap);
    if (!error.isEmpty())
        return failure(command, error);
    const core::DatasetPair &first = dataset.pairs.constFirst();
    const QString rainy = swap ? first.clean : first.rainy;
    const QString clean = swap ? first.rainy : first.clean;
    QTextStream(stdout) << QDir::toNativeSeparators(
        QDir(dataset.root).filePath(core::manifestFileName()))
                        << ": " << dataset.pairs.size() << " pairs, rainy like "
                        << QDir(dataset.root).relativeFilePath(rainy) << ", clean like "
                        << QDir(dataset.root).relativeFilePath(clean) << '\n';
    return kExitOk;
}

} // namespace

int runDataset(const QStringList &arguments)
{
    const QString command = QStringLiteral("dataset");
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "dataset inspect PATH: detects a dataset's kind and layout and reports counts, image "
        "sizes and every problem file (problem files are skipped, never fatal).\n"
        "dataset import-video VIDEO... --out DIR: each video becomes a scene of the time-lapse "
        "dataset DIR (frames as PNG, appended to DIR/manifest.json when there is one), with "
        "the camera's median frame-to-frame shift measured by phase correlation and a warning "
        "when it exceeds %1 px (or %2 px from the first to the last frame). Ctrl+C cancels; a "
        "failed import leaves nothing behind.\n"
        "dataset pin PATH [--swap]: writes the pairs as detected (rainy and clean swapped with "
        "--swap) to PATH/manifest.json, so that an inferred choice of the rainy side sticks.")
                                         .arg(core::staticCameraLimitPixels())
                                         .arg(core::cameraDriftLimitPixels()));
    parser.addHelpOption();
    parser.addPositionalArgument(
        QStringLiteral("action"), QStringLiteral("inspect, import-video or pin."));
    parser.addPositionalArgument(
        QStringLiteral("PATH"), QStringLiteral("The dataset folder, or the videos to import."));
    const QCommandLineOption kindOption(QStringLiteral("kind"),
        QStringLiteral("Dataset kind instead of detection: paired, unpaired or time-lapse."),
        QStringLiteral("kind"));
    const QCommandLineOption cropOption(QStringLiteral("crop"),
        QStringLiteral("Crop size: images with a shorter side are reported and skipped."),
        QStringLiteral("n"), QStringLiteral("0"));
    const QCommandLineOption jsonOption
        = makeJsonOption(QStringLiteral("Print the report as JSON."));
    const QCommandLineOption outOption(QStringLiteral("out"),
        QStringLiteral("import-video: the time-lapse dataset folder the scenes go into."),
        QStringLiteral("dir"));
    const QCommandLineOption everyOption(QStringLiteral("every"),
        QStringLiteral("import-video: keep every k-th frame (default 1)."), QStringLiteral("k"),
        QStringLiteral("1"));
    const QCommandLineOption maxFramesOption(QStringLiteral("max-frames"),
        QStringLiteral("import-video: stop after n kept frames (default 0: all)."),
        QStringLiteral("n"), QStringLiteral("0"));
    const QCommandLineOption sceneOption(QStringLiteral("scene"),
        QStringLiteral("import-video: the scene's folder name (default: the video's file name)."),
        QStringLiteral("name"));
    const QCommandLineOption swapOption(QStringLiteral("swap"),
        QStringLiteral("pin: the detected rainy side is the clean one, and the other way round."));
    parser.addOptions({ kindOption, cropOption, jsonOption, outOption, everyOption, maxFramesOption,
        sceneOption, swapOption });
    if (const auto done = parseCommandLine(parser, command, arguments, Positionals::Keep))
        return *done;
    const QStringList positional = parser.positionalArguments();
    if (!positional.isEmpty() && positional[0] == QLatin1String("import-video"))
        return runImportVideo(command, parser, positional.mid(1), outOption, everyOption,
            maxFramesOption, sceneOption, jsonOption);
    const bool pin = !positional.isEmpty() && positional[0] == QLatin1String("pin");
    if (positional.isEmpty() || (positional[0] != QLatin1String("inspect") && !pin))
        return usageError(
            command, QStringLiteral("expected an action; allowed: inspect, import-video, pin"));
    if (positional.size() != 2)
        return usageError(
            command, QStringLiteral("dataset %1 takes exactly one PATH").arg(positional[0]));

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
    if (pin)
        return pinDataset(command, inspection.dataset, parser.isSet(swapOption));
    if (parser.isSet(jsonOption))
        QTextStream(stdout) << QJsonDocument(toJson(inspection)).toJson(QJsonDocument::Indented);
    else
        printReport(inspection);
    return kExitOk;
}

} // namespace pluvia::cli
