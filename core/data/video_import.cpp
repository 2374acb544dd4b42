// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/data/video_import.h"

#include "core/atomic_file.h"
#include "core/data/dataset_manifest.h"
#include "core/image/image_io_p.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <opencv2/core.hpp>
#include <opencv2/core/utils/logger.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/videoio.hpp>

#include <algorithm>
#include <cmath>

namespace pluvia::core {

namespace {

constexpr int kMotionSide = 512;

QString nativePath(const QString &path)
{
    return QDir::toNativeSeparators(path);
}

// Luminance as float, shrunk so the longer side is at most kMotionSide; *scale is the factor
// back to the video's pixels.
cv::Mat motionPlane(const cv::Mat &bgr, double *scale)
{
    cv::Mat grey;
    cv::cvtColor(bgr, grey, cv::COLOR_BGR2GRAY);
    // Rain streaks are thin: a 5×5 median removes most of them, so the background, not the rain,
    // decides the correlation peak.
    cv::medianBlur(grey, grey, 5);
    const int longer = std::max(grey.cols, grey.rows);
    *scale = 1.0;
    if (longer > kMotionSide) {
        *scale = double(longer) / kMotionSide;
        cv::resize(grey, grey,
            cv::Size(std::max(1, int(std::lround(grey.cols / *scale))),
                std::max(1, int(std::lround(grey.rows / *scale)))),
            0, 0, cv::INTER_AREA);
    }
    cv::Mat plane;
    grey.convertTo(plane, CV_32F, 1.0 / 255.0);
    return plane;
}

// The length of the translation from `from` to `to`, in video pixels.
double shiftBetween(const cv::Mat &from, const cv::Mat &to, double scale)
{
    cv::Mat window;
    cv::createHanningWindow(window, from.size(), CV_32F);
    const cv::Point2d shift = cv::phaseCorrelate(from, to, window);
    return std::hypot(shift.x, shift.y) * scale;
}

// OpenCV tries every backend on a file it cannot open and logs each refusal; the import reports
// the failure itself, in one line that names the file.
cv::VideoCapture openQuietly(const QString &path)
{
    const cv::utils::logging::LogLevel level
        = cv::utils::logging::setLogLevel(cv::utils::logging::LOG_LEVEL_SILENT);
    cv::VideoCapture capture(QFile::encodeName(path).toStdString());
    cv::utils::logging::setLogLevel(level);
    return capture;
}

double median(QVector<double> values)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    const qsizetype mid = values.size() / 2;
    return values.size() % 2 ? values[mid] : 0.5 * (values[mid - 1] + values[mid]);
}

QString writeVideoJson(const QString &path, const QString &video, const VideoImportOptions &options,
    const VideoImportReport &report)
{
    QJsonObject json = videoImportJson(report);
    json.insert(QStringLiteral("source"), QFileInfo(video).absoluteFilePath());
    json.insert(QStringLiteral("every"), options.every);
    json.insert(QStringLiteral("max_frames"), options.maxFrames);
    json.insert(QStringLiteral("static_limit_px"), staticCameraLimitPixels());
    json.insert(QStringLiteral("drift_limit_px"), cameraDriftLimitPixels());
    return writeFileAtomically(path, QJsonDocument(json).toJson(QJsonDocument::Indented));
}

// The manifest OUT holds, if any; an error when it is not a time-lapse one.
QString checkManifest(const QString &outFolder, std::optional<DatasetManifest> *manifest)
{
    const QString path = QDir(outFolder).filePath(manifestFileName());
    if (!QFileInfo::exists(path))
        return {};
    QString error;
    *manifest = readManifest(path, &error);
    if (!*manifest)
        return error;
    if ((*manifest)->kind != DatasetKind::TimeLapse)
        return QStringLiteral("%1 describes a %2 dataset; a video can only become a scene of a "
                              "time-lapse dataset")
            .arg(nativePath(path), datasetKindName((*manifest)->kind));
    return {};
}

} // namespace

