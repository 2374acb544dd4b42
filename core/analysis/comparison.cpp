// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/analysis/comparison.h"

#include "core/atomic_file.h"
#include "core/checkpoint/checkpoint_info.h"
#include "core/csv_text.h"
#include "core/data/derain_outputs.h"
#include "core/inference/derainer.h"
#include "core/inference/temporal_baseline.h"
#include "core/metrics/evaluation.h"
#include "core/store/run_store.h"

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTextStream>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <memory>

namespace pluvia::core {

namespace {

// A test set's images: what is derained, and what each is scored against.
struct TestImages {
    Dataset dataset;
    QVector<DerainTarget> targets;
    QStringList groundTruth; // per target; "" where there is none
    bool hasGroundTruth = false;
};

QString pngRelative(const QString &root, const QString &file)
{
    const QFileInfo relative(QDir(root).relativeFilePath(file));
    const QString folder
        = relative.path() == QLatin1String(".") ? QString() : relative.path() + '/';
    return folder + relative.completeBaseName() + QStringLiteral(".png");
}

// The deepest folder holding every file: outputs keep the layout below it, so a paired set's
// B lands at outputs/<row>/<test>/<stem>.png, not below a "rain/" folder.
QString commonFolder(const QStringList &files)
{
    QString common = QFileInfo(files.value(0)).absolutePath();
    for (const QString &file : files) {
        while (!QFileInfo(file).absolutePath().startsWith(common + QLatin1Char('/'))
            && QFileInfo(file).absolutePath() != common && common.size() > 1)
            common = QFileInfo(common).absolutePath();
    }
    return common;
}

std::optional<TestImages> testImages(const ComparisonTestSet &test, QString *error)
{
    const DatasetInspection inspection = inspectDataset(test.dataset, InspectOptions {});
    if (!inspection.ok()) {
        *error = QStringLiteral("test set %1: %2").arg(test.name, inspection.error);
        return std::nullopt;
    }
    TestImages images;
    images.dataset = inspection.dataset;
    const Dataset &dataset = images.dataset;
    switch (dataset.kind) {
    case DatasetKind::Paired: {
        QStringList rainy;
        for (const DatasetPair &pair : dataset.pairs)
            rainy << pair.rainy;
        const QString root = commonFolder(rainy);
        for (const DatasetPair &pair : dataset.pairs) {
            images.targets.append({ pair.rainy, pngRelative(root, pair.rainy) });
            images.groundTruth.append(pair.clean);
        }
        break;
    }
    case DatasetKind::TimeLapse: {
        images.targets = sequenceTargets(dataset);
        for (const DatasetScene &scene : dataset.scenes)
            for (qsizetype f = 0; f < scene.frames.size(); ++f)
                images.groundTruth.append(scene.background);
        break;
    }
    case DatasetKind::Unpaired: {
        const QString root = commonFolder(dataset.images);
        for (const QString &image : dataset.images) {
            images.targets.append({ image, pngRelative(root, image) });
            images.groundTruth.append(QString());
        }
        break;
    }
    }
    images.hasGroundTruth = std::any_of(images.groundTruth.begin(), images.groundTruth.end(),
        [](const QString &path) { return !path.isEmpty(); });
    if (images.targets.isEmpty()) {
        *error = QStringLiteral("test set %1: %2 holds no images").arg(test.name, test.dataset);
        return std::nullopt;
    }
    return images;
}

// method-step-<12 hex digits of the file's SHA-256>: the same weights give the same folder
// whatever the file is called.
QString checkpointKey(const QString &path, const CheckpointInfo &info, QString *error)
{
    QFile file(path);
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!file.open(QIODevice::ReadOnly) || !hash.addData(&file)) {
        *error = QStringLiteral("%1: cannot read: %2").arg(path, file.errorString());
        return {};
    }
    return QStringLiteral("%1-%2-%3")
        .arg(info.method)
        .arg(info.step)
        .arg(QString::fromLatin1(hash.result().toHex().left(12)));
}

QString number(double value)
{
    return std::isnan(value) ? QString() : QString::number(value, 'g', 12);
}

QString writePerImage(const QString &path, const EvalReport &report)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QByteArray bytes;
    QTextStream out(&bytes);
    out << "image,prediction,ground_truth," << csvField(report.psnrConvention) << ','
        << csvField(report.ssimConvention) << ',' << csvField(niqeConvention(NiqePlane::Y))
        << ",error\n";
    for (const EvalRow &row : report.rows)
        out << csvField(row.name) << ',' << csvField(row.predictionPath) << ','
            << csvField(row.groundTruthPath) << ',' << number(row.psnr) << ',' << number(row.ssim)
            << ',' << number(row.niqe) << ',' << csvField(row.error) << '\n';
    out.flush();
    return writeFileAtomically(path, bytes);
}

class Comparison
{
public:
    Comparison(const ComparisonRequest &request, ComparisonResult &result)
        : m_request(request)
        , m_result(result)
    { }

