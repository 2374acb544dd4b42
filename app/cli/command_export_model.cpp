// SPDX-License-Identifier: GPL-3.0-or-later
// pluvia-cli export-model: a checkpoint's method, parameters and networks as a model to share.
#include "app/cli/cli_command.h"
#include "app/cli/command_line.h"

#include "core/checkpoint/model_export.h"

#include <QCommandLineParser>
#include <QDir>
#include <QTextStream>

namespace pluvia::cli {

int runExportModel(const QStringList &arguments)
{
    const QString command = QStringLiteral("export-model");
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Writes a checkpoint's method, parameters and networks as a model for derain, generate "
        "and the layer viewer: without optimiser state, image pools, run id and time (about a "
        "third of a checkpoint trained with Adam; the same training gives the same file). A "
        "model cannot resume training."));
    parser.addHelpOption();
    const QCommandLineOption checkpoint(QStringLiteral("checkpoint"),
        QStringLiteral("Checkpoint file (.pt) written by a Pluvia run."), QStringLiteral("file"));
    const QCommandLineOption out(QStringLiteral("out"),
        QStringLiteral("Model file to write (.pt)."), QStringLiteral("file"));
    parser.addOptions({ checkpoint, out });
    if (const auto done = parseCommandLine(parser, command, arguments, Positionals::Reject))
        return *done;
    if (!parser.isSet(checkpoint) || !parser.isSet(out))
        return usageError(command, QStringLiteral("give --checkpoint and --out"));
    const core::ModelExportReport report
        = core::exportModel(parser.value(checkpoint), parser.value(out));
    if (!report.ok())
        return failure(command, report.error);
    QTextStream(stdout) << QStringLiteral("%1: %2 model, step %3, %4 KB\n")
                               .arg(QDir::toNativeSeparators(parser.value(out)), report.method)
                               .arg(report.step)
                               .arg(report.bytes / 1024);
    return kExitOk;
}

} // namespace pluvia::cli
