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

} // namespace pluvia::test
