// SPDX-License-Identifier: GPL-3.0-or-later
// pluvia-cli generate: exports a generated rainy paired dataset with a trained checkpoint.
#include "app/cli/cli_command.h"
#include "app/cli/command_line.h"
#include "app/cli/console_progress.h"

#include "core/inference/dataset_generation.h"
#include "core/runtime/compute_runtime.h"

#include <QCommandLineParser>
#include <QTextStream>

namespace pluvia::cli {

int runGenerate(const QStringList &arguments)
{
    const QString command = QStringLiteral("generate");
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Exports a paired dataset of generated rainy images. JRGR turns a synthetic rainy version "
        "of each clean image into realistic rain (B + G_r(O_s - B)); the synthetic versions are "
        "rendered by Pluvia's synthesizer (--clean) or taken from a paired dataset (--pairs). "
        "UDRDR adds the rain it estimates in real rainy images (--real) to the clean images "
        "(x_ref = y + F1(x_real)). DerainCycleGAN makes rain from the clean image alone "
        "(r_n = G_R(Att(n), n)), or steered by the rain mask of real rainy images (--real). "
        "Writes OUT/rain, OUT/norain and a manifest with the provenance; the same command "
        "again finishes an interrupted export."));
    parser.addHelpOption();
    const QCommandLineOption checkpoint(QStringLiteral("checkpoint"),
        QStringLiteral("Checkpoint of a method that generates (e.g. jrgr)."),
        QStringLiteral("file"));
    const QCommandLineOption clean(QStringLiteral("clean"),
        QStringLiteral("Clean image folder or file (repeatable)."), QStringLiteral("path"));
    const QCommandLineOption pairs(QStringLiteral("pairs"),
        QStringLiteral("A paired dataset whose rainy images are the rain source."),
        QStringLiteral("dir"));
    const QCommandLineOption real(QStringLiteral("real"),
        QStringLiteral("Real rainy images or folder whose rain is carried over (udrdr) or "
                       "steers the rain (deraincyclegan; optional); repeatable."),
        QStringLiteral("path"));
    const QCommandLineOption out(
        QStringLiteral("out"), QStringLiteral("Output folder."), QStringLiteral("dir"));
    const QCommandLineOption rainPreset(QStringLiteral("rain-preset"),
        QStringLiteral("Synthesizer preset for --clean (default light)."), QStringLiteral("name"),
        QStringLiteral("light"));
    const QCommandLineOption set(QStringLiteral("set"),
        QStringLiteral("Synthesizer parameter for --clean, key=value (repeatable)."),
        QStringLiteral("k=v"));
    const QCommandLineOption seed = makeSeedOption();
    const QCommandLineOption device = makeDeviceOption();
    const QCommandLineOption name(
        QStringLiteral("name"), QStringLiteral("Dataset name."), QStringLiteral("name"));
    parser.addOptions({ checkpoint, clean, pairs, real, out, rainPreset, set, seed, device, name });
    if (const auto done = parseCommandLine(parser, command, arguments, Positionals::Reject))
        return *done;
    if (!parser.isSet(checkpoint) || !parser.isSet(out)
        || parser.isSet(clean) == parser.isSet(pairs))
        return usageError(command,
            QStringLiteral("give --checkpoint, --out and one of --clean DIR, --pairs DIR"));
    core::GenerateRequest request;
    request.checkpoint = parser.value(checkpoint);
    request.cleanInputs = parser.values(clean);
    request.pairs = parser.value(pairs);
    request.realInputs = parser.values(real);
    request.outFolder = parser.value(out);
    request.rainPreset = parser.value(rainPreset);
    request.rainOverrides = parser.values(set);
    request.device = parser.value(device);
    request.datasetName = parser.value(name);
    if (const QString e = readWholeNumber(parser, seed, 0, &request.seed); !e.isEmpty())
        return usageError(command, e);
    if (const QString e = core::checkComputeDevice(request.device); !e.isEmpty())
        return failure(command, e);
    ConsoleProgress progress(QStringLiteral("generate"));
    request.progress = progress.callback();
    const core::GenerateReport report = core::generateDataset(request);
    progress.finish();
    if (const int code = warnOrFail(command, report.warnings, report.error); code != kExitOk)
        return code;
    QTextStream(stdout) << QStringLiteral("wrote %1 generated pairs with %2 to %3 (%4) in %5 s%6\n")
                               .arg(report.pairs)
                               .arg(report.method, request.outFolder, report.manifestPath)
                               .arg(report.seconds, 0, 'f', 1)
                               .arg(report.resumed > 0
                                       ? QStringLiteral("; %1 of them kept from the interrupted "
                                                        "export")
                                             .arg(report.resumed)
                                       : QString());
    return kExitOk;
}

} // namespace pluvia::cli
