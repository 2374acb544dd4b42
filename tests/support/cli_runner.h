// SPDX-License-Identifier: GPL-3.0-or-later
// pluvia-cli as a user runs it: a real child process (the path comes from $PLUVIA_CLI).
#pragma once

#include <QString>
#include <QStringList>

namespace pluvia::test {

struct CliResult {
    int exitCode = -1; // -2: crashed or killed; -1: did not finish in time
    QString out;
    QString err;
};

CliResult runCli(const QStringList &arguments, int timeoutMs = 120000);

} // namespace pluvia::test
