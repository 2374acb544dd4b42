// SPDX-License-Identifier: GPL-3.0-or-later
// pluvia-cli derain: derains files and folders with a checkpoint or a starter model.
#include "app/cli/cli_command.h"
#include "app/cli/command_line.h"
#include "app/cli/console_progress.h"

#include "core/catalogue/starter_models.h"
#include "core/data/dataset.h"
#include "core/data/derain_outputs.h"
#include "core/inference/derain_request.h"
#include "core/inference/temporal_baseline.h"
#include "core/runtime/compute_runtime.h"

#include <QCommandLineParser>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include <atomic>
#include <csignal>
#include <optional>

namespace pluvia::cli {

namespace {

std::atomic<bool> g_cancel { false };

void onInterrupt(int)
{
    g_cancel = true;
}

} // namespace

int runDerain(const QStringList &arguments)
{
    const QString command = QStringLiteral("derain");
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Derains images with a checkpoint (its method and parameters are read from it) or one of "
        "the starter models Pluvia ships (demo models trained on synthetic rain over twelve "
        "photographs; --list-models names them). Writes "
        "OUT/<stem>.png (B) and, with --save-rain, OUT/rain/<stem>.png (R = O - B as 16-bit "
        "PNG, R = 2 v / 65535 - 1). Large images are processed tile by tile in bounded memory; "
        "Ctrl+C cancels between tiles. With --sequence the input is a time-lapse dataset whose "
        "frames are written as OUT/<scene>/<frame>.png, by a checkpoint or by a temporal "
        "baseline (--baseline)."));
    parser.addHelpOption();
    const QCommandLineOption checkpoint(QStringLiteral("checkpoint"),
        QStringLiteral("Checkpoint file (.pt) written by a Pluvia run."), QStringLiteral("file"));
    const QCommandLineOption model(QStringLiteral("model"),
        QStringLiteral("A starter model instead of a checkpoint (see --list-models)."),
        QStringLiteral("name"));
    const QCommandLineOption listModels(QStringLiteral("list-models"),
        QStringLiteral("Print the starter models' names, one per line, and exit."));
    const QCommandLineOption out(
        QStringLiteral("out"), QStringLiteral("Output folder."), QStringLiteral("dir"));
    const QCommandLineOption tile(QStringLiteral("tile"),
        QStringLiteral("Tile side in pixels, 0 for whole images, or auto (default): the largest "
                       "tile whose inference fits the memory budget, measured for the method. "
                       "An image that runs out of memory is retried with smaller tiles."),
        QStringLiteral("n|auto"), QStringLiteral("auto"));
    const QCommandLineOption memoryLimit(QStringLiteral("memory-limit"),
        QStringLiteral("CPU memory inference may use, in MB (default: half of what is "
                       "available)."),
        QStringLiteral("MB"));
    const QCommandLineOption saveRain(QStringLiteral("save-rain"), QStringLiteral("Also write R."));
    const QCommandLineOption intermediates(QStringLiteral("save-intermediates"),
        QStringLiteral("Also write the method's named intermediate images."));
    const QCommandLineOption device = makeDeviceOption();
    const QCommandLineOption skip(
        QStringLiteral("skip-existing"), QStringLiteral("Leave images whose output exists."));
    const QCommandLineOption overwrite(
        QStringLiteral("overwrite"), QStringLiteral("Replace existing outputs."));
    const QCommandLineOption sequence(QStringLiteral("sequence"),
        QStringLiteral("The input is one time-lapse dataset: derain every frame of every scene "
                       "into OUT/<scene>/<frame>.png (not the scenes' clean backgrounds)."));
    const QCommandLineOption baseline(QStringLiteral("baseline"),
        QStringLiteral("With --sequence, instead of a model: every frame's B is its scene's "
                       "temporal-mean or temporal-median over all frames (Cho et al. §IV-C-3)."),
        QStringLiteral("name"));
    const QCommandLineOption json = makeJsonOption(QStringLiteral("Print a JSON report."));
    parser.addOptions({ checkpoint, model, listModels, out, tile, memoryLimit, saveRain,
        intermediates, device, skip, overwrite, sequence, baseline, json });
    parser.addPositionalArgument(QStringLiteral("inputs"),
        QStringLiteral("Image files or folders."), QStringLiteral("INPUTS..."));
    if (const auto done = parseCommandLine(parser, command, arguments, Positionals::Keep))
        return *done;
    if (parser.isSet(listModels)) {
        QStringList problems;
        QTextStream stdOut(stdout), err(stderr);
        for (const core::StarterModel &starter : core::starterModels(&problems))
            stdOut << starter.name << '\n';
        for (const QString &problem : std::as_const(problems))
            err << "warning: " << problem << '\n';
        return kExitOk;
    }
    const int models
        = int(parser.isSet(checkpoint)) + int(parser.isSet(model)) + int(parser.isSet(baseline));
    if (models != 1 || !parser.isSet(out) || parser.positionalArguments().isEmpty())
        return usageError(command,
            QStringLiteral("give --checkpoint, --model or --baseline (one of them), --out and at "
                           "least one input"));
    std::optional<core::TemporalBaseline> temporal;
    if (parser.isSet(baseline)) {
        temporal = core::temporalBaselineNamed(parser.value(baseline));
        if (!temporal)
            return usageError(command,
                QStringLiteral("--baseline \"%1\" is not one of: %2")
                    .arg(parser.value(baseline),
                        core::temporalBaselineNames().join(QStringLiteral(", "))));
        if (!parser.isSet(sequence))
            return usageError(command,
                QStringLiteral("--baseline needs --sequence: a temporal baseline is computed "
                               "from the frames of a time-lapse dataset"));
    }
    core::Dataset frames;
    if (parser.isSet(sequence)) {
        if (parser.positionalArguments().size() != 1)
            return usageError(
                command, QStringLiteral("--sequence takes one time-lapse dataset folder"));
        core::InspectOptions inspect;
        inspect.kind = core::DatasetKind::TimeLapse;
        const core::DatasetInspection inspection
            = core::inspectDataset(parser.positionalArguments().constFirst(), inspect);
        if (!inspection.ok())
            return failure(command, inspection.error);
        QTextStream err(stderr);
        for (const core::DatasetProblem &problem : inspection.problems)
            err << "warning: " << problem.message << '\n';
        if (inspection.dataset.scenes.isEmpty())
            return failure(command,
                QStringLiteral("%1: no scene with at least two frames")
                    .arg(parser.positionalArguments().constFirst()));
        frames = inspection.dataset;
    }
    if (parser.isSet(skip) && parser.isSet(overwrite))
        return usageError(
            command, QStringLiteral("--skip-existing and --overwrite exclude each other"));
    bool ok = false;
    core::DerainRequest request;
    if (parser.value(tile) == QLatin1String("auto")) {
        request.tileSize = core::kAutoTileSize;
    } else {
        request.tileSize = parser.value(tile).toInt(&ok);
        if (!ok || request.tileSize < 0 || (request.tileSize > 0 && request.tileSize < 64))
            return usageError(
                command, QStringLiteral("--tile must be auto, 0 or a whole number >= 64"));
    }
    if (parser.isSet(memoryLimit)) {
        const double megabytes = parser.value(memoryLimit).toDouble(&ok);
        if (!ok || megabytes <= 0.0)
            return usageError(
                command, QStringLiteral("--memory-limit must be a positive size in MB"));
        request.memoryLimitBytes = qint64(megabytes * 1024 * 1024);
    }
    request.checkpoint = parser.value(checkpoint);
    if (parser.isSet(model)) {
        QString error;
        const std::optional<core::StarterModel> starter
            = core::findStarterModel(parser.value(model), &error);
        if (!starter)
            return usageError(command, error);
        request.checkpoint = starter->path;
    }
    request.outFolder = parser.value(out);
    request.inputs = parser.positionalArguments();
    if (parser.isSet(sequence))
        request.targets = core::sequenceTargets(frames);
    request.device = parser.value(device);
    request.saveRain = parser.isSet(saveRain);
    request.saveIntermediates = parser.isSet(intermediates);
    request.skipExisting = parser.isSet(skip);
    request.overwrite = parser.isSet(overwrite);
    if (const QString e = core::checkComputeDevice(request.device); !e.isEmpty())
        return failure(command, e);

    ConsoleProgress progress(QStringLiteral("derain (tiles)"));
    g_cancel = false;
    std::signal(SIGINT, onInterrupt);
    request.progress = progress.callback(&g_cancel);
    const core::DerainReport report = temporal
        ? core::derainSequenceWithBaseline(frames, *temporal, request)
        : core::derainImages(request);
    progress.finish();
    std::signal(SIGINT, SIG_DFL);
    if (const int code = warnOrFail(command, report.problems, report.error); code != kExitOk)
        return code;
    QTextStream stdOut(stdout);
    if (parser.isSet(json)) {
        QJsonArray files;
        for (const core::DerainedFile &f : report.files)
            files.append(QJsonObject { { QStringLiteral("input"), f.input },
                { QStringLiteral("outputs"), QJsonArray::fromStringList(f.outputs) },
                { QStringLiteral("width"), f.width }, { QStringLiteral("height"), f.height },
                { QStringLiteral("tiles"), f.tiles }, { QStringLiteral("tile_size"), f.tileSize },
                { QStringLiteral("retries"), f.retries },
                { QStringLiteral("seconds"), f.seconds } });
        stdOut << QJsonDocument(
            QJsonObject { { QStringLiteral("method"), report.method },
                { QStringLiteral("checkpoint_step"), report.checkpointStep },
                { QStringLiteral("memory_budget_bytes"), report.memoryBudgetBytes },
                { QStringLiteral("bytes_per_pixel"), report.bytesPerPixel },
                { QStringLiteral("files"), files },
                { QStringLiteral("skipped"), QJsonArray::fromStringList(report.skipped) },
                { QStringLiteral("problems"), QJsonArray::fromStringList(report.problems) },
                { QStringLiteral("cancelled"), report.cancelled },
                { QStringLiteral("seconds"), report.seconds } })
                      .toJson(QJsonDocument::Compact)
               << '\n';
    } else {
        if (report.bytesPerPixel > 0.0)
            stdOut << QStringLiteral(
                "tiles: automatic, %1 KB per tile pixel measured, budget %2 MB\n")
                          .arg(report.bytesPerPixel / 1024.0, 0, 'f', 1)
                          .arg(report.memoryBudgetBytes / (1024.0 * 1024.0), 0, 'f', 0);
        for (const core::DerainedFile &f : report.files)
            if (f.retries > 0)
                stdOut << QStringLiteral(
                    "%1: out of memory %2 time(s); derained with %3 px tiles\n")
                              .arg(QDir::toNativeSeparators(f.input))
                              .arg(f.retries)
                              .arg(f.tileSize);
        stdOut << QStringLiteral("derained %1 images with %2%3 in %4 s; %5 skipped, %6 "
                                 "problems%7\n")
                      .arg(report.files.size())
                      .arg(report.method)
                      .arg(temporal
                              ? QString()
                              : QStringLiteral(" (checkpoint step %1)").arg(report.checkpointStep))
                      .arg(report.seconds, 0, 'f', 1)
                      .arg(report.skipped.size())
                      .arg(report.problems.size())
                      .arg(report.cancelled ? QStringLiteral("; cancelled") : QString());
    }
    if (report.cancelled)
        return kExitFailure;
    return report.problems.isEmpty() ? kExitOk : kExitFailure;
}

} // namespace pluvia::cli
