// SPDX-License-Identifier: GPL-3.0-or-later
// Layout detection on folders generated for every recognised layout.
#include "core/data/dataset.h"
#include "core/data/dataset_layout_p.h"
#include "core/data/dataset_manifest.h"
#include "core/image/image_io_p.h"
#include "support/test_support.h"

#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QtTest/QtTest>

using namespace pluvia::core;

namespace {

// A tiny image; `seed` makes contents differ between files.
void writeTinyImage(const QString &path, int seed = 1, int width = 12, int height = 10)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    const QString error = writeImage(path, pluvia::test::texturedImage(width, height, seed));
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

QString fileName(const QString &path)
{
    return QFileInfo(path).fileName();
}

// "rainy-file>clean-file" for each pair, in the dataset's order.
QStringList pairNames(const Dataset &dataset)
{
    QStringList names;
    for (const DatasetPair &pair : dataset.pairs)
        names << fileName(pair.rainy) + QLatin1Char('>') + fileName(pair.clean);
    return names;
}

} // namespace

class TestDatasetLayouts : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void naturalOrder_data();
    void naturalOrder();
    void pairedLayouts_data();
    void pairedLayouts();
    void rain1400FourteenPerClean();
    void manifestLayout();
    void timeLapseScenes();
    void unpairedRecursive();
    void pairedOverrideWithoutLayoutFails();
    void kindOverrideUnpairedOnPairedFolder();
    void notAFolder();
};

void TestDatasetLayouts::naturalOrder_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<bool>("less");
    QTest::newRow("2 < 10") << "frame2.png"
                            << "frame10.png" << true;
    QTest::newRow("10 > 9") << "frame10.png"
                            << "frame9.png" << false;
    QTest::newRow("leading zeros") << "frame007.png"
                                   << "frame10.png" << true;
    QTest::newRow("case-insensitive text") << "Alpha1"
                                           << "beta1" << true;
    QTest::newRow("prefix first") << "rain"
                                  << "rain-1" << true;
    QTest::newRow("huge numbers") << "x99999999999999999999999"
                                  << "x100000000000000000000000" << true;
}

void TestDatasetLayouts::naturalOrder()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(bool, less);
    QCOMPARE(naturalLess(a, b), less);
    QCOMPARE(naturalLess(b, a), !less);
}

void TestDatasetLayouts::pairedLayouts_data()
{
    QTest::addColumn<QString>("rainyFolder");
    QTest::addColumn<QString>("cleanFolder");
    QTest::addColumn<QStringList>("rainyFiles");
    QTest::addColumn<QStringList>("cleanFiles");
    QTest::addColumn<QString>("layout");
    QTest::addColumn<QStringList>("pairs");

    QTest::newRow("rain/ + norain/ by stem")
        << "rain"
        << "norain" << QStringList { "b.png", "a.jpg", "c10.png", "c9.png" }
        << QStringList { "a.png", "b.png", "c9.png", "c10.png" } << "rain-norain"
        << QStringList { "a.jpg>a.png", "b.png>b.png", "c9.png>c9.png", "c10.png>c10.png" };
    QTest::newRow("Rain100L in rain/")
        << "rain"
        << "norain" << QStringList { "rain-1.png", "rain-10.png", "rain-2.png" }
        << QStringList { "norain-2.png", "norain-1.png", "norain-10.png" } << "rain100"
        << QStringList { "rain-1.png>norain-1.png", "rain-2.png>norain-2.png",
               "rain-10.png>norain-10.png" };
    QTest::newRow("Rain100H in rainy/")
        << "rainy"
        << "norain" << QStringList { "rain-001.png", "rain-002.png" }
        << QStringList { "norain-001.png", "norain-002.png" } << "rain100"
        << QStringList { "rain-001.png>norain-001.png", "rain-002.png>norain-002.png" };
    QTest::newRow("upper-case folders")
        << "Rain"
        << "NoRain" << QStringList { "x.png" } << QStringList { "x.png" } << "rain-norain"
        << QStringList { "x.png>x.png" };
    QTest::newRow("input/ + target/")
        << "input"
        << "target" << QStringList { "1.png", "2.png" } << QStringList { "2.png", "1.png" }
        << "input-target" << QStringList { "1.png>1.png", "2.png>2.png" };
    QTest::newRow("rainy/ + gt/") << "rainy"
                                  << "gt" << QStringList { "im_3.png", "im_1.png" }
                                  << QStringList { "im_1.png", "im_3.png" } << "rainy-gt"
                                  << QStringList { "im_1.png>im_1.png", "im_3.png>im_3.png" };
}

