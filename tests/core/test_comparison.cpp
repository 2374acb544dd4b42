// SPDX-License-Identifier: GPL-3.0-or-later
// The results table: every cell against the same scores computed another way (the folder derain
// job, then PSNR/SSIM and NIQE of the files), the cache (a second run derains nothing, a removed
// output is redone alone), cancel, the time-lapse baselines, and the table formats' best marks.
#include "core/analysis/comparison.h"
#include "core/analysis/comparison_figure.h"
#include "core/analysis/comparison_table.h"
#include "core/data/dataset.h"
#include "core/inference/derain_request.h"
#include "core/metrics/image_metrics_p.h"
#include "core/metrics/niqe.h"
#include "core/store/run_store.h"

#include "core/image/image_io_p.h"
#include "support/engine_fixtures.h"
#include "support/test_support.h"

#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest/QtTest>

#include <opencv2/core.hpp>

#include <cmath>

using namespace pluvia;
using namespace pluvia::core;

namespace {

struct Means {
    double psnr = 0.0;
    double ssim = 0.0;
    double niqe = 0.0;
};

// PSNR-Y / SSIM-Y of prediction files against ground-truth files, and NIQE of the predictions,
// averaged: the scores computed without the comparison.
Means scoresOf(const QStringList &predictions, const QStringList &truths)
{
    Means means;
    for (qsizetype i = 0; i < predictions.size(); ++i) {
        const cv::Mat prediction = readImage(predictions[i]).pixels;
        if (!truths.isEmpty()) {
            const ImageComparison scores
                = compareImages(prediction, readImage(truths[i]).pixels, MetricOptions {});
            means.psnr += scores.psnr / double(predictions.size());
            means.ssim += scores.ssim / double(predictions.size());
        }
        means.niqe += niqeOfFile(predictions[i]).value / double(predictions.size());
    }
    return means;
}

QStringList filesIn(const QString &folder)
{
    QStringList files;
    QDirIterator it(folder, { QStringLiteral("*.png") }, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        files << it.next();
    files.sort();
    return files;
}

} // namespace

class TestComparison : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    test::TinyModel m_model;
    QString m_photos; // the rainy images alone: a set without ground truth
    QString m_scenes; // a time-lapse set of one scene with its clean background

private Q_SLOTS:
    void initTestCase()
    {
        m_model = test::tinyTrainedModel(m_dir.path(), 3, 21, 4);
        QVERIFY(QFileInfo::exists(m_model.checkpoint));
        m_photos = m_dir.filePath(QStringLiteral("photos"));
        QDir().mkpath(m_photos);
        for (const QString &file : QDir(m_model.rainy).entryList(QDir::Files))
            QVERIFY(QFile::copy(QDir(m_model.rainy).filePath(file), m_photos + '/' + file));
        m_scenes = m_dir.filePath(QStringLiteral("scenes"));
        const cv::Mat background = test::texturedImage(160, 120, 5);
        QVERIFY(QDir().mkpath(m_scenes + QStringLiteral("/yard")));
        QVERIFY(
            writeImage(m_scenes + QStringLiteral("/yard/background.png"), background).isEmpty());
        for (int frame = 0; frame < 3; ++frame) {
            cv::Mat rainy = background.clone();
            for (int x = 10 + frame * 7; x < 160; x += 23)
                rainy.col(x) += cv::Scalar::all(0.3);
            QVERIFY(
                writeImage(m_scenes + QStringLiteral("/yard/%1.png").arg(frame), rainy).isEmpty());
        }
    }

