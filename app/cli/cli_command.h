// SPDX-License-Identifier: GPL-3.0-or-later
// pluvia-cli's subcommands. Each takes its own arguments (arguments[0] is "pluvia-cli <name>",
// the rest what followed the subcommand on the command line), parses them with
// QCommandLineParser (so `--help` works), calls core, prints to stdout (results) and stderr
// (progress, warnings, errors) and returns the process exit code:
//   0 success, 1 failure of the operation (message names the file and the reason),
//   2 usage error (message says what is wrong and what is allowed).
#pragma once

#include <QMap>
#include <QString>
#include <QStringList>

namespace pluvia::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;

int runDemo(const QStringList &arguments); // command_demo.cpp
int runDataset(const QStringList &arguments); // command_dataset.cpp  (dataset inspect ...)
int runSynth(const QStringList &arguments); // command_synth.cpp
int runEval(const QStringList &arguments); // command_eval.cpp
int runCompare(const QStringList &arguments); // command_compare.cpp
int runMethods(const QStringList &arguments); // command_methods.cpp
int runTrain(const QStringList &arguments); // command_train.cpp
int runResume(const QStringList &arguments); // command_train.cpp
int runRuns(const QStringList &arguments); // command_runs.cpp
int runDerain(const QStringList &arguments); // command_derain.cpp
int runBench(const QStringList &arguments); // command_bench.cpp
int runGenerate(const QStringList &arguments); // command_generate.cpp
int runTsne(const QStringList &arguments); // command_tsne.cpp
int runGradients(const QStringList &arguments); // command_gradients.cpp
int runExportModel(const QStringList &arguments); // command_export_model.cpp
int runExportWeights(const QStringList &arguments); // command_export_weights.cpp
int runImportWeights(const QStringList &arguments); // command_import_weights.cpp
int runWorkspace(const QStringList &arguments); // command_workspace.cpp

// Sets LibTorch's intra-op threads from a --threads value. Returns "" or the usage message.
QString applyThreadsOption(const QString &value);

// --data ROLE=PATH entries into *data; false with *error naming a malformed entry.
bool parseDataOptions(const QStringList &entries, QMap<QString, QString> *data, QString *error);

// Prints "pluvia-cli <command>: <message>" to stderr and returns kExitUsage or kExitFailure.
int usageError(const QString &command, const QString &message);
int failure(const QString &command, const QString &message);
// The tail of a long command: each warning as "warning: …" on stderr, then failure(command,
// error) when there is an error. Returns kExitOk when the command goes on to print its result.
int warnOrFail(const QString &command, const QStringList &warnings, const QString &error);

} // namespace pluvia::cli
