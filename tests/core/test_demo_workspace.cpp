// SPDX-License-Identifier: GPL-3.0-or-later
// The demo workspace, built small: registered datasets and counts, disjoint backgrounds between
// the synthetic, real-rain, held-out and clean sets, validation and test ground truth that pairs
// up, time-lapse scenes, the procedural fallback, determinism, refusal to overwrite,
// cancellation.
#include "core/data/dataset_manifest.h"
#include "core/image/image_io_p.h"
#include "core/workspace/demo_workspace.h"
#include "core/workspace/workspace.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSet>
#include <QTemporaryDir>
#include <QtTest/QTest>

#include <opencv2/core.hpp>

using namespace pluvia::core;

namespace {

DemoOptions smallDemo()
{
    DemoOptions options;
    options.seed = 3;
    options.cropsPerPhoto = 1;
    options.timeLapseScenes = 2;
    options.timeLapseTestScenes = 1;
    options.framesPerScene = 20;
    options.proceduralScenes = 6;
    return options;
}

DatasetManifest manifestOf(const QString &folder)
{
    QString error;
    const std::optional<DatasetManifest> manifest
        = readManifest(QDir(folder).filePath(manifestFileName()), &error);
    if (!manifest)
        qWarning("%s", qPrintable(error));
    return manifest.value_or(DatasetManifest());
}

// Crops are named "<photograph>_<k>.png": the photograph a picture came from.
QSet<QString> photographs(const QStringList &paths)
{
    QSet<QString> names;
    for (const QString &path : paths) {
        const QString stem = QFileInfo(path).completeBaseName();
        names.insert(stem.left(stem.lastIndexOf(QLatin1Char('_'))));
    }
    return names;
}

QStringList cleanPaths(const DatasetManifest &manifest)
{
    QStringList paths;
    for (const ManifestSample &sample : manifest.samples)
        paths << sample.clean;
    return paths;
}

QByteArray bytes(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestDemoWorkspace : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void buildsAllDatasets_data();
    void buildsAllDatasets();
    void deterministic();
    void refusesExistingDemo();
    void cancels();
    void realRainWithoutTheVeil();
};

void TestDemoWorkspace::buildsAllDatasets_data()
{
    QTest::addColumn<bool>("procedural");
    if (QDir(defaultDemoBackgroundsFolder()).exists())
        QTest::newRow("photographs") << false;
    QTest::newRow("procedural") << true;
}

void TestDemoWorkspace::buildsAllDatasets()
{
    QFETCH(bool, procedural);
    QTemporaryDir dir;
    QTemporaryDir empty;
    DemoOptions options = smallDemo();
    if (procedural)
        options.backgroundsFolder = empty.path();
    const DemoReport report = buildDemoWorkspace(dir.path(), options, {});
    QVERIFY2(report.ok(), qPrintable(report.error));
    QCOMPARE(report.proceduralBackgrounds, procedural);
    QCOMPARE(report.notes.isEmpty(), !procedural);

    QString error;
    const std::unique_ptr<Workspace> workspace = Workspace::open(dir.path(), &error);
    QVERIFY2(workspace, qPrintable(error));
    QMap<QString, DatasetEntry> entries;
    for (const DatasetEntry &entry : workspace->datasets())
        entries.insert(entry.name, entry);
    QCOMPARE(entries.keys(),
        (QStringList { QStringLiteral("clean"), QStringLiteral("real_rainy"),
            QStringLiteral("real_rainy_test"), QStringLiteral("real_rainy_val"),
            QStringLiteral("synthetic"), QStringLiteral("timelapse"),
            QStringLiteral("timelapse_test") }));
    QCOMPARE(entries[QStringLiteral("synthetic")].kind, DatasetKind::Paired);
    QCOMPARE(entries[QStringLiteral("real_rainy")].kind, DatasetKind::Unpaired);
    QCOMPARE(entries[QStringLiteral("real_rainy_val")].kind, DatasetKind::Paired);
    QCOMPARE(entries[QStringLiteral("real_rainy_test")].kind, DatasetKind::Paired);
    QVERIFY(entries[QStringLiteral("real_rainy_val")].note.contains(QLatin1String("best.pt")));
    QVERIFY(entries[QStringLiteral("real_rainy_test")].note.contains(QLatin1String("report only")));
    QCOMPARE(entries[QStringLiteral("timelapse")].kind, DatasetKind::TimeLapse);
    QCOMPARE(entries[QStringLiteral("timelapse_test")].kind, DatasetKind::TimeLapse);
    if (procedural)
        QVERIFY(entries[QStringLiteral("synthetic")].note.contains(QLatin1String("procedural")));

    // Photographs: a quarter real-rain, a sixth held out, a sixth clean, the rest synthetic; one
    // crop each here, three per held-out photograph (one validates, two test).
    const int sources = procedural ? options.proceduralScenes : 12;
    const DatasetManifest synthetic = manifestOf(entries[QStringLiteral("synthetic")].path);
    const DatasetManifest validation = manifestOf(entries[QStringLiteral("real_rainy_val")].path);
    const DatasetManifest test = manifestOf(entries[QStringLiteral("real_rainy_test")].path);
    const DatasetManifest real = manifestOf(entries[QStringLiteral("real_rainy")].path);
    const DatasetManifest clean = manifestOf(entries[QStringLiteral("clean")].path);
    if (procedural || QDir(defaultDemoBackgroundsFolder()).entryList(QDir::Files).size() == 12) {
        const int heldOut = sources / 6; // 2 of 12 photographs, 1 of 6
        QCOMPARE(real.images.size(), sources / 4);
        QCOMPARE(validation.samples.size(), heldOut);
        QCOMPARE(test.samples.size(), 2 * heldOut);
        QCOMPARE(clean.images.size(), sources / 6);
        QCOMPARE(synthetic.samples.size(), sources - sources / 4 - heldOut - sources / 6);
    }
    QVERIFY(synthetic.samples.size() >= 3 && !validation.samples.isEmpty()
        && !test.samples.isEmpty() && !clean.images.isEmpty());
    for (const ManifestSample &sample : synthetic.samples)
        QVERIFY(sample.directionDeg && *sample.directionDeg >= 0 && *sample.directionDeg < 180);

    // Disjoint backgrounds: no photograph feeds two of the synthetic, real-rain, held-out and
    // clean sets; validation and test share their photographs but not a crop.
    const QSet<QString> syntheticPhotos = photographs(cleanPaths(synthetic));
    const QSet<QString> realPhotos = photographs(real.images);
    const QSet<QString> heldOutPhotos = photographs(cleanPaths(validation));
    const QSet<QString> cleanPhotos = photographs(clean.images);
    QCOMPARE(syntheticPhotos.size(), synthetic.samples.size());
    QCOMPARE(photographs(cleanPaths(test)), heldOutPhotos);
    const QVector<QSet<QString>> groups { syntheticPhotos, realPhotos, heldOutPhotos, cleanPhotos };
    for (int i = 0; i < groups.size(); ++i)
        for (int j = i + 1; j < groups.size(); ++j)
            QVERIFY2(!groups[i].intersects(groups[j]),
                qPrintable(QStringLiteral("%1 %2").arg(i).arg(j)));
    QSet<QString> validationCrops, testCrops;
    for (const QString &path : cleanPaths(validation))
        validationCrops.insert(QFileInfo(path).fileName());
    for (const QString &path : cleanPaths(test))
        testCrops.insert(QFileInfo(path).fileName());
    QVERIFY(!validationCrops.intersects(testCrops));

    // Held-out ground truth pairs up: each rainy image with a clean image of its size, close on
    // average but not equal (the same picture under rain).
    for (const QString &name :
        { QStringLiteral("real_rainy_val"), QStringLiteral("real_rainy_test") }) {
        const QDir folder(entries[name].path);
        for (const ManifestSample &sample : manifestOf(folder.path()).samples) {
            const FloatImage o = readImageRgbFloat(folder.filePath(sample.rainy));
            const FloatImage b = readImageRgbFloat(folder.filePath(sample.clean));
            QVERIFY(o.ok() && b.ok());
            QCOMPARE(o.pixels.size(), b.pixels.size());
            QVERIFY(o.pixels.cols >= 320 && o.pixels.rows >= 256);
            const double meanDiff
                = cv::norm(o.pixels, b.pixels, cv::NORM_L1) / double(o.pixels.total() * 3);
            QVERIFY2(meanDiff > 0.005 && meanDiff < 0.3, qPrintable(QString::number(meanDiff)));
        }
    }

    // Time-lapse: scenes of 20 frames and a clean background; frames differ, background stays.
    const DatasetManifest timeLapse = manifestOf(entries[QStringLiteral("timelapse")].path);
    QCOMPARE(timeLapse.kind, DatasetKind::TimeLapse);
    QCOMPARE(timeLapse.scenes.size(), options.timeLapseScenes);
    const QDir timeLapseDir(entries[QStringLiteral("timelapse")].path);
    for (const ManifestScene &scene : timeLapse.scenes) {
        QCOMPARE(scene.frames.size(), 20);
        QVERIFY(scene.background.endsWith(QLatin1String("background.png")));
        const FloatImage background = readImageRgbFloat(timeLapseDir.filePath(scene.background));
        const FloatImage first = readImageRgbFloat(timeLapseDir.filePath(scene.frames.first()));
        const FloatImage last = readImageRgbFloat(timeLapseDir.filePath(scene.frames.last()));
        QVERIFY(background.ok() && first.ok() && last.ok());
        QCOMPARE(first.pixels.size(), background.pixels.size());
        QVERIFY(cv::norm(first.pixels, last.pixels, cv::NORM_INF) > 0.1);
        for (const QString &frame : scene.frames)
            QVERIFY2(QFileInfo::exists(timeLapseDir.filePath(frame)), qPrintable(frame));
    }
    // Held-out time-lapse scenes: their own count, and backgrounds no training scene has.
    const QString testFolder = entries[QStringLiteral("timelapse_test")].path;
    const DatasetManifest heldOut = manifestOf(testFolder);
    QCOMPARE(heldOut.scenes.size(), options.timeLapseTestScenes);
    QVERIFY(entries[QStringLiteral("timelapse_test")].note.contains(QLatin1String("held-out")));
    for (const ManifestScene &test : heldOut.scenes) {
        QCOMPARE(test.frames.size(), 20);
        const QByteArray background = bytes(QDir(testFolder).filePath(test.background));
        for (const ManifestScene &train : timeLapse.scenes)
            QVERIFY(bytes(timeLapseDir.filePath(train.background)) != background);
    }
    // The staging folder is gone.
    QVERIFY(!QFileInfo::exists(workspace->datasetsFolder() + QStringLiteral("/.demo-staging")));
}

void TestDemoWorkspace::deterministic()
{
    QTemporaryDir a, b;
    DemoOptions options = smallDemo();
    options.timeLapseScenes = 1;
    QVERIFY(buildDemoWorkspace(a.path(), options, {}).ok());
    options.threads = 1;
    QVERIFY(buildDemoWorkspace(b.path(), options, {}).ok());
    int compared = 0;
    for (const QString &sub : { QStringLiteral("datasets/synthetic/rain"),
             QStringLiteral("datasets/real_rainy"), QStringLiteral("datasets/real_rainy_test/rain"),
             QStringLiteral("datasets/timelapse/scene01") }) {
        const QStringList names = QDir(a.filePath(sub)).entryList(QDir::Files);
        QCOMPARE(QDir(b.filePath(sub)).entryList(QDir::Files), names);
        for (const QString &name : names) {
            if (name == QLatin1String("manifest.json"))
                continue; // holds no timestamps but compared through its images anyway
            QVERIFY2(bytes(a.filePath(sub + QLatin1Char('/') + name))
                    == bytes(b.filePath(sub + QLatin1Char('/') + name)),
                qPrintable(sub + QLatin1Char('/') + name));
            ++compared;
        }
    }
    QVERIFY(compared > 20);
}

void TestDemoWorkspace::refusesExistingDemo()
{
    QTemporaryDir dir;
    QVERIFY(QDir().mkpath(dir.filePath(QStringLiteral("datasets/synthetic"))));
    const DemoReport report = buildDemoWorkspace(dir.path(), smallDemo(), {});
    QVERIFY(report.error.contains(QLatin1String("synthetic")));
    QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("pluvia.db"))));
}