    // Each cell equals the scores of the same images computed another way: the rainy input
    // against the clean images, the checkpoint's outputs of the folder derain job.
    void cellsMatchTheScoresOfTheFiles()
    {
        const QString out = m_dir.filePath(QStringLiteral("compare"));
        ComparisonRequest request;
        request.checkpoints = { m_model.checkpoint };
        request.tests = { { QStringLiteral("pairs"), m_model.dataset },
            { QStringLiteral("photos"), m_photos } };
        request.niqe = true;
        request.outFolder = out;
        QVector<int> finishedRows;
        QVector<bool> measuredWhenFinished; // the row's cell is filled when it is announced
        request.rowFinished = [&](const ComparisonResult &sofar, int row) {
            finishedRows << row;
            measuredWhenFinished << sofar.rows[row].cells.value(0).measured;
        };
        const ComparisonResult result = runComparison(request);
        QVERIFY2(result.ok(), qPrintable(result.error));
        QCOMPARE(result.rows.size(), 2); // no time-lapse set: no baselines
        QCOMPARE(finishedRows, (QVector<int> { 0, 1 }));
        QCOMPARE(measuredWhenFinished, (QVector<bool> { true, true }));
        QCOMPARE(result.testHasGroundTruth, (QVector<bool> { true, false }));

        const DatasetInspection pairs = inspectDataset(m_model.dataset, InspectOptions {});
        QStringList rainy, clean;
        for (const DatasetPair &pair : pairs.dataset.pairs) {
            rainy << pair.rainy;
            clean << pair.clean;
        }
        const Means input = scoresOf(rainy, clean);
        const ComparisonCell &inputCell = result.rows[0].cells[0];
        QCOMPARE(inputCell.images, 3);
        QVERIFY(std::abs(inputCell.psnr - input.psnr) < 1e-9);
        QVERIFY(std::abs(inputCell.ssim - input.ssim) < 1e-9);
        QVERIFY(std::abs(inputCell.niqe - input.niqe) < 1e-9);

        DerainRequest derain;
        derain.checkpoint = m_model.checkpoint;
        derain.inputs = rainy;
        derain.outFolder = m_dir.filePath(QStringLiteral("reference"));
        QVERIFY(derainImages(derain).ok());
        QStringList derained;
        for (const QString &file : rainy)
            derained << derain.outFolder + '/' + QFileInfo(file).completeBaseName() + ".png";
        const Means model = scoresOf(derained, clean);
        const ComparisonRow &row = result.rows[1];
        QCOMPARE(row.kind, ComparisonRowKind::Checkpoint);
        QCOMPARE(row.step, qint64(4));
        QCOMPARE(row.method, QStringLiteral("supervised"));
        QVERIFY(std::abs(row.cells[0].psnr - model.psnr) < 1e-9);
        QVERIFY(std::abs(row.cells[0].niqe - model.niqe) < 1e-9);
        // Photos without ground truth: NIQE only, of the same outputs.
        QVERIFY(std::isnan(row.cells[1].psnr));
        QVERIFY(std::abs(row.cells[1].niqe - model.niqe) < 1e-9);
        QVERIFY(QFileInfo::exists(out + QStringLiteral("/per-image/%1__pairs.csv").arg(row.key)));
    }

    // Again: nothing is derained twice. A removed output is derained alone; a cancelled
    // comparison leaves no output behind.
    void theCacheDerainsOnlyWhatIsMissing()
    {
        const QString out = m_dir.filePath(QStringLiteral("cached"));
        ComparisonRequest request;
        request.checkpoints = { m_model.checkpoint };
        request.tests = { { QStringLiteral("pairs"), m_model.dataset } };
        request.outFolder = out;
        const ComparisonResult first = runComparison(request);
        QVERIFY(first.ok());
        const QString folder = out + QStringLiteral("/outputs/%1/pairs").arg(first.rows[1].key);
        const QStringList outputs = filesIn(folder);
        QCOMPARE(outputs.size(), 3);
        QHash<QString, QDateTime> written;
        for (const QString &file : outputs)
            written.insert(file, QFileInfo(file).lastModified());
        QTest::qWait(1100); // file times have a resolution of at least a millisecond, often 1 s

        QVERIFY(QFile::remove(outputs[1]));
        const ComparisonResult second = runComparison(request);
        QVERIFY(second.ok());
        QCOMPARE(QFileInfo(outputs[0]).lastModified(), written[outputs[0]]);
        QCOMPARE(QFileInfo(outputs[2]).lastModified(), written[outputs[2]]);
        QVERIFY(QFileInfo(outputs[1]).lastModified() > written[outputs[1]]);
        QCOMPARE(second.rows[1].cells[0].psnr, first.rows[1].cells[0].psnr);

        ComparisonRequest cancelled = request;
        cancelled.outFolder = m_dir.filePath(QStringLiteral("cancelled"));
        cancelled.progress = [](qint64, qint64) { return false; };
        const ComparisonResult stopped = runComparison(cancelled);
        QVERIFY(stopped.cancelled);
        QVERIFY(filesIn(cancelled.outFolder + QStringLiteral("/outputs")).isEmpty());
    }