    bool prepare();
    void fillRow(int row);

private:
    // Counts an image handled; false when the user cancelled.
    bool advance(qint64 images = 1);
    // Derains the row's images of a test set into `out` unless done before; false on failure.
    bool derain(ComparisonRow &row, const TestImages &images, const QString &out, int test);
    void measure(ComparisonRow &row, int test, const QString &out);

    const ComparisonRequest &m_request;
    ComparisonResult &m_result;
    QVector<TestImages> m_images;
    std::unique_ptr<Derainer> m_derainer; // the row being filled
    qint64 m_done = 0;
    qint64 m_total = 0;
};

bool Comparison::advance(qint64 images)
{
    m_done += images;
    if (m_request.progress && !m_request.progress(m_done, m_total))
        m_result.cancelled = true;
    return !m_result.cancelled;
}

bool Comparison::prepare()
{
    if (m_request.outFolder.isEmpty()) {
        m_result.error = QStringLiteral("no output folder given");
        return false;
    }
    if (m_request.tests.isEmpty()) {
        m_result.error = QStringLiteral("no test set given");
        return false;
    }
    bool anyTimeLapse = false;
    for (const ComparisonTestSet &test : m_request.tests) {
        const std::optional<TestImages> images = testImages(test, &m_result.error);
        if (!images)
            return false;
        m_images.append(*images);
        m_result.testHasGroundTruth.append(images->hasGroundTruth);
        QVector<ComparisonImage> listed;
        for (qsizetype i = 0; i < images->targets.size(); ++i)
            listed.append(
                { images->targets[i].relative, images->targets[i].input, images->groundTruth[i] });
        m_result.images.append(listed);
        anyTimeLapse = anyTimeLapse || images->dataset.kind == DatasetKind::TimeLapse;
    }
    ComparisonRow input;
    input.kind = ComparisonRowKind::Input;
    input.label = QStringLiteral("rainy input");
    input.key = QStringLiteral("input");
    m_result.rows.append(input);
    for (const QString &checkpoint : m_request.checkpoints) {
        const std::optional<CheckpointInfo> info = readCheckpointInfo(checkpoint, &m_result.error);
        if (!info)
            return false;
        ComparisonRow row;
        row.kind = ComparisonRowKind::Checkpoint;
        row.checkpoint = QFileInfo(checkpoint).absoluteFilePath();
        row.method = info->method;
        row.runId = info->runId;
        row.preset = info->preset;
        row.step = info->step;
        row.label = info->preset.isEmpty()
            ? info->method
            : QStringLiteral("%1 (%2)").arg(info->method, info->preset);
        row.key = checkpointKey(checkpoint, *info, &m_result.error);
        if (row.key.isEmpty())
            return false;
        m_result.rows.append(row);
    }
    if (anyTimeLapse) {
        for (const TemporalBaseline baseline :
            { TemporalBaseline::Mean, TemporalBaseline::Median }) {
            ComparisonRow row;
            row.kind = baseline == TemporalBaseline::Mean ? ComparisonRowKind::TemporalMean
                                                          : ComparisonRowKind::TemporalMedian;
            row.key = temporalBaselineName(baseline);
            row.label = baseline == TemporalBaseline::Mean ? QStringLiteral("temporal mean")
                                                           : QStringLiteral("temporal median");
            m_result.rows.append(row);
        }
    }
    for (ComparisonRow &row : m_result.rows) {
        row.cells.resize(m_request.tests.size());
        for (const TestImages &images : std::as_const(m_images))
            m_total += 2 * images.targets.size(); // derained, then measured
    }
    return true;
}

bool Comparison::derain(ComparisonRow &row, const TestImages &images, const QString &out, int test)
{
    ComparisonCell &cell = row.cells[test];
    const qint64 count = images.targets.size();
    if (row.kind == ComparisonRowKind::Input) // scored as it is
        return advance(count);
    const bool done = std::all_of(
        images.targets.begin(), images.targets.end(), [&](const DerainTarget &target) {
            return QFileInfo::exists(derainOutputPath(out, target));
        });
    if (done)
        return advance(count);
    const bool baseline = row.kind != ComparisonRowKind::Checkpoint;
    if (baseline && images.dataset.kind != DatasetKind::TimeLapse) {
        cell.note = QStringLiteral("not applicable: the set is not time-lapse");
        advance(2 * count);
        return false;
    }
    DerainRequest request;
    request.targets = images.targets;
    request.outFolder = out;
    request.device = m_request.device;
    request.skipExisting = true; // an interrupted comparison resumes
    std::atomic<qint64> finished { 0 };
    request.fileFinished = [&](const DerainFileResult &) { ++finished; };
    request.progress = [&](qint64, qint64) {
        return !m_request.progress || m_request.progress(m_done + finished.load(), m_total);
    };
    DerainReport report;
    if (baseline) {
        request.targets.clear(); // every frame, in the sequence's layout
        report = derainSequenceWithBaseline(images.dataset,
            row.kind == ComparisonRowKind::TemporalMean ? TemporalBaseline::Mean
                                                        : TemporalBaseline::Median,
            request);
    } else {
        if (!m_derainer)
            m_derainer = Derainer::load(row.checkpoint, m_request.device, &cell.note);
        if (!m_derainer) {
            m_result.problems.append(cell.note);
            advance(2 * count);
            return false;
        }
        report = m_derainer->derain(request);
    }
    m_result.problems += report.problems;
    if (report.cancelled) {
        m_result.cancelled = true;
        return false;
    }
    if (!report.error.isEmpty()) {
        cell.note = report.error;
        m_result.problems.append(report.error);
        advance(2 * count);
        return false;
    }
    return advance(count);
}

