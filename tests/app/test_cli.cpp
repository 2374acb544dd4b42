// SPDX-License-Identifier: GPL-3.0-or-later
// pluvia-cli as a user runs it: a real child process, its exit code and what it prints.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest/QtTest>

#include <algorithm>

#include "support/cli_runner.h"
#include "support/image_bytes.h"
#include "support/test_support.h"

#include <opencv2/imgcodecs.hpp>

using pluvia::test::CliResult;
using pluvia::test::runCli;

class TestCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(QFileInfo(qEnvironmentVariable("PLUVIA_CLI")).isExecutable()); }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("no command") << QStringList {} << QStringLiteral("usage");
        QTest::newRow("unknown command")
            << QStringList { QStringLiteral("frobnicate") } << QStringLiteral("frobnicate");
        QTest::newRow("eval without --gt or --niqe") << QStringList { QStringLiteral("eval"),
            QStringLiteral("--pred"), QStringLiteral("/tmp") }
                                                     << QStringLiteral("--niqe");
        QTest::newRow("compare without a test set") << QStringList { QStringLiteral("compare"),
            QStringLiteral("--out"), QStringLiteral("/tmp/x") }
                                                    << QStringLiteral("--test NAME=DATASET");
        QTest::newRow("compare with an unknown format") << QStringList { QStringLiteral("compare"),
            QStringLiteral("--out"), QStringLiteral("/tmp/x"), QStringLiteral("--test"),
            QStringLiteral("a=/tmp"), QStringLiteral("--format"), QStringLiteral("pdf") }
                                                        << QStringLiteral("md, csv, latex, json");
        QTest::newRow("compare --saved without --workspace") << QStringList {
            QStringLiteral("compare"), QStringLiteral("--saved"), QStringLiteral("x")
        } << QStringLiteral("--saved needs --workspace");
        QTest::newRow("compare --saved with --out") << QStringList { QStringLiteral("compare"),
            QStringLiteral("--workspace"), QStringLiteral("/tmp"), QStringLiteral("--saved"),
            QStringLiteral("x"), QStringLiteral("--out"), QStringLiteral("/tmp/x") }
                                                    << QStringLiteral("leave out --out");
        QTest::newRow("eval with an unknown NIQE channel") << QStringList { QStringLiteral("eval"),
            QStringLiteral("--pred"), QStringLiteral("/tmp"), QStringLiteral("--niqe"),
            QStringLiteral("--niqe-channel"), QStringLiteral("cb") }
                                                           << QStringLiteral("y, grey");
        QTest::newRow("unknown preset lists the presets") << QStringList { QStringLiteral("synth"),
            QStringLiteral("--clean"), QStringLiteral("/tmp"), QStringLiteral("--out"),
            QStringLiteral("/tmp/x"), QStringLiteral("--preset"),
            QStringLiteral("drizzle") } << QStringLiteral("light, heavy, directional, realistic");
        QTest::newRow("unknown parameter lists the parameters")
            << QStringList { QStringLiteral("synth"), QStringLiteral("--clean"),
                   QStringLiteral("/tmp"), QStringLiteral("--out"), QStringLiteral("/tmp/x"),
                   QStringLiteral("--set"), QStringLiteral("banana=1") }
            << QStringLiteral("angle [0, 180)");
        QTest::newRow("out-of-range parameter") << QStringList { QStringLiteral("synth"),
            QStringLiteral("--clean"), QStringLiteral("/tmp"), QStringLiteral("--out"),
            QStringLiteral("/tmp/x"), QStringLiteral("--set"), QStringLiteral("density=3") }
                                                << QStringLiteral("density");
        QTest::newRow("unknown starter model lists the models") << QStringList {
            QStringLiteral("derain"), QStringLiteral("--model"), QStringLiteral("nosuch"),
            QStringLiteral("--out"), QStringLiteral("/tmp/x"), QStringLiteral("/tmp")
        } << QStringLiteral("there are: jrgr, supervised, deraincyclegan, timelapse, udrdr");
        QTest::newRow("derain with a checkpoint and a model")
            << QStringList { QStringLiteral("derain"), QStringLiteral("--model"),
                   QStringLiteral("jrgr"), QStringLiteral("--checkpoint"), QStringLiteral("x.pt"),
                   QStringLiteral("--out"), QStringLiteral("/tmp/x"), QStringLiteral("/tmp") }
            << QStringLiteral("one of them");
        QTest::newRow("export-model without --out") << QStringList { QStringLiteral("export-model"),
            QStringLiteral("--checkpoint"), QStringLiteral("x.pt") }
                                                    << QStringLiteral("--out");
        QTest::newRow("export-weights without --out") << QStringList {
            QStringLiteral("export-weights"), QStringLiteral("--checkpoint"), QStringLiteral("x.pt")
        } << QStringLiteral("--out");
        QTest::newRow("import-weights without --weights")
            << QStringList { QStringLiteral("import-weights"), QStringLiteral("--method"),
                   QStringLiteral("jrgr"), QStringLiteral("--out"), QStringLiteral("m.pt") }
            << QStringLiteral("--weights");
        QTest::newRow("import-weights with a bad seed") << QStringList {
            QStringLiteral("import-weights"), QStringLiteral("--method"), QStringLiteral("jrgr"),
            QStringLiteral("--weights"), QStringLiteral("w.pth"), QStringLiteral("--out"),
            QStringLiteral("m.pt"), QStringLiteral("--seed"), QStringLiteral("-3")
        } << QStringLiteral("--seed takes a non-negative integer");
        QTest::newRow("tsne with a stray argument") << QStringList { QStringLiteral("tsne"),
            QStringLiteral("--features-in"), QStringLiteral("f.csv"),
            QStringLiteral("extra") } << QStringLiteral("unexpected argument 'extra'");
        // train, methods, runs
        const QStringList base = { QStringLiteral("train"), QStringLiteral("--workspace"),
            QStringLiteral("/tmp/pluvia-unused"), QStringLiteral("--method"),
            QStringLiteral("supervised") };
        QTest::newRow("unknown key lists the keys")
            << base + QStringList { QStringLiteral("--set"), QStringLiteral("banana=1") }
            << QStringLiteral("learning_rate (real [1e-08, 1], default 0.0001)");
        QTest::newRow("out of range")
            << base + QStringList { QStringLiteral("--set"), QStringLiteral("learning_rate=5") }
            << QStringLiteral(
                   "parameter 'learning_rate': 5 is not allowed; allowed: real [1e-08, 1]");
        QTest::newRow("unknown preset")
            << base + QStringList { QStringLiteral("--preset"), QStringLiteral("fast") }
            << QStringLiteral("allowed: paper, quick");
        QTest::newRow("unknown method") << QStringList { QStringLiteral("train"),
            QStringLiteral("--workspace"), QStringLiteral("/tmp/x"), QStringLiteral("--method"),
            QStringLiteral("nope") } << QStringLiteral("allowed: supervised");
        QTest::newRow("methods unknown") << QStringList { QStringLiteral("methods"),
            QStringLiteral("nope") } << QStringLiteral("allowed: supervised");
        QTest::newRow("runs without action") << QStringList { QStringLiteral("runs"),
            QStringLiteral("--workspace"), QStringLiteral("/tmp") }
                                             << QStringLiteral("list, show RUN, export RUN");
        QTest::newRow("derain without checkpoint") << QStringList { QStringLiteral("derain"),
            QStringLiteral("--out"), QStringLiteral("/tmp/x"), QStringLiteral("a.png") }
                                                   << QStringLiteral("--checkpoint");
    }
    void usageErrors()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, mentions);
        const CliResult result = runCli(arguments);
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.contains(mentions), qPrintable(result.err));
    }

    void missingDatasetNamesThePath()
    {
        const CliResult result = runCli({ QStringLiteral("dataset"), QStringLiteral("inspect"),
            QStringLiteral("/no/such/dataset") });
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.err.contains(QStringLiteral("/no/such/dataset")), qPrintable(result.err));
    }

    // Two sibling folders of the same stems are inspected as a paired set (the JSON says which
    // side is rainy and why); pin --swap writes the other reading as manifest.json, which then
    // decides; a second pin is refused with the manifest's name.
    void siblingFoldersArePairedAndPinned()
    {
        QTemporaryDir dir;
        for (const char *side : { "inputcrop", "cleancrop" })
            QVERIFY(pluvia::test::writeManyImages(dir.filePath(QLatin1String(side)), 2));
        CliResult result = runCli({ QStringLiteral("dataset"), QStringLiteral("inspect"),
            dir.path(), QStringLiteral("--json") });
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        QJsonObject report = QJsonDocument::fromJson(result.out.toUtf8()).object();
        QCOMPARE(
            report.value(QStringLiteral("layout")).toString(), QStringLiteral("sibling-folders"));
        QVERIFY(report.value(QStringLiteral("layout_note"))
                    .toString()
                    .startsWith(QStringLiteral("rainy: inputcrop/, clean: cleancrop/")));
        result = runCli({ QStringLiteral("dataset"), QStringLiteral("pin"), dir.path(),
            QStringLiteral("--swap") });
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        QVERIFY2(
            result.out.contains(QStringLiteral("rainy like cleancrop/")), qPrintable(result.out));
        result = runCli({ QStringLiteral("dataset"), QStringLiteral("inspect"), dir.path(),
            QStringLiteral("--json") });
        report = QJsonDocument::fromJson(result.out.toUtf8()).object();
        QCOMPARE(report.value(QStringLiteral("layout")).toString(), QStringLiteral("manifest"));
        result = runCli({ QStringLiteral("dataset"), QStringLiteral("pin"), dir.path() });
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.err.contains(QStringLiteral("manifest.json exists already")),
            qPrintable(result.err));
    }

    // A still video of 8 frames becomes a scene of 4 (every 2nd), measured as static; a file
    // that is not a video fails with its name and leaves the dataset folder as it was.
    void importVideoMakesAScene()
    {
        QTemporaryDir dir;
        const QString video = dir.filePath(QStringLiteral("yard.avi"));
        QVERIFY(pluvia::test::writeStillVideo(video, 8, 64, 48));
        const QString out = dir.filePath(QStringLiteral("frames"));
        CliResult result = runCli({ QStringLiteral("dataset"), QStringLiteral("import-video"),
            video, QStringLiteral("--out"), out, QStringLiteral("--every"), QStringLiteral("2"),
            QStringLiteral("--json") });
        QCOMPARE(result.exitCode, 0);
        const QJsonObject scene
            = QJsonDocument::fromJson(result.out.toUtf8()).array()[0].toObject();
        QCOMPARE(scene.value(QStringLiteral("frames")).toInt(), 4);
        QVERIFY(scene.value(QStringLiteral("static")).toBool());
        QCOMPARE(
            QDir(out + QStringLiteral("/yard")).entryList({ QStringLiteral("*.png") }).size(), 4);

        const QString text = dir.filePath(QStringLiteral("clip.mp4"));
        QFile file(text);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("not a video");
        file.close();
        result = runCli({ QStringLiteral("dataset"), QStringLiteral("import-video"), text,
            QStringLiteral("--out"), out });
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.err.contains(QStringLiteral("clip.mp4")), qPrintable(result.err));
        QCOMPARE(QDir(out).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
            QStringList { QStringLiteral("yard") });
    }

    // The commands chained as a user would: build the demo, inspect its paired set, render a
    // new paired set from its clean images, and score rainy against clean. Counts are checked
    // against the files on disk (an independent path), PSNR against its definition's bounds.
    void demoInspectSynthEvalEndToEnd()
    {
        QTemporaryDir dir;
        const QString demo = dir.filePath(QStringLiteral("demo"));
        CliResult result = runCli({ QStringLiteral("demo"), QStringLiteral("--out"), demo });
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));

        const QString synthetic = demo + QStringLiteral("/datasets/synthetic");
        result = runCli({ QStringLiteral("dataset"), QStringLiteral("inspect"), synthetic,
            QStringLiteral("--json") });
        QCOMPARE(result.exitCode, 0);
        const QJsonObject report = QJsonDocument::fromJson(result.out.toUtf8()).object();
        const int rainyFiles
            = QDir(synthetic + QStringLiteral("/rain")).entryList(QDir::Files).size();
        QVERIFY(rainyFiles > 0);
        QCOMPARE(report.value(QStringLiteral("kind")).toString(), QStringLiteral("paired"));
        QCOMPARE(report.value(QStringLiteral("counts"))
                     .toObject()
                     .value(QStringLiteral("pairs"))
                     .toInt(),
            rainyFiles);
        QCOMPARE(report.value(QStringLiteral("counts"))
                     .toObject()
                     .value(QStringLiteral("direction_labels"))
                     .toInt(),
            rainyFiles);

        const QString clean = demo + QStringLiteral("/datasets/clean");
        const QString rendered = dir.filePath(QStringLiteral("rendered"));
        result = runCli({ QStringLiteral("synth"), QStringLiteral("--clean"), clean,
            QStringLiteral("--out"), rendered, QStringLiteral("--preset"), QStringLiteral("heavy"),
            QStringLiteral("--count"), QStringLiteral("2"), QStringLiteral("--seed"),
            QStringLiteral("5") });
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        const int cleanFiles
            = QDir(clean).entryList({ QStringLiteral("*.png") }, QDir::Files).size();
        QCOMPARE(
            QDir(rendered + QStringLiteral("/rain")).entryList(QDir::Files).size(), 2 * cleanFiles);
        QVERIFY(QFileInfo::exists(rendered + QStringLiteral("/manifest.json")));

        result = runCli({ QStringLiteral("eval"), QStringLiteral("--pred"),
            rendered + QStringLiteral("/rain"), QStringLiteral("--gt"),
            rendered + QStringLiteral("/norain"), QStringLiteral("--json") });
        QCOMPARE(result.exitCode, 0);
        const QJsonObject scores = QJsonDocument::fromJson(result.out.toUtf8()).object();
        QCOMPARE(scores.value(QStringLiteral("measured")).toInt(), 2 * cleanFiles);
        const double psnr = scores.value(QStringLiteral("mean_psnr")).toDouble();
        QVERIFY2(psnr > 5 && psnr < 40, qPrintable(QString::number(psnr))); // rain lowers PSNR
        QVERIFY(scores.value(QStringLiteral("psnr_convention"))
                    .toString()
                    .contains(QStringLiteral("rgb2ycbcr")));

        // NIQE alone on the rainy images, and on the same images beside their truth: both paths
        // give the same mean, and adding NIQE leaves PSNR as it was.
        result = runCli(
            { QStringLiteral("eval"), QStringLiteral("--pred"), rendered + QStringLiteral("/rain"),
                QStringLiteral("--niqe"), QStringLiteral("--json") });
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        const QJsonObject alone = QJsonDocument::fromJson(result.out.toUtf8()).object();
        QVERIFY(alone.value(QStringLiteral("niqe_convention"))
                    .toString()
                    .contains(QStringLiteral("lower is better")));
        result = runCli(
            { QStringLiteral("eval"), QStringLiteral("--pred"), rendered + QStringLiteral("/rain"),
                QStringLiteral("--gt"), rendered + QStringLiteral("/norain"),
                QStringLiteral("--niqe"), QStringLiteral("--json") });
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        const QJsonObject paired = QJsonDocument::fromJson(result.out.toUtf8()).object();
        QCOMPARE(paired.value(QStringLiteral("mean_niqe")).toDouble(),
            alone.value(QStringLiteral("mean_niqe")).toDouble());
        QCOMPARE(paired.value(QStringLiteral("mean_psnr")).toDouble(), psnr);
    }

    // Every command on a line of its own, its name apart from its summary (the longest names
    // used to run into theirs: "export-modela checkpoint's…"), UTF-8 intact ("×").
    void helpListsEveryCommand()
    {
        const CliResult result = runCli({ QStringLiteral("--help") });
        QCOMPARE(result.exitCode, 0);
        for (const char *command : { "demo", "dataset", "synth", "eval", "compare", "methods",
                 "train", "resume", "runs", "workspace", "derain", "export-model", "export-weights",
                 "import-weights", "generate", "tsne", "gradients", "bench" }) {
            const QRegularExpression line(QStringLiteral("^  %1  +\\S").arg(QLatin1String(command)),
                QRegularExpression::MultilineOption);
            QVERIFY2(line.match(result.out).hasMatch(), command);
        }
        QVERIFY2(
            result.out.contains(QStringLiteral("checkpoints × test sets")), qPrintable(result.out));
    }

    // A command's help names the command in its usage line, not the path the program was
    // started by (the test starts it by its full build path).
    void commandHelpNamesTheCommand()
    {
        for (const char *command : { "train", "runs", "derain" }) {
            const CliResult result = runCli({ QLatin1String(command), QStringLiteral("--help") });
            QCOMPARE(result.exitCode, 0);
            QCOMPARE(result.out.section(QLatin1Char('\n'), 0, 0).section(QLatin1Char(' '), 0, 2),
                QStringLiteral("Usage: pluvia-cli %1").arg(QLatin1String(command)));
        }
    }

    // One name per line: the starter models' files in the source tree, the highest test PSNR-Y
    // on their cards first (read here from the JSON files).
    void listModelsPrintsTheNames()
    {
        const CliResult result
            = runCli({ QStringLiteral("derain"), QStringLiteral("--list-models") });
        QCOMPARE(result.exitCode, 0);
        const QDir folder(
            qEnvironmentVariable("PLUVIA_SOURCE_DIR") + QStringLiteral("/resources/models"));
        QStringList files = folder.entryList({ QStringLiteral("*.pt") }, QDir::Files, QDir::Name);
        files.replaceInStrings(QStringLiteral(".pt"), QString());
        QVERIFY(!files.isEmpty());
        const auto score = [&](const QString &name) {
            QFile card(folder.filePath(name + QStringLiteral(".json")));
            return card.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(
                       card.readAll())[QStringLiteral("test")][QStringLiteral("psnr_y")]
                                                        .toDouble()
                                                  : 0.0;
        };
        std::stable_sort(files.begin(), files.end(),
            [&](const QString &a, const QString &b) { return score(a) > score(b); });
        QCOMPARE(result.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts), files);
    }

    // Issue 18: a 69-byte PNG declaring a width near 2^31, a link to /dev/zero named like an image
    // and a cut JPEG with an end marker appended are each skipped with their reason, in bounded
    // time, while the sound image beside them is derained; --max-pixels applies to every command.
    void hostileImagesAreSkippedNamed()
    {
        QTemporaryDir dir;
        const QDir in(dir.filePath(QStringLiteral("in")));
        QVERIFY(QDir().mkpath(in.path()));
        const auto write = [&](const QString &name, const QByteArray &bytes) {
            QFile file(in.filePath(name));
            return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
        };
        const cv::Mat picture = pluvia::test::testPicture(64, 48, 8, 3);
        QVERIFY(cv::imwrite(in.filePath(QStringLiteral("sound.png")).toStdString(), picture));
        std::vector<uchar> jpeg;
        QVERIFY(cv::imencode(".jpg", picture, jpeg));
        const QByteArray jpegBytes(
            reinterpret_cast<const char *>(jpeg.data()), qsizetype(jpeg.size()));
        QVERIFY(write(
            QStringLiteral("cut.jpg"), jpegBytes.left(jpegBytes.size() * 2 / 3) + "\xFF\xD9"));
        QVERIFY(write(QStringLiteral("wide.png"), pluvia::test::pngDeclaring(0x7FFFFFFF, 1)));
        QVERIFY(QFile::link(QStringLiteral("/dev/zero"), in.filePath(QStringLiteral("zero.png"))));
        const QString out = dir.filePath(QStringLiteral("out"));
        CliResult result
            = runCli({ QStringLiteral("derain"), QStringLiteral("--model"),
                         QStringLiteral("supervised"), in.path(), QStringLiteral("--out"), out },
                60000);
        QCOMPARE(result.exitCode, 1); // derained, with problems
        QVERIFY(QFileInfo::exists(QDir(out).filePath(QStringLiteral("sound.png"))));
        QCOMPARE(QDir(out).entryList(QDir::Files).size(), 1);
        for (const QString &expected :
            { QStringLiteral("wide.png\": declares 2147483647\u00D71, over "
                             "the limit of 268435456 pixels"),
                QStringLiteral("zero.png\": it is not a regular file"),
                QStringLiteral("cut.jpg\": Corrupt JPEG data: premature end of data segment") })
            QVERIFY2(result.err.contains(expected), qPrintable(result.err));
        QVERIFY2(result.out.contains(QStringLiteral("derained 1 images")), qPrintable(result.out));

        // A budget below the sound image's 64 x 48 = 3072 pixels refuses it too.
        result = runCli({ QStringLiteral("derain"), QStringLiteral("--model"),
            QStringLiteral("supervised"), in.filePath(QStringLiteral("sound.png")),
            QStringLiteral("--out"), dir.filePath(QStringLiteral("out2")),
            QStringLiteral("--max-pixels"), QStringLiteral("3071") });
        QVERIFY2(result.err.contains(
                     QStringLiteral("declares 64\u00D748, over the limit of 3071 pixels")),
            qPrintable(result.err));
        QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("out2/sound.png"))));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "test_cli.moc"
