// SPDX-License-Identifier: GPL-3.0-or-later
// pluvia-cli synth: renders synthetic rain onto clean images and writes a paired dataset.
#include "app/cli/cli_command.h"
#include "app/cli/command_line.h"
#include "app/cli/console_progress.h"

#include "core/synth/rain_params.h"
#include "core/synth/synth_dataset.h"

#include <QCommandLineParser>
#include <QTextStream>

namespace pluvia::cli {

namespace {

QString parameterHelp()
{
    QString text = QStringLiteral("\nPresets:\n");
    for (const QString &name : core::rainPresetNames())
        text += QStringLiteral("  %1%2\n").arg(name, -13).arg(core::rainPresetDescription(name));
    text += QStringLiteral("\nParameters for --set (default, allowed):\n");
    for (const core::RainParameterInfo &info : core::rainParameterTable())
        text += QStringLiteral("  %1%2 %3  %4\n")
                    .arg(info.name, -15)
                    .arg(info.defaultText, -9)
                    .arg(info.rangeText(), -18)
                    .arg(info.help);
    return text;
}

} // namespace

int runSynth(const QStringList &arguments)
{
    const QString command = QStringLiteral("synth");
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Renders synthetic rain onto clean images and writes a paired dataset: "
                       "rain/, norain/, manifest.json with direction labels and provenance."));
    parser.addHelpOption();
    const QCommandLineOption cleanOption(QStringLiteral("clean"),
        QStringLiteral("Clean image folder or file (repeatable)."), QStringLiteral("path"));
    const QCommandLineOption outOption(QStringLiteral("out"),
        QStringLiteral("Output folder (created; must not hold a dataset)."), QStringLiteral("dir"));
    const QCommandLineOption presetOption(QStringLiteral("preset"),
        QStringLiteral("Preset, or a comma-separated list used in turn (default light)."),
        QStringLiteral("name"), QStringLiteral("light"));
    const QCommandLineOption countOption(QStringLiteral("count"),
        QStringLiteral("Rainy variants rendered per clean image (default 1)."), QStringLiteral("n"),
        QStringLiteral("1"));
    const QCommandLineOption seedOption
        = makeSeedOption(0, QStringLiteral("Random seed (default 0): same seed, same images."));
    const QCommandLineOption setOption(QStringLiteral("set"),
        QStringLiteral("Override a rain parameter, key=value (repeatable)."),
        QStringLiteral("k=v"));
    const QCommandLineOption threadsOption = makeThreadsOption(
        QStringLiteral("Worker threads (default: one per core)."), QStringLiteral("0"));
    const QCommandLineOption rainMapOption(QStringLiteral("rain-map"),
        QStringLiteral("Also write rainmap/: R = O - B as 16-bit PNG, R = 2 v / 65535 - 1."));
    const QCommandLineOption nameOption(QStringLiteral("name"),
        QStringLiteral("Dataset name in the manifest (default: the output folder's name)."),
        QStringLiteral("name"));
    parser.addOptions({ cleanOption, outOption, presetOption, countOption, seedOption, setOption,
        threadsOption, rainMapOption, nameOption });
    if (const auto done
        = parseCommandLine(parser, command, arguments, Positionals::Reject, parameterHelp))
        return *done;
    if (!parser.isSet(cleanOption) || !parser.isSet(outOption))
        return usageError(command, QStringLiteral("--clean and --out are required"));

    core::SynthRequest request;
    request.cleanInputs = parser.values(cleanOption);
    request.outFolder = parser.value(outOption);
    request.writeRainMap = parser.isSet(rainMapOption);
    request.datasetName = parser.value(nameOption);
    for (const QString &e : { readWholeNumber(parser, countOption, 1, &request.variantsPerImage),
             readWholeNumber(parser, seedOption, 0, &request.seed),
             readWholeNumber(parser, threadsOption, 0, &request.threads) })
        if (!e.isEmpty())
            return usageError(command, e);
    const QStringList presets
        = parser.value(presetOption).split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const QString &preset : presets) {
        std::optional<core::RainParams> params = core::rainPreset(preset.trimmed());
        if (!params)
            return usageError(command,
                QStringLiteral("unknown preset '%1'; allowed: %2")
                    .arg(preset, core::rainPresetNames().join(QLatin1String(", "))));
        const QString error = core::applyRainOverrides(&*params, parser.values(setOption));
        if (!error.isEmpty())
            return usageError(command, error);
        request.styles << core::SynthStyle { preset.trimmed(), *params };
    }
    if (request.styles.isEmpty())
        return usageError(command,
            QStringLiteral("--preset is empty; allowed: %1")
                .arg(core::rainPresetNames().join(QLatin1String(", "))));

    ConsoleProgress progress(QStringLiteral("synth"));
    request.progress = progress.callback();
    const core::SynthReport report = core::synthesizeDataset(request);
    progress.finish();
    if (const int code = warnOrFail(command, report.warnings, report.error); code != kExitOk)
        return code;
    QTextStream(stdout) << QStringLiteral("wrote %1 rainy images from %2 clean images to %3 "
                                          "(%4) in %5 s\n")
                               .arg(report.rainyImages)
                               .arg(report.cleanImages)
                               .arg(request.outFolder, report.manifestPath)
                               .arg(report.seconds, 0, 'f', 1);
    return kExitOk;
}

} // namespace pluvia::cli