void TestDemoWorkspace::cancels()
{
    QTemporaryDir dir;
    const DemoReport report
        = buildDemoWorkspace(dir.path(), smallDemo(), [](qint64 done, qint64) { return done < 3; });
    QVERIFY(report.cancelled);
    QVERIFY(!report.ok());
    QString error;
    const std::unique_ptr<Workspace> workspace = Workspace::open(dir.path(), &error);
    QVERIFY(workspace);
    QVERIFY(workspace->datasets().isEmpty()); // nothing half-made is registered
}

// --no-veil: the real-style sets keep their photographs and streaks, without the haze. Measured
// as the mean |O − B| of each test pair, to which the veil (35% of the way to the airlight at the
// top, depth-dependent) adds at least 2% of full scale.
void TestDemoWorkspace::realRainWithoutTheVeil()
{
    QTemporaryDir veiled, unveiled;
    DemoOptions options = smallDemo();
    options.timeLapseScenes = 0;
    options.timeLapseTestScenes = 0;
    QVERIFY(buildDemoWorkspace(veiled.path(), options, {}).ok());
    options.realRainVeil = false;
    QVERIFY(buildDemoWorkspace(unveiled.path(), options, {}).ok());
    const QString test = QStringLiteral("datasets/real_rainy_test");
    const DatasetManifest a = manifestOf(veiled.filePath(test));
    const DatasetManifest b = manifestOf(unveiled.filePath(test));
    QCOMPARE(cleanPaths(b), cleanPaths(a));
    QVERIFY(!a.samples.isEmpty());
    const auto meanDifference = [](const QString &folder, const ManifestSample &sample) {
        const FloatImage o = readImageRgbFloat(QDir(folder).filePath(sample.rainy));
        const FloatImage c = readImageRgbFloat(QDir(folder).filePath(sample.clean));
        return cv::norm(o.pixels, c.pixels, cv::NORM_L1) / double(o.pixels.total() * 3);
    };
    for (int i = 0; i < a.samples.size(); ++i) {
        QCOMPARE(bytes(unveiled.filePath(test + QLatin1Char('/') + b.samples[i].clean)),
            bytes(veiled.filePath(test + QLatin1Char('/') + a.samples[i].clean)));
        const double withVeil = meanDifference(veiled.filePath(test), a.samples[i]);
        const double withoutVeil = meanDifference(unveiled.filePath(test), b.samples[i]);
        QVERIFY2(withoutVeil > 0.001 && withoutVeil < withVeil - 0.02,
            qPrintable(QStringLiteral("%1 vs %2").arg(withoutVeil).arg(withVeil)));
    }
}

QTEST_GUILESS_MAIN(TestDemoWorkspace)
#include "test_demo_workspace.moc"
