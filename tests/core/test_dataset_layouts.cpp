// SPDX-License-Identifier: GPL-3.0-or-later
// Layout detection on folders generated for every recognised layout.
#include "core/data/dataset.h"
#include "core/data/dataset_layout_p.h"
#include "core/data/dataset_manifest.h"
#include "core/data/listed_paths.h"
#include "core/data/sibling_pairs_p.h"
#include "core/image/image_io_p.h"
#include "support/test_support.h"

#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QtTest/QtTest>

#include <opencv2/imgproc.hpp>

#include <random>

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

// A smooth picture of one scene (blurred discs of random grey on a random ground; each seed a
// different layout) and the same with thin bright streaks: what a clean image and its rainy
// version look like to the high-frequency measure.
cv::Mat smoothScene(int seed)
{
    std::mt19937 random { std::uint32_t(seed) };
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    cv::Mat scene(48, 64, CV_32FC3, cv::Scalar::all(0.2 + 0.3 * unit(random)));
    for (int disc = 0; disc < 5; ++disc)
        cv::circle(scene, cv::Point(int(64 * unit(random)), int(48 * unit(random))),
            6 + int(10 * unit(random)), cv::Scalar::all(0.1 + 0.6 * unit(random)), cv::FILLED);
    cv::GaussianBlur(scene, scene, cv::Size(9, 9), 3.0);
    return scene;
}

cv::Mat withStreaks(const cv::Mat &scene, int seed)
{
    cv::Mat rainy = scene.clone();
    for (int k = 0; k < 12; ++k) {
        const int x = (seed * 17 + k * 11) % scene.cols;
        cv::line(
            rainy, cv::Point(x, 0), cv::Point(x + 6, scene.rows - 1), cv::Scalar(0.9, 0.9, 0.9), 1);
    }
    return rainy;
}

void writeImageTo(const QString &path, const cv::Mat &image)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    const QString error = writeImage(path, image);
    QVERIFY2(error.isEmpty(), qPrintable(error));
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
    void folderRolesFromNames_data();
    void folderRolesFromNames();
    void siblingFoldersByName();
    void siblingFoldersByImages();
    void sameFrameNamesStayTimeLapse();
    void pairLists();
    void pinningSwapsAndSticks();
    void listedPathsStayInside();
    void listedFoldersAreNotFiles();
};

void TestDatasetLayouts::folderRolesFromNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("role");
    const int rainy = int(FolderRole::Rainy), clean = int(FolderRole::Clean),
              unknown = int(FolderRole::Unknown);
    const std::pair<const char *, int> cases[] = { { "inputcrop", rainy }, { "cleancrop", clean },
        { "Rain", rainy }, { "RAINY", rainy }, { "norain", clean }, { "data", rainy },
        { "O", rainy }, { "B", clean }, { "test_gt", clean }, { "GT", clean }, { "target", clean },
        { "label", clean }, { "rain_gt", unknown }, { "train", unknown }, { "output", unknown },
        { "Bx", unknown }, { "scene01", unknown } };
    for (const auto &[name, role] : cases)
        QTest::newRow(name) << QString::fromLatin1(name) << role;
}

void TestDatasetLayouts::folderRolesFromNames()
{
    QFETCH(QString, name);
    QFETCH(int, role);
    QCOMPARE(int(folderRoleFromName(name)), role);
}

// The case: inputcrop/ + cleancrop/ with the same stems is a paired set, rainy by name
// (whichever folder sorts first).
void TestDatasetLayouts::siblingFoldersByName()
{
    QTemporaryDir dir;
    for (const char *stem : { "1", "2", "3" }) {
        writeTinyImage(
            dir.filePath(QStringLiteral("inputcrop/%1.png").arg(QLatin1String(stem))), 3);
        writeTinyImage(
            dir.filePath(QStringLiteral("cleancrop/%1.png").arg(QLatin1String(stem))), 4);
    }
    writeTinyImage(dir.filePath(QStringLiteral("inputcrop/4.png")), 5); // unmatched
    const DatasetInspection inspection = inspectDataset(dir.path(), InspectOptions());
    QVERIFY2(inspection.ok(), qPrintable(inspection.error));
    QCOMPARE(inspection.dataset.kind, DatasetKind::Paired);
    QCOMPARE(inspection.dataset.layout, QStringLiteral("sibling-folders"));
    QCOMPARE(pairNames(inspection.dataset),
        (QStringList { "1.png>1.png", "2.png>2.png", "3.png>3.png" }));
    QVERIFY(inspection.dataset.pairs[0].rainy.contains(QStringLiteral("/inputcrop/")));
    QVERIFY2(inspection.dataset.layoutNote.contains(QStringLiteral("folder names")),
        qPrintable(inspection.dataset.layoutNote));
    QCOMPARE(inspection.problems.size(), 1);
    QCOMPARE(inspection.problems[0].code, DatasetProblemCode::RainyWithoutClean);
}

