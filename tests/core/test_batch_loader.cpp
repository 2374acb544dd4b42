// SPDX-License-Identifier: GPL-3.0-or-later
// Loaders: determinism for a seed (whatever the worker count), seek, real crops, flips, direction
// labels, unpaired independence, time-lapse frame pairs and broken files at load time.
#include "core/data/dataset.h"
#include "core/data/paired_loader_p.h"
#include "core/data/sample_rng_p.h"
#include "core/data/timelapse_loader_p.h"
#include "core/data/unpaired_loader_p.h"
#include "core/image/image_io_p.h"
#include "support/test_support.h"

#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QtTest/QtTest>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <torch/torch.h>

#include <cmath>
#include <optional>

using namespace pluvia::core;

namespace {

constexpr int kWidth = 40;
constexpr int kHeight = 32;
constexpr int kCrop = 16;

void writeSource(const QString &path, std::uint64_t seed)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    const QString error = writeImage(path, pluvia::test::texturedImage(kWidth, kHeight, seed));
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

// The reference: the file decoded by OpenCV directly (BGR 8-bit -> RGB float / 255), not through
// core's reader.
cv::Mat referenceImage(const QString &path)
{
    cv::Mat bgr = cv::imread(QFile::encodeName(path).toStdString(), cv::IMREAD_COLOR);
    cv::Mat rgb, result;
    cv::cvtColor(bgr, rgb, cv::COLOR_BGR2RGB);
    rgb.convertTo(result, CV_32FC3, 1.0 / 255.0);
    return result;
}

cv::Mat sampleAsMat(const at::Tensor &chw)
{
    const at::Tensor hwc = chw.permute({ 1, 2, 0 }).contiguous();
    return cv::Mat(int(hwc.size(0)), int(hwc.size(1)), CV_32FC3, hwc.data_ptr<float>()).clone();
}

struct Window {
    int x = -1;
    int y = -1;
    bool flipped = false;
};

// Searches every window position and both orientations of `source` for `sample`.
std::optional<Window> findWindow(const cv::Mat &source, const at::Tensor &sample)
{
    const cv::Mat crop = sampleAsMat(sample);
    for (int flip = 0; flip < 2; ++flip) {
        cv::Mat candidate = crop;
        if (flip)
            cv::flip(crop, candidate, 1);
        for (int y = 0; y + kCrop <= source.rows; ++y) {
            for (int x = 0; x + kCrop <= source.cols; ++x) {
                if (cv::norm(source(cv::Rect(x, y, kCrop, kCrop)), candidate, cv::NORM_INF) < 1e-6)
                    return Window { x, y, flip == 1 };
            }
        }
    }
    return std::nullopt;
}

bool regionMatches(const cv::Mat &source, const Window &window, const at::Tensor &sample)
{
    cv::Mat crop = sampleAsMat(sample);
    if (window.flipped)
        cv::flip(crop, crop, 1);
    return cv::norm(source(cv::Rect(window.x, window.y, kCrop, kCrop)), crop, cv::NORM_INF) < 1e-6;
}

LoaderOptions options(std::uint64_t seed, int workers)
{
    LoaderOptions result;
    result.batchSize = 4;
    result.cropSize = kCrop;
    result.seed = seed;
    result.workerThreads = workers;
    result.prefetchBatches = 3;
    return result;
}

bool sameBatch(const PairedBatch &a, const PairedBatch &b)
{
    return a.ok() && b.ok() && a.index == b.index && torch::equal(a.rainy, b.rainy)
        && torch::equal(a.clean, b.clean) && a.rainyPaths == b.rainyPaths
        && torch::allclose(a.directionDeg, b.directionDeg, 0, 0, /*equal_nan=*/true);
}

} // namespace

class TestBatchLoader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void shapesAndRange();
    void sameSeedSameBatches_data();
    void sameSeedSameBatches();
    void differentSeedsDiffer();
    void seekReproduces();
    void cropsAreAlignedSubWindows();
    void flipOption();
    void directionLabels();
    void brokenFileIsSkipped();
    void invalidOptions();
    void unpairedRolesIndependent();
    void timeLapseDistinctFramesOfOneScene();

private:
    QTemporaryDir m_dir;
    QVector<DatasetPair> m_pairs;
};

