// SPDX-License-Identifier: GPL-3.0-or-later
// pluvia-cli: Pluvia's engine without a display (DESIGN.md §7).
#include "app/cli/cli_command.h"

#include "core/runtime/compute_runtime.h"

#include <QCoreApplication>
#include <QTextStream>

#include <algorithm>
#include <cstdio>
#include <functional>

namespace {

struct Command {
    const char *name;
    const char *summary;
    std::function<int(const QStringList &)> run;
};

const std::vector<Command> &commands()
{
    using namespace pluvia::cli;
    static const std::vector<Command> list = {
        { "demo", "create the demo workspace", runDemo },
        { "dataset", "inspect a dataset: kind, layout, counts, problems", runDataset },
        { "synth", "render synthetic rain onto clean images (paired dataset)", runSynth },
        { "eval", "PSNR / SSIM of derained images against ground truth, NIQE without", runEval },
        { "compare", "the results table: checkpoints × test sets, PSNR / SSIM / NIQE", runCompare },
        { "methods", "list methods, data roles, hyperparameters and presets", runMethods },
        { "train", "train a method; prints the run id and live progress", runTrain },
        { "resume", "continue a run from its latest checkpoint", runResume },
        { "runs", "the experiment store: list, show, export (CSV, TensorBoard)", runRuns },
        { "workspace", "check or repair a workspace's store (pluvia.db)", runWorkspace },
        { "derain", "derain images with a checkpoint or a starter model", runDerain },
        { "export-model", "a checkpoint's networks as a model to share (no optimiser state)",
            runExportModel },
        { "export-weights", "a checkpoint's networks as a PyTorch state dict (torch.load)",
            runExportWeights },
        { "import-weights", "PyTorch state dicts (Pluvia's or the public code's) as a model",
            runImportWeights },
        { "generate", "export a generated rainy paired dataset with a checkpoint", runGenerate },
        { "tsne", "2-D maps of feature vectors (t-SNE, PCA) and the domain-gap score", runTsne },
        { "gradients", "which loss term drives which network, at a checkpoint", runGradients },
        { "bench", "time training steps and inference of each method", runBench },
    };
    return list;
}

void printUsage(FILE *stream)
{
    QTextStream out(stream);
    out << "usage: pluvia-cli <command> [options]   (pluvia-cli <command> --help for details)\n\n"
        << "commands:\n";
    qsizetype width = 0;
    for (const Command &command : commands())
        width = std::max(width, qsizetype(qstrlen(command.name)));
    for (const Command &command : commands())
        out << QStringLiteral("  %1  %2\n")
                   .arg(QLatin1String(command.name), -int(width))
                   .arg(QString::fromUtf8(command.summary));
}

} // namespace

namespace pluvia::cli {

int usageError(const QString &command, const QString &message)
{
    QTextStream(stderr) << "pluvia-cli " << command << ": " << message << '\n';
    return kExitUsage;
}

QString applyThreadsOption(const QString &value)
{
    bool ok = false;
    const int threads = value.toInt(&ok);
    if (!ok || threads < 1)
        return QStringLiteral("--threads must be a whole number >= 1");
    pluvia::core::configureComputeThreads(threads);
    return {};
}

bool parseDataOptions(const QStringList &entries, QMap<QString, QString> *data, QString *error)
{
    for (const QString &entry : entries) {
        const qsizetype equals = entry.indexOf(QLatin1Char('='));
        if (equals <= 0) {
            *error = QStringLiteral("--data takes ROLE=PATH, got '%1'").arg(entry);
            return false;
        }
        data->insert(entry.left(equals), entry.mid(equals + 1));
    }
    return true;
}

int failure(const QString &command, const QString &message)
{
    QTextStream(stderr) << "pluvia-cli " << command << ": " << message << '\n';
    return kExitFailure;
}

int warnOrFail(const QString &command, const QStringList &warnings, const QString &error)
{
    QTextStream err(stderr);
    for (const QString &warning : warnings)
        err << "warning: " << warning << '\n';
    err.flush();
    return error.isEmpty() ? kExitOk : failure(command, error);
}

} // namespace pluvia::cli

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("pluvia-cli"));
    QCoreApplication::setOrganizationName(QStringLiteral("Pluvia"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PLUVIA_VERSION));
    pluvia::core::configureComputeThreads();

    const QStringList arguments = QCoreApplication::arguments();
    if (arguments.size() < 2 || arguments[1] == QLatin1String("--help")
        || arguments[1] == QLatin1String("-h") || arguments[1] == QLatin1String("help")) {
        printUsage(arguments.size() < 2 ? stderr : stdout);
        return arguments.size() < 2 ? pluvia::cli::kExitUsage : pluvia::cli::kExitOk;
    }
    if (arguments[1] == QLatin1String("--version")) {
        QTextStream(stdout) << "pluvia-cli " << PLUVIA_VERSION << '\n';
        return pluvia::cli::kExitOk;
    }
    for (const Command &command : commands()) {
        if (arguments[1] == QLatin1String(command.name)) {
            QStringList rest = arguments.mid(2);
            rest.prepend(QStringLiteral("pluvia-cli ") + QLatin1String(command.name));
            return command.run(rest);
        }
    }
    QTextStream(stderr) << "pluvia-cli: unknown command '" << arguments[1] << "'\n";
    printUsage(stderr);
    return pluvia::cli::kExitUsage;
}
