// SPDX-License-Identifier: GPL-3.0-or-later
// Folder evaluation: pairing by stem, problems listed and skipped, means over measured pairs.
#include "core/metrics/evaluation.h"
#include "core/metrics/image_metrics_p.h"

#include "support/test_support.h"

#include <QDir>
#include <QTemporaryDir>
#include <QtTest/QTest>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <atomic>
#include <cmath>

using namespace pluvia::core;

namespace {

cv::Mat eightBit(int width, int height, std::uint64_t seed)
{
    cv::Mat image;
    pluvia::test::texturedImage(width, height, seed).convertTo(image, CV_8U, 200.0, 20.0);
    return image; // values in [20, 220], so small offsets never clip
}

cv::Mat offset(const cv::Mat &image, int delta)
{
    cv::Mat shifted;
    image.convertTo(shifted, CV_8U, 1.0, delta);
    return shifted;
}

void writePng(const QString &path, const cv::Mat &rgb)
{
    cv::Mat bgr;
    cv::cvtColor(rgb, bgr, cv::COLOR_RGB2BGR);
    QVERIFY2(cv::imwrite(path.toStdString(), bgr), qPrintable(path));
}

// PSNR-Y of a prediction that adds d to every channel: Y moves by 219 d / 255^2 everywhere.
double offsetPsnrY(int delta)
{
    return -20.0 * std::log10(219.0 * std::abs(delta) / 65025.0);
}

} // namespace

