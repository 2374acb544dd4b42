// SPDX-License-Identifier: GPL-3.0-or-later
// Dataset inspection: every kind of broken input is listed with its code and skipped.
#include "core/data/dataset.h"
#include "core/data/dataset_manifest.h"
#include "core/image/image_io_p.h"
#include "support/test_support.h"

#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QtTest/QtTest>

#include <atomic>

using namespace pluvia::core;

namespace {

void writeTinyImage(const QString &path, int width = 20, int height = 16, int seed = 1)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    const QString error = writeImage(path, pluvia::test::texturedImage(width, height, seed));
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

QByteArray readBytes(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// "relative/path=code" for each problem, sorted, so tables compare independently of order.
QStringList problemList(const DatasetInspection &inspection, const QString &root)
{
    QStringList list;
    for (const DatasetProblem &problem : inspection.problems)
        list << QDir(root).relativeFilePath(problem.path) + QLatin1Char('=')
                + datasetProblemCodeName(problem.code);
    list.sort();
    return list;
}

} // namespace

class TestDatasetInspection : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void pairedProblems();
    void headersOff();
    void unpairedProblems();
    void timeLapseProblems();
    void manifestMissingFiles();
    void manyFiles();
    void cancel();
    void imageFilesListsEveryKindInOrder();
};

void TestDatasetInspection::pairedProblems()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const auto path
        = [&](const char *relative) { return dir.filePath(QString::fromUtf8(relative)); };
    for (const char *name : { "a.png", "b.jpg" }) {
        writeTinyImage(path("rain/") + QLatin1String(name));
        writeTinyImage(path("norain/") + QLatin1String(name));
    }
    // Cut short: the first half of a valid PNG.
    writeTinyImage(path("rain/cut.png"));
    writeTinyImage(path("norain/cut.png"));
    const QByteArray png = readBytes(path("rain/cut.png"));
    QVERIFY(png.size() > 100);
    pluvia::test::writeBytes(path("rain/cut.png"), png.left(png.size() / 2));
    // Empty file and a text file named .png.
    pluvia::test::writeBytes(path("rain/empty.png"), QByteArray());
    writeTinyImage(path("norain/empty.png"));
    writeTinyImage(path("rain/text.png"));
    pluvia::test::writeBytes(path("norain/text.png"), "just some words, not a picture\n");
    // Partners missing on either side.
    writeTinyImage(path("rain/lonely_rainy.png"));
    writeTinyImage(path("norain/lonely_clean.png"));
    // Smaller than the 16-pixel crop on its shorter side.
    writeTinyImage(path("rain/tiny.png"), 40, 8);
    writeTinyImage(path("norain/tiny.png"), 40, 8);
    // The same stem twice on the rainy side: d.jpg sorts first and is kept.
    writeTinyImage(path("rain/d.jpg"));
    writeTinyImage(path("rain/d.png"));
    writeTinyImage(path("norain/d.png"));
    // Rainy and clean of different sizes.
    writeTinyImage(path("rain/m.png"), 24, 16);
    writeTinyImage(path("norain/m.png"));
    // Non-ASCII names are fine.
    writeTinyImage(path("rain/Regen_ä_☔.png"));
    writeTinyImage(path("norain/Regen_ä_☔.png"));

    InspectOptions options;
    options.minSide = 16;
    const DatasetInspection inspection = inspectDataset(dir.path(), options);
    QVERIFY2(inspection.ok(), qPrintable(inspection.error));
    QCOMPARE(inspection.dataset.layout, QStringLiteral("rain-norain"));

    QStringList usable;
    for (const DatasetPair &pair : inspection.dataset.pairs)
        usable << QFileInfo(pair.rainy).fileName();
    QCOMPARE(usable, (QStringList { "a.png", "b.jpg", "d.jpg", QStringLiteral("Regen_ä_☔.png") }));

    QStringList expected { "rain/cut.png=truncated", "rain/empty.png=unreadable",
        "norain/text.png=unreadable", "rain/lonely_rainy.png=rainy-without-clean",
        "norain/lonely_clean.png=clean-without-rainy", "rain/tiny.png=too-small",
        "norain/tiny.png=too-small", "rain/d.png=duplicate", "rain/m.png=size-mismatch" };
    expected.sort();
    QCOMPARE(problemList(inspection, dir.path()), expected);
    for (const DatasetProblem &problem : inspection.problems) {
        QVERIFY2(problem.message.contains(QFileInfo(problem.path).fileName()),
            qPrintable(problem.message));
    }
    // Size statistics cover the usable files only: 8 files of 20×16.
    QCOMPARE(inspection.sizes.count, 8);
    QCOMPARE(inspection.sizes.maxWidth, 20);
    QCOMPARE(inspection.sizes.minHeight, 16);
    QCOMPARE(inspection.sizes.meanWidth, 20.0);
}

