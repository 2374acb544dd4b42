// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/metrics/temporal_consistency.h"

#include "core/data/derain_outputs.h"
#include "core/image/image_io_p.h"

#include <QDir>
#include <QFileInfo>

#include <opencv2/core.hpp>

namespace pluvia::core {

namespace {

// The frames at `paths`, or an empty list and *problem naming the first that fails.
QVector<cv::Mat> readFrames(const QStringList &paths, QString *problem)
{
    QVector<cv::Mat> frames;
    for (const QString &path : paths) {
        const FloatImage image = readImageRgbFloat(path);
        if (!image.ok()) {
            *problem = image.error;
            return {};
        }
        if (!frames.isEmpty() && image.pixels.size() != frames.first().size()) {
            *problem = QStringLiteral("%1: its size differs from the sequence's first frame")
                           .arg(QDir::toNativeSeparators(path));
            return {};
        }
        frames << image.pixels;
    }
    return frames;
}

} // namespace

cv::Mat temporalStdMap(const QVector<cv::Mat> &frames)
{
    if (frames.isEmpty())
        return {};
    cv::Mat sum = cv::Mat::zeros(frames.first().size(), CV_64FC3);
    cv::Mat squares = sum.clone();
    for (const cv::Mat &frame : frames) {
        cv::Mat wide;
        frame.convertTo(wide, CV_64FC3);
        sum += wide;
        squares += wide.mul(wide);
    }
    const double n = double(frames.size());
    cv::Mat variance = squares / n - (sum / n).mul(sum / n);
    cv::max(variance, 0.0, variance); // rounding can leave tiny negatives
    cv::Mat deviation;
    cv::sqrt(variance, deviation);
    cv::Mat channels[3];
    cv::split(deviation, channels);
    cv::Mat mean;
    cv::Mat((channels[0] + channels[1] + channels[2]) / 3.0).convertTo(mean, CV_32FC1);
    return mean;
}

QVector<SceneConsistency> sequenceConsistency(
    const QString &predDir, const Dataset &dataset, QStringList *problems)
{
    QVector<SceneConsistency> scenes;
    const QVector<DerainTarget> targets = sequenceTargets(dataset);
    qsizetype next = 0;
    for (const DatasetScene &scene : dataset.scenes) {
        QStringList derained;
        for (qsizetype i = 0; i < scene.frames.size(); ++i)
            derained << derainOutputPath(predDir, targets[next + i]);
        next += scene.frames.size();
        QString problem;
        const QVector<cv::Mat> input = readFrames(scene.frames, &problem);
        const QVector<cv::Mat> output
            = problem.isEmpty() ? readFrames(derained, &problem) : QVector<cv::Mat> {};
        if (problem.isEmpty() && !input.isEmpty() && input.first().size() != output.first().size())
            problem = QStringLiteral("%1: derained frames differ in size from the scene's")
                          .arg(scene.name);
        if (!problem.isEmpty()) {
            if (problems)
                *problems << problem;
            continue;
        }
        scenes.push_back(
            { scene.name, int(input.size()), cv::mean(temporalStdMap(input))[0] * 255.0,
                cv::mean(temporalStdMap(output))[0] * 255.0 });
    }
    return scenes;
}

} // namespace pluvia::core