void TestBatchLoader::initTestCase()
{
    QVERIFY(m_dir.isValid());
    for (int i = 0; i < 7; ++i) {
        const QString name = QStringLiteral("%1.png").arg(i);
        writeSource(m_dir.filePath(QStringLiteral("paired/rain/") + name), 100 + i);
        writeSource(m_dir.filePath(QStringLiteral("paired/norain/") + name), 200 + i);
    }
    const DatasetInspection inspection
        = inspectDataset(m_dir.filePath(QStringLiteral("paired")), InspectOptions());
    QVERIFY2(inspection.ok(), qPrintable(inspection.error));
    m_pairs = inspection.dataset.pairs;
    QCOMPARE(m_pairs.size(), 7);
}

void TestBatchLoader::shapesAndRange()
{
    PairedLoader loader(m_pairs, options(1, 2));
    QVERIFY(loader.error().isEmpty());
    QCOMPARE(loader.batchesPerEpoch(), qint64(2));
    const PairedBatch batch = loader.next();
    QVERIFY2(batch.ok(), qPrintable(batch.error));
    QCOMPARE(batch.rainy.sizes().vec(), (std::vector<int64_t> { 4, 3, kCrop, kCrop }));
    QCOMPARE(batch.clean.sizes().vec(), (std::vector<int64_t> { 4, 3, kCrop, kCrop }));
    QCOMPARE(batch.rainy.scalar_type(), torch::kFloat32);
    QVERIFY(batch.rainy.min().item<float>() >= 0.f);
    QVERIFY(batch.rainy.max().item<float>() <= 1.f);
    QVERIFY(torch::isnan(batch.directionDeg).all().item<bool>());
    QCOMPARE(loader.position(), qint64(1));
}

void TestBatchLoader::sameSeedSameBatches_data()
{
    QTest::addColumn<int>("workersA");
    QTest::addColumn<int>("workersB");
    QTest::newRow("2 vs 2") << 2 << 2;
    QTest::newRow("1 vs 2") << 1 << 2;
    QTest::newRow("0 vs 3") << 0 << 3;
}

void TestBatchLoader::sameSeedSameBatches()
{
    QFETCH(int, workersA);
    QFETCH(int, workersB);
    PairedLoader a(m_pairs, options(42, workersA));
    PairedLoader b(m_pairs, options(42, workersB));
    // Six batches of four over seven pairs: crosses three epoch boundaries.
    for (int i = 0; i < 6; ++i) {
        const PairedBatch x = a.next(), y = b.next();
        QCOMPARE(x.index, qint64(i));
        QVERIFY2(sameBatch(x, y), qPrintable(QStringLiteral("batch %1 differs").arg(i)));
    }
}

void TestBatchLoader::differentSeedsDiffer()
{
    PairedLoader a(m_pairs, options(1, 1));
    PairedLoader b(m_pairs, options(2, 1));
    int differing = 0;
    for (int i = 0; i < 3; ++i)
        differing += torch::equal(a.next().rainy, b.next().rainy) ? 0 : 1;
    QCOMPARE(differing, 3);
}

void TestBatchLoader::seekReproduces()
{
    PairedLoader reference(m_pairs, options(9, 0));
    QVector<PairedBatch> batches;
    for (int i = 0; i < 6; ++i)
        batches.append(reference.next());

    PairedLoader loader(m_pairs, options(9, 2));
    loader.next();
    loader.seek(4);
    QCOMPARE(loader.position(), qint64(4));
    QVERIFY(sameBatch(loader.next(), batches[4]));
    QVERIFY(sameBatch(loader.next(), batches[5]));
    loader.seek(1);
    QVERIFY(sameBatch(loader.next(), batches[1]));
    QCOMPARE(loader.position(), qint64(2));
}

void TestBatchLoader::cropsAreAlignedSubWindows()
{
    PairedLoader loader(m_pairs, options(3, 2));
    for (int b = 0; b < 3; ++b) {
        const PairedBatch batch = loader.next();
        QVERIFY(batch.ok());
        for (int i = 0; i < 4; ++i) {
            const QString rainyPath = batch.rainyPaths[i];
            const QString cleanPath
                = QString(rainyPath).replace(QStringLiteral("/rain/"), QStringLiteral("/norain/"));
            const std::optional<Window> window
                = findWindow(referenceImage(rainyPath), batch.rainy[i]);
            QVERIFY2(window.has_value(), qPrintable(rainyPath));
            // The clean crop is the same window of the clean image, mirrored the same way.
            QVERIFY(regionMatches(referenceImage(cleanPath), *window, batch.clean[i]));
        }
    }
}

