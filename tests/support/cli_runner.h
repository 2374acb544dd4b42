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

// `train` of a tiny quick JRGR (2-level U-Nets on crops of `cropSize`) into `workspace`, with
// `pairedDataset` as the synthetic pairs and its rainy images as the real rain, for `steps`
// steps, without previews, printing JSON. Callers append what their test is about.
QStringList tinyJrgrTrainArguments(
    const QString &workspace, const QString &pairedDataset, int cropSize, int steps);

} // namespace pluvia::test