// Folders named neither way: the side with streaks (more high-frequency energy) is rainy, even
// when it sorts second.
void TestDatasetLayouts::siblingFoldersByImages()
{
    QTemporaryDir dir;
    for (int i = 1; i <= 4; ++i) {
        const cv::Mat scene = smoothScene(i);
        writeImageTo(dir.filePath(QStringLiteral("A/%1.png").arg(i)), scene);
        writeImageTo(dir.filePath(QStringLiteral("Z/%1.png").arg(i)), withStreaks(scene, i));
    }
    const DatasetInspection inspection = inspectDataset(dir.path(), InspectOptions());
    QVERIFY2(inspection.ok(), qPrintable(inspection.error));
    QCOMPARE(inspection.dataset.layout, QStringLiteral("sibling-folders"));
    QCOMPARE(inspection.dataset.pairs.size(), 4);
    QVERIFY(inspection.dataset.pairs[0].rainy.contains(QStringLiteral("/Z/")));
    QVERIFY2(inspection.dataset.layoutNote.contains(QStringLiteral("4 of 4 pairs")),
        qPrintable(inspection.dataset.layoutNote));
    // The measure itself: streaks add energy to the same scene.
    bool okClean = false, okRainy = false;
    const double clean = highFrequencyEnergy(dir.filePath(QStringLiteral("A/1.png")), &okClean);
    const double rainy = highFrequencyEnergy(dir.filePath(QStringLiteral("Z/1.png")), &okRainy);
    QVERIFY(okClean && okRainy);
    QVERIFY2(rainy > 2.0 * clean, qPrintable(QStringLiteral("%1 vs %2").arg(rainy).arg(clean)));
}

// Two time-lapse scenes whose frames share names (as video imports name them) hold different
// scenes: the images say so, and the folder stays time-lapse.
void TestDatasetLayouts::sameFrameNamesStayTimeLapse()
{
    QTemporaryDir dir;
    for (const auto &[scene, seed] : { std::pair { "north", 11 }, std::pair { "south", 12 } }) {
        const cv::Mat background = smoothScene(seed);
        for (int frame = 0; frame < 3; ++frame)
            writeImageTo(
                dir.filePath(QStringLiteral("%1/%2.png").arg(QLatin1String(scene)).arg(frame)),
                withStreaks(background, seed * 10 + frame));
    }
    const DatasetInspection inspection = inspectDataset(dir.path(), InspectOptions());
    QVERIFY2(inspection.ok(), qPrintable(inspection.error));
    QCOMPARE(inspection.dataset.kind, DatasetKind::TimeLapse);
    QCOMPARE(inspection.dataset.scenes.size(), 2);
}