void TestBatchLoader::flipOption()
{
    for (bool allowFlip : { false, true }) {
        LoaderOptions opts = options(5, 1);
        opts.horizontalFlip = allowFlip;
        PairedLoader loader(m_pairs, opts);
        int flipped = 0, plain = 0;
        for (int b = 0; b < 6; ++b) {
            const PairedBatch batch = loader.next();
            for (int i = 0; i < 4; ++i) {
                const std::optional<Window> window
                    = findWindow(referenceImage(batch.rainyPaths[i]), batch.rainy[i]);
                QVERIFY(window.has_value());
                (window->flipped ? flipped : plain)++;
            }
        }
        if (allowFlip) {
            // 24 fair coin flips: all equal has probability 2^-23.
            QVERIFY(flipped > 0);
            QVERIFY(plain > 0);
        } else {
            QCOMPARE(flipped, 0);
        }
    }
}

void TestBatchLoader::directionLabels()
{
    QVector<DatasetPair> pairs = m_pairs;
    for (DatasetPair &pair : pairs)
        pair.directionDeg = 30.0;
    pairs[0].directionDeg.reset();
    PairedLoader loader(pairs, options(11, 2));
    int seen = 0;
    for (int b = 0; b < 4; ++b) {
        const PairedBatch batch = loader.next();
        for (int i = 0; i < 4; ++i) {
            const float label = batch.directionDeg[i].item<float>();
            if (batch.rainyPaths[i] == pairs[0].rainy) {
                QVERIFY(std::isnan(label));
                continue;
            }
            // Mirroring x turns 30° (from +x, counter-clockwise) into 150°.
            const bool flipped
                = findWindow(referenceImage(batch.rainyPaths[i]), batch.rainy[i])->flipped;
            QCOMPARE(label, flipped ? 150.f : 30.f);
            ++seen;
        }
    }
    QVERIFY(seen > 0);
}

void TestBatchLoader::brokenFileIsSkipped()
{
    QVector<DatasetPair> pairs = m_pairs.mid(0, 2);
    const QString broken = m_dir.filePath(QStringLiteral("broken.png"));
    pluvia::test::writeBytes(broken, "not a png");
    pairs.append({ broken, m_pairs[2].clean, std::nullopt, QString() });
    pairs.append({ m_dir.filePath(QStringLiteral("missing.png")), m_pairs[3].clean, std::nullopt,
        QString() });
    PairedLoader loader(pairs, options(4, 2));
    int problems = 0;
    for (int b = 0; b < 4; ++b) {
        const PairedBatch batch = loader.next();
        QVERIFY2(batch.ok(), qPrintable(batch.error));
        for (const QString &path : batch.rainyPaths)
            QVERIFY(path == pairs[0].rainy || path == pairs[1].rainy);
        for (const DatasetProblem &problem : batch.problems) {
            QCOMPARE(problem.code, DatasetProblemCode::Unreadable);
            QVERIFY(problem.path == broken || problem.path.endsWith(QLatin1String("missing.png")));
        }
        problems += batch.problems.size();
    }
    // Each epoch of four samples meets both bad pairs once.
    QVERIFY(problems >= 8);

    // Nothing usable at all: an error batch, no crash, no endless loop.
    PairedLoader hopeless({ pairs[2] }, options(4, 1));
    const PairedBatch batch = hopeless.next();
    QVERIFY(!batch.ok());
    QVERIFY(!batch.problems.isEmpty());
}

void TestBatchLoader::invalidOptions()
{
    LoaderOptions opts = options(1, 1);
    opts.cropSize = 0;
    PairedLoader loader(m_pairs, opts);
    QVERIFY(loader.error().contains(QLatin1String("crop size")));
    QVERIFY(!loader.next().ok());
    PairedLoader empty({}, options(1, 1));
    QVERIFY(!empty.error().isEmpty());

    // A crop larger than every image: the images are skipped (never padded), the batch fails.
    LoaderOptions large = options(1, 0);
    large.cropSize = kWidth + 1;
    PairedLoader tooLarge(m_pairs, large);
    const PairedBatch batch = tooLarge.next();
    QVERIFY(!batch.ok());
    QCOMPARE(batch.problems.first().code, DatasetProblemCode::TooSmall);
}

