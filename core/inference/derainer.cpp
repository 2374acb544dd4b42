// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/inference/derainer.h"

#include "core/atomic_file.h"
#include "core/checkpoint/checkpoint_p.h"
#include "core/data/derain_outputs.h"
#include "core/error_text.h"
#include "core/image/image_info.h"
#include "core/image/image_io_p.h"
#include "core/image/tensor_convert_p.h"
#include "core/inference/layer_preview_p.h"
#include "core/inference/tile_budget_p.h"
#include "core/inference/tiled_inference_p.h"
#include "core/runtime/memory_meter_p.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>

#include <c10/util/Exception.h>
#include <opencv2/core.hpp>
#include <torch/torch.h>

#include <algorithm>
#include <optional>

namespace pluvia::core {

namespace {

constexpr int kBlend = 32;

QString writeSigned(const QString &path, const at::Tensor &chw)
{
    return writeSignedLayer(path, tensorToMat(chw.cpu()));
}

// Each image's first tile side and tile count (from the headers), so that progress runs over the
// whole request.
struct TilePlan {
    QVector<int> sides;
    QVector<int> counts;
    qint64 total = 0;
};

// One image derained, tiles halved each time memory runs out.
struct TiledResult {
    std::optional<models::DerainOutput> output; // empty: cancelled or failed
    QString failure; // names the file and the reason
};

} // namespace

struct Derainer::Private {
    QString checkpoint;
    QString device;
    CheckpointInfo info;
    std::unique_ptr<models::Method> method;
    QMutex mutex; // one request at a time: a method's modules are not reentrant
    std::optional<InferenceMemory> memory[2]; // measured once each, without and with intermediates

    InferenceMemory memoryFor(bool intermediates)
    {
        std::optional<InferenceMemory> &slot = memory[intermediates ? 1 : 0];
        if (!slot)
            slot = measureInferenceMemory(*method, intermediates);
        return *slot;
    }

