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

struct TemporalMoments::Sums {
    cv::Mat sum; // CV_64FC3
    cv::Mat squares;
};

TemporalMoments::TemporalMoments()
    : m_sums(std::make_unique<Sums>())
{ }

TemporalMoments::~TemporalMoments() = default;

void TemporalMoments::add(const cv::Mat &frame)
{
    cv::Mat wide;
    frame.convertTo(wide, CV_64FC3);
    if (m_count == 0) {
        m_sums->sum = wide.clone();
        m_sums->squares = wide.mul(wide);
    } else {
        m_sums->sum += wide;
        m_sums->squares += wide.mul(wide);
    }
    ++m_count;
}

cv::Mat TemporalMoments::stdMap() const
{
    if (m_count == 0)
        return {};
    const double n = double(m_count);
    const cv::Mat mean = m_sums->sum / n;
    cv::Mat variance = m_sums->squares / n - mean.mul(mean);
    cv::max(variance, 0.0, variance); // rounding can leave tiny negatives
    cv::Mat deviation;
    cv::sqrt(variance, deviation);
    cv::Mat channels[3];
    cv::split(deviation, channels);
    cv::Mat average;
    cv::Mat((channels[0] + channels[1] + channels[2]) / 3.0).convertTo(average, CV_32FC1);
    return average;
}

cv::Mat temporalStdMap(const QVector<cv::Mat> &frames)
{
    TemporalMoments moments;
    for (const cv::Mat &frame : frames)
        moments.add(frame);
    return moments.stdMap();
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
