// SPDX-License-Identifier: GPL-3.0-or-later
// Exporting generated rainy datasets (core/inference/dataset_generation.h) with DerainCycleGAN,
// whose rain needs no source: r_n = G_R(Att(n), n) from the clean image alone, or steered by a
// real rainy image's mask; an interrupted export finishes when the same request runs again
// (pairs already written kept byte for byte), and another request on that folder is refused.
// Also the notices a configuration carries (core::methodNotices) and the run's card.
#include "core/catalogue/method_catalog.h"
#include "core/inference/dataset_generation.h"

#include "support/engine_fixtures.h"
#include "support/test_support.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest/QtTest>

using namespace pluvia;
using namespace pluvia::core;

namespace {

QJsonObject manifestOf(const QString &folder)
{
    QFile file(QDir(folder).filePath(QStringLiteral("manifest.json")));
    return file.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(file.readAll()).object()
                                          : QJsonObject();
}

} // namespace

class TestDatasetGeneration : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_dataset; // paired: rain/ and norain/
    QString m_checkpoint;

    GenerateRequest request(const QString &out) const
    {
        GenerateRequest r;
        r.checkpoint = m_checkpoint;
        r.cleanInputs = { QDir(m_dir.path()).filePath(QStringLiteral("data/clean")) };
        r.outFolder = out;
        r.seed = 5;
        return r;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_dataset = test::makePairedDataset(
            QDir(m_dir.path()).filePath(QStringLiteral("data")), 5, 64, 48, 2);
        RunRequest run;
        run.workspace = QDir(m_dir.path()).filePath(QStringLiteral("ws"));
        run.method = QStringLiteral("deraincyclegan");
        run.preset = QStringLiteral("quick");
        run.overrides
            = { QStringLiteral("attention_features=4"), QStringLiteral("attention_stages=2"),
                  QStringLiteral("generator_channels=4"), QStringLiteral("disc_channels=4"),
                  QStringLiteral("crop_size=32"), QStringLiteral("batch_size=2") };
        run.data.insert(QStringLiteral("real_rainy"), m_dataset + QStringLiteral("/rain"));
        run.data.insert(
            QStringLiteral("clean"), QDir(m_dir.path()).filePath(QStringLiteral("data/clean")));
        run.seed = 3;
        run.engine.steps = 3;
        run.engine.previewEvery = 0;
        run.engine.loaderThreads = 1;
        m_checkpoint = test::trainedCheckpoint(run);
        QVERIFY(QFileInfo::exists(m_checkpoint));
    }

    // Without --real: one pair per clean image, the clean image itself as norain, and the
    // provenance says there was no rain source.
    void rainFromTheCleanImageAlone()
    {
        const QString out = QDir(m_dir.path()).filePath(QStringLiteral("own"));
        const GenerateReport report = generateDataset(request(out));
        QVERIFY2(report.ok(), qPrintable(report.error));
        QCOMPARE(report.pairs, 5);
        QCOMPARE(report.resumed, 0);
        const QJsonObject provenance = manifestOf(out)[QStringLiteral("provenance")].toObject();
        QVERIFY(
            provenance[QStringLiteral("rain_source")][QStringLiteral("kind")].toString().startsWith(
                QStringLiteral("none")));
        QCOMPARE(provenance[QStringLiteral("method")].toString(), QStringLiteral("deraincyclegan"));
        QVERIFY(!QFileInfo::exists(QDir(out).filePath(QStringLiteral("generation.json"))));
        const QString clean = QDir(m_dir.path()).filePath(QStringLiteral("data/clean"));
        const QString first = QDir(clean).entryList(QDir::Files, QDir::Name).front();
        QCOMPARE(QFileInfo(QDir(out).filePath(QStringLiteral("norain/")
                               + QFileInfo(first).completeBaseName() + QStringLiteral(".png")))
                     .exists(),
            true);

        // Steered by real rainy images: the source is recorded and the images differ.
        GenerateRequest steered = request(QDir(m_dir.path()).filePath(QStringLiteral("steered")));
        steered.realInputs = { m_dataset + QStringLiteral("/rain") };
        const GenerateReport second = generateDataset(steered);
        QVERIFY2(second.ok(), qPrintable(second.error));
        const QJsonObject source = manifestOf(steered.outFolder)[QStringLiteral("provenance")]
                                       .toObject()[QStringLiteral("rain_source")]
                                       .toObject();
        QCOMPARE(source[QStringLiteral("images")].toArray().size(), 5);
        const QString name = QStringLiteral("rain/") + QFileInfo(first).completeBaseName()
            + QStringLiteral(".png");
        QVERIFY(test::fileDigest(QDir(out).filePath(name))
            != test::fileDigest(QDir(steered.outFolder).filePath(name)));
    }

    // Cancelled after 2 of 5 images: no manifest, generation.json records the request. The same
    // request finishes it, keeping the 2 pairs (same bytes) and writing the other 3; the result
    // equals an uninterrupted export's. Another request on that folder is refused, naming it.
    void interruptedExportFinishes()
    {
        const QString out = QDir(m_dir.path()).filePath(QStringLiteral("interrupted"));
        GenerateRequest first = request(out);
        first.progress = [](qint64 done, qint64) { return done < 2; };
        const GenerateReport cancelled = generateDataset(first);
        QVERIFY(cancelled.cancelled);
        QVERIFY(!QFileInfo::exists(QDir(out).filePath(QStringLiteral("manifest.json"))));
        QVERIFY(QFileInfo::exists(QDir(out).filePath(QStringLiteral("generation.json"))));
        const QStringList written = QDir(out + QStringLiteral("/rain")).entryList(QDir::Files);
        QCOMPARE(written.size(), 2);
        QMap<QString, QByteArray> before;
        for (const QString &file : written)
            before.insert(file, test::fileDigest(out + QStringLiteral("/rain/") + file));

        GenerateRequest other = request(out);
        other.seed = 6;
        const GenerateReport refused = generateDataset(other);
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error.contains(QDir::toNativeSeparators(out))
                && refused.error.contains(QStringLiteral("another request")),
            qPrintable(refused.error));

        const GenerateReport finished = generateDataset(request(out));
        QVERIFY2(finished.ok(), qPrintable(finished.error));
        QCOMPARE(finished.pairs, 5);
        QCOMPARE(finished.resumed, 2);
        for (auto it = before.cbegin(); it != before.cend(); ++it)
            QCOMPARE(test::fileDigest(out + QStringLiteral("/rain/") + it.key()), it.value());
        QCOMPARE(manifestOf(out)[QStringLiteral("samples")].toArray().size(), 5);
        QVERIFY(!QFileInfo::exists(QDir(out).filePath(QStringLiteral("generation.json"))));
        // Without a source the export is deterministic: it equals the uninterrupted one.
        const QString whole = QDir(m_dir.path()).filePath(QStringLiteral("own"));
        for (const QString &file : QDir(out + QStringLiteral("/rain")).entryList(QDir::Files))
            QCOMPARE(test::fileDigest(out + QStringLiteral("/rain/") + file),
                test::fileDigest(whole + QStringLiteral("/rain/") + file));
    }

    void noticesNameWhatIsOff()
    {
        QJsonObject params;
        QCOMPARE(resolveMethodParameters(
                     QStringLiteral("deraincyclegan"), QStringLiteral("quick"), {}, &params),
            QString());
        const QStringList notices = methodNotices(QStringLiteral("deraincyclegan"), params);
        QCOMPARE(notices.size(), 1);
        QVERIFY2(notices.front().contains(QStringLiteral("L_p"))
                && notices.front().contains(QStringLiteral("vgg_weights")),
            qPrintable(notices.front()));
        QCOMPARE(resolveMethodParameters(QStringLiteral("deraincyclegan"), QStringLiteral("quick"),
                     { QStringLiteral("use_perceptual=false") }, &params),
            QString());
        QVERIFY(methodNotices(QStringLiteral("deraincyclegan"), params).isEmpty());
        QCOMPARE(
            resolveMethodParameters(QStringLiteral("jrgr"), QStringLiteral("quick"), {}, &params),
            QString());
        QVERIFY(methodNotices(QStringLiteral("jrgr"), params).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestDatasetGeneration)
#include "test_dataset_generation.moc"