// List files: rainy-first lines, and a list written clean first (its folders say so) whose
// columns are swapped; the split comes from the list's name; a missing file is a problem.
void TestDatasetLayouts::pairLists()
{
    QTemporaryDir dir;
    for (const char *stem : { "a", "b", "c" }) {
        writeTinyImage(dir.filePath(QStringLiteral("x/%1.png").arg(QLatin1String(stem))), 1);
        writeTinyImage(dir.filePath(QStringLiteral("y/%1.png").arg(QLatin1String(stem))), 2);
        writeTinyImage(dir.filePath(QStringLiteral("input/%1.png").arg(QLatin1String(stem))), 3);
        writeTinyImage(dir.filePath(QStringLiteral("gt/%1.png").arg(QLatin1String(stem))), 4);
    }
    pluvia::test::writeBytes(dir.filePath(QStringLiteral("train.txt")),
        "# rainy clean\nx/a.png y/a.png\n\nx/b.png  y/b.png\nx/zz.png y/c.png\n");
    pluvia::test::writeBytes(
        dir.filePath(QStringLiteral("test_list.txt")), "gt/c.png input/c.png\n");
    pluvia::test::writeBytes(dir.filePath(QStringLiteral("readme.txt")), "not a list\n");
    const DatasetInspection inspection = inspectDataset(dir.path(), InspectOptions());
    QVERIFY2(inspection.ok(), qPrintable(inspection.error));
    QCOMPARE(inspection.dataset.layout, QStringLiteral("pair-list"));
    const QVector<DatasetPair> &pairs = inspection.dataset.pairs;
    QCOMPARE(pairs.size(), 3);
    QVERIFY(pairs[0].rainy.endsWith(QStringLiteral("/input/c.png"))); // test_list.txt, swapped
    QCOMPARE(pairs[0].split, QStringLiteral("test"));
    QVERIFY(pairs[1].rainy.endsWith(QStringLiteral("/x/a.png")));
    QVERIFY(pairs[2].clean.endsWith(QStringLiteral("/y/b.png")));
    QCOMPARE(pairs[2].split, QStringLiteral("train"));
    QCOMPARE(inspection.problems.size(), 1);
    QCOMPARE(inspection.problems[0].code, DatasetProblemCode::PairList);
    QVERIFY(inspection.problems[0].message.contains(QStringLiteral("train.txt")));
    QVERIFY2(inspection.dataset.layoutNote.contains(QStringLiteral("test_list.txt (1 pairs, clean "
                                                                   "first)")),
        qPrintable(inspection.dataset.layoutNote));
}

// A dataset from elsewhere cannot make Pluvia read files outside its folder (issue 18: a manifest
// naming ../../etc/passwd was accepted) unless the user allows it.
void TestDatasetLayouts::listedPathsStayInside()
{
    QTemporaryDir dir;
    writeTinyImage(dir.filePath(QStringLiteral("outside/a.png")), 1);
    writeTinyImage(dir.filePath(QStringLiteral("set/wet/a.png")), 2);
    writeTinyImage(dir.filePath(QStringLiteral("set/wet/b.png")), 3);
    writeTinyImage(dir.filePath(QStringLiteral("set/dry/b.png")), 4);
    const QString set = dir.filePath(QStringLiteral("set"));
    DatasetManifest manifest;
    manifest.samples
        = { { QStringLiteral("wet/a.png"), QStringLiteral("../outside/a.png"), {}, {} },
              { QStringLiteral("wet/b.png"), QStringLiteral("dry/../dry/b.png"), {}, {} },
              { QStringLiteral("wet/b.png"), QStringLiteral("dry/../../outside/a.png"), {}, {} } };
    QCOMPARE(writeManifest(QDir(set).filePath(manifestFileName()), manifest), QString());
    const QString outside = QDir::toNativeSeparators(dir.filePath(QStringLiteral("outside/a.png")));

    DatasetInspection inspection = inspectDataset(set, InspectOptions());
    QVERIFY2(inspection.ok(), qPrintable(inspection.error));
    QCOMPARE(pairNames(inspection.dataset), QStringList { "b.png>b.png" });
    QCOMPARE(inspection.problems.size(), 2);
    for (const DatasetProblem &problem : inspection.problems) {
        QCOMPARE(problem.code, DatasetProblemCode::Manifest);
        QCOMPARE(problem.message,
            QStringLiteral("%1: listed in manifest.json but outside the dataset's folder %2; not "
                           "used (allow with --allow-outside-root)")
                .arg(outside, QDir::toNativeSeparators(set)));
    }
    setListedPathsMayLeaveRoot(true);
    inspection = inspectDataset(set, InspectOptions());
    setListedPathsMayLeaveRoot(false);
    QCOMPARE(pairNames(inspection.dataset),
        (QStringList { "a.png>a.png", "b.png>b.png", "b.png>a.png" }));
    QVERIFY(inspection.problems.isEmpty());

    // Pair lists likewise, absolute paths included.
    QVERIFY(QFile::remove(QDir(set).filePath(manifestFileName())));
    pluvia::test::writeBytes(QDir(set).filePath(QStringLiteral("train.txt")),
        "wet/b.png dry/b.png\nwet/a.png ../outside/a.png\nwet/a.png "
            + dir.filePath(QStringLiteral("outside/a.png")).toUtf8() + "\n");
    inspection = inspectDataset(set, InspectOptions());
    QCOMPARE(inspection.dataset.layout, QStringLiteral("pair-list"));
    QCOMPARE(pairNames(inspection.dataset), QStringList { "b.png>b.png" });
    QCOMPARE(inspection.problems.size(), 2);
    for (const DatasetProblem &problem : inspection.problems) {
        QCOMPARE(problem.code, DatasetProblemCode::PairList);
        QVERIFY2(problem.message.startsWith(outside
                     + QStringLiteral(": listed in train.txt but "
                                      "outside the dataset's folder")),
            qPrintable(problem.message));
    }
}

