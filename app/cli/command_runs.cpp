// SPDX-License-Identifier: GPL-3.0-or-later
// pluvia-cli runs: the workspace's experiment store — list, show, export.
#include "app/cli/cli_command.h"
#include "app/cli/command_line.h"

#include "core/store/run_export.h"
#include "core/store/run_store.h"
#include "core/training/run_card.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTextStream>

#include <cmath>

namespace pluvia::cli {

namespace {

QJsonObject runToJson(const core::RunRecord &r)
{
    QJsonArray roles;
    for (const core::RunRole &role : r.roles)
        roles.append(QJsonObject { { QStringLiteral("role"), role.role },
            { QStringLiteral("path"), role.path }, { QStringLiteral("kind"), role.kind },
            { QStringLiteral("content"), role.content }, { QStringLiteral("items"), role.items },
            { QStringLiteral("content_hash"), role.contentHash },
            { QStringLiteral("note"), role.note } });
    return { { QStringLiteral("id"), r.id }, { QStringLiteral("experiment"), r.experiment },
        { QStringLiteral("method"), r.method }, { QStringLiteral("preset"), r.preset },
        { QStringLiteral("status"), core::runStatusName(r.status) },
        { QStringLiteral("step"), r.step }, { QStringLiteral("total_steps"), r.totalSteps },
        { QStringLiteral("seed"), QString::number(r.seed) }, { QStringLiteral("device"), r.device },
        { QStringLiteral("threads"), r.threads }, { QStringLiteral("params"), r.params },
        { QStringLiteral("roles"), roles }, { QStringLiteral("options"), r.options },
        { QStringLiteral("created"), r.created.toString(Qt::ISODateWithMs) },
        { QStringLiteral("updated"), r.updated.toString(Qt::ISODateWithMs) },
        { QStringLiteral("pluvia_version"), r.pluviaVersion },
        { QStringLiteral("libtorch"), r.libtorch }, { QStringLiteral("host"), r.host },
        { QStringLiteral("error"), r.error }, { QStringLiteral("note"), r.note } };
}

// The last value of a series, or NaN.
double lastValue(const core::RunStore &store, const QString &run, const QString &key)
{
    const core::MetricSeries series = store.series(run, key);
    return series.values.isEmpty() ? std::nan("") : series.values.back();
}

QString number(double value, int decimals)
{
    return std::isnan(value) ? QStringLiteral("-") : QString::number(value, 'f', decimals);
}

int list(const core::RunStore &store, bool json)
{
    QTextStream out(stdout);
    const QVector<core::RunRecord> runs = store.runs();
    if (json) {
        QJsonArray array;
        for (const core::RunRecord &r : runs)
            array.append(runToJson(r));
        out << QJsonDocument(array).toJson(QJsonDocument::Indented);
        return kExitOk;
    }
    out << QStringLiteral("%1%2%3%4%5%6\n")
               .arg(QStringLiteral("run"), -34)
               .arg(QStringLiteral("method"), -16)
               .arg(QStringLiteral("preset"), -10)
               .arg(QStringLiteral("status"), -12)
               .arg(QStringLiteral("step"), -16)
               .arg(QStringLiteral("loss/total   val PSNR-Y"));
    for (const core::RunRecord &r : runs)
        out << QStringLiteral("%1%2%3%4%5%6   %7\n")
                   .arg(r.id, -34)
                   .arg(r.method, -16)
                   .arg(r.preset, -10)
                   .arg(core::runStatusName(r.status), -12)
                   .arg(QStringLiteral("%1/%2").arg(r.step).arg(r.totalSteps), -16)
                   .arg(number(lastValue(store, r.id, QStringLiteral("loss/total")), 5), -10)
                   .arg(number(lastValue(store, r.id, QStringLiteral("val/psnr_y")), 2));
    return kExitOk;
}

int show(const core::RunStore &store, const core::RunRecord &r, bool json)
{
    QTextStream out(stdout);
    const QStringList keys = store.metricKeys(r.id);
    const QVector<core::ArtifactRecord> artifacts = store.artifacts(r.id);
    const QVector<core::RunEvent> events = store.events(r.id);
    if (json) {
        QJsonObject o = runToJson(r);
        QJsonObject metrics;
        for (const QString &key : keys) {
            const core::MetricSeries s = store.series(r.id, key);
            metrics.insert(key,
                QJsonObject { { QStringLiteral("points"), s.steps.size() },
                    { QStringLiteral("last_step"), s.steps.isEmpty() ? 0 : s.steps.back() },
                    { QStringLiteral("last_value"),
                        s.values.isEmpty() || std::isnan(s.values.back())
                            ? QJsonValue()
                            : QJsonValue(s.values.back()) } });
        }
        o.insert(QStringLiteral("metrics"), metrics);
        QJsonArray files;
        for (const core::ArtifactRecord &a : artifacts)
            files.append(QJsonObject { { QStringLiteral("kind"), a.kind },
                { QStringLiteral("path"), a.path }, { QStringLiteral("step"), a.step },
                { QStringLiteral("note"), a.note } });
        o.insert(QStringLiteral("artifacts"), files);
        QJsonArray history;
        for (const core::RunEvent &e : events)
            history.append(QJsonObject { { QStringLiteral("step"), e.step },
                { QStringLiteral("wall_time"), e.wallTime }, { QStringLiteral("kind"), e.kind },
                { QStringLiteral("message"), e.message } });
        o.insert(QStringLiteral("events"), history);
        o.insert(QStringLiteral("reproduce"),
            QJsonArray::fromStringList(core::reproduceArguments(r, store.workspaceFolder())));
        out << QJsonDocument(o).toJson(QJsonDocument::Indented);
        return kExitOk;
    }
    out << "run        " << r.id << '\n'
        << "method     " << r.method << " (preset " << r.preset << ")\n"
        << "status     " << core::runStatusName(r.status) << ", step " << r.step << " of "
        << r.totalSteps << '\n'
        << "seed       " << r.seed << ", device " << r.device << ", " << r.threads << " threads\n"
        << "created    " << r.created.toLocalTime().toString(Qt::ISODate) << " on " << r.host
        << ", Pluvia " << r.pluviaVersion << ", " << r.libtorch << '\n';
    if (!r.error.isEmpty())
        out << "error      " << r.error << '\n';
    out << "re-run     " << core::reproduceCommand(r, store.workspaceFolder()) << '\n';
    out << "\ndata\n";
    for (const core::RunRole &role : r.roles)
        out << QStringLiteral("  %1%2 %3 items, sha256 %4%5\n")
                   .arg(role.role, -20)
                   .arg(QDir::toNativeSeparators(role.path))
                   .arg(role.items)
                   .arg(role.contentHash.left(16))
                   .arg(role.note.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(role.note));
    out << "\nparameters\n";
    for (auto it = r.params.begin(); it != r.params.end(); ++it)
        out << QStringLiteral("  %1 = %2\n")
                   .arg(it.key(), -20)
                   .arg(it.value().toVariant().toString());
    out << "\nmetrics (points, last value)\n";
    for (const QString &key : keys) {
        const core::MetricSeries s = store.series(r.id, key);
        out << QStringLiteral("  %1%2 %3\n")
                   .arg(key, -28)
                   .arg(s.steps.size(), 8)
                   .arg(s.values.isEmpty() ? QStringLiteral("-")
                                           : QString::number(s.values.back(), 'g', 6));
    }
    out << "\nartifacts\n";
    for (const core::ArtifactRecord &a : artifacts)
        out << QStringLiteral("  %1%2 %3 %4\n")
                   .arg(a.kind, -11)
                   .arg(a.step, 8)
                   .arg(QDir::toNativeSeparators(a.path), a.note);
    out << "\nhistory\n";
    for (const core::RunEvent &e : events)
        out << QStringLiteral("  step %1  %2: %3\n").arg(e.step, 8).arg(e.kind, e.message);
    out << "\nre-run: pluvia-cli train --workspace " << store.workspaceFolder() << " --method "
        << r.method << " --preset " << r.preset;
    for (const core::RunRole &role : r.roles)
        if (!role.note.endsWith(QLatin1String("(fallback)")))
            out << " --data " << role.role << '=' << role.path;
    out << " --seed " << r.seed << " --steps " << r.totalSteps << '\n';
    return kExitOk;
}

} // namespace

int runRuns(const QStringList &arguments)
{
    const QString command = QStringLiteral("runs");
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "The experiment store of a workspace:\n"
        "  runs --workspace W list                    every run, newest first\n"
        "  runs --workspace W show RUN                parameters, data, metrics, files, history\n"
        "  runs --workspace W export RUN --csv FILE   every metric point as CSV\n"
        "  runs --workspace W export RUN --tensorboard DIR   a TensorBoard event file"));
    parser.addHelpOption();
    const QCommandLineOption workspace(
        QStringLiteral("workspace"), QStringLiteral("Workspace folder."), QStringLiteral("dir"));
    const QCommandLineOption json = makeJsonOption(QStringLiteral("Print JSON (list, show)."));
    const QCommandLineOption csv(QStringLiteral("csv"),
        QStringLiteral("export: CSV file to write."), QStringLiteral("file"));
    const QCommandLineOption tensorboard(QStringLiteral("tensorboard"),
        QStringLiteral("export: folder for a TensorBoard event file."), QStringLiteral("dir"));
    parser.addOptions({ workspace, json, csv, tensorboard });
    parser.addPositionalArgument(QStringLiteral("action"), QStringLiteral("list, show or export"));
    if (const auto done = parseCommandLine(parser, command, arguments, Positionals::Keep))
        return *done;
    const QStringList positional = parser.positionalArguments();
    const QString action = positional.value(0);
    if (!parser.isSet(workspace))
        return usageError(command, QStringLiteral("--workspace is required"));
    if (action != QLatin1String("list") && action != QLatin1String("show")
        && action != QLatin1String("export"))
        return usageError(command, QStringLiteral("give one of: list, show RUN, export RUN"));
    if (action != QLatin1String("list") && positional.size() != 2)
        return usageError(command, QStringLiteral("%1 needs one run id").arg(action));
    if (action == QLatin1String("export") && parser.isSet(csv) == parser.isSet(tensorboard))
        return usageError(
            command, QStringLiteral("export needs exactly one of --csv FILE, --tensorboard DIR"));
    if (!QFileInfo::exists(QDir(parser.value(workspace)).filePath(QStringLiteral("pluvia.db"))))
        return failure(command,
            QStringLiteral("%1: not a workspace (no pluvia.db)").arg(parser.value(workspace)));
    QString error;
    auto store = core::RunStore::open(parser.value(workspace), &error);
    if (!store)
        return failure(command, error);
    if (action == QLatin1String("list"))
        return list(*store, parser.isSet(json));
    const auto run = store->run(positional[1], &error);
    if (!run)
        return failure(command, error);
    if (action == QLatin1String("show"))
        return show(*store, *run, parser.isSet(json));
    if (parser.isSet(csv)) {
        if (const QString e = core::exportRunCsv(*store, run->id, parser.value(csv)); !e.isEmpty())
            return failure(command, e);
        QTextStream(stdout) << "wrote " << parser.value(csv) << '\n';
        return kExitOk;
    }
    QString file;
    if (const QString e
        = core::exportRunTensorBoard(*store, run->id, parser.value(tensorboard), &file);
        !e.isEmpty())
        return failure(command, e);
    QTextStream(stdout) << "wrote " << file << "  (tensorboard --logdir "
                        << parser.value(tensorboard) << ")\n";
    return kExitOk;
}

} // namespace pluvia::cli
