// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/command_line.h"

#include "app/cli/cli_command.h"

#include "core/data/listed_paths.h"
#include "core/image/image_info.h"

#include <QTextStream>

namespace pluvia::cli {

std::optional<int> parseCommandLine(QCommandLineParser &parser, const QString &command,
    const QStringList &arguments, Positionals positionals,
    const std::function<QString()> &extraHelp)
{
    // Every command reads images somewhere (datasets, checkpoints' previews, inputs), so every
    // command takes the pixel budget.
    const QCommandLineOption maxPixels(QStringLiteral("max-pixels"),
        QStringLiteral("Refuse images whose header declares more than n pixels (width x height; "
                       "default %1).")
            .arg(core::kDefaultMaxImagePixels),
        QStringLiteral("n"));
    parser.addOption(maxPixels);
    const QCommandLineOption outsideRoot(QStringLiteral("allow-outside-root"),
        QStringLiteral("Use files that a dataset's manifest.json or pair list names outside the "
                       "dataset's folder (refused by default)."));
    parser.addOption(outsideRoot);
    if (!parser.parse(arguments))
        return usageError(command, parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        // Qt's usage line starts with the program as it was typed ("build/app/pluvia-cli");
        // the command belongs there.
        QString help = parser.helpText();
        const qsizetype programEnd = help.indexOf(QLatin1String(" [options]"));
        if (help.startsWith(QLatin1String("Usage: ")) && programEnd > 0)
            help.replace(7, programEnd - 7, QStringLiteral("pluvia-cli ") + command);
        QTextStream out(stdout);
        out << help;
        if (extraHelp)
            out << extraHelp();
        return kExitOk;
    }
    if (parser.isSet(maxPixels)) {
        qint64 pixels = 0;
        if (const QString error = readWholeNumber(
                parser, maxPixels, 1, &pixels, quint64(std::numeric_limits<int>::max()));
            !error.isEmpty())
            return usageError(command, error);
        core::setMaxImagePixels(pixels);
    }
    core::setListedPathsMayLeaveRoot(parser.isSet(outsideRoot));
    if (positionals == Positionals::Reject && !parser.positionalArguments().isEmpty())
        return usageError(command,
            QStringLiteral("unexpected argument '%1'")
                .arg(parser.positionalArguments().constFirst()));
    return std::nullopt;
}

QCommandLineOption makeSeedOption(quint64 defaultSeed, const QString &help)
{
    const QString seed = QString::number(defaultSeed);
    return { QStringLiteral("seed"),
        help.isEmpty() ? QStringLiteral("Random seed (default %1).").arg(seed) : help,
        QStringLiteral("s"), seed };
}

QCommandLineOption makeDeviceOption(const QString &help, const QString &defaultDevice)
{
    return { QStringLiteral("device"), help, QStringLiteral("d"), defaultDevice };
}

QCommandLineOption makeThreadsOption(const QString &help, const QString &defaultThreads)
{
    return { QStringLiteral("threads"), help, QStringLiteral("n"), defaultThreads };
}

QCommandLineOption makeJsonOption(const QString &help)
{
    return { QStringLiteral("json"), help };
}

namespace detail {

QString readWholeNumber(const QCommandLineParser &parser, const QCommandLineOption &option,
    quint64 min, std::optional<quint64> max, quint64 typeMax, quint64 *value)
{
    const QString text = parser.value(option);
    bool ok = false;
    quint64 parsed = 0;
    // Read as the commands always have: seeds with toULongLong(), for all 64 bits; the other
    // fields with toLongLong(), which is toInt() before its range check (typeMax here).
    if (typeMax > quint64(std::numeric_limits<qint64>::max())) {
        parsed = text.toULongLong(&ok);
    } else {
        const qint64 signedValue = text.toLongLong(&ok);
        ok = ok && signedValue >= 0;
        parsed = quint64(signedValue);
    }
    if (ok && parsed >= min && parsed <= typeMax && (!max || parsed <= *max)) {
        *value = parsed;
        return {};
    }
    const QString name = option.names().constFirst();
    return max
        ? QStringLiteral("--%1 must be a whole number in %2..%3").arg(name).arg(min).arg(*max)
        : QStringLiteral("--%1 must be a whole number >= %2").arg(name).arg(min);
}

} // namespace detail

} // namespace pluvia::cli
