// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/training/run_card.h"

#include "core/catalogue/method_catalog.h"
#include "core/training/run_request.h"

#include <QJsonValue>
#include <QLocale>
#include <QRegularExpression>

namespace pluvia::core {

namespace {

QString jsonText(const QJsonValue &value)
{
    if (value.isBool())
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (value.isDouble())
        return QString::number(value.toDouble(), 'g', QLocale::FloatingPointShortest);
    return value.toString();
}

QString shellQuoted(const QString &argument)
{
    static const QRegularExpression plain(QStringLiteral("^[A-Za-z0-9_./=:+,@%-]+$"));
    if (plain.match(argument).hasMatch())
        return argument;
    QString quoted = argument;
    quoted.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

} // namespace

QStringList reproduceArguments(const RunRecord &run, const QString &workspace)
{
    QStringList args = { QStringLiteral("train"), QStringLiteral("--workspace"),
        workspace.isEmpty() ? QStringLiteral("WORKSPACE") : workspace, QStringLiteral("--method"),
        run.method };
    if (!run.preset.isEmpty() && run.preset != QLatin1String("paper"))
        args << QStringLiteral("--preset") << run.preset;
    QJsonObject presetParams;
    resolveMethodParameters(run.method, run.preset, {}, &presetParams);
    for (auto it = run.params.constBegin(); it != run.params.constEnd(); ++it)
        if (presetParams.value(it.key()) != it.value())
            args << QStringLiteral("--set")
                 << QStringLiteral("%1=%2").arg(it.key(), jsonText(it.value()));
    for (const RunRole &role : run.roles)
        if (!role.note.endsWith(QLatin1String("(fallback)")))
            args << QStringLiteral("--data") << QStringLiteral("%1=%2").arg(role.role, role.path);
    const EngineOptions defaults;
    const EngineOptions used = engineOptionsFromJson(run.options);
    args << QStringLiteral("--steps") << QString::number(run.totalSteps) << QStringLiteral("--seed")
         << QString::number(run.seed);
    if (run.device != QLatin1String("cpu"))
        args << QStringLiteral("--device") << run.device;
    auto option = [&](const char *flag, int value, int defaultValue) {
        if (value != defaultValue)
            args << QString::fromLatin1(flag) << QString::number(value);
    };
    option("--checkpoint-every", used.checkpointEvery, defaults.checkpointEvery);
    option("--keep-last", used.keepLast, defaults.keepLast);
    option("--validate-every", used.validateEvery, defaults.validateEvery);
    option("--validation-images", used.validationImages, defaults.validationImages);
    option("--preview-every", used.previewEvery, defaults.previewEvery);
    option("--log-every", used.logEvery, defaults.logEvery);
    if (!used.initWeights.isEmpty())
        args << QStringLiteral("--init") << used.initWeights;
    return args;
}

QString reproduceCommand(const RunRecord &run, const QString &workspace)
{
    QStringList quoted = { QStringLiteral("pluvia-cli") };
    for (const QString &argument : reproduceArguments(run, workspace))
        quoted << shellQuoted(argument);
    return quoted.join(QLatin1Char(' '));
}

QString runCard(const RunRecord &run, const QString &workspace)
{
    QStringList lines;
    lines << QStringLiteral("run %1 (%2, preset %3), %4 at step %5 of %6")
                 .arg(run.id, run.method,
                     run.preset.isEmpty() ? QStringLiteral("paper") : run.preset,
                     runStatusName(run.status))
                 .arg(run.step)
                 .arg(run.totalSteps);
    for (const RunRole &role : run.roles)
        lines << QStringLiteral("data %1: %2 (%3 items, SHA-256 %4)%5")
                     .arg(role.role, role.path)
                     .arg(role.items)
                     .arg(role.contentHash,
                         role.note.isEmpty() ? QString() : QStringLiteral(" — ") + role.note);
    for (const QString &notice : methodNotices(run.method, run.params))
        lines << QStringLiteral("note: %1").arg(notice);
    lines << QStringLiteral("seed %1 · device %2 · %3 threads")
                 .arg(run.seed)
                 .arg(run.device)
                 .arg(run.threads);
    lines << QStringLiteral("Pluvia %1 · LibTorch %2 · host %3")
                 .arg(run.pluviaVersion, run.libtorch, run.host);
    lines << QStringLiteral("re-run: %1").arg(reproduceCommand(run, workspace));
    return lines.join(QLatin1Char('\n'));
}

} // namespace pluvia::core