void TestDatasetLayouts::pairedLayouts()
{
    QFETCH(QString, rainyFolder);
    QFETCH(QString, cleanFolder);
    QFETCH(QStringList, rainyFiles);
    QFETCH(QStringList, cleanFiles);
    QFETCH(QString, layout);
    QFETCH(QStringList, pairs);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    int seed = 0;
    for (const QString &file : rainyFiles)
        writeTinyImage(dir.filePath(rainyFolder + QLatin1Char('/') + file), ++seed);
    for (const QString &file : cleanFiles)
        writeTinyImage(dir.filePath(cleanFolder + QLatin1Char('/') + file), ++seed);

    const DatasetInspection inspection = inspectDataset(dir.path(), InspectOptions());
    QVERIFY2(inspection.ok(), qPrintable(inspection.error));
    QCOMPARE(inspection.dataset.kind, DatasetKind::Paired);
    QCOMPARE(inspection.dataset.layout, layout);
    QCOMPARE(pairNames(inspection.dataset), pairs);
    QVERIFY(inspection.problems.isEmpty());
    for (const DatasetPair &pair : inspection.dataset.pairs) {
        QCOMPARE(QFileInfo(pair.rainy).dir().dirName(), rainyFolder);
        QCOMPARE(QFileInfo(pair.clean).dir().dirName(), cleanFolder);
        QVERIFY(!pair.directionDeg.has_value());
        QVERIFY(QFileInfo(pair.rainy).isAbsolute());
    }
}

void TestDatasetLayouts::rain1400FourteenPerClean()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    for (int scene : { 1, 2, 12 }) {
        writeTinyImage(dir.filePath(QStringLiteral("ground_truth/%1.jpg").arg(scene)), scene);
        for (int k = 1; k <= 14; ++k)
            writeTinyImage(dir.filePath(QStringLiteral("rainy_image/%1_%2.jpg").arg(scene).arg(k)),
                100 * scene + k);
    }
    const DatasetInspection inspection = inspectDataset(dir.path(), InspectOptions());
    QVERIFY2(inspection.ok(), qPrintable(inspection.error));
    QCOMPARE(inspection.dataset.layout, QStringLiteral("rain1400"));
    QCOMPARE(inspection.dataset.pairs.size(), 42);
    QVERIFY(inspection.problems.isEmpty());
    for (const DatasetPair &pair : inspection.dataset.pairs) {
        // 12_3.jpg belongs to 12.jpg, never to 1.jpg or 2.jpg.
        const QString scene
            = QFileInfo(pair.rainy).completeBaseName().section(QLatin1Char('_'), 0, 0);
        QCOMPARE(QFileInfo(pair.clean).completeBaseName(), scene);
    }
    // Natural order: 1_2 before 1_10, scene 2 before scene 12.
    QCOMPARE(fileName(inspection.dataset.pairs[1].rainy), QStringLiteral("1_2.jpg"));
    QCOMPARE(fileName(inspection.dataset.pairs[9].rainy), QStringLiteral("1_10.jpg"));
    QCOMPARE(fileName(inspection.dataset.pairs[14].rainy), QStringLiteral("2_1.jpg"));
    QCOMPARE(fileName(inspection.dataset.pairs[28].rainy), QStringLiteral("12_1.jpg"));
}

void TestDatasetLayouts::manifestLayout()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    writeTinyImage(dir.filePath(QStringLiteral("wet/one.png")), 1);
    writeTinyImage(dir.filePath(QStringLiteral("dry/first.png")), 2);
    writeTinyImage(dir.filePath(QStringLiteral("wet/two.png")), 3);
    writeTinyImage(dir.filePath(QStringLiteral("dry/second.png")), 4);
    // A rain/ + norain/ pair too: the manifest takes precedence over folder detection.
    writeTinyImage(dir.filePath(QStringLiteral("rain/x.png")), 5);
    writeTinyImage(dir.filePath(QStringLiteral("norain/x.png")), 6);
    DatasetManifest manifest;
    manifest.kind = DatasetKind::Paired;
    manifest.samples = { { QStringLiteral("wet/one.png"), QStringLiteral("dry/first.png"), 35.0,
                             QStringLiteral("train") },
        { QStringLiteral("wet/two.png"), QStringLiteral("dry/second.png"), std::nullopt,
            QString() } };
    QCOMPARE(writeManifest(dir.filePath(manifestFileName()), manifest), QString());

    const DatasetInspection inspection = inspectDataset(dir.path(), InspectOptions());
    QVERIFY2(inspection.ok(), qPrintable(inspection.error));
    QCOMPARE(inspection.dataset.layout, QStringLiteral("manifest"));
    QCOMPARE(
        pairNames(inspection.dataset), (QStringList { "one.png>first.png", "two.png>second.png" }));
    QCOMPARE(inspection.dataset.pairs[0].directionDeg.value_or(-1.0), 35.0);
    QCOMPARE(inspection.dataset.pairs[0].split, QStringLiteral("train"));
    QVERIFY(!inspection.dataset.pairs[1].directionDeg.has_value());
    QCOMPARE(inspection.sizes.count, 4);
}