    // A time-lapse set brings the temporal mean and median, which do not apply to other sets;
    // the median of three frames with streaks in different columns is the background.
    void timeLapseSetsAddTheBaselines()
    {
        ComparisonRequest request;
        request.tests = { { QStringLiteral("pairs"), m_model.dataset },
            { QStringLiteral("yard"), m_scenes } };
        request.outFolder = m_dir.filePath(QStringLiteral("baselines"));
        const ComparisonResult result = runComparison(request);
        QVERIFY2(result.ok(), qPrintable(result.error));
        QCOMPARE(result.rows.size(), 3);
        QCOMPARE(result.rows[1].kind, ComparisonRowKind::TemporalMean);
        QCOMPARE(result.rows[2].kind, ComparisonRowKind::TemporalMedian);
        QVERIFY(!result.rows[1].cells[0].measured);
        QVERIFY(result.rows[1].cells[0].note.contains(QStringLiteral("not time-lapse")));
        QCOMPARE(result.rows[2].cells[1].images, 3);
        QVERIFY2(result.rows[2].cells[1].psnr > 45.0,
            qPrintable(QString::number(result.rows[2].cells[1].psnr))); // 8-bit rounding only
        QVERIFY(result.rows[2].cells[1].psnr > result.rows[0].cells[1].psnr);
    }

    // The figure: one line per chosen image, tiles of the input, the model and the truth under
    // their labels; the input tile holds the input's pixels; the PDF holds the PNG's pixels.
    void figureShowsEveryRowAndThePdfHoldsItsPixels()
    {
        ComparisonRequest request;
        request.checkpoints = { m_model.checkpoint };
        request.tests = { { QStringLiteral("pairs"), m_model.dataset } };
        request.outFolder = m_dir.filePath(QStringLiteral("figure"));
        const ComparisonResult result = runComparison(request);
        QVERIFY(result.ok());
        FigureRequest figure;
        figure.crop = QRect(10, 20, 100, 60);
        figure.pngPath = request.outFolder + QStringLiteral("/figure.png");
        figure.pdfPath = request.outFolder + QStringLiteral("/figure.pdf");
        QCOMPARE(writeComparisonFigure(result, figure), QString());
        const cv::Mat png = readImage(figure.pngPath).pixels;
        QCOMPARE(png.rows, 20 + 60); // label band + crop
        QCOMPARE(png.cols, 3 * 100 + 2 * 4); // input, model, ground truth
        const cv::Mat input = readImage(result.images[0][0].input).pixels;
        QCOMPARE(
            cv::norm(png(cv::Rect(0, 20, 100, 60)), input(cv::Rect(10, 20, 100, 60)), cv::NORM_INF),
            0.0);
        const cv::Mat truth = readImage(result.images[0][0].groundTruth).pixels;
        QCOMPARE(cv::norm(png(cv::Rect(208, 20, 100, 60)), truth(cv::Rect(10, 20, 100, 60)),
                     cv::NORM_INF),
            0.0);

        QFile pdf(figure.pdfPath);
        QVERIFY(pdf.open(QIODevice::ReadOnly));
        const QByteArray bytes = pdf.readAll();
        QVERIFY(bytes.startsWith("%PDF-1.4") && bytes.trimmed().endsWith("%%EOF"));
        const QByteArray marker = "/Filter /FlateDecode /Length ";
        const qsizetype at = bytes.indexOf(marker) + marker.size();
        const qsizetype length = bytes.mid(at, bytes.indexOf(' ', at) - at).toLongLong();
        const qsizetype stream = bytes.indexOf("stream\n", at) + 7;
        const qsizetype size = qsizetype(png.total() * 3);
        QByteArray packed(4, '\0');
        for (int i = 0; i < 4; ++i)
            packed[i] = char((size >> (24 - 8 * i)) & 0xff); // qUncompress's length prefix
        const QByteArray pixels = qUncompress(packed + bytes.mid(stream, length));
        QCOMPARE(pixels.size(), size);
        QVERIFY(pixels == QByteArray(reinterpret_cast<const char *>(png.data), size));

        figure.images = { QStringLiteral("nosuch") };
        QVERIFY(writeComparisonFigure(result, figure).contains(QStringLiteral("nosuch")));
    }