    TilePlan planTiles(const QVector<DerainTarget> &targets, const DerainRequest &request,
        const InferenceMemory &memory, double budget) const;
    TiledResult derainTiled(const at::Tensor &image, DerainedFile &file, int firstSide,
        const DerainRequest &request, const std::function<bool(int)> &tileDone,
        const std::function<void(int)> &recount) const;
    bool writeOutputs(const models::DerainOutput &output, const DerainTarget &target,
        const DerainRequest &request, DerainedFile &file, QStringList *problems) const;
};

TilePlan Derainer::Private::planTiles(const QVector<DerainTarget> &targets,
    const DerainRequest &request, const InferenceMemory &memory, double budget) const
{
    const models::InferenceGeometry geometry = method->inferenceGeometry();
    const bool automatic = request.tileSize == kAutoTileSize;
    TilePlan plan;
    for (const DerainTarget &target : targets) {
        const ImageInfo header = readImageInfo(target.input);
        int side = request.tileSize;
        if (automatic)
            side = !method->device().is_cpu() ? kCudaFirstTile
                : header.ok()
                ? tileSizeForBudget(memory, budget, header.height, header.width, geometry, kBlend)
                : minimumTileSize(geometry, kBlend);
        const int count = header.ok() ? tileCount(geometry, header.height, header.width,
                              TileOptions { side, kBlend, request.saveIntermediates })
                                      : 1;
        plan.sides << side;
        plan.counts << count;
        plan.total += count;
    }
    return plan;
}

TiledResult Derainer::Private::derainTiled(const at::Tensor &image, DerainedFile &file,
    int firstSide, const DerainRequest &request, const std::function<bool(int)> &tileDone,
    const std::function<void(int)> &recount) const
{
    const models::InferenceGeometry geometry = method->inferenceGeometry();
    TiledResult result;
    for (int side = firstSide;;) {
        try {
            const MemoryMeter meter(request.memoryLimitBytes);
            const TileOptions tiles { side, kBlend, request.saveIntermediates };
            result.output = core::derainTiled(*method, image, tiles, [&](int done, int) {
                file.tiles = done;
                return tileDone(done);
            });
            file.tileSize = side >= std::max(file.width, file.height) ? 0 : std::max(side, 0);
            return result;
        } catch (const std::exception &e) {
            const QString what = firstLineOf(e.what());
            const int smaller = isOutOfMemory(e)
                ? smallerTileSize(side, file.height, file.width, geometry, kBlend)
                : 0;
            if (smaller == 0) {
                result.failure = QStringLiteral("%1: %2").arg(QDir::toNativeSeparators(file.input),
                    file.retries > 0 ? QStringLiteral("%1 (also with the smallest tile, %2 px)")
                                           .arg(what)
                                           .arg(minimumTileSize(geometry, kBlend))
                                     : what);
                return result;
            }
            // Again with smaller tiles; the request's tile total follows.
            recount(tileCount(geometry, file.height, file.width,
                TileOptions { smaller, kBlend, request.saveIntermediates }));
            side = smaller;
            ++file.retries;
        }
    }
}

bool Derainer::Private::writeOutputs(const models::DerainOutput &output, const DerainTarget &target,
    const DerainRequest &request, DerainedFile &file, QStringList *problems) const
{
    auto save = [&](const QString &path, const QString &error) {
        if (!error.isEmpty()) {
            *problems << error;
            return false;
        }
        file.outputs << path;
        return true;
    };
    // Folders are created on the way.
    auto pathFor = [&](const QString &layer) {
        const QString path = derainOutputPath(request.outFolder, target, layer);
        QDir().mkpath(QFileInfo(path).absolutePath());
        return path;
    };
    const QString background = pathFor({});
    if (!save(background, writeImage(background, tensorToMat(output.background[0].cpu()))))
        return false;
    if (request.saveRain) {
        const QString rain = pathFor(QStringLiteral("rain"));
        if (!save(rain, writeSigned(rain, output.rain[0])))
            return false;
    }
    if (request.saveIntermediates)
        for (const auto &[name, tensor, isSigned] : output.intermediates) {
            const QString path = pathFor(QString::fromStdString(name));
            const at::Tensor t = tensor[0].cpu();
            if (!save(path, isSigned ? writeSigned(path, t) : writeImage(path, tensorToMat(t))))
                return false;
        }
    return true;
}

Derainer::Derainer(std::unique_ptr<Private> d)
    : d(std::move(d))
{ }

Derainer::~Derainer() = default;

std::unique_ptr<Derainer> Derainer::load(
    const QString &checkpoint, const QString &device, QString *error)
{
    auto d = std::make_unique<Private>();
    d->checkpoint = checkpoint;
    d->device = device;
    d->method = loadMethodFromCheckpoint(checkpoint, device, &d->info, error);
    if (!d->method)
        return nullptr;
    return std::unique_ptr<Derainer>(new Derainer(std::move(d)));
}

QString Derainer::checkpoint() const
{
    return d->checkpoint;
}

QString Derainer::device() const
{
    return d->device;
}

QString Derainer::method() const
{
    return d->info.method;
}

QString Derainer::runId() const
{
    return d->info.runId;
}

qint64 Derainer::step() const
{
    return d->info.step;
}

DerainReport Derainer::derain(const DerainRequest &request)
{
    const QMutexLocker lock(&d->mutex);
    DerainReport report;
    report.method = d->info.method;
    report.checkpointStep = d->info.step;
    QElapsedTimer clock;
    clock.start();
    if (request.outFolder.isEmpty()) {
        report.error = QStringLiteral("no output folder given");
        return report;
    }
    const QVector<DerainTarget> targets = request.targets.isEmpty()
        ? derainTargets(request.inputs, {}, &report.problems)
        : request.targets;
    const auto tell = [&](const QString &input, DerainFileResult::State state,
                          const QString &problem = {}, const DerainedFile &file = {}) {
        if (request.fileFinished)
            request.fileFinished(DerainFileResult { input, state, problem, file });
    };
    if (targets.isEmpty()) {
        report.error = QStringLiteral("no images to derain in %1")
                           .arg(request.inputs.join(QLatin1String(", ")));
        return report;
    }
    // Existing outputs: refuse (naming the first), skip, or overwrite, before any work.
    QVector<DerainTarget> toDerain;
    for (const DerainTarget &target : targets) {
        const QString background = derainOutputPath(request.outFolder, target);
        if (QFileInfo::exists(background) && !request.overwrite) {
            if (request.skipExisting) {
                report.skipped << target.input;
                tell(target.input, DerainFileResult::State::Skipped);
                continue;
            }
            report.error = existingOutputError(background);
            return report;
        }
        toDerain.push_back(target);
    }

    InferenceMemory memory;
    if (request.tileSize == kAutoTileSize && d->method->device().is_cpu()) {
        try {
            memory = d->memoryFor(request.saveIntermediates);
        } catch (const std::exception &e) {
            report.error = QStringLiteral("%1: cannot measure the method's memory: %2")
                               .arg(QDir::toNativeSeparators(d->checkpoint), firstLineOf(e.what()));
            return report;
        }
        const qint64 available = availableSystemMemory();
        report.memoryBudgetBytes = request.memoryLimitBytes > 0 ? double(request.memoryLimitBytes)
            : available > 0                                     ? 0.5 * double(available)
                                                                : 2.0 * 1024 * 1024 * 1024;
        report.bytesPerPixel = memory.bytesPerPixel;
    }
    TilePlan plan = d->planTiles(toDerain, request, memory, report.memoryBudgetBytes);

    qint64 tilesBefore = 0;
    for (qsizetype i = 0; i < toDerain.size(); ++i) {
        QElapsedTimer fileClock;
        fileClock.start();
        const FloatImage image = readImageRgbFloat(toDerain[i].input);
        if (!image.ok()) {
            report.problems << image.error;
            tell(toDerain[i].input, DerainFileResult::State::Failed, image.error);
            tilesBefore += plan.counts[i];
            continue;
        }
        DerainedFile file;
        file.input = toDerain[i].input;
        file.width = image.pixels.cols;
        file.height = image.pixels.rows;
        const TiledResult result = d->derainTiled(
            matToTensor(image.pixels), file, plan.sides[i], request,
            [&](int done) {
                return !request.progress || request.progress(tilesBefore + done, plan.total);
            },
            [&](int count) {
                plan.total += count - plan.counts[i];
                plan.counts[i] = count;
            });
        tilesBefore += plan.counts[i];
        if (!result.failure.isEmpty()) {
            report.problems << result.failure;
            tell(toDerain[i].input, DerainFileResult::State::Failed, result.failure);
            continue;
        }
        if (!result.output) {
            report.cancelled = true;
            tell(toDerain[i].input, DerainFileResult::State::Cancelled);
            break;
        }
        QStringList problems;
        const bool written = d->writeOutputs(*result.output, toDerain[i], request, file, &problems);
        file.seconds = fileClock.nsecsElapsed() * 1e-9;
        if (written && request.niqe)
            scoreNiqe(file);
        report.problems << problems;
        if (written)
            report.files.push_back(file);
        tell(toDerain[i].input,
            written ? DerainFileResult::State::Done : DerainFileResult::State::Failed,
            problems.join(QStringLiteral("; ")), file);
        // A full disk fails every later image the same way: stop at the first one.
        if (!written && std::any_of(problems.cbegin(), problems.cend(), isDiskFull)) {
            report.error = QStringLiteral("%1: the disk is full; stopped after %2 of %3 image(s)")
                               .arg(QDir::toNativeSeparators(request.outFolder))
                               .arg(report.files.size())
                               .arg(toDerain.size());
            break;
        }
    }
    report.seconds = clock.nsecsElapsed() * 1e-9;
    return report;
}

DecomposeResult Derainer::decompose(const DecomposeRequest &request)
{
    const QMutexLocker lock(&d->mutex);
    DecomposeResult result;
    result.preview.sample = request.rainy;
    result.method = d->info.method;
    try {
        result.preview = makePreview(*d->method, request.rainy, request.clean, request.maxSide,
            TileOptions { request.tileSize, kBlend, true }, &result.error);
    } catch (const std::exception &e) {
        result.error = QStringLiteral("%1: %2").arg(request.rainy, firstLineOf(e.what()));
        return result;
    }
    result.preview.runId = d->info.runId;
    result.preview.step = d->info.step;
    scoreNiqe(result.preview);
    if (result.preview.layers.isEmpty() && result.error.isEmpty())
        result.error = QStringLiteral("%1: nothing to show").arg(request.rainy);
    return result;
}

std::shared_ptr<Derainer> DerainerSlot::get(
    const QString &checkpoint, const QString &device, QString *error)
{
    const QFileInfo file(checkpoint);
    const QString key = QStringLiteral("%1|%2|%3")
                            .arg(file.absoluteFilePath())
                            .arg(file.lastModified().toMSecsSinceEpoch())
                            .arg(device);
    const QMutexLocker lock(&m_mutex);
    if (m_derainer && key == m_key)
        return m_derainer;
    m_derainer.reset();
    m_derainer = Derainer::load(checkpoint, device, error);
    m_key = m_derainer ? key : QString();
    return m_derainer;
}

void scoreNiqe(DerainedFile &file)
{
    const NiqeScore input = niqeOfFile(file.input);
    const NiqeScore output = niqeOfFile(file.outputs.value(0));
    file.niqeInput = input.value;
    file.niqeOutput = output.value;
    file.niqeProblem = !input.ok() ? input.error : output.error;
}

DerainReport derainImages(const DerainRequest &request)
{
    DerainReport report;
    const std::unique_ptr<Derainer> derainer
        = Derainer::load(request.checkpoint, request.device, &report.error);
    return derainer ? derainer->derain(request) : report;
}

DecomposeResult decomposeImage(const DecomposeRequest &request)
{
    DecomposeResult result;
    result.preview.sample = request.rainy;
    const std::unique_ptr<Derainer> derainer
        = Derainer::load(request.checkpoint, request.device, &result.error);
    return derainer ? derainer->decompose(request) : result;
}

} // namespace pluvia::core