void Comparison::measure(ComparisonRow &row, int test, const QString &out)
{
    const TestImages &images = m_images[test];
    ComparisonCell &cell = row.cells[test];
    if (!images.hasGroundTruth && !m_request.niqe) {
        cell.note = QStringLiteral("no ground truth: ask for NIQE");
        advance(images.targets.size());
        return;
    }
    QVector<EvalRow> rows;
    for (qsizetype i = 0; i < images.targets.size(); ++i) {
        const DerainTarget &target = images.targets[i];
        EvalRow evalRow;
        evalRow.name = target.relative;
        evalRow.predictionPath
            = row.kind == ComparisonRowKind::Input ? target.input : derainOutputPath(out, target);
        evalRow.groundTruthPath = images.groundTruth[i];
        if (images.hasGroundTruth && evalRow.groundTruthPath.isEmpty())
            continue; // a time-lapse scene without its clean background
        rows.append(evalRow);
    }
    EvalOptions options;
    options.metrics = m_request.metrics;
    options.niqe = m_request.niqe;
    const qint64 before = m_done;
    const EvalReport report
        = evaluateRows(rows, images.hasGroundTruth, options, [&](qint64 done, qint64) {
              return !m_request.progress || m_request.progress(before + done, m_total);
          });
    m_done = before + images.targets.size();
    if (report.cancelled) {
        m_result.cancelled = true;
        return;
    }
    m_result.problems += report.problems;
    cell.measured = report.measured > 0;
    cell.images = report.measured;
    cell.psnr = report.meanPsnr;
    cell.ssim = report.meanSsim;
    cell.niqe = report.meanNiqe;
    if (!cell.measured)
        cell.note = QStringLiteral("no image could be measured");
    const QString csv
        = QDir(m_request.outFolder)
              .filePath(
                  QStringLiteral("per-image/%1__%2.csv").arg(row.key, m_request.tests[test].name));
    const QString error = writePerImage(csv, report);
    if (!error.isEmpty())
        m_result.problems.append(error);
}

void Comparison::fillRow(int index)
{
    ComparisonRow &row = m_result.rows[index];
    m_derainer.reset();
    for (int test = 0; test < m_request.tests.size() && !m_result.cancelled; ++test) {
        const QString out
            = QDir(m_request.outFolder)
                  .filePath(
                      QStringLiteral("outputs/%1/%2").arg(row.key, m_request.tests[test].name));
        if (!derain(row, m_images[test], out, test))
            continue;
        measure(row, test, out);
    }
    m_derainer.reset();
}

} // namespace

QString comparisonCheckpointOfRun(const QString &workspace, const QString &run, QString *error)
{
    const std::unique_ptr<RunStore> store = RunStore::open(workspace, error);
    if (!store)
        return {};
    const std::optional<RunRecord> record = store->run(run, error);
    if (!record)
        return {};
    for (const QString &kind : { QStringLiteral("best"), QStringLiteral("checkpoint") }) {
        const ArtifactRecord *latest = nullptr; // the highest step still on disk
        const QVector<ArtifactRecord> artifacts = store->artifacts(record->id, kind);
        for (const ArtifactRecord &artifact : artifacts) {
            if (QFileInfo::exists(artifact.path) && (!latest || artifact.step >= latest->step))
                latest = &artifact;
        }
        if (latest)
            return latest->path;
    }
    *error = QStringLiteral("run %1 has no checkpoint on disk").arg(record->id);
    return {};
}

QString comparisonOutput(
    const ComparisonResult &result, int row, int test, const ComparisonImage &image)
{
    const ComparisonRow &r = result.rows[row];
    if (r.kind == ComparisonRowKind::Input)
        return image.input;
    if (!r.cells.value(test).measured)
        return {};
    return derainOutputPath(
        QDir(result.outFolder)
            .filePath(QStringLiteral("outputs/%1/%2").arg(r.key, result.tests[test].name)),
        DerainTarget { image.input, image.relative });
}

ComparisonResult runComparison(const ComparisonRequest &request)
{
    QElapsedTimer clock;
    clock.start();
    ComparisonResult result;
    result.outFolder = request.outFolder;
    result.tests = request.tests;
    result.metrics = request.metrics;
    result.niqe = request.niqe;
    Comparison comparison(request, result);
    if (comparison.prepare()) {
        for (int row = 0; row < result.rows.size() && !result.cancelled; ++row) {
            comparison.fillRow(row);
            if (!result.cancelled && request.rowFinished)
                request.rowFinished(result, row);
        }
    }
    result.seconds = clock.elapsed() / 1000.0;
    return result;
}

} // namespace pluvia::core