void TestDatasetInspection::headersOff()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    pluvia::test::writeBytes(dir.filePath(QStringLiteral("rain/a.png")), "broken");
    writeTinyImage(dir.filePath(QStringLiteral("norain/a.png")));
    writeTinyImage(dir.filePath(QStringLiteral("norain/b.png")));
    InspectOptions options;
    options.checkHeaders = false;
    const DatasetInspection inspection = inspectDataset(dir.path(), options);
    QVERIFY(inspection.ok());
    // Without header probes the broken file stays; matching problems are still found.
    QCOMPARE(inspection.dataset.pairs.size(), 1);
    QCOMPARE(
        problemList(inspection, dir.path()), QStringList { "norain/b.png=clean-without-rainy" });
    QCOMPARE(inspection.sizes.count, 0);
}

void TestDatasetInspection::unpairedProblems()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    writeTinyImage(dir.filePath(QStringLiteral("good.png")));
    writeTinyImage(dir.filePath(QStringLiteral("sub/good.png"))); // other folder: no duplicate
    writeTinyImage(dir.filePath(QStringLiteral("sub/twice.jpg")));
    writeTinyImage(dir.filePath(QStringLiteral("sub/twice.png")));
    pluvia::test::writeBytes(dir.filePath(QStringLiteral("sub/garbage.jpg")), QByteArray(500, 'x'));
    const DatasetInspection inspection = inspectDataset(dir.path(), InspectOptions());
    QVERIFY(inspection.ok());
    QCOMPARE(inspection.dataset.kind, DatasetKind::Unpaired);
    QCOMPARE(inspection.dataset.images.size(), 3);
    QCOMPARE(problemList(inspection, dir.path()),
        (QStringList { "sub/garbage.jpg=unreadable", "sub/twice.png=duplicate" }));
}

void TestDatasetInspection::timeLapseProblems()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    writeTinyImage(dir.filePath(QStringLiteral("ok/1.png")));
    writeTinyImage(dir.filePath(QStringLiteral("ok/2.png")));
    pluvia::test::writeBytes(dir.filePath(QStringLiteral("ok/background.png")), "nope");
    writeTinyImage(dir.filePath(QStringLiteral("halfbroken/1.png")));
    pluvia::test::writeBytes(dir.filePath(QStringLiteral("halfbroken/2.png")), QByteArray());
    InspectOptions options;
    options.kind = DatasetKind::TimeLapse;
    const DatasetInspection inspection = inspectDataset(dir.path(), options);
    QVERIFY(inspection.ok());
    QCOMPARE(inspection.dataset.scenes.size(), 1);
    QCOMPARE(inspection.dataset.scenes[0].name, QStringLiteral("ok"));
    QVERIFY(inspection.dataset.scenes[0].background.isEmpty());
    QCOMPARE(problemList(inspection, dir.path()),
        (QStringList { "halfbroken/2.png=unreadable", "halfbroken=too-few-frames",
            "ok/background.png=unreadable" }));
}

