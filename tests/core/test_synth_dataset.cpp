// SPDX-License-Identifier: GPL-3.0-or-later
// synthesizeDataset: layout and manifest, thread-count independence, rain maps, broken inputs,
// refusal to overwrite, cancellation.
#include "core/data/dataset_manifest.h"
#include "core/image/image_io_p.h"
#include "core/synth/synth_dataset.h"
#include "support/test_support.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QtTest/QTest>

#include <opencv2/core.hpp>

#include <atomic>

using namespace pluvia::core;

namespace {

// Three clean PNGs (one name repeated in a second folder) and one broken file.
QStringList writeCleanInputs(const QString &root)
{
    QDir().mkpath(root + QStringLiteral("/a"));
    QDir().mkpath(root + QStringLiteral("/b"));
    for (int i = 0; i < 2; ++i) {
        const QString path = root + QStringLiteral("/a/img%1.png").arg(i);
        if (!writeImage(path, pluvia::test::texturedImage(96, 64, 100 + i)).isEmpty())
            return {};
    }
    if (!writeImage(root + QStringLiteral("/b/img0.png"), pluvia::test::texturedImage(80, 72, 7))
             .isEmpty())
        return {};
    pluvia::test::writeBytes(root + QStringLiteral("/b/zz_broken.png"), QByteArray("not a png"));
    return { root + QStringLiteral("/a"), root + QStringLiteral("/b") };
}

SynthRequest request(const QStringList &inputs, const QString &out)
{
    SynthRequest r;
    r.cleanInputs = inputs;
    r.outFolder = out;
    r.styles = { SynthStyle { QStringLiteral("light"), *rainPreset(QStringLiteral("light")) },
        SynthStyle { QStringLiteral("directional"), *rainPreset(QStringLiteral("directional")) } };
    r.variantsPerImage = 2;
    r.seed = 77;
    return r;
}

QByteArray bytes(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestSynthDataset : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void layoutAndManifest();
    void threadCountDoesNotMatter();
    void rainMapDecodes();
    void refusesBadRequests();
    void cancels();
};

void TestSynthDataset::layoutAndManifest()
{
    QTemporaryDir dir;
    const QStringList inputs = writeCleanInputs(dir.path());
    QVERIFY(!inputs.isEmpty());
    const QString out = dir.filePath(QStringLiteral("out"));
    const SynthReport report = synthesizeDataset(request(inputs, out));
    QVERIFY2(report.ok(), qPrintable(report.error));
    QCOMPARE(report.cleanImages, 3);
    QCOMPARE(report.rainyImages, 6);
    QCOMPARE(report.warnings.size(), 1); // the broken file, named
    QVERIFY(report.warnings[0].contains(QLatin1String("zz_broken.png")));

    QString error;
    const std::optional<DatasetManifest> manifest = readManifest(report.manifestPath, &error);
    QVERIFY2(manifest, qPrintable(error));
    QCOMPARE(manifest->kind, DatasetKind::Paired);
    QCOMPARE(manifest->samples.size(), 6);
    // Order: a/img0, a/img1, b/img0 (renamed img0_2), two variants each.
    QCOMPARE(manifest->samples[0].rainy, QStringLiteral("rain/img0_1.png"));
    QCOMPARE(manifest->samples[1].rainy, QStringLiteral("rain/img0_2.png"));
    QCOMPARE(manifest->samples[1].clean, QStringLiteral("norain/img0.png"));
    QCOMPARE(manifest->samples[4].clean, QStringLiteral("norain/img0_2.png"));
    QCOMPARE(manifest->samples[5].rainy, QStringLiteral("rain/img0_2_2.png"));
    for (const ManifestSample &sample : manifest->samples) {
        QVERIFY(sample.directionDeg && *sample.directionDeg >= 0 && *sample.directionDeg < 180);
        const FloatImage rainy = readImageRgbFloat(QDir(out).filePath(sample.rainy));
        const FloatImage clean = readImageRgbFloat(QDir(out).filePath(sample.clean));
        QVERIFY(rainy.ok() && clean.ok());
        QCOMPARE(rainy.pixels.size(), clean.pixels.size());
        QVERIFY(cv::norm(rainy.pixels, clean.pixels, cv::NORM_L1) > 0);
    }
    // The clean image on disk is the input (8-bit in, 8-bit out: identical pixels).
    const FloatImage source = readImageRgbFloat(dir.filePath(QStringLiteral("b/img0.png")));
    const FloatImage copy
        = readImageRgbFloat(QDir(out).filePath(QStringLiteral("norain/img0_2.png")));
    QCOMPARE(cv::norm(source.pixels, copy.pixels, cv::NORM_INF), 0.0);

    const QJsonObject provenance = manifest->provenance;
    QCOMPARE(provenance.value(QStringLiteral("seed")).toInt(), 77);
    QCOMPARE(provenance.value(QStringLiteral("pluvia_version")).toString(),
        QStringLiteral(PLUVIA_VERSION));
    const QJsonArray styles = provenance.value(QStringLiteral("styles")).toArray();
    QCOMPARE(styles.size(), 2);
    QCOMPARE(styles[1].toObject().value(QStringLiteral("name")).toString(),
        QStringLiteral("directional"));
    // Styles alternate over (image, variant) slots.
    QCOMPARE(provenance.value(QStringLiteral("sample_styles")).toArray(),
        (QJsonArray { 0, 1, 0, 1, 0, 1 }));
}

void TestSynthDataset::threadCountDoesNotMatter()
{
    QTemporaryDir dir;
    const QStringList inputs = writeCleanInputs(dir.path());
    QStringList outs;
    for (int threads : { 1, 3 }) {
        SynthRequest r = request(inputs, dir.filePath(QStringLiteral("out%1").arg(threads)));
        r.threads = threads;
        QVERIFY(synthesizeDataset(r).ok());
        outs << r.outFolder;
    }
    const QStringList names = QDir(outs[0] + QStringLiteral("/rain")).entryList(QDir::Files);
    QCOMPARE(names.size(), 6);
    QCOMPARE(QDir(outs[1] + QStringLiteral("/rain")).entryList(QDir::Files), names);
    for (const QString &name : names) {
        const QByteArray a = bytes(outs[0] + QStringLiteral("/rain/") + name);
        QVERIFY(!a.isEmpty());
        QVERIFY2(a == bytes(outs[1] + QStringLiteral("/rain/") + name), qPrintable(name));
    }
    QString error;
    const auto m1 = readManifest(outs[0] + QStringLiteral("/manifest.json"), &error);
    const auto m3 = readManifest(outs[1] + QStringLiteral("/manifest.json"), &error);
    QVERIFY(m1 && m3);
    for (int i = 0; i < m1->samples.size(); ++i)
        QCOMPARE(*m1->samples[i].directionDeg, *m3->samples[i].directionDeg);

    // A different seed renders different rain.
    SynthRequest other = request(inputs, dir.filePath(QStringLiteral("seed78")));
    other.seed = 78;
    QVERIFY(synthesizeDataset(other).ok());
    QVERIFY(bytes(other.outFolder + QStringLiteral("/rain/img1_1.png"))
        != bytes(outs[0] + QStringLiteral("/rain/img1_1.png")));
}

void TestSynthDataset::rainMapDecodes()
{
    QTemporaryDir dir;
    const QStringList inputs = writeCleanInputs(dir.path());
    SynthRequest r = request(inputs, dir.filePath(QStringLiteral("out")));
    r.variantsPerImage = 1;
    r.writeRainMap = true;
    r.styles = { SynthStyle { QStringLiteral("heavy"), *rainPreset(QStringLiteral("heavy")) } };
    QVERIFY(synthesizeDataset(r).ok());
    const FloatImage rainy = readImageRgbFloat(r.outFolder + QStringLiteral("/rain/img1.png"));
    const FloatImage clean = readImageRgbFloat(r.outFolder + QStringLiteral("/norain/img1.png"));
    const DecodedImage map = readImage(r.outFolder + QStringLiteral("/rainmap/img1.png"));
    QVERIFY(rainy.ok() && clean.ok() && map.ok());
    QCOMPARE(map.bitDepth, 16);
    cv::Mat decoded;
    map.pixels.convertTo(decoded, CV_32FC3, 2.0 / 65535.0, -1.0); // the documented encoding
    // B8 + R reproduces O8 up to O's 8-bit rounding, B's and the map's quantisation.
    const cv::Mat residual = clean.pixels + decoded - rainy.pixels;
    QVERIFY(cv::norm(residual, cv::NORM_INF) <= 1.0 / 255.0 + 1.0 / 65535.0 + 1e-6);
    double lo, hi;
    cv::minMaxLoc(decoded.reshape(1), &lo, &hi);
    QVERIFY(hi > 0.2); // streaks are there
}

void TestSynthDataset::refusesBadRequests()
{
    QTemporaryDir dir;
    const QStringList inputs = writeCleanInputs(dir.path());
    SynthRequest r = request(inputs, dir.filePath(QStringLiteral("out")));
    r.styles.clear();
    QVERIFY(synthesizeDataset(r).error.contains(QLatin1String("light")));
    r = request(inputs, dir.filePath(QStringLiteral("out")));
    r.variantsPerImage = 0;
    QVERIFY(!synthesizeDataset(r).ok());
    r = request({ dir.filePath(QStringLiteral("missing")) }, dir.filePath(QStringLiteral("out")));
    const SynthReport none = synthesizeDataset(r);
    QVERIFY(none.error.contains(QLatin1String("missing")));
    // An existing dataset is never overwritten.
    r = request(inputs, dir.filePath(QStringLiteral("out")));
    QVERIFY(synthesizeDataset(r).ok());
    const QByteArray manifest = bytes(r.outFolder + QStringLiteral("/manifest.json"));
    const SynthReport again = synthesizeDataset(r);
    QVERIFY(again.error.contains(QLatin1String("already holds a dataset")));
    QCOMPARE(bytes(r.outFolder + QStringLiteral("/manifest.json")), manifest);
}

void TestSynthDataset::cancels()
{
    QTemporaryDir dir;
    const QStringList inputs = writeCleanInputs(dir.path());
    SynthRequest r = request(inputs, dir.filePath(QStringLiteral("out")));
    r.threads = 1;
    std::atomic<int> calls { 0 };
    r.progress = [&calls](qint64 done, qint64 total) {
        ++calls;
        return done < 1; // stop after the first image
    };
    const SynthReport report = synthesizeDataset(r);
    QVERIFY(report.cancelled);
    QVERIFY(!report.ok());
    QVERIFY(!QFile::exists(r.outFolder + QStringLiteral("/manifest.json")));
    QVERIFY(calls.load() < 4);
}

QTEST_GUILESS_MAIN(TestSynthDataset)
#include "test_synth_dataset.moc"
