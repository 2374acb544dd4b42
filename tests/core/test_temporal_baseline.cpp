// SPDX-License-Identifier: GPL-3.0-or-later
// Time-lapse sequences: the temporal mean and median against values worked out by hand, the
// sequence layout of derained frames, the baselines written for every frame (B and R read back),
// their refusals, and frames scored against their scene's clean background; and the scene
// sequences of the temporal-consistency view: its std maps by hand, its scores, a model's frames
// agreeing with the baseline's on O, and a cancelled sequence stopping between frames.
#include "core/data/dataset.h"
#include "core/data/derain_outputs.h"
#include "core/image/image_io_p.h"
#include "core/inference/derainer.h"
#include "core/inference/scene_sequence.h"
#include "core/inference/temporal_baseline.h"
#include "core/metrics/evaluation.h"
#include "core/metrics/temporal_consistency.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QtTest/QTest>

#include "support/engine_fixtures.h"

#include <opencv2/core.hpp>

#include <cmath>

using namespace pluvia::core;

namespace {

cv::Mat constant(float r, float g, float b, int side = 2)
{
    return cv::Mat(side, side, CV_32FC3, cv::Scalar(r, g, b));
}

constexpr int kSide = 16; // SSIM needs 11×11 at least

// Two scenes of three kSide² frames: a grey background with one bright streak column per frame
// (a different column each time), background.png beside them; scene02's last frame is 6×6 when
// `brokenScene` is set.
QString writeSequence(const QString &root, bool brokenScene = false)
{
    for (int s = 1; s <= 2; ++s) {
        const QString scene
            = QStringLiteral("%1/scene%2").arg(root).arg(s, 2, 10, QLatin1Char('0'));
        QDir().mkpath(scene);
        const cv::Mat background = constant(0.2f * float(s), 0.4f, 0.6f, kSide);
        if (!writeImage(scene + QStringLiteral("/background.png"), background).isEmpty())
            return {};
        for (int f = 0; f < 3; ++f) {
            cv::Mat frame = background.clone();
            frame.col(2 * f + 1).setTo(cv::Scalar(1.0, 1.0, 1.0));
            if (brokenScene && s == 2 && f == 2)
                frame = frame(cv::Rect(0, 0, 6, 6)).clone();
            if (!writeImage(
                    QStringLiteral("%1/%2.png").arg(scene).arg(f, 3, 10, QLatin1Char('0')), frame)
                     .isEmpty())
                return {};
        }
    }
    return root;
}

// The temporal median of every frame of `dataset`, written into `out`; `out` again.
QString writeMedian(const Dataset &dataset, const QString &out)
{
    DerainRequest request;
    request.outFolder = out;
    const DerainReport report
        = derainSequenceWithBaseline(dataset, TemporalBaseline::Median, request);
    return report.error.isEmpty() && report.problems.isEmpty() ? out : QString();
}

Dataset inspectSequence(const QString &root)
{
    InspectOptions options;
    options.kind = DatasetKind::TimeLapse;
    return inspectDataset(root, options).dataset;
}

} // namespace