// The fuzzing finding: a manifest naming folders ("wet", "dry") gave a pair of two folders,
// which training would then try to read as images. A listed path must be a file; a folder is
// named as not one, a missing file as missing. Pair lists likewise.
void TestDatasetLayouts::listedFoldersAreNotFiles()
{
    QTemporaryDir dir;
    writeTinyImage(dir.filePath(QStringLiteral("wet/a.png")), 1);
    writeTinyImage(dir.filePath(QStringLiteral("dry/a.png")), 2);
    DatasetManifest manifest;
    manifest.samples = { { QStringLiteral("wet"), QStringLiteral("dry"), {}, {} },
        { QStringLiteral("wet/a.png"), QStringLiteral("dry/a.png"), {}, {} },
        { QStringLiteral("wet/a.png"), QStringLiteral("dry/gone.png"), {}, {} } };
    QCOMPARE(writeManifest(dir.filePath(manifestFileName()), manifest), QString());
    const auto native = [&](const char *relative) {
        return QDir::toNativeSeparators(dir.filePath(QLatin1String(relative)));
    };

    DatasetInspection inspection = inspectDataset(dir.path(), InspectOptions());
    QVERIFY2(inspection.ok(), qPrintable(inspection.error));
    QCOMPARE(pairNames(inspection.dataset), QStringList { "a.png>a.png" });
    QStringList messages;
    for (const DatasetProblem &problem : inspection.problems)
        messages << problem.message;
    QCOMPARE(messages,
        (QStringList { native("wet") + QStringLiteral(": listed in manifest.json but not a file"),
            native("dry") + QStringLiteral(": listed in manifest.json but not a file"),
            native("dry/gone.png") + QStringLiteral(": listed in manifest.json but missing") }));

    QVERIFY(QFile::remove(dir.filePath(manifestFileName())));
    QVERIFY(QDir().mkpath(dir.filePath(QStringLiteral("wet/folder.png"))));
    pluvia::test::writeBytes(dir.filePath(QStringLiteral("pairs.txt")),
        "wet/a.png dry/a.png\nwet/folder.png dry/a.png\n");
    inspection = inspectDataset(dir.path(), InspectOptions());
    QCOMPARE(inspection.dataset.layout, QStringLiteral("pair-list"));
    QCOMPARE(pairNames(inspection.dataset), QStringList { "a.png>a.png" });
    QCOMPARE(inspection.problems.size(), 1);
    QCOMPARE(inspection.problems[0].message,
        native("wet/folder.png") + QStringLiteral(": listed in pairs.txt but not a file"));
}

// Swapping writes a manifest that then decides; a second pin is refused.
void TestDatasetLayouts::pinningSwapsAndSticks()
{
    QTemporaryDir dir;
    for (const char *stem : { "1", "2" }) {
        writeTinyImage(
            dir.filePath(QStringLiteral("inputcrop/%1.png").arg(QLatin1String(stem))), 3);
        writeTinyImage(
            dir.filePath(QStringLiteral("cleancrop/%1.png").arg(QLatin1String(stem))), 4);
    }
    const DatasetInspection detected = inspectDataset(dir.path(), InspectOptions());
    QVERIFY(detected.ok());
    QCOMPARE(pinPairedDataset(detected.dataset, true), QString());
    const DatasetInspection pinned = inspectDataset(dir.path(), InspectOptions());
    QVERIFY(pinned.ok());
    QCOMPARE(pinned.dataset.layout, QStringLiteral("manifest"));
    QCOMPARE(pinned.dataset.pairs.size(), 2);
    QCOMPARE(pinned.dataset.pairs[0].rainy, detected.dataset.pairs[0].clean);
    QCOMPARE(pinned.dataset.pairs[0].clean, detected.dataset.pairs[0].rainy);
    const QString again = pinPairedDataset(pinned.dataset, false);
    QVERIFY2(again.contains(QStringLiteral("manifest.json")), qPrintable(again));
}

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