void TestDatasetLayouts::timeLapseScenes()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    for (const char *frame : { "frame10.png", "frame2.png", "frame1.png", "background.png" })
        writeTinyImage(dir.filePath(QStringLiteral("street/") + QLatin1String(frame)));
    for (const char *frame : { "b.jpg", "a.jpg", "clean.jpg" })
        writeTinyImage(dir.filePath(QStringLiteral("park/") + QLatin1String(frame)));
    for (const char *frame : { "0001.png", "0002.png", "0003.png" })
        writeTinyImage(dir.filePath(QStringLiteral("roof/") + QLatin1String(frame)));

    const DatasetInspection inspection = inspectDataset(dir.path(), InspectOptions());
    QVERIFY2(inspection.ok(), qPrintable(inspection.error));
    QCOMPARE(inspection.dataset.kind, DatasetKind::TimeLapse);
    QCOMPARE(inspection.dataset.layout, QStringLiteral("scenes"));
    const QVector<DatasetScene> &scenes = inspection.dataset.scenes;
    QCOMPARE(scenes.size(), 3);
    QCOMPARE(scenes[0].name, QStringLiteral("park"));
    QCOMPARE(scenes[1].name, QStringLiteral("roof"));
    QCOMPARE(scenes[2].name, QStringLiteral("street"));
    QStringList streetFrames;
    for (const QString &frame : scenes[2].frames)
        streetFrames << fileName(frame);
    QCOMPARE(streetFrames, (QStringList { "frame1.png", "frame2.png", "frame10.png" }));
    QCOMPARE(fileName(scenes[2].background), QStringLiteral("background.png"));
    QCOMPARE(fileName(scenes[0].background), QStringLiteral("clean.jpg"));
    QCOMPARE(scenes[0].frames.size(), 2);
    QVERIFY(scenes[1].background.isEmpty());
    QCOMPARE(inspection.frameCount(), 8);
}

void TestDatasetLayouts::unpairedRecursive()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    writeTinyImage(dir.filePath(QStringLiteral("top.png")));
    writeTinyImage(dir.filePath(QStringLiteral("a/one.jpg")));
    writeTinyImage(dir.filePath(QStringLiteral("a/deeper/two.png")));
    pluvia::test::writeBytes(dir.filePath(QStringLiteral("a/notes.txt")), "not an image");
    writeTinyImage(dir.filePath(QStringLiteral(".thumbnails/hidden.png")));

    const DatasetInspection inspection = inspectDataset(dir.path(), InspectOptions());
    QVERIFY2(inspection.ok(), qPrintable(inspection.error));
    QCOMPARE(inspection.dataset.kind, DatasetKind::Unpaired);
    QCOMPARE(inspection.dataset.layout, QStringLiteral("folder"));
    QStringList names;
    for (const QString &image : inspection.dataset.images)
        names << QDir(dir.path()).relativeFilePath(image);
    QCOMPARE(names, (QStringList { "a/deeper/two.png", "a/one.jpg", "top.png" }));
    QCOMPARE(inspection.sizes.count, 3);
    QCOMPARE(inspection.sizes.minWidth, 12);
    QCOMPARE(inspection.sizes.meanHeight, 10.0);
}

void TestDatasetLayouts::pairedOverrideWithoutLayoutFails()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    writeTinyImage(dir.filePath(QStringLiteral("photos/a.png")));
    InspectOptions options;
    options.kind = DatasetKind::Paired;
    const DatasetInspection inspection = inspectDataset(dir.path(), options);
    QVERIFY(!inspection.ok());
    QVERIFY2(
        inspection.error.contains(QLatin1String("no paired layout")), qPrintable(inspection.error));
    QVERIFY(inspection.error.contains(QLatin1String("norain/")));
}

void TestDatasetLayouts::kindOverrideUnpairedOnPairedFolder()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    writeTinyImage(dir.filePath(QStringLiteral("rain/a.png")));
    writeTinyImage(dir.filePath(QStringLiteral("norain/a.png")));
    InspectOptions options;
    options.kind = DatasetKind::Unpaired;
    const DatasetInspection inspection = inspectDataset(dir.path(), options);
    QVERIFY2(inspection.ok(), qPrintable(inspection.error));
    QCOMPARE(inspection.dataset.kind, DatasetKind::Unpaired);
    QCOMPARE(inspection.dataset.images.size(), 2);
}

void TestDatasetLayouts::notAFolder()
{
    const DatasetInspection inspection
        = inspectDataset(QStringLiteral("/nonexistent/pluvia/dataset"), InspectOptions());
    QVERIFY(!inspection.ok());
    QVERIFY(inspection.error.contains(QLatin1String("/nonexistent/pluvia/dataset")));
}

QTEST_GUILESS_MAIN(TestDatasetLayouts)
#include "test_dataset_layouts.moc"
