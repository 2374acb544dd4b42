// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/inference/temporal_baseline.h"

#include "core/data/derain_outputs.h"
#include "core/image/image_io_p.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QHash>

#include <opencv2/core.hpp>

#include <algorithm>
#include <vector>

namespace pluvia::core {

QString temporalBaselineName(TemporalBaseline baseline)
{
    return baseline == TemporalBaseline::Mean ? QStringLiteral("temporal-mean")
                                              : QStringLiteral("temporal-median");
}

QStringList temporalBaselineNames()
{
    return { temporalBaselineName(TemporalBaseline::Mean),
        temporalBaselineName(TemporalBaseline::Median) };
}

std::optional<TemporalBaseline> temporalBaselineNamed(const QString &name)
{
    for (TemporalBaseline baseline : { TemporalBaseline::Mean, TemporalBaseline::Median })
        if (name == temporalBaselineName(baseline))
            return baseline;
    return std::nullopt;
}

cv::Mat temporalBackground(const QVector<cv::Mat> &frames, TemporalBaseline baseline)
{
    if (frames.isEmpty())
        return {};
    cv::Mat out = cv::Mat::zeros(frames.first().size(), CV_32FC3);
    if (baseline == TemporalBaseline::Mean) {
        for (const cv::Mat &frame : frames)
            out += frame;
        return out / double(frames.size());
    }
    const size_t count = size_t(frames.size());
    std::vector<float> values(count);
    const size_t valuesPerRow = size_t(out.cols) * 3;
    for (int y = 0; y < out.rows; ++y) {
        auto *row = out.ptr<float>(y);
        for (size_t i = 0; i < valuesPerRow; ++i) {
            for (size_t f = 0; f < count; ++f)
                values[f] = frames[qsizetype(f)].ptr<float>(y)[i];
            const auto middle = values.begin() + qsizetype(count / 2);
            std::nth_element(values.begin(), middle, values.end());
            float median = *middle;
            if (count % 2 == 0) // the lower middle value is the largest of the lower half
                median = 0.5f * (median + *std::max_element(values.begin(), middle));
            row[i] = median;
        }
    }
    return out;
}

DerainReport derainSequenceWithBaseline(
    const Dataset &dataset, TemporalBaseline baseline, const DerainRequest &request)
{
    DerainReport report;
    report.method = temporalBaselineName(baseline);
    QElapsedTimer clock;
    clock.start();
    const auto tell = [&](const QString &input, DerainFileResult::State state,
                          const QString &problem = {}, const DerainedFile &file = {}) {
        if (request.fileFinished)
            request.fileFinished(DerainFileResult { input, state, problem, file });
    };
    if (request.outFolder.isEmpty()) {
        report.error = QStringLiteral("no output folder given");
        return report;
    }
    if (dataset.kind != DatasetKind::TimeLapse || dataset.scenes.isEmpty()) {
        report.error = QStringLiteral("%1: not a time-lapse dataset with scenes; the temporal "
                                      "baselines need the frames of a static scene")
                           .arg(QDir::toNativeSeparators(dataset.root));
        return report;
    }
    QVector<DerainTarget> targets = sequenceTargets(dataset);
    if (!request.targets.isEmpty()) {
        QHash<QString, QString> chosen;
        for (const DerainTarget &target : request.targets)
            chosen.insert(target.input, target.relative);
        for (DerainTarget &target : targets)
            target.relative = chosen.value(target.input); // "": not written
    }
    for (const DerainTarget &target : targets) {
        if (target.relative.isEmpty())
            continue;
        const QString background = derainOutputPath(request.outFolder, target);
        if (QFileInfo::exists(background) && !request.overwrite && !request.skipExisting) {
            report.error = existingOutputError(background);
            return report;
        }
    }
    qsizetype next = 0; // targets are the scenes' frames in order
    for (qsizetype s = 0; s < dataset.scenes.size(); ++s) {
        const DatasetScene &scene = dataset.scenes[s];
        const QVector<DerainTarget> sceneTargets = targets.mid(next, scene.frames.size());
        next += scene.frames.size();
        if (request.progress && !request.progress(s, dataset.scenes.size())) {
            report.cancelled = true;
            break;
        }
        QElapsedTimer sceneClock;
        sceneClock.start();
        QVector<cv::Mat> frames;
        QString failure;
        for (const QString &path : scene.frames) {
            const FloatImage image = readImageRgbFloat(path);
            if (!image.ok())
                failure = image.error;
            else if (!frames.isEmpty() && image.pixels.size() != frames.first().size())
                failure = QStringLiteral("%1: %2×%3, but the scene's first frame is %4×%5; a "
                                         "static scene's frames share one size")
                              .arg(QDir::toNativeSeparators(path))
                              .arg(image.pixels.cols)
                              .arg(image.pixels.rows)
                              .arg(frames.first().cols)
                              .arg(frames.first().rows);
            if (!failure.isEmpty())
                break;
            frames << image.pixels;
        }
        if (!failure.isEmpty()) {
            report.problems << failure;
            for (const DerainTarget &target : sceneTargets)
                if (!target.relative.isEmpty())
                    tell(target.input, DerainFileResult::State::Failed, failure);
            continue;
        }
        const cv::Mat background = temporalBackground(frames, baseline);
        const double perFrame = sceneClock.nsecsElapsed() * 1e-9 / double(frames.size());
        for (qsizetype f = 0; f < sceneTargets.size(); ++f) {
            const DerainTarget &target = sceneTargets[f];
            if (target.relative.isEmpty())
                continue;
            const QString path = derainOutputPath(request.outFolder, target);
            if (QFileInfo::exists(path) && request.skipExisting && !request.overwrite) {
                report.skipped << target.input;
                tell(target.input, DerainFileResult::State::Skipped);
                continue;
            }
            DerainedFile file;
            file.input = target.input;
            file.width = background.cols;
            file.height = background.rows;
            file.tiles = 1;
            file.seconds = perFrame;
            QDir().mkpath(QFileInfo(path).absolutePath());
            QString error = writeImage(path, background);
            if (error.isEmpty()) {
                file.outputs << path;
                if (request.saveRain) {
                    const QString rain
                        = derainOutputPath(request.outFolder, target, QStringLiteral("rain"));
                    QDir().mkpath(QFileInfo(rain).absolutePath());
                    error = writeSignedLayer(rain, frames[f] - background);
                    if (error.isEmpty())
                        file.outputs << rain;
                }
            }
            if (!error.isEmpty()) {
                report.problems << error;
                tell(target.input, DerainFileResult::State::Failed, error);
                continue;
            }
            if (request.niqe)
                scoreNiqe(file);
            report.files.push_back(file);
            tell(target.input, DerainFileResult::State::Done, {}, file);
        }
    }
    if (request.progress && !report.cancelled)
        request.progress(dataset.scenes.size(), dataset.scenes.size());
    report.seconds = clock.nsecsElapsed() * 1e-9;
    return report;
}

} // namespace pluvia::core
