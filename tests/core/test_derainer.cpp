// SPDX-License-Identifier: GPL-3.0-or-later
// The derainer (core/inference/derainer.h) and the output-path rule it shares with the CLI and
// the Derain queue (core/data/derain_outputs.h): paths computed by hand, the `..` guard,
// per-file results in order, one load serving many requests, the slot that reloads a rewritten
// checkpoint, and Decompose's B agreeing with the B written to disk.
#include "core/data/derain_outputs.h"
#include "core/inference/derainer.h"

#include "support/engine_fixtures.h"

#include "core/image/image_io_p.h"
#include "core/metrics/niqe.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest/QtTest>

using namespace pluvia;
using namespace pluvia::core;

class TestDerainer : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    test::TinyModel m_model;

private Q_SLOTS:
    void initTestCase()
    {
        m_model = test::tinyTrainedModel(m_dir.path(), 3, 4, 4);
        QVERIFY(QFileInfo::exists(m_model.checkpoint));
    }

    void outputPathsFollowTheRule()
    {
        const QString root = m_dir.filePath(QStringLiteral("tree"));
        QVERIFY(QDir().mkpath(root + QStringLiteral("/a/b")));
        QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("elsewhere"))));
        const QString inside = root + QStringLiteral("/a/b/photo.jpg");
        const QString outside = m_dir.filePath(QStringLiteral("elsewhere/shot.tif"));
        for (const QString &file : { inside, outside })
            QVERIFY(QFile::copy(
                QDir(m_model.rainy).filePath(QDir(m_model.rainy).entryList(QDir::Files)[0]), file));

        QStringList problems;
        // A folder keeps the path below it; a file below `relativeTo` keeps its path below it.
        const auto fromFolder = derainTargets({ root }, {}, &problems);
        QCOMPARE(fromFolder.size(), 1);
        QCOMPARE(fromFolder[0].relative, QStringLiteral("a/b/photo.png"));
        const auto below = derainTargets({ inside }, root, &problems);
        QCOMPARE(below[0].relative, QStringLiteral("a/b/photo.png"));
        // The `..` guard: a file outside `relativeTo` goes to the output folder itself.
        const auto escaping = derainTargets({ outside }, root, &problems);
        QCOMPARE(escaping[0].relative, QStringLiteral("shot.png"));
        QCOMPARE(
            derainOutputPath(QStringLiteral("/out"), escaping[0]), QStringLiteral("/out/shot.png"));
        QCOMPARE(derainOutputPath(QStringLiteral("/out"), below[0], QStringLiteral("rain")),
            QStringLiteral("/out/rain/a/b/photo.png"));
        QVERIFY(problems.isEmpty());
        derainTargets({ m_dir.filePath(QStringLiteral("missing.png")) }, {}, &problems);
        QCOMPARE(problems.size(), 1);
        QVERIFY(problems[0].contains(QStringLiteral("missing.png")));
    }

    void aBadCheckpointIsNamed()
    {
        QString error;
        const QString missing = m_dir.filePath(QStringLiteral("nothing.pt"));
        QVERIFY(!Derainer::load(missing, QStringLiteral("cpu"), &error));
        QVERIFY2(error.contains(QStringLiteral("nothing.pt")), qPrintable(error));
    }

    // One load, two requests: every file reported once, in order, skipped ones first; the
    // second request skips what the first wrote.
    void oneLoadServesManyRequestsWithPerFileResults()
    {
        QString error;
        const auto derainer = Derainer::load(m_model.checkpoint, QStringLiteral("cpu"), &error);
        QVERIFY2(derainer, qPrintable(error));
        QCOMPARE(derainer->method(), QStringLiteral("supervised"));
        QCOMPARE(derainer->step(), qint64(4));
        const QStringList inputs = QDir(m_model.rainy).entryList(QDir::Files, QDir::Name);
        QCOMPARE(inputs.size(), 3);
        const QString out = m_dir.filePath(QStringLiteral("out"));

        QVector<DerainFileResult> told;
        DerainRequest request;
        request.inputs = { QDir(m_model.rainy).filePath(inputs[1]) };
        request.outFolder = out;
        request.fileFinished = [&](const DerainFileResult &r) { told << r; };
        const DerainReport first = derainer->derain(request);
        QVERIFY2(first.ok(), qPrintable(first.error));
        QCOMPARE(told.size(), 1);
        QCOMPARE(told[0].state, DerainFileResult::State::Done);
        QCOMPARE(told[0].file.outputs.value(0),
            QDir(out).filePath(QFileInfo(inputs[1]).completeBaseName() + QStringLiteral(".png")));

        told.clear();
        request.inputs = { m_model.rainy };
        request.skipExisting = true;
        const DerainReport second = derainer->derain(request);
        QVERIFY2(second.ok(), qPrintable(second.error));
        QCOMPARE(told.size(), 3);
        QCOMPARE(told[0].state, DerainFileResult::State::Skipped);
        QCOMPARE(told[0].input, QDir(m_model.rainy).filePath(inputs[1]));
        QCOMPARE(told[1].input, QDir(m_model.rainy).filePath(inputs[0]));
        QCOMPARE(told[2].input, QDir(m_model.rainy).filePath(inputs[2]));
        QCOMPARE(told[1].state, DerainFileResult::State::Done);
        QCOMPARE(told[2].state, DerainFileResult::State::Done);
        QCOMPARE(second.files.size(), 2);
        QCOMPARE(second.skipped.size(), 1);
    }

    // Decompose's B (float layers) and the derained file (8-bit) of the same image agree to
    // within the file's quantisation.
    void decomposeAgreesWithTheFileWritten()
    {
        QString error;
        const auto derainer = Derainer::load(m_model.checkpoint, QStringLiteral("cpu"), &error);
        QVERIFY2(derainer, qPrintable(error));
        const QString image
            = QDir(m_model.rainy)
                  .filePath(QDir(m_model.rainy).entryList(QDir::Files, QDir::Name)[0]);
        DecomposeRequest decompose;
        decompose.rainy = image;
        const DecomposeResult layers = derainer->decompose(decompose);
        QVERIFY2(layers.ok(), qPrintable(layers.error));
        QCOMPARE(layers.preview.step, qint64(4));
        const PreviewLayer *b = nullptr;
        for (const PreviewLayer &layer : layers.preview.layers)
            if (layer.name == QLatin1String("B"))
                b = &layer;
        QVERIFY(b);

        DerainRequest request;
        request.inputs = { image };
        request.outFolder = m_dir.filePath(QStringLiteral("agree"));
        const DerainReport report = derainer->derain(request);
        QVERIFY2(report.ok(), qPrintable(report.error));
        const FloatImage written = readImageRgbFloat(report.files[0].outputs[0]);
        QVERIFY(written.ok());
        QCOMPARE(written.pixels.cols, b->width);
        QCOMPARE(written.pixels.rows, b->height);
        double worst = 0.0;
        for (int y = 0; y < b->height; ++y)
            for (int x = 0; x < b->width; ++x)
                for (int c = 0; c < 3; ++c) {
                    const float layer
                        = std::clamp(b->values[qsizetype((y * b->width + x) * 3 + c)], 0.0f, 1.0f);
                    worst = std::max(
                        worst, double(std::abs(written.pixels.at<cv::Vec3f>(y, x)[c] - layer)));
                }
        QVERIFY2(worst <= 0.5 / 255.0 + 1e-5, qPrintable(QString::number(worst)));

        // The caption's NIQE: O's from the float layer equals the file's (8-bit values survive
        // the round trip); B's from the float layer equals the written B's (the same rounding).
        const NiqeScore rainyScore = niqeOfFile(image);
        const NiqeScore writtenScore = niqeOfFile(report.files[0].outputs[0]);
        QVERIFY(rainyScore.ok() && writtenScore.ok());
        QCOMPARE(layers.preview.niqeO, rainyScore.value);
        QVERIFY2(std::abs(layers.preview.niqeB - writtenScore.value) < 1e-9,
            qPrintable(QStringLiteral("%1 against %2")
                           .arg(layers.preview.niqeB, 0, 'g', 12)
                           .arg(writtenScore.value, 0, 'g', 12)));
    }

    // The slot keeps one derainer per checkpoint and reloads a checkpoint rewritten since.
    void theSlotReloadsARewrittenCheckpoint()
    {
        const QString copy = m_dir.filePath(QStringLiteral("copy.pt"));
        QVERIFY(QFile::copy(m_model.checkpoint, copy));
        DerainerSlot slot;
        QString error;
        const auto first = slot.get(copy, QStringLiteral("cpu"), &error);
        QVERIFY2(first, qPrintable(error));
        QCOMPARE(slot.get(copy, QStringLiteral("cpu"), &error), first);
        QFile file(copy);
        QVERIFY(file.open(QIODevice::ReadWrite));
        QVERIFY(file.setFileTime(
            QFileInfo(copy).lastModified().addSecs(5), QFileDevice::FileModificationTime));
        file.close();
        const auto reloaded = slot.get(copy, QStringLiteral("cpu"), &error);
        QVERIFY2(reloaded, qPrintable(error));
        QVERIFY(reloaded != first);
        QVERIFY(
            !slot.get(m_dir.filePath(QStringLiteral("none.pt")), QStringLiteral("cpu"), &error));
        QVERIFY(error.contains(QStringLiteral("none.pt")));
    }
};

QTEST_GUILESS_MAIN(TestDerainer)
#include "test_derainer.moc"
