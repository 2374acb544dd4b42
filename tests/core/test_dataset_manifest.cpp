// SPDX-License-Identifier: GPL-3.0-or-later
// Dataset manifests: round trip and the error for each kind of malformed file.
#include "core/data/dataset_manifest.h"
#include "support/test_support.h"

#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtTest/QtTest>

using namespace pluvia::core;

class TestDatasetManifest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void kindNames();
    void roundTripPaired();
    void roundTripUnpairedAndTimeLapse();
    void malformed_data();
    void malformed();
    void missingFile();
};

void TestDatasetManifest::kindNames()
{
    for (DatasetKind kind :
        { DatasetKind::Paired, DatasetKind::Unpaired, DatasetKind::TimeLapse }) {
        DatasetKind parsed = DatasetKind::Paired;
        QVERIFY(parseDatasetKind(datasetKindName(kind), &parsed));
        QCOMPARE(parsed, kind);
    }
    DatasetKind parsed = DatasetKind::Paired;
    QVERIFY(parseDatasetKind(QStringLiteral("timelapse"), &parsed));
    QCOMPARE(parsed, DatasetKind::TimeLapse);
    QCOMPARE(datasetKindName(DatasetKind::TimeLapse), QStringLiteral("time-lapse"));
    QVERIFY(!parseDatasetKind(QStringLiteral("video"), &parsed));
}

void TestDatasetManifest::roundTripPaired()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    DatasetManifest manifest;
    manifest.kind = DatasetKind::Paired;
    manifest.name = QStringLiteral("Regen ☔");
    manifest.description = QStringLiteral("two pairs");
    manifest.samples = { { QStringLiteral("rain/ä.png"), QStringLiteral("norain/ä.png"), 12.5,
                             QStringLiteral("train") },
        { QStringLiteral("rain/b.png"), QStringLiteral("norain/b.png"), std::nullopt, QString() } };
    manifest.provenance.insert(QStringLiteral("seed"), 7);
    const QString path = dir.filePath(manifestFileName());
    QCOMPARE(writeManifest(path, manifest), QString());

    QString error;
    const std::optional<DatasetManifest> read = readManifest(path, &error);
    QVERIFY2(read.has_value(), qPrintable(error));
    QCOMPARE(read->kind, DatasetKind::Paired);
    QCOMPARE(read->name, manifest.name);
    QCOMPARE(read->description, manifest.description);
    QCOMPARE(read->samples.size(), 2);
    QCOMPARE(read->samples[0].rainy, QStringLiteral("rain/ä.png"));
    QCOMPARE(read->samples[0].clean, QStringLiteral("norain/ä.png"));
    QCOMPARE(read->samples[0].directionDeg.value_or(-1.0), 12.5);
    QCOMPARE(read->samples[0].split, QStringLiteral("train"));
    QVERIFY(!read->samples[1].directionDeg.has_value());
    QVERIFY(read->samples[1].split.isEmpty());
    QCOMPARE(read->provenance.value(QStringLiteral("seed")).toInt(), 7);

    // The file follows the documented format, independently of the reader.
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
    QCOMPARE(root.value(QStringLiteral("format")).toString(), QStringLiteral("pluvia-dataset"));
    QCOMPARE(root.value(QStringLiteral("version")).toInt(), 1);
    QCOMPARE(root.value(QStringLiteral("kind")).toString(), QStringLiteral("paired"));
    QCOMPARE(root.value(QStringLiteral("samples")).toArray().size(), 2);
    // No temporary files are left behind (QSaveFile renames over the target).
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList { manifestFileName() });
}

void TestDatasetManifest::roundTripUnpairedAndTimeLapse()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    DatasetManifest unpaired;
    unpaired.kind = DatasetKind::Unpaired;
    unpaired.images = { QStringLiteral("x/1.png"), QStringLiteral("y/2.jpg") };
    QCOMPARE(writeManifest(dir.filePath(QStringLiteral("u.json")), unpaired), QString());
    QString error;
    std::optional<DatasetManifest> read
        = readManifest(dir.filePath(QStringLiteral("u.json")), &error);
    QVERIFY2(read.has_value(), qPrintable(error));
    QCOMPARE(read->kind, DatasetKind::Unpaired);
    QCOMPARE(read->images, unpaired.images);

    DatasetManifest timeLapse;
    timeLapse.kind = DatasetKind::TimeLapse;
    timeLapse.scenes
        = { { QStringLiteral("s1"), { QStringLiteral("s1/0.png"), QStringLiteral("s1/1.png") },
                QStringLiteral("s1/clean.png") },
              { QStringLiteral("s2"), { QStringLiteral("s2/a.png"), QStringLiteral("s2/b.png") },
                  QString() } };
    QCOMPARE(writeManifest(dir.filePath(QStringLiteral("t.json")), timeLapse), QString());
    read = readManifest(dir.filePath(QStringLiteral("t.json")), &error);
    QVERIFY2(read.has_value(), qPrintable(error));
    QCOMPARE(read->kind, DatasetKind::TimeLapse);
    QCOMPARE(read->scenes.size(), 2);
    QCOMPARE(read->scenes[0].frames, timeLapse.scenes[0].frames);
    QCOMPARE(read->scenes[0].background, QStringLiteral("s1/clean.png"));
    QVERIFY(read->scenes[1].background.isEmpty());
}

