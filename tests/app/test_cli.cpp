// SPDX-License-Identifier: GPL-3.0-or-later
// pluvia-cli as a user runs it: a real child process, its exit code and what it prints.
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest/QtTest>

namespace {

struct CliResult {
    int exitCode = -1;
    QString out;
    QString err;
};

CliResult runCli(const QStringList &arguments, int timeoutMs = 120000)
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

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(QFileInfo(qEnvironmentVariable("PLUVIA_CLI")).isExecutable()); }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("no command") << QStringList{} << QStringLiteral("usage");
        QTest::newRow("unknown command") << QStringList{QStringLiteral("frobnicate")}
                                         << QStringLiteral("frobnicate");
    }
    void usageErrors()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, mentions);
        const CliResult result = runCli(arguments);
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.contains(mentions), qPrintable(result.err));
    }

    void helpListsEveryCommand()
    {
        const CliResult result = runCli({QStringLiteral("--help")});
        QCOMPARE(result.exitCode, 0);
        for (const char *command : {"demo", "dataset", "synth", "eval"})
            QVERIFY2(result.out.contains(QLatin1String(command)), command);
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "test_cli.moc"