    // A run is compared by its best.pt or, without validation, its last checkpoint.
    void runsAreComparedByTheirLastCheckpoint()
    {
        const QString workspace = m_dir.filePath(QStringLiteral("ws"));
        QString error;
        const auto store = RunStore::open(workspace, &error);
        QVERIFY2(store, qPrintable(error));
        const QString runId = store->runs().value(0).id;
        QCOMPARE(comparisonCheckpointOfRun(workspace, runId.left(10), &error), m_model.checkpoint);
        QVERIFY(
            comparisonCheckpointOfRun(workspace, QStringLiteral("nosuchrun"), &error).isEmpty());
        QVERIFY2(error.contains(QStringLiteral("nosuchrun")), qPrintable(error));
    }

    // Best per column: highest PSNR/SSIM, lowest NIQE, ties all marked; each format marks them.
    void tablesMarkTheBestOfEachColumn()
    {
        ComparisonResult result;
        result.tests = { { QStringLiteral("set_a"), QStringLiteral("/a") } };
        result.testHasGroundTruth = { true };
        result.niqe = true;
        const auto row = [](const QString &label, double psnr, double ssim, double niqe) {
            ComparisonRow r;
            r.kind = ComparisonRowKind::Checkpoint;
            r.label = label;
            ComparisonCell cell;
            cell.measured = true;
            cell.psnr = psnr;
            cell.ssim = ssim;
            cell.niqe = niqe;
            r.cells = { cell };
            return r;
        };
        result.rows = { row(QStringLiteral("a"), 20.0, 0.8, 5.0),
            row(QStringLiteral("b"), 22.5, 0.7, 4.0), row(QStringLiteral("c"), 22.5, 0.75, 6.0) };
        QCOMPARE(bestRows(result, 0, 0), (QVector<int> { 1, 2 }));
        QCOMPARE(bestRows(result, 0, 1), (QVector<int> { 0 }));
        QCOMPARE(bestRows(result, 0, 2), (QVector<int> { 1 }));

        const QString markdown = comparisonTable(result, TableFormat::Markdown);
        QVERIFY2(markdown.contains(QStringLiteral("| a |  |  | 0 | 20.00 | **0.8000** | 5.000 |")),
            qPrintable(markdown));
        QVERIFY(
            markdown.contains(QStringLiteral("| b |  |  | 0 | **22.50** | 0.7000 | **4.000** |")));
        QVERIFY(markdown.contains(QStringLiteral("lower is better")));
        const QString latex = comparisonTable(result, TableFormat::Latex);
        QVERIFY(latex.contains(QStringLiteral("set\\_a PSNR-Y")));
        QVERIFY(
            latex.contains(QStringLiteral("c &  &  & 0 & \\textbf{22.50} & 0.7500 & 6.000 \\\\")));
        const QStringList csv = comparisonTable(result, TableFormat::Csv).split('\n');
        QCOMPARE(csv[0],
            QStringLiteral("model,run,preset,step,set_a PSNR-Y,set_a SSIM-Y,set_a NIQE-Y ↓"));
        QCOMPARE(csv[2], QStringLiteral("b,,,0,22.5,0.7,4"));
        const QJsonObject json
            = QJsonDocument::fromJson(comparisonTable(result, TableFormat::Json).toUtf8()).object();
        const QJsonObject best = json[QStringLiteral("rows")][2][QStringLiteral("cells")][0]
                                     .toObject()[QStringLiteral("best")]
                                     .toObject();
        QVERIFY(best[QStringLiteral("psnr")].toBool());
        QVERIFY(!best[QStringLiteral("niqe")].toBool());
    }
};

QTEST_GUILESS_MAIN(TestComparison)
#include "test_comparison.moc"
