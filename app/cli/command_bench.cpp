// SPDX-License-Identifier: GPL-3.0-or-later
// pluvia-cli bench: training-step and inference times of every method, with the thread count.
#include "app/cli/cli_command.h"
#include "app/cli/command_line.h"

#include "core/benchmark/method_benchmark.h"
#include "core/runtime/compute_runtime.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSysInfo>
#include <QTextStream>

namespace pluvia::cli {

int runBench(const QStringList &arguments)
{
    const QString command = QStringLiteral("bench");
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Times one training step of each method at its presets (paper, reference-code where a "
        "method has it, and quick by default; the last stage, e.g. JRGR's joint training), "
        "deraining a 512x512 image, and the cost of logging every loss term every step. Prints "
        "the median of --repeats runs after a warm-up."));
    parser.addHelpOption();
    const QCommandLineOption device = makeDeviceOption();
    const QCommandLineOption repeats(QStringLiteral("repeats"),
        QStringLiteral("Timed repetitions (default 3)."), QStringLiteral("k"), QStringLiteral("3"));
    const QCommandLineOption method(QStringLiteral("method"),
        QStringLiteral("Only this method (repeatable)."), QStringLiteral("id"));
    const QCommandLineOption preset(QStringLiteral("preset"),
        QStringLiteral("Only this preset (repeatable; default paper, reference-code, quick)."),
        QStringLiteral("name"));
    const QCommandLineOption threads
        = makeThreadsOption(QStringLiteral("Intra-op threads (default: one per core)."));
    const QCommandLineOption set(QStringLiteral("set"),
        QStringLiteral("Override a hyperparameter of every preset timed (repeatable)."),
        QStringLiteral("key=value"));
    const QCommandLineOption json = makeJsonOption();
    parser.addOptions({ device, repeats, method, preset, set, threads, json });
    if (const auto done = parseCommandLine(parser, command, arguments, Positionals::Reject))
        return *done;
    core::BenchmarkOptions options;
    if (const QString e = readWholeNumber(parser, repeats, 1, &options.repeats); !e.isEmpty())
        return usageError(command, e);
    if (parser.isSet(threads))
        if (const QString error = applyThreadsOption(parser.value(threads)); !error.isEmpty())
            return usageError(command, error);
    options.device = parser.value(device);
    options.methods = parser.values(method);
    if (parser.isSet(preset))
        options.presets = parser.values(preset);
    options.settings = parser.values(set);
    QTextStream out(stdout);
    const bool asJson = parser.isSet(json);
    if (!asJson)
        out << "# " << core::libtorchDescription() << ", " << core::computeThreads()
            << " intra-op threads, " << QSysInfo::prettyProductName() << ", median of "
            << options.repeats << '\n'
            << QStringLiteral("%1%2%3%4%5%6\n")
                   .arg(QStringLiteral("method"), -16)
                   .arg(QStringLiteral("preset"), -16)
                   .arg(QStringLiteral("task"), -16)
                   .arg(QStringLiteral("shape"), -30)
                   .arg(QStringLiteral("median ms"), 12)
                   .arg(QStringLiteral("   min ms"));
    out.flush();
    QJsonArray rows;
    const QString error = core::runMethodBenchmarks(options, [&](const core::BenchmarkResult &r) {
        if (asJson) {
            rows.append(QJsonObject { { QStringLiteral("method"), r.method },
                { QStringLiteral("preset"), r.preset }, { QStringLiteral("task"), r.task },
                { QStringLiteral("shape"), r.shape }, { QStringLiteral("device"), r.device },
                { QStringLiteral("threads"), r.threads },
                { QStringLiteral("median_ms"),
                    r.medianMs > 0 ? QJsonValue(r.medianMs) : QJsonValue() },
                { QStringLiteral("min_ms"), r.minMs > 0 ? QJsonValue(r.minMs) : QJsonValue() },
                { QStringLiteral("repeats"), r.repeats }, { QStringLiteral("note"), r.note } });
            return;
        }
        const bool measured = r.repeats > 0 && (r.medianMs > 0 || r.note.isEmpty());
        out << QStringLiteral("%1%2%3%4%5 %6\n")
                   .arg(r.method, -16)
                   .arg(r.preset, -16)
                   .arg(r.task, -16)
                   .arg(r.shape, -30)
                   .arg(measured ? QString::number(r.medianMs, 'f', 3) : QStringLiteral("-"), 12)
                   .arg(measured ? QString::number(r.minMs, 'f', 3) : QStringLiteral("-"), 9);
        if (!r.note.isEmpty())
            out << "    " << r.note << '\n';
        out.flush();
    });
    if (!error.isEmpty())
        return failure(command, error);
    if (asJson)
        out << QJsonDocument(
            QJsonObject { { QStringLiteral("libtorch"), core::libtorchDescription() },
                { QStringLiteral("threads"), core::computeThreads() },
                { QStringLiteral("results"), rows } })
                   .toJson(QJsonDocument::Indented);
    return kExitOk;
}

} // namespace pluvia::cli