QJsonObject videoImportJson(const VideoImportReport &report)
{
    QJsonArray shifts;
    for (const double shift : report.shifts)
        shifts.append(shift);
    return {
        { QStringLiteral("frames"), report.frames },
        { QStringLiteral("width"), report.width },
        { QStringLiteral("height"), report.height },
        { QStringLiteral("fps"), report.fps },
        { QStringLiteral("camera_shift_px"), shifts },
        { QStringLiteral("camera_shift_median_px"), report.medianShift },
        { QStringLiteral("camera_shift_max_px"), report.maxShift },
        { QStringLiteral("camera_drift_px"), report.drift },
        { QStringLiteral("static"), report.warning.isEmpty() },
    };
}

QStringList videoNameFilters()
{
    return { QStringLiteral("*.mp4"), QStringLiteral("*.m4v"), QStringLiteral("*.mov"),
        QStringLiteral("*.avi"), QStringLiteral("*.mkv"), QStringLiteral("*.webm"),
        QStringLiteral("*.mpg"), QStringLiteral("*.mpeg"), QStringLiteral("*.wmv"),
        QStringLiteral("*.mts"), QStringLiteral("*.ts") };
}

bool hasVideoSuffix(const QString &path)
{
    const QString suffix = QStringLiteral("*.") + QFileInfo(path).suffix().toLower();
    return videoNameFilters().contains(suffix);
}

double staticCameraLimitPixels()
{
    return 0.5;
}

double cameraDriftLimitPixels()
{
    return 2.0;
}

