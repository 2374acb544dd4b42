// SPDX-License-Identifier: GPL-3.0-or-later
// pluvia-cli train and pluvia-cli resume: a training run in the terminal.
#include "app/cli/cli_command.h"
#include "app/cli/command_line.h"
#include "app/cli/training_console.h"

#include "core/catalogue/method_catalog.h"
#include "core/runtime/compute_runtime.h"

#include <QCommandLineParser>
#include <QFileInfo>

namespace pluvia::cli {

namespace {

// Options shared by train and resume.
struct CommonOptions {
    QCommandLineOption workspace { QStringLiteral("workspace"),
        QStringLiteral("Workspace folder (created if missing)."), QStringLiteral("dir") };
    QCommandLineOption steps { QStringLiteral("steps"),
        QStringLiteral("Total training steps (default: the method's epochs)."),
        QStringLiteral("n") };
    // No default device: train keeps the request's, resume the run's.
    QCommandLineOption device = makeDeviceOption(
        QStringLiteral("cpu or cuda[:N] (default cpu; resume: the run's)."), QString());
    QCommandLineOption threads
        = makeThreadsOption(QStringLiteral("Intra-op threads (default: one per core)."));
    QCommandLineOption json
        = makeJsonOption(QStringLiteral("Print a JSON summary on stdout at the end."));
};

QString roleHelp()
{
    QString text = QStringLiteral("\nMethods and their data roles (--data ROLE=PATH):\n");
    for (const core::MethodInfo &method : core::availableMethods()) {
        text += QStringLiteral("  %1\n").arg(method.id);
        for (const core::MethodRoleInfo &role : method.roles)
            text += QStringLiteral("    %1%2 %3\n")
                        .arg(role.name, -20)
                        .arg(core::datasetKindName(role.kind), -11)
                        .arg(role.required ? QStringLiteral("required")
                                           : QStringLiteral("optional"));
    }
    text += QStringLiteral("\n`pluvia-cli methods METHOD` lists every parameter and preset.\n");
    return text;
}

} // namespace

int runTrain(const QStringList &arguments)
{
    const QString command = QStringLiteral("train");
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Trains a method on the given datasets; prints the run id, then a live progress line. "
        "Ctrl+C stops after the current step and writes a checkpoint (pluvia-cli resume "
        "continues)."));
    parser.addHelpOption();
    CommonOptions common;
    const QCommandLineOption method(
        QStringLiteral("method"), QStringLiteral("Method id."), QStringLiteral("id"));
    const QCommandLineOption data(QStringLiteral("data"),
        QStringLiteral("A data role's dataset: folder, manifest, or a dataset registered in the "
                       "workspace (repeatable)."),
        QStringLiteral("role=path"));
    const QCommandLineOption preset(QStringLiteral("preset"),
        QStringLiteral("paper (default), quick, ..."), QStringLiteral("name"));
    const QCommandLineOption set(QStringLiteral("set"),
        QStringLiteral("Override a hyperparameter (repeatable)."), QStringLiteral("key=value"));
    const QCommandLineOption seed = makeSeedOption();
    const QCommandLineOption checkpointEvery(QStringLiteral("checkpoint-every"),
        QStringLiteral("Steps between checkpoints (default 500)."), QStringLiteral("n"));
    const QCommandLineOption keepLast(QStringLiteral("keep-last"),
        QStringLiteral("Checkpoints kept besides the best (default 3)."), QStringLiteral("k"));
    const QCommandLineOption validateEvery(QStringLiteral("validate-every"),
        QStringLiteral("Steps between validations (default: at each checkpoint)."),
        QStringLiteral("n"));
    const QCommandLineOption validationImages(QStringLiteral("validation-images"),
        QStringLiteral("Validation images used (default 16)."), QStringLiteral("n"));
    const QCommandLineOption previewEvery(QStringLiteral("preview-every"),
        QStringLiteral("Steps between stored preview visuals (default 100; 0: none)."),
        QStringLiteral("n"));
    const QCommandLineOption logEvery(QStringLiteral("log-every"),
        QStringLiteral("Steps between logged losses (default 1: every step)."),
        QStringLiteral("n"));
    const QCommandLineOption loaderThreads(QStringLiteral("loader-threads"),
        QStringLiteral("Decoding threads per data role (default 2)."), QStringLiteral("n"));
    const QCommandLineOption timeLimit(QStringLiteral("time-limit"),
        QStringLiteral("Stop after this many minutes of training (resumable; default: none)."),
        QStringLiteral("minutes"));
    const QCommandLineOption init(QStringLiteral("init"),
        QStringLiteral("Start the networks from this checkpoint or model of the same method "
                       "(e.g. one import-weights wrote from the public code's release) and "
                       "fine-tune them; optimiser state starts afresh."),
        QStringLiteral("file"));
    const QCommandLineOption experiment(QStringLiteral("experiment"),
        QStringLiteral("Experiment the run belongs to."), QStringLiteral("name"));
    const QCommandLineOption note(QStringLiteral("note"),
        QStringLiteral("Free text kept with the run."), QStringLiteral("text"));
    parser.addOptions({ common.workspace, method, data, preset, set, common.steps, common.device,
        seed, common.threads, checkpointEvery, keepLast, validateEvery, validationImages,
        previewEvery, logEvery, loaderThreads, timeLimit, init, experiment, note, common.json });
    if (const auto done
        = parseCommandLine(parser, command, arguments, Positionals::Reject, roleHelp))
        return *done;
    if (!parser.isSet(common.workspace) || !parser.isSet(method))
        return usageError(command, QStringLiteral("--workspace and --method are required"));

    core::RunRequest request;
    request.workspace = parser.value(common.workspace);
    request.method = parser.value(method);
    request.preset = parser.value(preset);
    request.overrides = parser.values(set);
    request.experiment = parser.value(experiment);
    request.note = parser.value(note);
    if (parser.isSet(common.device))
        request.device = parser.value(common.device);
    if (QString e; !parseDataOptions(parser.values(data), &request.data, &e))
        return usageError(command, e);
    if (const QString e = readWholeNumber(parser, seed, 0, &request.seed); !e.isEmpty())
        return usageError(command, e);
    struct Count {
        const QCommandLineOption &option;
        quint64 min;
        std::function<void(qint64)> apply;
    };
    core::EngineOptions &engine = request.engine;
    const std::vector<Count> counts = {
        { common.steps, 1, [&](qint64 v) { engine.steps = v; } },
        { checkpointEvery, 1, [&](qint64 v) { engine.checkpointEvery = int(v); } },
        { keepLast, 1, [&](qint64 v) { engine.keepLast = int(v); } },
        { validateEvery, 0, [&](qint64 v) { engine.validateEvery = int(v); } },
        { validationImages, 1, [&](qint64 v) { engine.validationImages = int(v); } },
        { previewEvery, 0, [&](qint64 v) { engine.previewEvery = int(v); } },
        { logEvery, 1, [&](qint64 v) { engine.logEvery = int(v); } },
        { loaderThreads, 0, [&](qint64 v) { engine.loaderThreads = int(v); } },
    };
    for (const Count &count : counts) {
        if (!parser.isSet(count.option))
            continue;
        qint64 value = 0;
        if (const QString e = readWholeNumber(parser, count.option, count.min, &value);
            !e.isEmpty())
            return usageError(command, e);
        count.apply(value);
    }
    if (parser.isSet(common.threads))
        if (const QString error = applyThreadsOption(parser.value(common.threads));
            !error.isEmpty())
            return usageError(command, error);
    if (parser.isSet(timeLimit)) {
        bool ok = false;
        const double minutes = parser.value(timeLimit).toDouble(&ok);
        if (!ok || minutes <= 0)
            return usageError(
                command, QStringLiteral("--time-limit must be a number of minutes > 0"));
        engine.timeLimitSeconds = minutes * 60.0;
    }
    if (parser.isSet(init))
        engine.initWeights = QFileInfo(parser.value(init)).absoluteFilePath();
    // Parameters and method are checked here so usage errors exit with 2, before any work.
    QJsonObject params;
    if (const QString error
        = core::resolveMethodParameters(request.method, request.preset, request.overrides, &params);
        !error.isEmpty())
        return usageError(command, error);
    if (const QString error = core::checkComputeDevice(request.device); !error.isEmpty())
        return failure(command, error);
    return runTrainingToEnd(request, command, parser.isSet(common.json));
}

