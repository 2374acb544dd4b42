// SPDX-License-Identifier: GPL-3.0-or-later
// The command-line handling every pluvia-cli subcommand shares: parsing with --help, the options
// several commands declare, and whole-number values with the usage messages scripts rely on
// (cli_command.h describes the exit codes).
#pragma once

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QString>
#include <QStringList>

#include <functional>
#include <limits>
#include <optional>
#include <type_traits>

namespace pluvia::cli {

// What parseCommandLine does with positional arguments: Reject makes the first one a usage
// error (for commands that take none); Keep leaves them to the command.
enum class Positionals { Reject, Keep };

// Parses arguments (as the run* functions receive them) into parser, which has the help option
// and the command's options. Returns the exit code when the command is done: a usage error, a
// rejected positional argument, or --help printed to stdout followed by extraHelp() when given.
// Returns std::nullopt when the command goes on.
std::optional<int> parseCommandLine(QCommandLineParser &parser, const QString &command,
    const QStringList &arguments, Positionals positionals,
    const std::function<QString()> &extraHelp = {});

// Options several commands declare; help is each command's own description where it differs.
// --seed: help defaults to "Random seed (default N).".
QCommandLineOption makeSeedOption(quint64 defaultSeed = 0, const QString &help = QString());
// --device: train and resume pass an empty default, to tell "not given" apart.
QCommandLineOption makeDeviceOption(const QString &help = QStringLiteral("cpu or cuda[:N]."),
    const QString &defaultDevice = QStringLiteral("cpu"));
QCommandLineOption makeThreadsOption(
    const QString &help, const QString &defaultThreads = QString());
QCommandLineOption makeJsonOption(const QString &help = QStringLiteral("Print JSON."));

namespace detail {
// readWholeNumber's work for every field type: *value in min..max and at most typeMax.
QString readWholeNumber(const QCommandLineParser &parser, const QCommandLineOption &option,
    quint64 min, std::optional<quint64> max, quint64 typeMax, quint64 *value);
} // namespace detail

// A whole-number option read into the field it sets: "" with *value set when the option's text
// is a whole number >= min (and <= max when given) that the field can hold, else the usage
// message "--NAME must be a whole number >= MIN", or "... in MIN..MAX" with a max. Values are
// parsed as the field's type is: unsigned 64-bit seeds keep their whole range.
template<typename Number>
QString readWholeNumber(const QCommandLineParser &parser, const QCommandLineOption &option,
    quint64 min, Number *value, std::optional<quint64> max = std::nullopt)
{
    static_assert(std::is_integral_v<Number>, "whole numbers only");
    quint64 parsed = 0;
    const QString error = detail::readWholeNumber(
        parser, option, min, max, quint64(std::numeric_limits<Number>::max()), &parsed);
    if (error.isEmpty())
        *value = Number(parsed);
    return error;
}

} // namespace pluvia::cli