class TestTemporalBaseline : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void meanAndMedianByHand()
    {
        const QVector<cv::Mat> three = { constant(0.1f, 0.9f, 0.5f), constant(0.7f, 0.3f, 0.5f),
            constant(0.4f, 0.6f, 0.2f) };
        const cv::Mat mean = temporalBackground(three, TemporalBaseline::Mean);
        const cv::Mat median = temporalBackground(three, TemporalBaseline::Median);
        const cv::Vec3f m = mean.at<cv::Vec3f>(1, 1), d = median.at<cv::Vec3f>(0, 1);
        QVERIFY(std::abs(m[0] - 0.4f) < 1e-6f && std::abs(m[1] - 0.6f) < 1e-6f
            && std::abs(m[2] - 0.4f) < 1e-6f);
        QVERIFY(std::abs(d[0] - 0.4f) < 1e-6f && std::abs(d[1] - 0.6f) < 1e-6f
            && std::abs(d[2] - 0.5f) < 1e-6f);
        // An even count: the mean of the two middle values (0.3 and 0.7 of 0.1, 0.3, 0.7, 0.9).
        const QVector<cv::Mat> four = { constant(0.9f, 0, 0), constant(0.1f, 0, 0),
            constant(0.7f, 0, 0), constant(0.3f, 0, 0) };
        QVERIFY(std::abs(temporalBackground(four, TemporalBaseline::Median).at<cv::Vec3f>(0, 0)[0]
                    - 0.5f)
            < 1e-6f);
        QCOMPARE(temporalBaselineNamed(QStringLiteral("temporal-median")),
            std::optional(TemporalBaseline::Median));
        QVERIFY(!temporalBaselineNamed(QStringLiteral("median")));
    }

    void sequenceTargetsKeepTheLayout()
    {
        Dataset dataset;
        dataset.root = QStringLiteral("/data/lapse");
        dataset.kind = DatasetKind::TimeLapse;
        dataset.scenes = { { QStringLiteral("a"),
            { QStringLiteral("/data/lapse/a/f1.jpg"), QStringLiteral("/data/lapse/a/f2.png") },
            QStringLiteral("/data/lapse/a/background.png") } };
        const QVector<DerainTarget> targets = sequenceTargets(dataset);
        QCOMPARE(targets.size(), 2);
        QCOMPARE(targets[0].input, QStringLiteral("/data/lapse/a/f1.jpg"));
        QCOMPARE(targets[0].relative, QStringLiteral("a/f1.png"));
        QCOMPARE(derainOutputPath(QStringLiteral("/out"), targets[1], QStringLiteral("rain")),
            QStringLiteral("/out/rain/a/f2.png"));
    }

    void medianRemovesTheStreaksOfEveryFrame()
    {
        QTemporaryDir dir;
        const Dataset dataset = inspectSequence(writeSequence(dir.filePath(QStringLiteral("in"))));
        QCOMPARE(dataset.scenes.size(), 2);
        DerainRequest request;
        request.outFolder = dir.filePath(QStringLiteral("out"));
        request.saveRain = true;
        const DerainReport report
            = derainSequenceWithBaseline(dataset, TemporalBaseline::Median, request);
        QVERIFY2(report.error.isEmpty() && report.problems.isEmpty(), qPrintable(report.error));
        QCOMPARE(report.files.size(), 6);
        QCOMPARE(report.method, QStringLiteral("temporal-median"));
        // Each column is bright in one frame of three: the median is the background everywhere.
        for (int s = 1; s <= 2; ++s)
            for (int f = 0; f < 3; ++f) {
                const QString name = QStringLiteral("scene%1/%2.png")
                                         .arg(s, 2, 10, QLatin1Char('0'))
                                         .arg(f, 3, 10, QLatin1Char('0'));
                const FloatImage b = readImageRgbFloat(QDir(request.outFolder).filePath(name));
                QVERIFY2(b.ok(), qPrintable(name));
                QVERIFY(
                    cv::norm(b.pixels, constant(0.2f * float(s), 0.4f, 0.6f, kSide), cv::NORM_INF)
                    < 0.5 / 255 + 1e-6);
                // R = O − B, 16-bit: the streak column of this frame, zero elsewhere.
                const FloatImage r = readImageRgbFloat(
                    QDir(request.outFolder).filePath(QStringLiteral("rain/") + name));
                QVERIFY(r.ok());
                const cv::Mat rain = r.pixels * 2.0 - 1.0;
                const float streak = rain.at<cv::Vec3f>(4, 2 * f + 1)[0];
                QVERIFY2(std::abs(streak - (1.0f - 0.2f * float(s))) < 0.01f,
                    qPrintable(QString::number(streak)));
                QVERIFY(std::abs(rain.at<cv::Vec3f>(4, 0)[1]) < 0.01f);
            }
        // Written outputs are never overwritten unasked, and the message names the file.
        const DerainReport again
            = derainSequenceWithBaseline(dataset, TemporalBaseline::Mean, request);
        QVERIFY(again.error.contains(QStringLiteral("scene01/000.png")));
        QVERIFY(again.error.contains(QStringLiteral("--overwrite")));

        // Targets chosen by the caller (the Derain queue's): only the frame named is written,
        // where it says, with B still the median of all three frames of its scene.
        DerainRequest chosen;
        chosen.outFolder = dir.filePath(QStringLiteral("chosen"));
        chosen.targets = { { dataset.scenes[1].frames[2], QStringLiteral("elsewhere/last.png") } };
        const DerainReport one
            = derainSequenceWithBaseline(dataset, TemporalBaseline::Median, chosen);
        QVERIFY2(one.error.isEmpty() && one.problems.isEmpty(), qPrintable(one.error));
        QCOMPARE(one.files.size(), 1);
        QCOMPARE(QDir(chosen.outFolder).entryList(QDir::AllEntries | QDir::NoDotAndDotDot),
            QStringList { QStringLiteral("elsewhere") });
        const FloatImage last
            = readImageRgbFloat(chosen.outFolder + QStringLiteral("/elsewhere/last.png"));
        QVERIFY(last.ok());
        QVERIFY(cv::norm(last.pixels, constant(0.4f, 0.4f, 0.6f, kSide), cv::NORM_INF)
            < 0.5 / 255 + 1e-6);
    }

    void mismatchedFrameIsNamed()
    {
        QTemporaryDir dir;
        const Dataset dataset
            = inspectSequence(writeSequence(dir.filePath(QStringLiteral("in")), true));
        DerainRequest request;
        request.outFolder = dir.filePath(QStringLiteral("out"));
        const DerainReport report
            = derainSequenceWithBaseline(dataset, TemporalBaseline::Mean, request);
        QCOMPARE(report.files.size(), 3); // scene01 only
        QCOMPARE(report.problems.size(), 1);
        QVERIFY2(report.problems[0].contains(QStringLiteral("scene02/002.png"))
                && report.problems[0].contains(QStringLiteral("6×6")),
            qPrintable(report.problems[0]));
    }

    void framesAreScoredAgainstTheirBackground()
    {
        QTemporaryDir dir;
        const Dataset dataset = inspectSequence(writeSequence(dir.filePath(QStringLiteral("in"))));
        const QString derained = writeMedian(dataset, dir.filePath(QStringLiteral("out")));
        QVERIFY(!derained.isEmpty());
        QVERIFY(QFile::remove(QDir(derained).filePath(QStringLiteral("scene02/001.png"))));
        const EvalReport report = evaluateSequence(derained, dataset, {});
        QVERIFY2(report.ok(), qPrintable(report.error));
        QVERIFY2(report.measured == 5, qPrintable(report.problems.join(QLatin1Char('\n'))));
        QCOMPARE(report.rows[0].name, QStringLiteral("scene01/000.png"));
        // The median equals the background to the 8-bit level: PSNR infinite.
        QVERIFY(std::isinf(report.rows[0].psnr));
        QCOMPARE(report.problems.size(), 1);
        QVERIFY(report.problems[0].contains(QStringLiteral("scene02/001.png")));
        // The temporal mean keeps a third of each streak: a finite PSNR.
        DerainRequest mean;
        mean.outFolder = dir.filePath(QStringLiteral("mean"));
        QVERIFY(derainSequenceWithBaseline(dataset, TemporalBaseline::Mean, mean).error.isEmpty());
        const EvalReport meanReport = evaluateSequence(mean.outFolder, dataset, {});
        QCOMPARE(meanReport.measured, 6);
        QVERIFY(std::isfinite(meanReport.meanPsnr));
    }

    void temporalStandardDeviation()
    {
        // Two frames 0.2 and 0.4 (and 0.1, 0.1 in the other channels): σ = 0.1 in the first
        // channel, 0 in the others, 0.1 / 3 averaged over channels.
        const cv::Mat map
            = temporalStdMap({ constant(0.2f, 0.1f, 0.1f), constant(0.4f, 0.1f, 0.1f) });
        QCOMPARE(map.type(), CV_32FC1);
        QVERIFY(std::abs(map.at<float>(1, 0) - 0.1f / 3) < 1e-6f);

        QTemporaryDir dir;
        const Dataset dataset = inspectSequence(writeSequence(dir.filePath(QStringLiteral("in"))));
        const QString derained = writeMedian(dataset, dir.filePath(QStringLiteral("out")));
        QVERIFY(!derained.isEmpty());
        QStringList problems;
        const QVector<SceneConsistency> scenes = sequenceConsistency(derained, dataset, &problems);
        QVERIFY(problems.isEmpty());
        QCOMPARE(scenes.size(), 2);
        // A pixel bright (1) in one frame of three over background b: σ = (1 − b) √2 / 3; three
        // columns of kSide have it. Scene s: b = (0.2 s, 0.4, 0.6).
        for (int s = 1; s <= 2; ++s) {
            const double streak = ((1 - 0.2 * s) + 0.6 + 0.4) / 3.0;
            const double expected = 3.0 / kSide * std::sqrt(2.0) / 3.0 * streak * 255.0;
            QVERIFY2(std::abs(scenes[s - 1].inputStd - expected) < 0.05,
                qPrintable(QString::number(scenes[s - 1].inputStd)));
            QVERIFY(scenes[s - 1].outputStd < 1e-3); // one B for every frame
            QCOMPARE(scenes[s - 1].frames, 3);
        }
    }

    void sceneSequenceOfABaselineByHand()
    {
        QTemporaryDir dir;
        const Dataset dataset = inspectSequence(writeSequence(dir.filePath(QStringLiteral("in"))));
        SceneSequenceRequest request;
        request.scene = dataset.scenes[0];
        request.cacheFolder = dir.filePath(QStringLiteral("cache"));
        request.baseline = TemporalBaseline::Median;
        QVector<qint64> reported;
        const SceneSequence sequence
            = derainSceneSequence(request, nullptr, [&](qint64 done, qint64) {
                  reported.append(done);
                  return true;
              });
        QVERIFY2(sequence.ok(), qPrintable(sequence.error));
        QCOMPARE(sequence.method, QStringLiteral("temporal-median"));
        QCOMPARE(reported, (QVector<qint64> { 0, 1, 2, 3 }));
        QCOMPARE(sequence.frames.size(), 3);
        QCOMPARE(sequence.frames[1].sample, dataset.scenes[0].frames[1]);
        // Frame 1's layers, read back from the cache: white in column 3, B the background.
        const DecomposeResult layers = sequenceFrameLayers(sequence.frames[1]);
        QVERIFY2(layers.ok(), qPrintable(layers.error));
        QCOMPARE(layers.preview.sample, dataset.scenes[0].frames[1]);
        QStringList names;
        for (const PreviewLayer &layer : layers.preview.layers)
            names << layer.name;
        QCOMPARE(names.join(QLatin1Char(' ')), QStringLiteral("O B R B_gt R_gt"));
        QCOMPARE(layers.preview.layers[0].values[(5 * kSide + 3) * 3], 1.0f); // O, red
        QVERIFY(std::abs(layers.preview.layers[1].values[(5 * kSide + 3) * 3] - 0.2f) < 1e-6f);

        // Scene 1: background b = (0.2, 0.4, 0.6); frame f is white in column 2f + 1. The median
        // of {1, b, b} is b, so B is the clean background itself; O's temporal σ in a streak
        // column is the mean over channels of (1 − b) √2 / 3, zero elsewhere.
        const PreviewLayer &stdO = sequence.stdMaps.layers[0];
        const PreviewLayer &stdB = sequence.stdMaps.layers[1];
        QCOMPARE(stdO.name, QStringLiteral("std O"));
        QCOMPARE(stdO.channels, 1);
        const double streak = (0.8 + 0.6 + 0.4) / 3.0 * std::sqrt(2.0) / 3.0;
        QVERIFY(std::abs(stdO.values[5 * kSide + 3] - streak) < 1e-3); // row 5, column 3
        QVERIFY(std::abs(stdO.values[5 * kSide + 4]) < 1e-6); // column 4: no rain
        QVERIFY(*std::max_element(stdB.values.cbegin(), stdB.values.cend()) < 1e-6);
        QVERIFY(std::abs(sequence.inputStd - 3.0 / kSide * streak * 255.0) < 0.05);
        QVERIFY(sequence.outputStd < 1e-3);
        QVERIFY(!stdO.display.isNull());

        // B equals the clean background: infinite PSNR and SSIM 1 for every frame and for the
        // median; the mean keeps a third of each streak.
        QCOMPARE(sequence.scores.size(), 3);
        for (const FrameScore &score : sequence.scores) {
            QVERIFY(std::isinf(score.psnr));
            QCOMPARE(score.ssim, 1.0);
        }
        QVERIFY(std::isinf(sequence.temporalMedian.psnr));
        QVERIFY(std::isfinite(sequence.temporalMean.psnr) && sequence.temporalMean.psnr > 10);
    }

    void sceneSequenceOfAModelStopsBetweenFrames()
    {
        QTemporaryDir dir;
        const pluvia::test::TinyModel model = pluvia::test::tinyTrainedModel(dir.path(), 2, 3, 2);
        QVERIFY(QFileInfo::exists(model.checkpoint));
        QString error;
        const auto derainer = Derainer::load(model.checkpoint, QStringLiteral("cpu"), &error);
        QVERIFY2(derainer, qPrintable(error));
        const Dataset dataset = inspectSequence(writeSequence(dir.filePath(QStringLiteral("in"))));
        SceneSequenceRequest request;
        request.scene = dataset.scenes[1];
        request.cacheFolder = dir.filePath(QStringLiteral("cache"));

        const SceneSequence whole = derainSceneSequence(request, derainer.get(), {});
        QVERIFY2(whole.ok(), qPrintable(whole.error));
        QCOMPARE(whole.method, derainer->method());
        QCOMPARE(whole.frames.size(), 3);
        QCOMPARE(whole.scores.size(), 3);
        // O's temporal σ does not depend on who derains: the baseline's path reads the frames
        // itself, the model's takes them from its decompositions.
        request.baseline = TemporalBaseline::Mean;
        request.cacheFolder = dir.filePath(QStringLiteral("cache-baseline"));
        const SceneSequence baseline = derainSceneSequence(request, nullptr, {});
        QVERIFY(std::abs(whole.inputStd - baseline.inputStd) < 1e-3);
        // Every frame's layers were written: the model's B of the last frame reads back.
        const DecomposeResult last = sequenceFrameLayers(whole.frames[2]);
        QVERIFY2(last.ok(), qPrintable(last.error));
        QCOMPARE(last.preview.layers[1].name, QStringLiteral("B"));
        request.baseline.reset();

        const SceneSequence stopped = derainSceneSequence(
            request, derainer.get(), [](qint64 done, qint64) { return done < 2; });
        QVERIFY(stopped.ok());
        QVERIFY(stopped.cancelled);
        QCOMPARE(stopped.frames.size(), 2);
        QCOMPARE(stopped.frames[1].sample, dataset.scenes[1].frames[1]);
    }

    void sceneSequenceRefusesWhatItCannotDerain()
    {
        QTemporaryDir dir;
        const Dataset dataset
            = inspectSequence(writeSequence(dir.filePath(QStringLiteral("in")), true));
        SceneSequenceRequest request;
        request.scene = dataset.scenes[1]; // its last frame is 6×6
        request.cacheFolder = dir.filePath(QStringLiteral("cache"));
        request.baseline = TemporalBaseline::Mean;
        SceneSequence sequence = derainSceneSequence(request, nullptr, {});
        QVERIFY2(sequence.error.contains(QStringLiteral("002.png"))
                && sequence.error.contains(QStringLiteral("6×6")),
            qPrintable(sequence.error));
        request.baseline.reset();
        sequence = derainSceneSequence(request, nullptr, {});
        QVERIFY(!sequence.ok());
    }
};

QTEST_GUILESS_MAIN(TestTemporalBaseline)
#include "test_temporal_baseline.moc"
