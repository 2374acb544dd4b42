// SPDX-License-Identifier: GPL-3.0-or-later
#include "support/cli_runner.h"

#include <QProcess>

namespace pluvia::test {

CliResult runCli(const QStringList &arguments, int timeoutMs)
{
    QProcess process;
    process.start(qEnvironmentVariable("PLUVIA_CLI"), arguments);
    CliResult result;
    if (!process.waitForFinished(timeoutMs))
        return result;
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

QStringList tinyJrgrTrainArguments(
    const QString &workspace, const QString &pairedDataset, int cropSize, int steps)
{
    return { QStringLiteral("train"), QStringLiteral("--workspace"), workspace,
        QStringLiteral("--method"), QStringLiteral("jrgr"), QStringLiteral("--preset"),
        QStringLiteral("quick"), QStringLiteral("--set"),
        QStringLiteral("crop_size=%1").arg(cropSize), QStringLiteral("--set"),
        QStringLiteral("unet_levels=2"), QStringLiteral("--data"),
        QStringLiteral("synthetic_paired=") + pairedDataset, QStringLiteral("--data"),
        QStringLiteral("real_rainy=") + pairedDataset + QStringLiteral("/rain"),
        QStringLiteral("--steps"), QString::number(steps), QStringLiteral("--preview-every"),
        QStringLiteral("0"), QStringLiteral("--json") };
}

} // namespace pluvia::test
