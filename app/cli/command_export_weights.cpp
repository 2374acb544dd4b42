// SPDX-License-Identifier: GPL-3.0-or-later
// pluvia-cli export-weights: a checkpoint's networks as a PyTorch state dict for Python.
#include "app/cli/cli_command.h"
#include "app/cli/command_line.h"

#include "core/checkpoint/weights_export.h"

#include <QCommandLineParser>
#include <QDir>
#include <QTextStream>

namespace pluvia::cli {

int runExportWeights(const QStringList &arguments)
{
    const QString command = QStringLiteral("export-weights");
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Writes a checkpoint's networks as a PyTorch state dict that Python reads with "
        "torch.load: one network under its own names (--network; load it with "
        "net.load_state_dict(torch.load(FILE)) into the PyTorch network of the same structure, "
        "as in bench/*_reference.py), or every network with its name as prefix "
        "(\"F_r.down.0.weight\")."));
    parser.addHelpOption();
    const QCommandLineOption checkpoint(QStringLiteral("checkpoint"),
        QStringLiteral("Checkpoint or exported model (.pt) written by Pluvia."),
        QStringLiteral("file"));
    const QCommandLineOption out(QStringLiteral("out"),
        QStringLiteral("State dict file to write (.pth)."), QStringLiteral("file"));
    const QCommandLineOption network(QStringLiteral("network"),
        QStringLiteral("Write this network alone, unprefixed (e.g. F_r; `pluvia-cli methods` "
                       "lists each method's networks)."),
        QStringLiteral("name"));
    parser.addOptions({ checkpoint, out, network });
    if (const auto done = parseCommandLine(parser, command, arguments, Positionals::Reject))
        return *done;
    if (!parser.isSet(checkpoint) || !parser.isSet(out))
        return usageError(command, QStringLiteral("give --checkpoint and --out"));
    const core::WeightsExportReport report
        = core::exportWeights(parser.value(checkpoint), parser.value(out), parser.value(network));
    if (!report.ok())
        return failure(command, report.error);
    QTextStream(stdout) << QStringLiteral("%1: %2 step %3, network(s) %4: %5 tensors, %6 KB\n")
                               .arg(QDir::toNativeSeparators(parser.value(out)), report.method)
                               .arg(report.step)
                               .arg(report.networks.join(QStringLiteral(", ")))
                               .arg(report.tensors)
                               .arg(report.bytes / 1024);
    return kExitOk;
}

} // namespace pluvia::cli
