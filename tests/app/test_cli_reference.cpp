// SPDX-License-Identifier: GPL-3.0-or-later
// The man pages and shell completions made from the programs' --help (tools/cli_reference.py,
// built as the cli-reference target into $PLUVIA_REFERENCE): the completions complete what a
// user types, and the pages hold every command and option and render without a warning.
#include "support/cli_runner.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest/QtTest>

using pluvia::test::CliResult;
using pluvia::test::runCli;

namespace {

QString reference(const QString &relative)
{
    return QDir(qEnvironmentVariable("PLUVIA_REFERENCE")).filePath(relative);
}

struct Output {
    int exitCode = -1;
    QString out;
    QString err;
};

Output run(const QString &program, const QStringList &arguments)
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
    environment.insert(QStringLiteral("MANWIDTH"), QStringLiteral("200"));
    process.setProcessEnvironment(environment);
    process.start(program, arguments);
    if (!process.waitForFinished(60000))
        return {};
    return { process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2,
        QString::fromUtf8(process.readAllStandardOutput()),
        QString::fromUtf8(process.readAllStandardError()) };
}

// What bash's completion offers for the command line `words` (the last one being completed),
// as a user's <TAB> would get it, run by bash itself.
QStringList bashCompletion(const QString &script, const QString &function, const QStringList &words)
{
    QString wordsArray;
    for (const QString &word : words)
        wordsArray += QLatin1Char('\'') + word + QStringLiteral("' ");
    const QString program = QStringLiteral(
        "source '%1'\nCOMP_WORDS=(%2)\nCOMP_CWORD=%3\n%4\nprintf '%s\\n' \"${COMPREPLY[@]}\"\n")
                                .arg(script, wordsArray)
                                .arg(words.size() - 1)
                                .arg(function);
    const Output output = run(QStringLiteral("bash"), { QStringLiteral("-c"), program });
    if (output.exitCode != 0)
        qWarning("bash: %s", qPrintable(output.err));
    QStringList offered = output.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    offered.sort();
    return offered;
}

const QStringList kCommands = { "demo", "dataset", "synth", "eval", "compare", "methods", "train",
    "resume", "runs", "workspace", "derain", "export-model", "export-weights", "import-weights",
    "generate", "tsne", "gradients", "bench" };

} // namespace

