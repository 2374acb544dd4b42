// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/inference/dataset_generation.h"

#include "core/atomic_file.h"
#include "core/checkpoint/checkpoint_p.h"
#include "core/data/dataset.h"
#include "core/data/dataset_manifest.h"
#include "core/error_text.h"
#include "core/image/image_io_p.h"
#include "core/image/tensor_convert_p.h"
#include "core/synth/rain_params.h"
#include "core/synth/synth_dataset.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

#include <opencv2/imgproc.hpp>
#include <torch/torch.h>

namespace pluvia::core {

namespace {

QString shown(const QString &path)
{
    return QDir::toNativeSeparators(path);
}

// Renders the synthesizer's rain onto the clean inputs into <out>/source (or, resuming, keeps
// the source an interrupted export of the same request finished).
QString synthesizeSource(const GenerateRequest &request, bool resuming, QString *folder,
    QJsonObject *provenance, QStringList *warnings)
{
    std::optional<RainParams> params = rainPreset(request.rainPreset);
    if (!params)
        return QStringLiteral("unknown rain preset '%1'; allowed: %2")
            .arg(request.rainPreset, rainPresetNames().join(QLatin1String(", ")));
    if (const QString e = applyRainOverrides(&*params, request.rainOverrides); !e.isEmpty())
        return e;
    SynthRequest synth;
    synth.cleanInputs = request.cleanInputs;
    synth.outFolder = QDir(request.outFolder).filePath(QStringLiteral("source"));
    synth.styles = { { request.rainPreset, *params } };
    synth.seed = request.seed;
    synth.datasetName = QStringLiteral("source of %1").arg(QFileInfo(request.outFolder).fileName());
    synth.description = QStringLiteral("synthetic rainy images the generated ones were made from");
    if (!resuming || !QFileInfo::exists(QDir(synth.outFolder).filePath(manifestFileName()))) {
        const SynthReport report = synthesizeDataset(synth);
        *warnings << report.warnings;
        if (!report.ok())
            return report.error;
    }
    *folder = synth.outFolder;
    *provenance = { { QStringLiteral("kind"), QStringLiteral("synthesized") },
        { QStringLiteral("preset"), request.rainPreset },
        { QStringLiteral("parameters"), rainParamsToJson(*params) },
        { QStringLiteral("dataset"), QStringLiteral("source") } };
    return {};
}

// The real rain source scaled up (when smaller) and centre-cropped to width × height.
cv::Mat fitTo(const cv::Mat &image, int width, int height)
{
    cv::Mat scaled = image;
    const double scale = std::max(double(width) / image.cols, double(height) / image.rows);
    if (scale > 1.0)
        cv::resize(image, scaled, cv::Size(), scale, scale, cv::INTER_CUBIC);
    const int x = (scaled.cols - width) / 2, y = (scaled.rows - height) / 2;
    return scaled(cv::Rect(std::max(0, x), std::max(0, y), width, height)).clone();
}

struct SourcePair {
    QString clean;
    QString rain; // the synthetic rainy version, the real rainy image, or "" (none)
};

// What identifies an export, written to <out>/generation.json before the first image: a later
// request finds an interrupted export of itself there and finishes it.
QJsonObject requestIdentity(const GenerateRequest &request)
{
    auto absolute = [](const QStringList &paths) {
        QJsonArray list;
        for (const QString &path : paths)
            list.append(QFileInfo(path).absoluteFilePath());
        return list;
    };
    return { { QStringLiteral("checkpoint"), QFileInfo(request.checkpoint).absoluteFilePath() },
        { QStringLiteral("clean"), absolute(request.cleanInputs) },
        { QStringLiteral("pairs"),
            request.pairs.isEmpty() ? QString() : QFileInfo(request.pairs).absoluteFilePath() },
        { QStringLiteral("real"), absolute(request.realInputs) },
        { QStringLiteral("rain_preset"), request.rainPreset },
        { QStringLiteral("rain_overrides"), QJsonArray::fromStringList(request.rainOverrides) },
        { QStringLiteral("seed"), QString::number(request.seed) } };
}

QString generationFile(const QDir &out)
{
    return out.filePath(QStringLiteral("generation.json"));
}

// Whether `out` holds an interrupted export of `identity` (true), nothing of the kind (false),
// or one of another request (an error naming the folder).
std::optional<bool> interruptedExport(const QDir &out, const QJsonObject &identity, QString *error)
{
    QFile file(generationFile(out));
    if (!file.exists())
        return false;
    if (!file.open(QIODevice::ReadOnly)) {
        *error
            = QStringLiteral("%1: cannot read: %2").arg(shown(file.fileName()), file.errorString());
        return std::nullopt;
    }
    if (QJsonDocument::fromJson(file.readAll()).object() == identity)
        return true;
    *error = QStringLiteral("%1: holds an interrupted export of another request (%2); repeat that "
                            "request to finish it, or choose an empty folder")
                 .arg(shown(out.path()), QStringLiteral("generation.json"));
    return std::nullopt;
}

} // namespace

GenerateReport generateDataset(const GenerateRequest &request)
{
    GenerateReport report;
    QElapsedTimer clock;
    clock.start();
    if (request.outFolder.isEmpty() || (request.cleanInputs.isEmpty() == request.pairs.isEmpty())) {
        report.error
            = QStringLiteral("give an output folder and either clean images or a paired dataset");
        return report;
    }
    const QDir out(request.outFolder);
    if (QFileInfo::exists(out.filePath(manifestFileName()))) {
        report.error
            = QStringLiteral("%1: already holds a dataset (manifest.json); choose an empty folder")
                  .arg(shown(request.outFolder));
        return report;
    }
    CheckpointInfo info;
    std::unique_ptr<models::Method> method
        = loadMethodFromCheckpoint(request.checkpoint, request.device, &info, &report.error);
    if (!method)
        return report;
    report.method = info.method;
    if (!method->description().canGenerate) {
        report.error = QStringLiteral("%1: method %2 cannot generate rainy images")
                           .arg(shown(request.checkpoint), info.method);
        return report;
    }
    using RainSource = models::MethodDescription::RainSource;
    const RainSource declared = method->description().rainSource;
    const bool realSource = declared == RainSource::RealRainy
        || (declared == RainSource::OptionalRealRainy && !request.realInputs.isEmpty());
    const bool noSource = declared == RainSource::OptionalRealRainy && !realSource;
    const QJsonObject identity = requestIdentity(request);
    const std::optional<bool> resuming = interruptedExport(out, identity, &report.error);
    if (!resuming)
        return report;

    // Which clean image goes with which rain source.
    QVector<SourcePair> sources;
    QJsonObject source;
    if (realSource || noSource) {
        QStringList missing;
        const QStringList real = collectCleanImages(request.realInputs, &missing);
        report.warnings << missing;
        if (realSource && real.isEmpty()) {
            report.error
                = QStringLiteral("method %1 carries real rain over: give real rainy images "
                                 "(--real DIR)")
                      .arg(info.method);
            return report;
        }
        QStringList clean;
        if (!request.pairs.isEmpty()) {
            const DatasetInspection inspection = inspectDataset(request.pairs, InspectOptions {});
            for (const DatasetPair &pair : inspection.dataset.pairs)
                clean << pair.clean;
        } else {
            clean = collectCleanImages(request.cleanInputs, &missing);
        }
        for (qsizetype i = 0; i < clean.size(); ++i)
            sources.push_back({ clean[i], noSource ? QString() : real[i % real.size()] });
        QJsonArray realPaths;
        for (const QString &path : real)
            realPaths.append(QFileInfo(path).absoluteFilePath());
        source = noSource ? QJsonObject { { QStringLiteral("kind"),
                     QStringLiteral("none: the method's rain from the clean image alone") } }
                          : QJsonObject { { QStringLiteral("kind"),
                                              QStringLiteral("real rainy images, used in turn") },
                                { QStringLiteral("images"), realPaths } };
    } else {
        QString sourceFolder = request.pairs;
        source = { { QStringLiteral("kind"), QStringLiteral("paired dataset") },
            { QStringLiteral("dataset"), QFileInfo(request.pairs).absoluteFilePath() } };
        if (!request.cleanInputs.isEmpty()) {
            report.error
                = synthesizeSource(request, *resuming, &sourceFolder, &source, &report.warnings);
            if (!report.error.isEmpty())
                return report;
        }
        const DatasetInspection inspection = inspectDataset(sourceFolder, InspectOptions {});
        if (!inspection.ok() || inspection.dataset.kind != DatasetKind::Paired) {
            report.error = inspection.ok()
                ? QStringLiteral("%1: not a paired dataset").arg(shown(sourceFolder))
                : inspection.error;
            return report;
        }
        for (const DatasetProblem &problem : inspection.problems)
            report.warnings << problem.message;
        for (const DatasetPair &pair : inspection.dataset.pairs)
            sources.push_back({ pair.clean, pair.rainy });
    }
    if (sources.isEmpty() || !out.mkpath(QStringLiteral("rain"))
        || !out.mkpath(QStringLiteral("norain"))) {
        report.error = sources.isEmpty()
            ? QStringLiteral("no clean images to generate rain for")
            : QStringLiteral("%1: cannot create its folders").arg(shown(request.outFolder));
        return report;
    }
    if (!*resuming) {
        report.error = writeFileAtomically(generationFile(out), QJsonDocument(identity).toJson());
        if (!report.error.isEmpty())
            return report;
    }

    DatasetManifest manifest;
    manifest.kind = DatasetKind::Paired;
    manifest.name = request.datasetName.isEmpty() ? QFileInfo(request.outFolder).fileName()
                                                  : request.datasetName;
    manifest.description = QStringLiteral("rainy images generated by %1").arg(info.method);
    QSet<QString> stems;
    for (qsizetype i = 0; i < sources.size(); ++i) {
        const FloatImage clean = readImageRgbFloat(sources[i].clean);
        const FloatImage rain
            = !clean.ok() || noSource ? FloatImage {} : readImageRgbFloat(sources[i].rain);
        if (!clean.ok() || (!noSource && !rain.ok())
            || (!realSource && !noSource && rain.pixels.size() != clean.pixels.size())) {
            report.warnings << (!clean.ok() ? clean.error
                                       : !rain.ok()
                                       ? rain.error
                                       : QStringLiteral("%1: size differs from %2")
                                             .arg(shown(sources[i].rain), shown(sources[i].clean)))
                    + QStringLiteral(" (skipped)");
            continue;
        }
        // Stems of the synthetic source are unique (one per rainy file); clean images can repeat
        // names across folders.
        const bool syntheticSource = !realSource && !noSource;
        QString stem
            = QFileInfo(syntheticSource ? sources[i].rain : sources[i].clean).completeBaseName();
        for (int n = 2; stems.contains(stem); ++n)
            stem = QFileInfo(sources[i].clean).completeBaseName() + QStringLiteral("_%1").arg(n);
        stems.insert(stem);
        const QString rainName = QStringLiteral("rain/%1.png").arg(stem);
        const QString cleanName = QStringLiteral("norain/%1.png").arg(stem);
        // Each file is written atomically, rain first: a pair whose clean file exists is whole.
        if (*resuming && QFileInfo::exists(out.filePath(cleanName))) {
            manifest.samples.append({ rainName, cleanName, std::nullopt, QString() });
            ++report.resumed;
            continue;
        }
        QString error;
        try {
            at::Tensor rainTensor;
            if (realSource)
                rainTensor = matToTensor(fitTo(rain.pixels, clean.pixels.cols, clean.pixels.rows))
                                 .unsqueeze(0);
            else if (!noSource)
                rainTensor = matToTensor(rain.pixels).unsqueeze(0);
            const at::Tensor generated
                = method->generate(matToTensor(clean.pixels).unsqueeze(0), rainTensor);
            error = writeImage(out.filePath(rainName), tensorToMat(generated[0].cpu()));
            if (error.isEmpty())
                error = writeImage(out.filePath(cleanName), clean.pixels);
            if (error.isEmpty())
                manifest.samples.append({ rainName, cleanName, std::nullopt, QString() });
        } catch (const std::exception &e) {
            error = QStringLiteral("%1: %2").arg(shown(sources[i].clean), firstLineOf(e.what()));
        }
        if (!error.isEmpty()) {
            report.error = error;
            return report;
        }
        if (request.progress && !request.progress(i + 1, sources.size())) {
            report.cancelled = true;
            report.error = QStringLiteral("%1: cancelled; no manifest written")
                               .arg(shown(request.outFolder));
            return report;
        }
    }
    manifest.provenance = {
        { QStringLiteral("generator"), QStringLiteral("pluvia generate") },
        { QStringLiteral("pluvia_version"), QStringLiteral(PLUVIA_VERSION) },
        { QStringLiteral("created"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate) },
        { QStringLiteral("checkpoint"), QFileInfo(request.checkpoint).absoluteFilePath() },
        { QStringLiteral("checkpoint_step"), info.step },
        { QStringLiteral("run_id"), info.runId },
        { QStringLiteral("method"), info.method },
        { QStringLiteral("preset"), info.preset },
        { QStringLiteral("parameters"), info.params },
        { QStringLiteral("seed"), QString::number(request.seed) },
        { QStringLiteral("rain_source"), source },
    };
    report.pairs = int(manifest.samples.size());
    report.manifestPath = out.filePath(manifestFileName());
    report.error = writeManifest(report.manifestPath, manifest);
    if (report.error.isEmpty())
        QFile::remove(generationFile(out)); // the manifest now says all it said
    report.seconds = clock.elapsed() / 1000.0;
    return report;
}

} // namespace pluvia::core
