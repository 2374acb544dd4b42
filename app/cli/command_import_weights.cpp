// SPDX-License-Identifier: GPL-3.0-or-later
// pluvia-cli import-weights: PyTorch state dicts (Pluvia's or a method's public code's) as a
// Pluvia model to derain with and to start training from.
#include "app/cli/cli_command.h"
#include "app/cli/command_line.h"

#include "core/checkpoint/weights_import.h"

#include <QCommandLineParser>
#include <QDir>
#include <QTextStream>

namespace pluvia::cli {

int runImportWeights(const QStringList &arguments)
{
    const QString command = QStringLiteral("import-weights");
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Loads a method's networks from PyTorch state dict files (torch.save) and writes them "
        "as a Pluvia model for derain, decompose, generate and `train --init`. A file may use "
        "Pluvia's names (export-weights) or those of the method's public code, e.g. JRGR's "
        "released latest_net_G3.pth for F_r with --preset reference-code (docs/methods.md has "
        "each mapping). Networks no file provides keep the seeded initialisation."));
    parser.addHelpOption();
    const QCommandLineOption method(
        QStringLiteral("method"), QStringLiteral("Method id."), QStringLiteral("id"));
    const QCommandLineOption preset(QStringLiteral("preset"),
        QStringLiteral("Preset whose networks the files fit (default paper; the public code's "
                       "files need reference-code)."),
        QStringLiteral("name"));
    const QCommandLineOption set(QStringLiteral("set"),
        QStringLiteral("Override a hyperparameter (repeatable)."), QStringLiteral("key=value"));
    const QCommandLineOption weights(QStringLiteral("weights"),
        QStringLiteral("A state dict file (repeatable): NETWORK=FILE for one network, or FILE "
                       "for every network it holds (prefixed keys, or a public file name such "
                       "as *_net_G3.pth)."),
        QStringLiteral("[network=]file"));
    const QCommandLineOption out(QStringLiteral("out"),
        QStringLiteral("Model file to write (.pt)."), QStringLiteral("file"));
    const QCommandLineOption seed(QStringLiteral("seed"),
        QStringLiteral("Seed of the networks no file provides (default 0)."), QStringLiteral("s"));
    parser.addOptions({ method, preset, set, weights, out, seed });
    if (const auto done = parseCommandLine(parser, command, arguments, Positionals::Reject))
        return *done;
    if (!parser.isSet(method) || !parser.isSet(weights) || !parser.isSet(out))
        return usageError(command, QStringLiteral("give --method, --weights and --out"));
    core::WeightsImportRequest request;
    request.method = parser.value(method);
    request.preset = parser.value(preset);
    request.overrides = parser.values(set);
    request.out = parser.value(out);
    bool seedOk = true;
    request.seed = parser.isSet(seed) ? parser.value(seed).toULongLong(&seedOk) : 0;
    if (!seedOk)
        return usageError(command, QStringLiteral("--seed takes a non-negative integer"));
    for (const QString &value : parser.values(weights)) {
        const int equals = value.indexOf(QLatin1Char('='));
        if (equals > 0)
            request.sources.append({ value.left(equals), value.mid(equals + 1) });
        else
            request.sources.append({ QString(), value });
    }
    const core::WeightsImportReport report = core::importWeights(request);
    if (!report.ok())
        return failure(command, report.error);
    QTextStream stream(stdout);
    for (const QString &line : report.imported)
        stream << line << '\n';
    if (!report.initialised.isEmpty())
        stream << QStringLiteral("not in the files (seeded initialisation): %1\n")
                      .arg(report.initialised.join(QStringLiteral(", ")));
    if (!report.unused.isEmpty())
        stream << QStringLiteral("unused (%1 tensors no network of Pluvia's takes): %2\n")
                      .arg(report.unused.size())
                      .arg(report.unused.mid(0, 4).join(QStringLiteral(", "))
                          + (report.unused.size() > 4 ? QStringLiteral(", …") : QString()));
    stream << QStringLiteral("%1: %2 model, %3 KB\n")
                  .arg(QDir::toNativeSeparators(request.out), request.method)
                  .arg(report.bytes / 1024);
    return kExitOk;
}

} // namespace pluvia::cli