class TestCliReference : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // The issue's own check: pluvia-cli tr<TAB> offers train.
    void commandNamesComplete()
    {
        const QString script = reference(QStringLiteral("bash-completion/pluvia-cli"));
        QCOMPARE(bashCompletion(script, QStringLiteral("_pluvia_cli"),
                     { QStringLiteral("pluvia-cli"), QStringLiteral("tr") }),
            QStringList { QStringLiteral("train") });
        QCOMPARE(bashCompletion(script, QStringLiteral("_pluvia_cli"),
                     { QStringLiteral("pluvia-cli"), QStringLiteral("ex") }),
            (QStringList { QStringLiteral("export-model"), QStringLiteral("export-weights") }));
    }

    // A command's actions (runs list|show|export), its options, and folders only after an
    // option that takes a folder.
    void argumentsComplete()
    {
        const QString script = reference(QStringLiteral("bash-completion/pluvia-cli"));
        const auto complete = [&](const QStringList &words) {
            return bashCompletion(script, QStringLiteral("_pluvia_cli"), words);
        };
        QCOMPARE(complete({ QStringLiteral("pluvia-cli"), QStringLiteral("runs"), QString() }),
            (QStringList {
                QStringLiteral("export"), QStringLiteral("list"), QStringLiteral("show") }));
        QCOMPARE(complete({ QStringLiteral("pluvia-cli"), QStringLiteral("train"),
                     QStringLiteral("--check") }),
            QStringList { QStringLiteral("--checkpoint-every") });
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("apples")));
        QFile file(dir.filePath(QStringLiteral("apricot.png")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        const QString prefix = dir.filePath(QStringLiteral("ap"));
        QCOMPARE(complete({ QStringLiteral("pluvia-cli"), QStringLiteral("derain"),
                     QStringLiteral("--out"), prefix }),
            QStringList { dir.filePath(QStringLiteral("apples")) });
        QCOMPARE(complete({ QStringLiteral("pluvia-cli"), QStringLiteral("derain"), prefix }),
            (QStringList { dir.filePath(QStringLiteral("apples")),
                dir.filePath(QStringLiteral("apricot.png")) }));
        const QString gui = reference(QStringLiteral("bash-completion/pluvia"));
        QCOMPARE(bashCompletion(gui, QStringLiteral("_pluvia"),
                     { QStringLiteral("pluvia"), QStringLiteral("--scr") }),
            (QStringList { QStringLiteral("--screenshot"), QStringLiteral("--screenshot-after") }));
    }

    // zsh reads both scripts, and offers every command with its summary.
    void zshScriptsParse()
    {
        for (const char *name : { "zsh/_pluvia-cli", "zsh/_pluvia" }) {
            const Output output = run(
                QStringLiteral("zsh"), { QStringLiteral("-n"), reference(QLatin1String(name)) });
            QVERIFY2(output.exitCode == 0, qPrintable(name + (QLatin1String(": ") + output.err)));
        }
        QFile script(reference(QStringLiteral("zsh/_pluvia-cli")));
        QVERIFY(script.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(script.readAll());
        for (const QString &command : kCommands)
            QVERIFY2(text.contains(QStringLiteral("'%1:").arg(command)), qPrintable(command));
    }

    // The page as man shows it: a section per command, each of the command's options in it,
    // and no warning from man (lintian's check of a package's pages).
    void manPageHoldsEveryCommandAndOption()
    {
        const QString page = reference(QStringLiteral("man1/pluvia-cli.1"));
        const Output shown = run(QStringLiteral("man"),
            { QStringLiteral("--warnings"), QStringLiteral("-E"), QStringLiteral("UTF-8"),
                QStringLiteral("-l"), page });
        QCOMPARE(shown.exitCode, 0);
        QCOMPARE(shown.err, QString());
        // man draws bold by overstriking; plain text is what a reader sees.
        QString text = shown.out;
        text.remove(QRegularExpression(QStringLiteral(".\\x08")));
        for (const QString &command : kCommands) {
            const qsizetype start
                = text.indexOf(QLatin1Char('\n') + command.toUpper() + QLatin1Char('\n'));
            QVERIFY2(start >= 0, qPrintable(command));
            const qsizetype end
                = text.indexOf(QRegularExpression(QStringLiteral("\\n[A-Z][A-Z-]+\\n")), start + 1);
            const QString section = text.mid(start, end - start);
            // The options as the program itself lists them.
            const CliResult help = runCli({ command, QStringLiteral("--help") });
            QCOMPARE(help.exitCode, 0);
            const QRegularExpression optionLine(
                QStringLiteral("^  (?:-\\w, )?(--[\\w-]+)"), QRegularExpression::MultilineOption);
            int options = 0;
            for (const QRegularExpressionMatch &match : optionLine.globalMatch(help.out)) {
                if (match.captured(1) == QLatin1String("--help-all"))
                    continue;
                ++options;
                QVERIFY2(section.contains(match.captured(1)),
                    qPrintable(command + QLatin1Char(' ') + match.captured(1)));
            }
            QVERIFY2(options >= 3, qPrintable(command)); // --help and the two every command takes
        }
        const Output gui = run(QStringLiteral("man"),
            { QStringLiteral("--warnings"), QStringLiteral("-E"), QStringLiteral("UTF-8"),
                QStringLiteral("-l"), reference(QStringLiteral("man1/pluvia.1")) });
        QCOMPARE(gui.exitCode, 0);
        QCOMPARE(gui.err, QString());
        QVERIFY(gui.out.contains(QStringLiteral("--decompose")));
    }
};

QTEST_GUILESS_MAIN(TestCliReference)
#include "test_cli_reference.moc"
