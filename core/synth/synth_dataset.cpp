// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/synth/synth_dataset.h"

#include "core/data/dataset_layout_p.h"
#include "core/data/dataset_manifest.h"
#include "core/image/image_info.h"
#include "core/image/image_io_p.h"
#include "core/synth/rain_random_p.h"
#include "core/synth/rain_synthesizer_p.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QMutex>
#include <QSet>
#include <QThread>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentMap>

#include <opencv2/core.hpp>

#include <atomic>
#include <numeric>
#include <vector>

namespace pluvia::core {

namespace {

struct RenderedSample {
    bool written = false;
    QString rainy;
    QString clean;
    double directionDeg = 0.0;
    int style = 0;
};

// Unique output stems in input order: "a", "a_2", "a_3" ... for repeated names.
QStringList uniqueStems(const QStringList &files)
{
    QStringList stems;
    QSet<QString> used;
    for (const QString &file : files) {
        const QString base = QFileInfo(file).completeBaseName();
        QString stem = base;
        for (int n = 2; used.contains(stem.toLower()); ++n)
            stem = base + QStringLiteral("_%1").arg(n);
        used.insert(stem.toLower());
        stems << stem;
    }
    return stems;
}

QString checkOutFolder(const QString &folder, bool rainMap)
{
    const QDir dir(folder);
    if (QFileInfo::exists(dir.filePath(manifestFileName())))
        return QStringLiteral("%1: already holds a dataset (manifest.json); choose an empty folder")
            .arg(folder);
    for (const QString &sub : { QStringLiteral("rain"), QStringLiteral("norain") }) {
        if (!QDir(dir.filePath(sub)).isEmpty(QDir::Files | QDir::NoDotAndDotDot)
            && QFileInfo(dir.filePath(sub)).isDir())
            return QStringLiteral("%1: %2/ is not empty; choose an empty folder").arg(folder, sub);
    }
    QStringList subs { QStringLiteral("rain"), QStringLiteral("norain") };
    if (rainMap)
        subs << QStringLiteral("rainmap");
    for (const QString &sub : subs) {
        if (!dir.mkpath(sub))
            return QStringLiteral("%1: cannot create the folder").arg(dir.filePath(sub));
    }
    return {};
}

QJsonValue seedJson(std::uint64_t seed)
{
    // JSON numbers are doubles: seeds past 2^53 are kept exactly as text.
    if (seed < (std::uint64_t(1) << 53))
        return QJsonValue(double(seed));
    return QJsonValue(QString::number(seed));
}

} // namespace

QStringList collectCleanImages(const QStringList &inputs, QStringList *problems)
{
    QStringList files;
    for (const QString &input : inputs) {
        const QFileInfo info(input);
        if (info.isDir()) {
            files << imageCandidates(input, false);
        } else if (info.exists() || info.isSymLink()) { // the reader names a non-regular file
            files << input;
        } else if (problems) {
            *problems << QStringLiteral("%1: no such file or folder").arg(input);
        }
    }
    return files;
}

SynthReport synthesizeDataset(const SynthRequest &request)
{
    SynthReport report;
    QElapsedTimer clock;
    clock.start();
    if (request.styles.isEmpty())
        report.error = QStringLiteral("no rain style given (choose one of: %1)")
                           .arg(rainPresetNames().join(QLatin1String(", ")));
    else if (request.variantsPerImage < 1)
        report.error = QStringLiteral("variants per image must be at least 1 (got %1)")
                           .arg(request.variantsPerImage);
    else if (request.outFolder.isEmpty())
        report.error = QStringLiteral("no output folder given");
    if (!report.ok())
        return report;

    QStringList missing;
    const QStringList files = collectCleanImages(request.cleanInputs, &missing);
    report.warnings << missing;
    if (files.isEmpty()) {
        report.error = QStringLiteral("%1: no clean images found")
                           .arg(request.cleanInputs.join(QLatin1String(", ")));
        return report;
    }
    report.error = checkOutFolder(request.outFolder, request.writeRainMap);
    if (!report.ok())
        return report;

    const QDir out(request.outFolder);
    const QStringList stems = uniqueStems(files);
    const int variants = request.variantsPerImage;
    // std::vector: workers write distinct elements, and QVector's operator[] would check sharing.
    std::vector<RenderedSample> samples(std::size_t(files.size()) * variants);
    QVector<int> indices(files.size());
    std::iota(indices.begin(), indices.end(), 0);

    QMutex mutex; // guards report.warnings and report.error from the workers
    std::atomic<bool> stop { false };
    std::atomic<qint64> done { 0 };
    auto renderOne = [&](int i) {
        if (stop.load())
            return;
        const FloatImage clean = readImageRgbFloat(files[i]);
        QStringList problems = clean.warnings;
        QString fatal;
        if (!clean.ok()) {
            problems << clean.error + QStringLiteral(" (skipped)");
        } else {
            const QString cleanName = QStringLiteral("norain/%1.png").arg(stems[i]);
            for (int k = 0; k < variants && fatal.isEmpty(); ++k) {
                const int slot = i * variants + k;
                const int style = slot % request.styles.size();
                const RainRender render = renderRain(clean.pixels, request.styles[style].params,
                    mixSeed(mixSeed(request.seed, std::uint64_t(i)), std::uint64_t(k)));
                if (!render.error.isEmpty()) {
                    problems << QStringLiteral("%1: %2 (skipped)").arg(files[i], render.error);
                    break;
                }
                const QString name = variants == 1
                    ? stems[i] + QStringLiteral(".png")
                    : QStringLiteral("%1_%2.png").arg(stems[i]).arg(k + 1);
                if (k == 0)
                    fatal = writeImage(out.filePath(cleanName), render.background);
                if (fatal.isEmpty())
                    fatal = writeImage(out.filePath(QStringLiteral("rain/") + name), render.rainy);
                if (fatal.isEmpty() && request.writeRainMap) {
                    cv::Mat encoded;
                    render.rain.convertTo(encoded, CV_32FC3, 0.5, 0.5);
                    fatal = writeImage(out.filePath(QStringLiteral("rainmap/") + name), encoded,
                        WriteOptions { 16, 95 });
                }
                if (fatal.isEmpty())
                    samples[slot] = { true, QStringLiteral("rain/") + name, cleanName,
                        render.directionDeg, style };
            }
        }
        QMutexLocker lock(&mutex);
        report.warnings << problems;
        if (!fatal.isEmpty() && report.error.isEmpty()) {
            report.error = fatal;
            stop = true;
        }
        lock.unlock();
        const qint64 finished = ++done;
        if (request.progress && !request.progress(finished, files.size()))
            stop = true;
    };

    QThreadPool pool;
    pool.setMaxThreadCount(request.threads > 0 ? request.threads : QThread::idealThreadCount());
    QtConcurrent::blockingMap(&pool, indices, renderOne);

    report.seconds = clock.elapsed() / 1000.0;
    if (!report.ok())
        return report;
    if (stop.load()) {
        report.cancelled = true;
        report.error
            = QStringLiteral("%1: synthesis cancelled; no manifest written").arg(request.outFolder);
        return report;
    }

    DatasetManifest manifest;
    manifest.kind = DatasetKind::Paired;
    manifest.name = request.datasetName.isEmpty() ? QFileInfo(request.outFolder).fileName()
                                                  : request.datasetName;
    manifest.description = request.description;
    QJsonArray styles;
    for (const SynthStyle &style : request.styles)
        styles.append(QJsonObject { { QStringLiteral("name"), style.name },
            { QStringLiteral("parameters"), rainParamsToJson(style.params) } });
    QJsonArray sampleStyles;
    QJsonArray sources;
    QSet<int> cleanDone;
    for (int slot = 0; slot < int(samples.size()); ++slot) {
        const RenderedSample &sample = samples[slot];
        if (!sample.written)
            continue;
        manifest.samples.append({ sample.rainy, sample.clean, sample.directionDeg, QString() });
        sampleStyles.append(sample.style);
        ++report.rainyImages;
        if (!cleanDone.contains(slot / variants)) {
            cleanDone.insert(slot / variants);
            sources.append(QFileInfo(files[slot / variants]).absoluteFilePath());
        }
    }
    report.cleanImages = cleanDone.size();
    if (report.rainyImages == 0) {
        report.error = QStringLiteral("%1: none of the %2 clean image files could be used (each "
                                      "problem is listed); no manifest written")
                           .arg(request.cleanInputs.join(QLatin1String(", ")))
                           .arg(files.size());
        return report;
    }
    QJsonObject provenance {
        { QStringLiteral("generator"), QStringLiteral("pluvia synth") },
        { QStringLiteral("pluvia_version"), QStringLiteral(PLUVIA_VERSION) },
        { QStringLiteral("created"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate) },
        { QStringLiteral("seed"), seedJson(request.seed) },
        { QStringLiteral("variants_per_image"), variants },
        { QStringLiteral("styles"), styles },
        { QStringLiteral("sample_styles"), sampleStyles },
        { QStringLiteral("clean_sources"), sources },
    };
    if (request.writeRainMap)
        provenance.insert(QStringLiteral("rain_map"),
            QStringLiteral("rainmap/<name>.png: 16-bit, R = 2 v / 65535 - 1"));
    manifest.provenance = provenance;

    report.manifestPath = out.filePath(manifestFileName());
    report.error = writeManifest(report.manifestPath, manifest);
    if (!report.ok())
        report.manifestPath.clear();
    report.seconds = clock.elapsed() / 1000.0;
    return report;
}

} // namespace pluvia::core
