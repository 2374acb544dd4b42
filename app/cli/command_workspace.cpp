// SPDX-License-Identifier: GPL-3.0-or-later
// pluvia-cli workspace: check a workspace's store against SQLite's integrity check and its run
// folders, and repair it (core/checkpoint/workspace_repair.h).
#include "app/cli/cli_command.h"
#include "app/cli/command_line.h"

#include "core/checkpoint/workspace_repair.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QTextStream>

namespace pluvia::cli {

namespace {

int check(const QString &folder)
{
    const core::WorkspaceCheck result = core::checkWorkspace(folder);
    QTextStream out(stdout);
    out << "store:    " << result.storePath << '\n'
        << "runs:     " << result.storedRuns << " in the store\n";
    for (const QString &damage : result.damage)
        out << "damage:   " << damage << '\n';
    for (const QString &id : result.unindexedRuns)
        out << "unindexed run folder: runs/" << id << '\n';
    for (const QString &id : result.runsWithoutFolder)
        out << "note:     run " << id << " has no folder under runs/ (its files were removed)\n";
    if (result.ok()) {
        out << "ok\n";
        return kExitOk;
    }
    out.flush();
    return failure(QStringLiteral("workspace"),
        QStringLiteral("%1: %2 problem(s); `pluvia-cli workspace repair %3` rebuilds the store")
            .arg(result.storePath)
            .arg(result.damage.size() + result.unindexedRuns.size())
            .arg(QDir::toNativeSeparators(folder)));
}

int repair(const QString &folder)
{
    const core::WorkspaceRepair result = core::repairWorkspace(folder);
    QTextStream out(stdout);
    if (!result.savedCopy.isEmpty() && QFileInfo::exists(result.savedCopy))
        out << "saved:      " << QDir::toNativeSeparators(result.savedCopy)
            << " (the store as it was)\n";
    for (const core::RecoveredTable &table : result.tables)
        out << QStringLiteral("recovered:  %1 %2 row(s)%3\n")
                   .arg(table.table, -12)
                   .arg(table.rows)
                   .arg(table.lost.isEmpty() ? QString()
                                             : QStringLiteral(" (lost: %1)").arg(table.lost));
    for (const QString &id : result.reindexedRuns)
        out << "re-indexed: " << id << " from its checkpoints\n";
    out.flush();
    QTextStream err(stderr);
    for (const QString &problem : result.problems)
        err << "warning: " << problem << '\n';
    err.flush();
    if (!result.error.isEmpty())
        return failure(QStringLiteral("workspace"), result.error);
    out << "repaired\n";
    return kExitOk;
}

} // namespace

int runWorkspace(const QStringList &arguments)
{
    const QString command = QStringLiteral("workspace");
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "A workspace's store (pluvia.db), when Pluvia refuses it as damaged:\n"
        "  workspace check DIR    SQLite's full integrity check, missing tables, run folders the\n"
        "                         store does not list; exit 1 when anything is wrong\n"
        "  workspace repair DIR   copy pluvia.db aside (pluvia.db.damaged-<time>), rebuild it "
        "from\n"
        "                         every row still readable, re-index lost run folders from their\n"
        "                         checkpoints; run it while no other Pluvia uses the workspace"));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("action"), QStringLiteral("check or repair"));
    parser.addPositionalArgument(QStringLiteral("DIR"), QStringLiteral("the workspace folder"));
    if (const auto done = parseCommandLine(parser, command, arguments, Positionals::Keep))
        return *done;
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 2
        || (positional[0] != QLatin1String("check") && positional[0] != QLatin1String("repair")))
        return usageError(command, QStringLiteral("give check DIR or repair DIR"));
    if (!QFileInfo(positional[1]).isDir())
        return failure(command, QStringLiteral("%1: not a folder").arg(positional[1]));
    return positional[0] == QLatin1String("check") ? check(positional[1]) : repair(positional[1]);
}

} // namespace pluvia::cli