void TestBatchLoader::unpairedRolesIndependent()
{
    QStringList images;
    for (const DatasetPair &pair : m_pairs)
        images << pair.rainy;
    const std::uint64_t seed = 77;
    QVERIFY(roleSeed(seed, QStringLiteral("rainy")) != roleSeed(seed, QStringLiteral("clean")));
    UnpairedLoader rainy(images, options(roleSeed(seed, QStringLiteral("rainy")), 2));
    UnpairedLoader clean(images, options(roleSeed(seed, QStringLiteral("clean")), 2));
    QStringList rainyOrder, cleanOrder;
    for (int b = 0; b < 4; ++b) {
        const UnpairedBatch batch = rainy.next();
        QVERIFY(batch.ok());
        QCOMPARE(batch.images.sizes().vec(), (std::vector<int64_t> { 4, 3, kCrop, kCrop }));
        for (int i = 0; i < 4; ++i)
            QVERIFY(findWindow(referenceImage(batch.paths[i]), batch.images[i]).has_value());
        rainyOrder << batch.paths;
        cleanOrder << clean.next().paths;
    }
    QVERIFY(rainyOrder != cleanOrder);

    // One role's stream does not depend on how far the other has been consumed.
    UnpairedLoader alone(images, options(roleSeed(seed, QStringLiteral("rainy")), 1));
    QStringList aloneOrder;
    for (int b = 0; b < 4; ++b)
        aloneOrder << alone.next().paths;
    QCOMPARE(aloneOrder, rainyOrder);
    // Each epoch (7 samples) visits every image once.
    QStringList firstEpoch = rainyOrder.mid(0, 7);
    firstEpoch.sort();
    QStringList sorted = images;
    sorted.sort();
    QCOMPARE(firstEpoch, sorted);
}

void TestBatchLoader::timeLapseDistinctFramesOfOneScene()
{
    QVector<DatasetScene> scenes;
    std::uint64_t seed = 500;
    for (int s = 0; s < 3; ++s) {
        DatasetScene scene;
        scene.name = QStringLiteral("scene%1").arg(s);
        for (int f = 0; f < 3 + s; ++f) {
            const QString path
                = m_dir.filePath(QStringLiteral("tl/%1/%2.png").arg(scene.name).arg(f));
            writeSource(path, ++seed);
            scene.frames << path;
        }
        if (s != 1) {
            scene.background
                = m_dir.filePath(QStringLiteral("tl/%1/background.png").arg(scene.name));
            writeSource(scene.background, ++seed);
        }
        scenes << scene;
    }
    TimeLapseLoader loader(scenes, options(8, 2));
    QVERIFY(loader.error().isEmpty());
    TimeLapseLoader twin(scenes, options(8, 1));
    int draws = 0;
    for (int b = 0; b < 25; ++b) {
        const TimeLapseBatch batch = loader.next();
        QVERIFY2(batch.ok(), qPrintable(batch.error));
        const TimeLapseBatch other = twin.next();
        QVERIFY(torch::equal(batch.frameM, other.frameM));
        QVERIFY(torch::equal(batch.frameN, other.frameN));
        for (int i = 0; i < 4; ++i) {
            const int s = int(batch.sceneIndex[i].item<int64_t>());
            const int m = int(batch.frameIndexM[i].item<int64_t>());
            const int n = int(batch.frameIndexN[i].item<int64_t>());
            QVERIFY(m != n);
            QVERIFY(m >= 0 && m < scenes[s].frames.size());
            QVERIFY(n >= 0 && n < scenes[s].frames.size());
            QCOMPARE(batch.hasBackground[i].item<bool>(), !scenes[s].background.isEmpty());
            if (b < 3) { // pixel checks on a few batches keep the test fast
                const std::optional<Window> window
                    = findWindow(referenceImage(scenes[s].frames[m]), batch.frameM[i]);
                QVERIFY(window.has_value());
                QVERIFY(
                    regionMatches(referenceImage(scenes[s].frames[n]), *window, batch.frameN[i]));
                if (!scenes[s].background.isEmpty())
                    QVERIFY(regionMatches(
                        referenceImage(scenes[s].background), *window, batch.background[i]));
                else
                    QCOMPARE(batch.background[i].abs().sum().item<float>(), 0.f);
            }
            ++draws;
        }
    }
    QCOMPARE(draws, 100);
}

QTEST_GUILESS_MAIN(TestBatchLoader)
#include "test_batch_loader.moc"