class TestEvaluation : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_pred;
    QString m_gt;
    cv::Mat m_gtA, m_predA, m_gtB, m_predB2;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_pred = m_dir.filePath(QStringLiteral("pred"));
        m_gt = m_dir.filePath(QStringLiteral("gt"));
        QVERIFY(QDir().mkpath(m_pred) && QDir().mkpath(m_gt));
        m_gtA = eightBit(64, 48, 1);
        m_predA = offset(m_gtA, 3);
        m_gtB = eightBit(50, 40, 2);
        m_predB2 = offset(m_gtB, -6);
        writePng(m_gt + QStringLiteral("/a.png"), m_gtA);
        writePng(m_pred + QStringLiteral("/a.png"), m_predA); // exact stem
        writePng(m_gt + QStringLiteral("/b.png"), m_gtB);
        writePng(m_pred + QStringLiteral("/b_derained.png"), m_predB2); // suffixed stem
        writePng(m_gt + QStringLiteral("/c.png"), eightBit(40, 40, 3));
        writePng(m_pred + QStringLiteral("/c.png"), eightBit(41, 40, 3)); // size mismatch
        writePng(m_gt + QStringLiteral("/d.png"), eightBit(30, 30, 4));
        pluvia::test::writeBytes(m_pred + QStringLiteral("/d.png"), QByteArray("not a png"));
        writePng(m_gt + QStringLiteral("/e.png"), eightBit(30, 30, 5)); // no prediction
        writePng(m_pred + QStringLiteral("/x.png"), eightBit(30, 30, 6)); // no ground truth
        writePng(m_pred + QStringLiteral("/a.tif"), m_gtA); // repeated stem
        pluvia::test::writeBytes(m_pred + QStringLiteral("/notes.txt"), QByteArray("ignored"));
    }

    void rowsMeansAndProblems_data()
    {
        QTest::addColumn<int>("threads");
        QTest::newRow("1 thread") << 1;
        QTest::newRow("4 threads") << 4;
    }

    void rowsMeansAndProblems()
    {
        QFETCH(int, threads);
        EvalOptions options;
        options.threads = threads;
        const EvalReport report = evaluateFolders(m_pred, m_gt, options);
        QVERIFY2(report.ok(), qPrintable(report.error));
        QVERIFY(!report.cancelled);
        QCOMPARE(report.rows.size(), 4);
        QCOMPARE(report.rows[0].name, QStringLiteral("a.png"));
        QCOMPARE(report.rows[1].name, QStringLiteral("b_derained.png"));
        QVERIFY(report.rows[1].groundTruthPath.endsWith(QStringLiteral("/b.png")));
        QCOMPARE(report.rows[2].name, QStringLiteral("c.png"));
        QCOMPARE(report.rows[3].name, QStringLiteral("d.png"));
        QVERIFY(report.rows[0].ok() && report.rows[1].ok());
        QVERIFY(report.rows[2].error.contains(QStringLiteral("size mismatch")));
        QVERIFY(report.rows[3].error.contains(QStringLiteral("d.png")));
        QCOMPARE(report.measured, 2);

        QVERIFY(std::abs(report.rows[0].psnr - offsetPsnrY(3)) < 1e-6);
        QVERIFY(std::abs(report.rows[1].psnr - offsetPsnrY(-6)) < 1e-6);
        QVERIFY(std::abs(report.meanPsnr - (offsetPsnrY(3) + offsetPsnrY(-6)) / 2) < 1e-6);
        // SSIM from the files must equal SSIM of the same pixels in memory.
        const double ssimA = compareImages(m_predA, m_gtA, MetricOptions {}).ssim;
        const double ssimB = compareImages(m_predB2, m_gtB, MetricOptions {}).ssim;
        QVERIFY(std::abs(report.rows[0].ssim - ssimA) < 1e-12);
        QVERIFY(std::abs(report.meanSsim - (ssimA + ssimB) / 2) < 1e-12);
        QVERIFY(ssimA < 1.0 && ssimB < 1.0);

        auto mentions = [&](const QString &name) {
            for (const QString &problem : report.problems) {
                if (problem.contains(name))
                    return true;
            }
            return false;
        };
        QVERIFY(mentions(QStringLiteral("x.png")));
        QVERIFY(mentions(QStringLiteral("e.png")));
        QVERIFY(mentions(QStringLiteral("a.tif")));
        QVERIFY(mentions(QStringLiteral("c.png")));
        QVERIFY(mentions(QStringLiteral("d.png")));
        QVERIFY(!mentions(QStringLiteral("notes.txt")));
        QCOMPARE(report.psnrConvention, QStringLiteral("PSNR-Y (MATLAB rgb2ycbcr, peak 1)"));
        QCOMPARE(report.ssimConvention, QStringLiteral("SSIM-Y (ssim.m 2009, downsampled)"));
    }

    void rgbChannel()
    {
        EvalOptions options;
        options.metrics.channel = MetricChannel::Rgb;
        const EvalReport report = evaluateFolders(m_pred, m_gt, options);
        QCOMPARE(report.measured, 2);
        QVERIFY(std::abs(report.rows[0].psnr - 20.0 * std::log10(255.0 / 3.0)) < 1e-6);
        QVERIFY(report.psnrConvention.startsWith(QStringLiteral("PSNR-RGB")));
    }

    void identicalGivesInfiniteMean()
    {
        QTemporaryDir dir;
        const QString pred = dir.filePath(QStringLiteral("p"));
        const QString gt = dir.filePath(QStringLiteral("g"));
        QVERIFY(QDir().mkpath(pred) && QDir().mkpath(gt));
        writePng(gt + QStringLiteral("/one.png"), m_gtA);
        writePng(pred + QStringLiteral("/one.png"), m_gtA);
        writePng(gt + QStringLiteral("/two.png"), m_gtA);
        writePng(pred + QStringLiteral("/two.png"), m_predA);
        const EvalReport report = evaluateFolders(pred, gt, EvalOptions {});
        QCOMPARE(report.measured, 2);
        QVERIFY(std::isinf(report.meanPsnr));
        QVERIFY(std::abs(report.meanPsnrFinite - offsetPsnrY(3)) < 1e-6);
        QVERIFY(std::abs(report.rows[0].ssim - 1.0) < 1e-12);
    }

    void progressAndCancel()
    {
        std::atomic<qint64> lastDone { -1 }, lastTotal { -1 };
        const EvalReport report
            = evaluateFolders(m_pred, m_gt, EvalOptions {}, [&](qint64 done, qint64 total) {
                  if (done > lastDone)
                      lastDone = done;
                  lastTotal = total;
                  return true;
              });
        QCOMPARE(lastTotal.load(), qint64(4));
        QCOMPARE(lastDone.load(), qint64(4));
        QCOMPARE(report.rows.size(), 4);

        const EvalReport cancelled
            = evaluateFolders(m_pred, m_gt, EvalOptions {}, [](qint64, qint64) { return false; });
        QVERIFY(cancelled.cancelled);
        QVERIFY(cancelled.rows.isEmpty());
        QCOMPARE(cancelled.measured, 0);
        QVERIFY(std::isnan(cancelled.meanPsnr));
    }

    // NIQE of the reference crop of ../shared/niqe/reference_scores.csv (RainDrops.jpg rows
    // 0:601 cols 0:803, Y: 7.31537130), written losslessly, with and without ground truth.
    void niqeWithAndWithoutGroundTruth()
    {
        const cv::Mat bgr = cv::imread("/usr/share/backgrounds/mate/nature/RainDrops.jpg");
        QVERIFY2(!bgr.empty(), "mate-backgrounds is not installed");
        cv::Mat crop;
        cv::cvtColor(bgr(cv::Rect(0, 0, 803, 601)), crop, cv::COLOR_BGR2RGB);
        constexpr double kReference = 7.31537130;
        QTemporaryDir dir;
        const QString pred = dir.filePath(QStringLiteral("p"));
        const QString gt = dir.filePath(QStringLiteral("g"));
        QVERIFY(QDir().mkpath(pred) && QDir().mkpath(gt));
        writePng(pred + QStringLiteral("/drops.png"), crop);
        writePng(gt + QStringLiteral("/drops.png"), offset(crop, 0));
        writePng(pred + QStringLiteral("/tiny.png"), eightBit(90, 120, 7)); // under one block
        writePng(gt + QStringLiteral("/tiny.png"), eightBit(90, 120, 7));

        EvalOptions options;
        options.niqe = true;
        const EvalReport paired = evaluateFolders(pred, gt, options);
        QCOMPARE(paired.measured, 2); // PSNR/SSIM still measured for the tiny pair
        QCOMPARE(paired.niqeMeasured, 1);
        QVERIFY(std::abs(paired.rows[0].niqe - kReference) < 1e-7);
        QVERIFY(std::isinf(paired.rows[0].psnr));
        QVERIFY(std::isnan(paired.rows[1].niqe));
        QVERIFY(std::abs(paired.meanNiqe - kReference) < 1e-7);
        QVERIFY(paired.niqeConvention.contains(QStringLiteral("lower is better")));
        const QString tinyProblem = paired.problems.filter(QStringLiteral("tiny.png")).value(0);
        QVERIFY2(tinyProblem.contains(QStringLiteral("96×96")), qPrintable(tinyProblem));

        const EvalReport alone = evaluateWithoutReference(pred, EvalOptions {});
        QVERIFY2(alone.ok(), qPrintable(alone.error));
        QVERIFY(!alone.groundTruth && alone.niqe);
        QCOMPARE(alone.rows.size(), 2);
        QCOMPARE(alone.measured, 1); // the tiny image has nothing else to measure
        QVERIFY(!alone.rows[1].ok());
        QVERIFY(std::abs(alone.meanNiqe - kReference) < 1e-7);
        QVERIFY(std::isnan(alone.meanPsnr));

        QVERIFY(!evaluateWithoutReference(gt + QStringLiteral("/missing"), EvalOptions {}).ok());
    }

    void missingFolders()
    {
        const QString missing = m_dir.filePath(QStringLiteral("nowhere"));
        EvalReport report = evaluateFolders(missing, m_gt, EvalOptions {});
        QVERIFY(!report.ok());
        QVERIFY(report.error.contains(missing));
        report = evaluateFolders(m_pred, missing, EvalOptions {});
        QVERIFY(!report.ok());
        QVERIFY(report.error.contains(QStringLiteral("ground-truth")));
        const QString file = m_gt + QStringLiteral("/a.png");
        QVERIFY(!evaluateFolders(m_pred, file, EvalOptions {}).ok());
    }
};

QTEST_GUILESS_MAIN(TestEvaluation)
#include "test_evaluation.moc"