namespace {

VideoImportReport importVideoUnguarded(const QString &video, const QString &outFolder,
    const VideoImportOptions &options, const ProgressCallback &progress)
{
    VideoImportReport report;
    const auto fail = [&report](const QString &message) {
        report.error = message;
        return report;
    };
    if (options.every < 1 || options.maxFrames < 0)
        return fail(QStringLiteral("every must be at least 1 and max-frames at least 0"));
    const QFileInfo source(video);
    if (!source.isFile())
        return fail(QStringLiteral("%1: no such file").arg(nativePath(video)));
    const QString scene
        = options.sceneName.isEmpty() ? source.completeBaseName() : options.sceneName;
    if (scene.isEmpty() || scene.startsWith(QLatin1Char('.')) || scene.contains(QLatin1Char('/'))
        || scene.contains(QLatin1Char('\\')))
        return fail(QStringLiteral("'%1' cannot name a scene folder").arg(scene));
    if (!QDir().mkpath(outFolder))
        return fail(QStringLiteral("%1: cannot create the folder").arg(nativePath(outFolder)));
    std::optional<DatasetManifest> manifest;
    if (const QString error = checkManifest(outFolder, &manifest); !error.isEmpty())
        return fail(error);
    const QString sceneFolder = QDir(outFolder).absoluteFilePath(scene);
    if (QFileInfo::exists(sceneFolder))
        return fail(QStringLiteral("%1 already exists; choose another scene name or output folder")
                        .arg(nativePath(sceneFolder)));

    cv::VideoCapture capture = openQuietly(source.absoluteFilePath());
    if (!capture.isOpened())
        return fail(QStringLiteral("%1: cannot be opened as a video (not a video, or a container "
                                   "or codec this OpenCV cannot read)")
                        .arg(nativePath(video)));
    report.fps = capture.get(cv::CAP_PROP_FPS);
    if (!std::isfinite(report.fps) || report.fps < 0)
        report.fps = 0;
    const double counted = capture.get(cv::CAP_PROP_FRAME_COUNT);
    const qint64 total = std::isfinite(counted) && counted > 0 ? qint64(counted) : 0;

    QTemporaryDir staging(QDir(outFolder).absoluteFilePath(QStringLiteral(".import-XXXXXX")));
    if (!staging.isValid())
        return fail(QStringLiteral("%1: cannot write a temporary folder (%2)")
                        .arg(nativePath(outFolder), staging.errorString()));

    QStringList written;
    cv::Mat frame;
    cv::Mat firstPlane;
    cv::Mat previousPlane;
    double scale = 1.0;
    qint64 index = 0;
    for (; capture.read(frame); ++index) {
        if (progress && !progress(index + 1, total))
            return fail(QStringLiteral("%1: import cancelled").arg(nativePath(video)));
        if (index % options.every != 0)
            continue;
        if (frame.channels() == 1)
            cv::cvtColor(frame, frame, cv::COLOR_GRAY2BGR);
        if (report.frames == 0) {
            report.width = frame.cols;
            report.height = frame.rows;
        } else if (frame.cols != report.width || frame.rows != report.height) {
            return fail(QStringLiteral("%1: frame %2 is %3×%4, the first was %5×%6")
                            .arg(nativePath(video))
                            .arg(index)
                            .arg(frame.cols)
                            .arg(frame.rows)
                            .arg(report.width)
                            .arg(report.height));
        }
        cv::Mat plane = motionPlane(frame, &scale);
        if (previousPlane.empty())
            firstPlane = plane;
        else
            report.shifts.append(shiftBetween(previousPlane, plane, scale));
        previousPlane = plane;
        cv::Mat rgb;
        cv::cvtColor(frame, rgb, cv::COLOR_BGR2RGB);
        const QString name = QStringLiteral("%1.png").arg(index, 6, 10, QLatin1Char('0'));
        if (const QString error = writeImage(QDir(staging.path()).filePath(name), rgb);
            !error.isEmpty())
            return fail(error);
        written.append(scene + QLatin1Char('/') + name);
        ++report.frames;
        if (options.maxFrames > 0 && report.frames >= options.maxFrames)
            break;
    }
    if (index == 0)
        return fail(QStringLiteral("%1: no frame could be decoded (a broken file, or a codec this "
                                   "OpenCV cannot read)")
                        .arg(nativePath(video)));
    if (report.frames < 2)
        return fail(QStringLiteral("%1: %2 frame(s) kept of %3 read with every %4; a time-lapse "
                                   "scene needs at least two")
                        .arg(nativePath(video))
                        .arg(report.frames)
                        .arg(index)
                        .arg(options.every));

    report.medianShift = median(report.shifts);
    report.maxShift = *std::max_element(report.shifts.cbegin(), report.shifts.cend());
    report.drift = shiftBetween(firstPlane, previousPlane, scale);
    if (report.medianShift > staticCameraLimitPixels() || report.drift > cameraDriftLimitPixels())
        report.warning = QStringLiteral("%1: the camera moves (median shift %2 px between frames, "
                                        "limit %3; first to last frame %4 px, limit %5); the "
                                        "time-lapse method assumes a static scene, so its "
                                        "backgrounds will blur")
                             .arg(nativePath(video))
                             .arg(report.medianShift, 0, 'f', 2)
                             .arg(staticCameraLimitPixels(), 0, 'f', 1)
                             .arg(report.drift, 0, 'f', 2)
                             .arg(cameraDriftLimitPixels(), 0, 'f', 1);
    if (const QString error = writeVideoJson(
            QDir(staging.path()).filePath(QStringLiteral("video.json")), video, options, report);
        !error.isEmpty())
        return fail(error);
    if (!QDir().rename(staging.path(), sceneFolder))
        return fail(
            QStringLiteral("%1: cannot move the frames into place").arg(nativePath(sceneFolder)));
    staging.setAutoRemove(false);
    report.sceneFolder = sceneFolder;

    if (manifest) {
        manifest->scenes.append({ scene, written, QString() });
        const QString path = QDir(outFolder).filePath(manifestFileName());
        if (const QString error = writeManifest(path, *manifest); !error.isEmpty()) {
            QDir(sceneFolder).removeRecursively();
            report.sceneFolder.clear();
            return fail(error);
        }
        report.appendedToManifest = true;
    }
    return report;
}

} // namespace

VideoImportReport importVideo(const QString &video, const QString &outFolder,
    const VideoImportOptions &options, const ProgressCallback &progress)
{
    try {
        return importVideoUnguarded(video, outFolder, options, progress);
    } catch (const cv::Exception &e) {
        VideoImportReport report;
        report.error
            = QStringLiteral("%1: %2").arg(nativePath(video), QString::fromStdString(e.what()));
        return report;
    }
}

} // namespace pluvia::core
