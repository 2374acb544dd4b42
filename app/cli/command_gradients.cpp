// SPDX-License-Identifier: GPL-3.0-or-later
// pluvia-cli gradients: which loss term drives which network, at a checkpoint.
#include "app/cli/cli_command.h"
#include "app/cli/command_line.h"
#include "app/cli/console_progress.h"

#include "core/analysis/gradient_shares.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include <cmath>

namespace pluvia::cli {

namespace {

QJsonObject toJson(const core::GradientSharesReport &report)
{
    QJsonArray terms;
    for (int t = 0; t < report.terms.size(); ++t) {
        QJsonObject norms, shares;
        for (int n = 0; n < report.networks.size(); ++n) {
            norms.insert(report.networks[n], report.norms[t][n]);
            if (t < report.shares.size() && !std::isnan(report.shares[t][n]))
                shares.insert(report.networks[n], report.shares[t][n]);
        }
        QJsonObject term { { QStringLiteral("name"), report.terms[t] },
            { QStringLiteral("norm"), norms } };
        if (t < report.shares.size())
            term.insert(QStringLiteral("share"), shares);
        terms.append(term);
    }
    return { { QStringLiteral("method"), report.method },
        { QStringLiteral("step"), report.checkpointStep },
        { QStringLiteral("stage"), report.stage },
        { QStringLiteral("networks"), QJsonArray::fromStringList(report.networks) },
        { QStringLiteral("terms"), terms } };
}

void printTable(const core::GradientSharesReport &report)
{
    QTextStream out(stdout);
    out << QStringLiteral("%1 at step %2 (stage %3): gradient norm of each weighted term per "
                          "network, and its share of the network's terms\n\n")
               .arg(report.method)
               .arg(report.checkpointStep)
               .arg(report.stage);
    int width = 10;
    for (const QString &term : report.terms)
        width = std::max(width, int(term.size()));
    out << QStringLiteral("%1").arg(QStringLiteral("term"), -width);
    for (const QString &network : report.networks)
        out << QStringLiteral("  %1").arg(network, 16);
    out << '\n';
    for (int t = 0; t < report.terms.size(); ++t) {
        out << QStringLiteral("%1").arg(report.terms[t], -width);
        for (int n = 0; n < report.networks.size(); ++n) {
            const double share = t < report.shares.size() ? report.shares[t][n] : std::nan("");
            out << QStringLiteral("  %1 %2")
                       .arg(report.norms[t][n], 9, 'g', 3)
                       .arg(std::isnan(share) ? QString()
                                              : QStringLiteral("%1%").arg(100.0 * share, 0, 'f', 0),
                           6);
        }
        out << '\n';
    }
}

} // namespace

int runGradients(const QStringList &arguments)
{
    const QString command = QStringLiteral("gradients");
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "For a checkpoint: the gradient each weighted term of the method's training objective "
        "sends into each network it updates (L2 norm over the network's parameters), averaged "
        "over batches of training crops, and each term's share of the network's terms. A term "
        "whose share dwarfs the others decides what the network learns."));
    parser.addHelpOption();
    const QCommandLineOption checkpoint(QStringLiteral("checkpoint"),
        QStringLiteral("The checkpoint (.pt)."), QStringLiteral("file"));
    const QCommandLineOption data(QStringLiteral("data"),
        QStringLiteral("ROLE=PATH for each role of the method (repeatable; default: the datasets "
                       "the checkpoint's run trained on, with --workspace)."),
        QStringLiteral("role=path"));
    const QCommandLineOption workspace(QStringLiteral("workspace"),
        QStringLiteral("Workspace of the checkpoint's run and its registered datasets."),
        QStringLiteral("dir"));
    const QCommandLineOption batches(QStringLiteral("batches"),
        QStringLiteral("Batches averaged (default 4)."), QStringLiteral("n"), QStringLiteral("4"));
    const QCommandLineOption batchSize(QStringLiteral("batch-size"),
        QStringLiteral("Crops per batch and role (default: the checkpoint's batch_size)."),
        QStringLiteral("n"), QStringLiteral("0"));
    const QCommandLineOption seed
        = makeSeedOption(0, QStringLiteral("Seed of the crops (default 0)."));
    const QCommandLineOption device = makeDeviceOption();
    const QCommandLineOption json = makeJsonOption();
    parser.addOptions({ checkpoint, data, workspace, batches, batchSize, seed, device, json });
    if (const auto done = parseCommandLine(parser, command, arguments, Positionals::Reject))
        return *done;
    if (!parser.isSet(checkpoint))
        return usageError(command, QStringLiteral("--checkpoint FILE is required"));
    core::GradientSharesRequest request;
    request.checkpoint = parser.value(checkpoint);
    request.workspace = parser.value(workspace);
    request.device = parser.value(device);
    if (QString e; !parseDataOptions(parser.values(data), &request.data, &e))
        return usageError(command, e);
    // One message names every constraint, in place of each whole number's own.
    if (!readWholeNumber(parser, batches, 1, &request.batches).isEmpty()
        || !readWholeNumber(parser, batchSize, 0, &request.batchSize).isEmpty()
        || !readWholeNumber(parser, seed, 0, &request.seed).isEmpty())
        return usageError(command,
            QStringLiteral("--batches >= 1, --batch-size >= 0 and --seed >= 0, whole numbers"));
    ConsoleProgress progress(QStringLiteral("batches"));
    request.progress = progress.callback();
    const core::GradientSharesReport report = core::measureGradientShares(request);
    progress.finish();
    if (!report.ok())
        return failure(command, report.error);
    if (parser.isSet(json))
        QTextStream(stdout) << QJsonDocument(toJson(report)).toJson();
    else
        printTable(report);
    return kExitOk;
}

} // namespace pluvia::cli