int runResume(const QStringList &arguments)
{
    const QString command = QStringLiteral("resume");
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Continues a run from its latest checkpoint: method, parameters, data, step, stage, "
        "schedules and random states are restored, so on the CPU the losses continue exactly "
        "as if the run had not stopped."));
    parser.addHelpOption();
    CommonOptions common;
    parser.addOptions(
        { common.workspace, common.steps, common.device, common.threads, common.json });
    parser.addPositionalArgument(
        QStringLiteral("run"), QStringLiteral("Run id (or a unique prefix)."));
    if (const auto done = parseCommandLine(parser, command, arguments, Positionals::Keep))
        return *done;
    if (!parser.isSet(common.workspace) || parser.positionalArguments().size() != 1)
        return usageError(command, QStringLiteral("give --workspace and one run id"));
    core::ResumeRequest request;
    request.workspace = parser.value(common.workspace);
    request.runId = parser.positionalArguments().constFirst();
    request.device = parser.value(common.device);
    if (parser.isSet(common.steps))
        if (const QString e = readWholeNumber(parser, common.steps, 1, &request.steps);
            !e.isEmpty())
            return usageError(command, e);
    if (parser.isSet(common.threads))
        if (const QString error = applyThreadsOption(parser.value(common.threads));
            !error.isEmpty())
            return usageError(command, error);
    if (!QFileInfo(request.workspace).isDir())
        return failure(command, QStringLiteral("%1: no such workspace").arg(request.workspace));
    return runTrainingToEnd(request, command, parser.isSet(common.json));
}

} // namespace pluvia::cli
