// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/metrics/evaluation.h"

#include "core/data/dataset_layout_p.h"
#include "core/data/derain_outputs.h"
#include "core/image/image_info.h"
#include "core/image/image_io_p.h"
#include "core/metrics/image_metrics_p.h"
#include "core/metrics/niqe_p.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QHash>
#include <QSet>
#include <QThread>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentMap>

#include <atomic>
#include <cmath>
#include <numeric>
#include <utility>
#include <vector>

namespace pluvia::core {

namespace {

struct ImageFile {
    QString stem;
    QString path;
};

// The folder's images in name order, one per stem; later files with a stem already seen are
// reported and skipped so a pairing never depends on which duplicate happens to win.
QVector<ImageFile> listImages(const QString &dir, const QString &role, QStringList *problems)
{
    QVector<ImageFile> files;
    QHash<QString, QString> seen;
    for (const QString &path : imageCandidates(dir, false)) {
        const QFileInfo info(path);
        const QString stem = info.completeBaseName();
        const auto previous = seen.constFind(stem);
        if (previous != seen.constEnd()) {
            problems->append(QStringLiteral("%1: skipped, %2 image with the same stem as %3")
                                 .arg(info.filePath(), role, previous.value()));
            continue;
        }
        seen.insert(stem, info.filePath());
        files.append({ stem, info.filePath() });
    }
    return files;
}

// Exact stem first; otherwise the longest ground-truth stem followed by '_' or '-'.
QString matchGroundTruth(const QString &predStem, const QHash<QString, QString> &gtByStem)
{
    const auto exact = gtByStem.constFind(predStem);
    if (exact != gtByStem.constEnd())
        return exact.value();
    for (int cut = predStem.size() - 1; cut > 0; --cut) {
        const QChar separator = predStem.at(cut);
        if (separator != QLatin1Char('_') && separator != QLatin1Char('-'))
            continue;
        const auto prefix = gtByStem.constFind(predStem.left(cut));
        if (prefix != gtByStem.constEnd())
            return prefix.value();
    }
    return {};
}

cv::Mat readForMetrics(const QString &path, QString *error, QStringList *warnings)
{
    DecodedImage decoded = readImage(path);
    if (!decoded.ok()) {
        *error = decoded.error.isEmpty() ? QStringLiteral("%1: cannot read image").arg(path)
                                         : decoded.error;
        return {};
    }
    *warnings += decoded.warnings;
    return decoded.pixels;
}

void measureRow(EvalRow &row, const EvalOptions &options, QStringList *warnings)
{
    QString error;
    const cv::Mat prediction = readForMetrics(row.predictionPath, &error, warnings);
    if (prediction.empty()) {
        row.error = error;
        return;
    }
    if (options.niqe) {
        const NiqeScore score = niqeOfImage(prediction, options.niqePlane);
        row.niqe = score.value;
        if (!score.ok()) {
            const QString message = QStringLiteral("%1: %2").arg(row.predictionPath, score.error);
            if (row.groundTruthPath.isEmpty()) {
                row.error = message; // NIQE was all there was to measure
                return;
            }
            warnings->append(message);
        }
    }
    if (row.groundTruthPath.isEmpty())
        return;
    const cv::Mat groundTruth = readForMetrics(row.groundTruthPath, &error, warnings);
    if (groundTruth.empty()) {
        row.error = error;
        return;
    }
    const ImageComparison comparison = compareImages(prediction, groundTruth, options.metrics);
    if (!comparison.ok()) {
        row.error = QStringLiteral("%1 vs %2: %3")
                        .arg(row.predictionPath, row.groundTruthPath, comparison.error);
        return;
    }
    row.psnr = comparison.psnr;
    row.ssim = comparison.ssim;
    row.meanShift = comparison.meanShift;
}

void computeMeans(EvalReport &report)
{
    double psnrSum = 0.0, finiteSum = 0.0, ssimSum = 0.0, niqeSum = 0.0;
    int finiteCount = 0;
    for (const EvalRow &row : std::as_const(report.rows)) {
        if (!row.ok())
            continue;
        ++report.measured;
        if (!std::isnan(row.niqe)) {
            niqeSum += row.niqe;
            ++report.niqeMeasured;
        }
        if (!report.groundTruth)
            continue;
        psnrSum += row.psnr;
        ssimSum += row.ssim;
        for (size_t c = 0; c < 3; ++c)
            report.meanShift[c] += row.meanShift[c];
        if (std::isfinite(row.psnr)) {
            finiteSum += row.psnr;
            ++finiteCount;
        }
    }
    if (report.niqeMeasured > 0)
        report.meanNiqe = niqeSum / report.niqeMeasured;
    if (report.measured > 0 && report.groundTruth) {
        report.meanPsnr = psnrSum / report.measured;
        report.meanSsim = ssimSum / report.measured;
        for (double &shift : report.meanShift)
            shift /= report.measured;
    }
    if (finiteCount > 0)
        report.meanPsnrFinite = finiteSum / finiteCount;
}

// A report with the conventions `options` name and no rows yet.
EvalReport emptyReport(const EvalOptions &options)
{
    EvalReport report;
    report.metrics = options.metrics;
    report.psnrConvention = psnrConvention(options.metrics);
    report.ssimConvention = ssimConvention(options.metrics);
    report.niqe = options.niqe;
    report.niqePlane = options.niqePlane;
    if (options.niqe)
        report.niqeConvention = niqeConvention(options.niqePlane);
    return report;
}

// Measures report.rows in parallel, keeps those reached (cancelled ones are dropped), collects
// their warnings and errors, and computes the means.
void measureRows(EvalReport &report, const EvalOptions &options, const ProgressCallback &progress)
{
    // Workers write only their own row and warning slot; the report is assembled afterwards.
    const qint64 total = report.rows.size();
    // std::vector and a raw row pointer: a QVector's non-const access may detach, which is not
    // safe to call from several threads at once.
    std::vector<QStringList> warnings(report.rows.size());
    std::vector<char> reached(report.rows.size(), 0);
    std::vector<int> indices(report.rows.size());
    std::iota(indices.begin(), indices.end(), 0);
    EvalRow *rows = report.rows.data();
    std::atomic<qint64> done { 0 };
    std::atomic<bool> cancel { false };
    if (progress && !progress(0, total))
        cancel = true;
    QThreadPool pool;
    pool.setMaxThreadCount(options.threads > 0 ? options.threads : QThread::idealThreadCount());
    QtConcurrent::blockingMap(&pool, indices, [&](int index) {
        if (cancel.load())
            return;
        reached[index] = 1;
        measureRow(rows[index], options, &warnings[index]);
        const qint64 count = ++done;
        if (progress && !progress(count, total))
            cancel = true;
    });

    QVector<EvalRow> measuredRows;
    for (int i = 0; i < report.rows.size(); ++i) {
        if (!reached[size_t(i)])
            continue;
        report.problems += warnings[size_t(i)];
        if (!report.rows[i].ok())
            report.problems.append(report.rows[i].error);
        measuredRows.append(report.rows[i]);
    }
    report.rows = measuredRows;
    report.cancelled = cancel.load();
    computeMeans(report);
}

QString folderProblem(const QString &dir, const QString &role)
{
    const QFileInfo info(dir);
    if (info.isDir() && info.isReadable())
        return {};
    return QStringLiteral("%1 folder %2 %3")
        .arg(role, dir,
            info.exists() ? QStringLiteral("is not a readable folder")
                          : QStringLiteral("does not exist"));
}

} // namespace

EvalReport evaluateFolders(const QString &predDir, const QString &gtDir, const EvalOptions &options,
    const ProgressCallback &progress)
{
    QElapsedTimer clock;
    clock.start();
    EvalReport report = emptyReport(options);
    report.error = folderProblem(predDir, QStringLiteral("prediction"));
    if (report.error.isEmpty())
        report.error = folderProblem(gtDir, QStringLiteral("ground-truth"));
    if (!report.ok())
        return report;

    const QVector<ImageFile> predictions
        = listImages(predDir, QStringLiteral("prediction"), &report.problems);
    const QVector<ImageFile> groundTruths
        = listImages(gtDir, QStringLiteral("ground-truth"), &report.problems);
    QHash<QString, QString> gtByStem;
    for (const ImageFile &file : groundTruths)
        gtByStem.insert(file.stem, file.path);

    QSet<QString> usedGroundTruth;
    for (const ImageFile &prediction : predictions) {
        const QString gtPath = matchGroundTruth(prediction.stem, gtByStem);
        if (gtPath.isEmpty()) {
            report.problems.append(
                QStringLiteral("%1: skipped, no ground truth with stem \"%2\" in %3")
                    .arg(prediction.path, prediction.stem, gtDir));
            continue;
        }
        usedGroundTruth.insert(gtPath);
        EvalRow row;
        row.name = QFileInfo(prediction.path).fileName();
        row.predictionPath = prediction.path;
        row.groundTruthPath = gtPath;
        report.rows.append(row);
    }
    for (const ImageFile &gt : groundTruths) {
        if (!usedGroundTruth.contains(gt.path))
            report.problems.append(QStringLiteral("%1: no prediction for this ground truth in %2")
                                       .arg(gt.path, predDir));
    }

    measureRows(report, options, progress);
    report.seconds = clock.elapsed() / 1000.0;
    return report;
}

EvalReport evaluateWithoutReference(
    const QString &predDir, const EvalOptions &options, const ProgressCallback &progress)
{
    QStringList problems;
    QVector<EvalRow> rows;
    const QString error = folderProblem(predDir, QStringLiteral("prediction"));
    if (error.isEmpty()) {
        for (const ImageFile &prediction :
            listImages(predDir, QStringLiteral("prediction"), &problems)) {
            EvalRow row;
            row.name = QFileInfo(prediction.path).fileName();
            row.predictionPath = prediction.path;
            rows.append(row);
        }
    }
    if (!error.isEmpty() || rows.isEmpty()) {
        EvalOptions niqeOptions = options;
        niqeOptions.niqe = true;
        EvalReport report = emptyReport(niqeOptions);
        report.groundTruth = false;
        report.error
            = error.isEmpty() ? QStringLiteral("%1: no images to score").arg(predDir) : error;
        return report;
    }
    EvalReport report = evaluateRows(rows, false, options, progress);
    report.problems = problems + report.problems;
    return report;
}

EvalReport evaluateRows(const QVector<EvalRow> &rows, bool groundTruth, const EvalOptions &options,
    const ProgressCallback &progress)
{
    QElapsedTimer clock;
    clock.start();
    EvalOptions used = options;
    used.niqe = options.niqe || !groundTruth;
    EvalReport report = emptyReport(used);
    report.groundTruth = groundTruth;
    report.rows = rows;
    measureRows(report, used, progress);
    report.seconds = clock.elapsed() / 1000.0;
    return report;
}

EvalReport evaluateSequence(const QString &predDir, const Dataset &dataset,
    const EvalOptions &options, const ProgressCallback &progress)
{
    QElapsedTimer clock;
    clock.start();
    EvalReport report = emptyReport(options);
    if (!QFileInfo(predDir).isDir()) {
        report.error = QStringLiteral("prediction folder %1 does not exist").arg(predDir);
        return report;
    }
    const QVector<DerainTarget> targets = sequenceTargets(dataset);
    qsizetype next = 0;
    for (const DatasetScene &scene : dataset.scenes) {
        const QVector<DerainTarget> frames = targets.mid(next, scene.frames.size());
        next += scene.frames.size();
        if (scene.background.isEmpty()) {
            report.problems.append(
                QStringLiteral("%1: skipped, the scene has no clean background").arg(scene.name));
            continue;
        }
        for (const DerainTarget &frame : frames) {
            const QString prediction = derainOutputPath(predDir, frame);
            if (!QFileInfo::exists(prediction)) {
                report.problems.append(QStringLiteral("%1: no prediction for this frame (%2)")
                                           .arg(frame.input, prediction));
                continue;
            }
            EvalRow row;
            row.name = frame.relative;
            row.predictionPath = prediction;
            row.groundTruthPath = scene.background;
            report.rows.append(row);
        }
    }
    if (report.rows.isEmpty() && report.problems.isEmpty())
        report.error = QStringLiteral("%1: no time-lapse scenes to evaluate").arg(dataset.root);
    measureRows(report, options, progress);
    report.seconds = clock.elapsed() / 1000.0;
    return report;
}

} // namespace pluvia::core
