// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/engine/derain_job.h"

#include "core/data/dataset_layout_p.h"
#include "core/engine/checkpoint_p.h"
#include "core/engine/memory_meter_p.h"
#include "core/engine/tile_budget_p.h"
#include "core/engine/tiled_inference_p.h"
#include "core/error_text.h"
#include "core/image/image_info.h"
#include "core/image/image_io_p.h"
#include "core/image/tensor_convert_p.h"

#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QHash>
#include <QMutex>

#include <c10/util/Exception.h>
#include <opencv2/core.hpp>
#include <torch/torch.h>

#include <algorithm>
#include <atomic>

namespace pluvia::core {

namespace {

struct Job {
    QString input;
    QString relative; // <sub>/<stem>.png, the output's path below an output folder
};

// Inputs → jobs, keeping the structure below each input folder (and below `relativeTo` for
// files inside it).
QVector<Job> collectJobs(
    const QStringList &inputs, const QString &relativeTo, QStringList *problems)
{
    QVector<Job> jobs;
    const QDir base(relativeTo);
    for (const QString &input : inputs) {
        const QFileInfo info(input);
        if (info.isFile()) {
            const QString below
                = relativeTo.isEmpty() ? QString() : base.relativeFilePath(info.absoluteFilePath());
            const bool inside = !below.isEmpty() && !below.startsWith(QLatin1String(".."))
                && !QDir::isAbsolutePath(below);
            const QString sub = inside ? QFileInfo(below).path() : QStringLiteral(".");
            jobs.push_back({ info.absoluteFilePath(),
                QDir::cleanPath(
                    sub + QLatin1Char('/') + info.completeBaseName() + QStringLiteral(".png")) });
        } else if (info.isDir()) {
            QStringList files;
            QDirIterator it(info.absoluteFilePath(), QDir::Files, QDirIterator::Subdirectories);
            while (it.hasNext()) {
                const QString file = it.next();
                if (hasImageSuffix(file))
                    files << file;
            }
            std::sort(files.begin(), files.end(), naturalLess);
            const QDir root(info.absoluteFilePath());
            for (const QString &file : files) {
                const QFileInfo relative(root.relativeFilePath(file));
                jobs.push_back({ file,
                    QDir::cleanPath(relative.path() + QLatin1Char('/') + relative.completeBaseName()
                        + QStringLiteral(".png")) });
            }
        } else {
            *problems << QStringLiteral("%1: no such file or folder")
                             .arg(QDir::toNativeSeparators(input));
        }
    }
    return jobs;
}

constexpr int kBlend = 32;

// A method's measured memory, once per checkpoint file (as it was on disk) and kind of output:
// the derain queue sends one image per request.
InferenceMemory cachedInferenceMemory(
    const QString &checkpoint, models::Method &method, bool intermediates)
{
    static QMutex mutex;
    static QHash<QString, InferenceMemory> cache;
    const QFileInfo info(checkpoint);
    const QString key = QStringLiteral("%1|%2|%3")
                            .arg(info.absoluteFilePath())
                            .arg(info.lastModified().toMSecsSinceEpoch())
                            .arg(intermediates);
    {
        const QMutexLocker lock(&mutex);
        if (const auto it = cache.constFind(key); it != cache.constEnd())
            return *it;
    }
    const InferenceMemory memory = measureInferenceMemory(method, intermediates);
    const QMutexLocker lock(&mutex);
    cache.insert(key, memory);
    return memory;
}

QString writeSigned(const QString &path, const at::Tensor &chw)
{
    // [-1, 1] → [0, 1], 16-bit: R = 2 v / 65535 − 1.
    return writeImage(path, tensorToMat((chw.cpu() + 1.0) * 0.5), WriteOptions { 16, 95 });
}

} // namespace

DerainReport derainImages(const DerainRequest &request)
{
    DerainReport report;
    QElapsedTimer clock;
    clock.start();
    if (request.outFolder.isEmpty()) {
        report.error = QStringLiteral("no output folder given");
        return report;
    }
    const QVector<Job> jobs = collectJobs(request.inputs, request.relativeTo, &report.problems);
    if (jobs.isEmpty()) {
        report.error = QStringLiteral("no images to derain in %1")
                           .arg(request.inputs.join(QLatin1String(", ")));
        return report;
    }
    CheckpointInfo info;
    std::unique_ptr<models::Method> method
        = loadMethodFromCheckpoint(request.checkpoint, request.device, &info, &report.error);
    if (!method)
        return report;
    report.method = info.method;
    report.checkpointStep = info.step;

    const QDir out(request.outFolder);
    // Existing outputs: refuse (naming the first), skip, or overwrite, before any work.
    QVector<Job> todo;
    for (const Job &job : jobs) {
        const QString background = out.filePath(job.relative);
        if (QFileInfo::exists(background) && !request.overwrite) {
            if (request.skipExisting) {
                report.skipped << job.input;
                continue;
            }
            report.error = QStringLiteral("%1 exists; pass --overwrite to replace it or "
                                          "--skip-existing to leave it")
                               .arg(QDir::toNativeSeparators(background));
            return report;
        }
        todo.push_back(job);
    }

    const models::InferenceGeometry geometry = method->inferenceGeometry();
    const bool automatic = request.tileSize == kAutoTileSize;
    const bool onCpu = method->device().is_cpu();
    InferenceMemory memory;
    if (automatic && onCpu) {
        try {
            memory = cachedInferenceMemory(request.checkpoint, *method, request.saveIntermediates);
        } catch (const std::exception &e) {
            report.error
                = QStringLiteral("%1: cannot measure the method's memory: %2")
                      .arg(QDir::toNativeSeparators(request.checkpoint), firstLineOf(e.what()));
            return report;
        }
        const qint64 available = availableSystemMemory();
        report.memoryBudgetBytes = request.memoryLimitBytes > 0 ? double(request.memoryLimitBytes)
            : available > 0                                     ? 0.5 * double(available)
                                                                : 2.0 * 1024 * 1024 * 1024;
        report.bytesPerPixel = memory.bytesPerPixel;
    }
    // Each image's first tile size and tile count (from the headers), so progress is over the
    // whole queue.
    QVector<int> tileSizes;
    QVector<int> tileCounts;
    qint64 totalTiles = 0;
    for (const Job &job : todo) {
        const ImageInfo header = readImageInfo(job.input);
        int tile = request.tileSize;
        if (automatic)
            tile = !onCpu     ? kCudaFirstTile
                : header.ok() ? tileSizeForBudget(memory, report.memoryBudgetBytes, header.height,
                      header.width, geometry, kBlend)
                              : minimumTileSize(geometry, kBlend);
        const int count = header.ok() ? tileCount(geometry, header.height, header.width,
                              TileOptions { tile, kBlend, request.saveIntermediates })
                                      : 1;
        tileSizes << tile;
        tileCounts << count;
        totalTiles += count;
    }
    qint64 tilesBefore = 0;
    for (qsizetype i = 0; i < todo.size(); ++i) {
        const Job &job = todo[i];
        QElapsedTimer fileClock;
        fileClock.start();
        const FloatImage image = readImageRgbFloat(job.input);
        if (!image.ok()) {
            report.problems << image.error;
            tilesBefore += tileCounts[i];
            continue;
        }
        DerainedFile file;
        file.input = job.input;
        file.width = image.pixels.cols;
        file.height = image.pixels.rows;
        std::optional<models::DerainOutput> result;
        QString failure;
        for (int tile = tileSizes[i];;) {
            try {
                const MemoryMeter meter(request.memoryLimitBytes);
                const TileOptions tiles { tile, kBlend, request.saveIntermediates };
                result = derainTiled(*method, matToTensor(image.pixels), tiles, [&](int done, int) {
                    file.tiles = done;
                    return !request.progress || request.progress(tilesBefore + done, totalTiles);
                });
                file.tileSize = tile >= std::max(file.width, file.height) ? 0 : std::max(tile, 0);
                break;
            } catch (const std::exception &e) {
                const QString what = firstLineOf(e.what());
                const int smaller = isOutOfMemory(e)
                    ? smallerTileSize(tile, file.height, file.width, geometry, kBlend)
                    : 0;
                if (smaller == 0) {
                    failure = QStringLiteral("%1: %2").arg(QDir::toNativeSeparators(job.input),
                        file.retries > 0 ? QStringLiteral("%1 (also with the smallest tile, %2 px)")
                                               .arg(what)
                                               .arg(minimumTileSize(geometry, kBlend))
                                         : what);
                    break;
                }
                // Again with smaller tiles; the queue's tile total follows.
                const int count = tileCount(geometry, file.height, file.width,
                    TileOptions { smaller, kBlend, request.saveIntermediates });
                totalTiles += count - tileCounts[i];
                tileCounts[i] = count;
                tile = smaller;
                ++file.retries;
            }
        }
        if (!failure.isEmpty()) {
            report.problems << failure;
            tilesBefore += tileCounts[i];
            continue;
        }
        if (!result) {
            report.cancelled = true;
            break;
        }
        tilesBefore += tileCounts[i];
        QStringList written;
        auto save = [&](const QString &path, const QString &error) {
            if (!error.isEmpty()) {
                report.problems << error;
                return false;
            }
            written << path;
            return true;
        };
        // <out>/<layer>/<sub>/<stem>.png, folders created on the way.
        auto pathFor = [&](const QString &layer) {
            const QString path = QDir::cleanPath(out.filePath(
                layer.isEmpty() ? job.relative : layer + QLatin1Char('/') + job.relative));
            QDir().mkpath(QFileInfo(path).absolutePath());
            return path;
        };
        const QString background = pathFor({});
        bool ok
            = save(background, writeImage(background, tensorToMat(result->background[0].cpu())));
        if (ok && request.saveRain) {
            const QString rain = pathFor(QStringLiteral("rain"));
            ok = save(rain, writeSigned(rain, result->rain[0]));
        }
        if (ok && request.saveIntermediates) {
            for (const auto &[name, tensor, isSigned] : result->intermediates) {
                const QString path = pathFor(QString::fromStdString(name));
                const at::Tensor t = tensor[0].cpu();
                ok = save(path, isSigned ? writeSigned(path, t) : writeImage(path, tensorToMat(t)));
                if (!ok)
                    break;
            }
        }
        file.outputs = written;
        file.seconds = fileClock.nsecsElapsed() * 1e-9;
        if (ok)
            report.files.push_back(file);
    }
    report.seconds = clock.nsecsElapsed() * 1e-9;
    return report;
}

} // namespace pluvia::core