void TestDatasetInspection::manifestMissingFiles()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    writeTinyImage(dir.filePath(QStringLiteral("r/1.png")));
    writeTinyImage(dir.filePath(QStringLiteral("c/1.png")));
    writeTinyImage(dir.filePath(QStringLiteral("r/2.png")));
    DatasetManifest manifest;
    manifest.samples = { { QStringLiteral("r/1.png"), QStringLiteral("c/1.png"), 90.0, QString() },
        { QStringLiteral("r/2.png"), QStringLiteral("c/2.png"), std::nullopt, QString() } };
    QCOMPARE(writeManifest(dir.filePath(manifestFileName()), manifest), QString());
    const DatasetInspection inspection = inspectDataset(dir.path(), InspectOptions());
    QVERIFY(inspection.ok());
    QCOMPARE(inspection.dataset.pairs.size(), 1);
    QCOMPARE(problemList(inspection, dir.path()), QStringList { "c/2.png=manifest" });

    // A malformed manifest is fatal: the user described the dataset and the description is wrong.
    pluvia::test::writeBytes(dir.filePath(manifestFileName()), "{]");
    const DatasetInspection broken = inspectDataset(dir.path(), InspectOptions());
    QVERIFY(!broken.ok());
    QVERIFY2(broken.error.contains(manifestFileName()), qPrintable(broken.error));
}

void TestDatasetInspection::manyFiles()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    writeTinyImage(dir.filePath(QStringLiteral("seed.png")), 4, 3);
    const QByteArray png = readBytes(dir.filePath(QStringLiteral("seed.png")));
    QVERIFY(QFile::remove(dir.filePath(QStringLiteral("seed.png"))));
    constexpr int kFiles = 2000;
    for (int i = 0; i < kFiles; ++i)
        pluvia::test::writeBytes(dir.filePath(QStringLiteral("img_%1.png").arg(i)), png);
    pluvia::test::writeBytes(dir.filePath(QStringLiteral("img_broken.png")), "x");

    std::atomic<qint64> maxDone { 0 }, lastTotal { 0 };
    std::atomic<int> calls { 0 };
    const DatasetInspection inspection
        = inspectDataset(dir.path(), InspectOptions(), [&](qint64 done, qint64 total) {
              ++calls;
              lastTotal = total;
              qint64 seen = maxDone.load();
              while (done > seen && !maxDone.compare_exchange_weak(seen, done)) { }
              return true;
          });
    QVERIFY(inspection.ok());
    QCOMPARE(inspection.dataset.images.size(), kFiles);
    QCOMPARE(inspection.problems.size(), 1);
    QCOMPARE(inspection.sizes.count, kFiles);
    QCOMPARE(inspection.sizes.meanWidth, 4.0);
    QCOMPARE(inspection.sizes.maxHeight, 3);
    QCOMPARE(calls.load(), kFiles + 1);
    QCOMPARE(maxDone.load(), qint64(kFiles + 1));
    QCOMPARE(lastTotal.load(), qint64(kFiles + 1));
}

void TestDatasetInspection::cancel()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    for (int i = 0; i < 50; ++i)
        writeTinyImage(dir.filePath(QStringLiteral("%1.png").arg(i)), 4, 4);
    const DatasetInspection inspection
        = inspectDataset(dir.path(), InspectOptions(), [](qint64, qint64) { return false; });
    QVERIFY(inspection.cancelled);
    QVERIFY(!inspection.ok());
}

// Pairs (rainy, clean), unpaired images, then scenes (frames, background when there is one);
// repeats are kept so that a role's content hash covers what it reads.
void TestDatasetInspection::imageFilesListsEveryKindInOrder()
{
    const QVector<DatasetPair> pairs
        = { { QStringLiteral("r1"), QStringLiteral("c1"), std::nullopt, QString() },
              { QStringLiteral("r2"), QStringLiteral("c1"), std::nullopt, QString() } };
    const QStringList images = { QStringLiteral("u1") };
    const QVector<DatasetScene> scenes
        = { { QStringLiteral("s"), { QStringLiteral("f1"), QStringLiteral("f2") },
                QStringLiteral("bg") },
              { QStringLiteral("t"), { QStringLiteral("g1") }, QString() } };
    QCOMPARE(imageFiles(pairs, images, scenes),
        (QStringList { QStringLiteral("r1"), QStringLiteral("c1"), QStringLiteral("r2"),
            QStringLiteral("c1"), QStringLiteral("u1"), QStringLiteral("f1"), QStringLiteral("f2"),
            QStringLiteral("bg"), QStringLiteral("g1") }));
    QVERIFY(imageFiles({}, {}, {}).isEmpty());
}

QTEST_GUILESS_MAIN(TestDatasetInspection)
#include "test_dataset_inspection.moc"