void TestDatasetManifest::malformed_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("expected"); // must appear in the error message

    const QByteArray head = R"("format": "pluvia-dataset", "version": 1, "kind": "paired", )";
    QTest::newRow("not JSON") << QByteArray("{ this is not json") << "not valid JSON";
    QTest::newRow("array root") << QByteArray("[1, 2]") << "not a JSON object";
    QTest::newRow("wrong format tag")
        << QByteArray(R"({"format": "coco", "version": 1, "kind": "paired", "samples": []})")
        << "format: must be \"pluvia-dataset\"";
    QTest::newRow("future version") << QByteArray(
        R"({"format": "pluvia-dataset", "version": 2, "kind": "paired", "samples": []})")
                                    << "version: unsupported";
    QTest::newRow("bad kind") << QByteArray(
        R"({"format": "pluvia-dataset", "version": 1, "kind": "video"})")
                              << "kind: must be one of paired, unpaired, time-lapse";
    QTest::newRow("missing samples") << "{" + head.chopped(2) + "}"
                                     << "samples: missing";
    QTest::newRow("missing clean")
        << "{" + head + R"("samples": [{"rainy": "a.png", "clean": "a.png"}, {"rainy": "b.png"}]})"
        << "samples[1].clean: missing";
    QTest::newRow("clean not a string")
        << "{" + head + R"("samples": [{"rainy": "a.png", "clean": 3}]})"
        << "samples[0].clean: must be a string";
    QTest::newRow("absolute path")
        << "{" + head + R"("samples": [{"rainy": "/etc/a.png", "clean": "a.png"}]})"
        << "samples[0].rainy: must be relative";
    QTest::newRow("direction out of range")
        << "{" + head
            + R"("samples": [{"rainy": "a.png", "clean": "a.png", "direction_deg": 180}]})"
        << "samples[0].direction_deg: must be a number in [0, 180)";
    QTest::newRow("direction negative")
        << "{" + head + R"("samples": [{"rainy": "a.png", "clean": "a.png", "direction_deg": -5}]})"
        << "samples[0].direction_deg";
    QTest::newRow("direction text") << "{" + head
            + R"("samples": [{"rainy": "a.png", "clean": "a.png", "direction_deg": "35"}]})"
                                    << "samples[0].direction_deg";
    QTest::newRow("split not a string")
        << "{" + head + R"("samples": [{"rainy": "a.png", "clean": "a.png", "split": 1}]})"
        << "samples[0].split: must be a string";
    QTest::newRow("scene without frames")
        << QByteArray(R"({"format": "pluvia-dataset", "version": 1, "kind": "time-lapse",
                          "scenes": [{"name": "s"}]})")
        << "scenes[0].frames: missing";
    QTest::newRow("image not a string")
        << QByteArray(R"({"format": "pluvia-dataset", "version": 1, "kind": "unpaired",
                          "images": ["a.png", 4]})")
        << "images[1]: must be a string";
}

void TestDatasetManifest::malformed()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(manifestFileName());
    pluvia::test::writeBytes(path, content);
    QString error;
    const std::optional<DatasetManifest> manifest = readManifest(path, &error);
    QVERIFY(!manifest.has_value());
    QVERIFY2(error.contains(expected), qPrintable(error));
    QVERIFY2(error.contains(QDir::toNativeSeparators(path)), qPrintable(error));
}

void TestDatasetManifest::missingFile()
{
    QString error;
    QVERIFY(!readManifest(QStringLiteral("/nonexistent/manifest.json"), &error).has_value());
    QVERIFY(error.startsWith(QLatin1String("/nonexistent/manifest.json: ")));
}

QTEST_GUILESS_MAIN(TestDatasetManifest)
#include "test_dataset_manifest.moc"
