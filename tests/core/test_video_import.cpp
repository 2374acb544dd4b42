// SPDX-License-Identifier: GPL-3.0-or-later
// Videos become time-lapse scenes: the frames kept (every k-th, at most n) equal the frames
// OpenCV decodes from the file; the camera shift found by phase correlation equals the
// translation the test video was made with (0 for a still camera with rain, 3 px per frame for a
// panning one); the scene is appended to a time-lapse manifest; and broken input (a missing
// file, a file that is not a video, a one-frame video, an existing scene, a paired manifest, a
// cancelled import) gives a message naming the file and leaves nothing behind.
#include "core/data/dataset.h"
#include "core/data/dataset_manifest.h"
#include "core/data/video_import.h"
#include "core/image/image_io_p.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest/QTest>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/videoio.hpp>

using namespace pluvia::core;

namespace {

constexpr int kWidth = 96;
constexpr int kHeight = 64;

// A random texture (BGR, 8-bit) with detail at every scale, as photographs have (octaves of
// noise at cell sizes 1 to 16, each weighted by its size): phase correlation needs it.
cv::Mat texture(int width, int height)
{
    cv::RNG rng(7);
    cv::Mat sum(height, width, CV_32FC3, cv::Scalar::all(0));
    float weights = 0;
    for (int cell = 1; cell <= 16; cell *= 2) {
        cv::Mat coarse(height / cell + 1, width / cell + 1, CV_32FC3);
        rng.fill(coarse, cv::RNG::UNIFORM, 0.0, 1.0);
        cv::Mat fine;
        cv::resize(coarse, fine, cv::Size(width, height), 0, 0, cv::INTER_LINEAR);
        sum += fine * float(cell);
        weights += float(cell);
    }
    cv::Mat bytes;
    sum.convertTo(bytes, CV_8UC3, 255.0 / weights);
    return bytes;
}

// An MJPEG AVI (OpenCV's built-in codec) of `count` frames. Each frame is the texture seen
// through a kWidth×kHeight window moved `shiftPerFrame` pixels right per frame, with a few
// bright rain streaks at random places.
QString writeVideo(const QString &path, int count, int shiftPerFrame)
{
    const cv::Mat scene = texture(kWidth + shiftPerFrame * count, kHeight);
    cv::VideoWriter writer(QFile::encodeName(path).toStdString(),
        cv::VideoWriter::fourcc('M', 'J', 'P', 'G'), 10.0, cv::Size(kWidth, kHeight));
    if (!writer.isOpened())
        return {};
    cv::RNG rng(11);
    for (int f = 0; f < count; ++f) {
        cv::Mat frame = scene(cv::Rect(shiftPerFrame * f, 0, kWidth, kHeight)).clone();
        for (int s = 0; s < 6; ++s) {
            const cv::Point top(rng.uniform(0, kWidth), rng.uniform(0, kHeight / 2));
            cv::line(frame, top, top + cv::Point(2, 14), cv::Scalar(235, 235, 235), 1);
        }
        writer.write(frame);
    }
    return path;
}

// Every frame of `path` as OpenCV decodes it, RGB.
QVector<cv::Mat> decodedFrames(const QString &path)
{
    QVector<cv::Mat> frames;
    cv::VideoCapture capture(QFile::encodeName(path).toStdString());
    cv::Mat frame;
    while (capture.read(frame)) {
        cv::Mat rgb;
        cv::cvtColor(frame, rgb, cv::COLOR_BGR2RGB);
        frames.append(rgb);
    }
    return frames;
}

QStringList entries(const QString &folder)
{
    return QDir(folder).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot);
}

} // namespace

class TestVideoImport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void keptFramesAreTheDecodedFrames()
    {
        QTemporaryDir dir;
        const QString video = writeVideo(dir.filePath(QStringLiteral("street.avi")), 9, 0);
        QVERIFY(!video.isEmpty());
        const QVector<cv::Mat> decoded = decodedFrames(video);
        QCOMPARE(decoded.size(), 9);

        const QString out = dir.filePath(QStringLiteral("timelapse"));
        const VideoImportReport report = importVideo(video, out, { 2, 0, {} });
        QVERIFY2(report.ok(), qPrintable(report.error));
        QCOMPARE(report.frames, 5); // frames 0, 2, 4, 6, 8
        QCOMPARE(report.width, kWidth);
        QCOMPARE(report.height, kHeight);
        QCOMPARE(report.sceneFolder, QDir(out).absoluteFilePath(QStringLiteral("street")));
        QCOMPARE(entries(report.sceneFolder),
            QStringList({ QStringLiteral("000000.png"), QStringLiteral("000002.png"),
                QStringLiteral("000004.png"), QStringLiteral("000006.png"),
                QStringLiteral("000008.png"), QStringLiteral("video.json") }));
        for (int index : { 0, 4, 8 }) {
            const DecodedImage written = readImage(QStringLiteral("%1/%2.png")
                                                       .arg(report.sceneFolder)
                                                       .arg(index, 6, 10, QLatin1Char('0')));
            QVERIFY2(written.ok(), qPrintable(written.error));
            QCOMPARE(cv::norm(written.pixels, decoded[index], cv::NORM_INF), 0.0);
        }

        // Still camera: rain does not correlate between frames, so the shift is (near) zero.
        QCOMPARE(report.shifts.size(), 4);
        QVERIFY2(report.medianShift < staticCameraLimitPixels(),
            qPrintable(QString::number(report.medianShift)));
        QVERIFY2(
            report.drift < staticCameraLimitPixels(), qPrintable(QString::number(report.drift)));
        QVERIFY(report.warning.isEmpty());
        QVERIFY(!report.appendedToManifest);

        const DatasetInspection inspection = inspectDataset(out, {}, {});
        QVERIFY2(inspection.ok(), qPrintable(inspection.error));
        QCOMPARE(inspection.dataset.kind, DatasetKind::TimeLapse);
        QCOMPARE(inspection.dataset.scenes.size(), 1);
        QCOMPARE(inspection.dataset.scenes[0].frames.size(), 5);

        QFile json(report.sceneFolder + QStringLiteral("/video.json"));
        QVERIFY(json.open(QIODevice::ReadOnly));
        const QJsonObject provenance = QJsonDocument::fromJson(json.readAll()).object();
        QCOMPARE(provenance.value(QStringLiteral("every")).toInt(), 2);
        QCOMPARE(provenance.value(QStringLiteral("frames")).toInt(), 5);
        QCOMPARE(provenance.value(QStringLiteral("fps")).toDouble(), 10.0);
    }

    void maxFramesStopsEarly()
    {
        QTemporaryDir dir;
        const QString video = writeVideo(dir.filePath(QStringLiteral("v.avi")), 9, 0);
        const VideoImportReport report = importVideo(
            video, dir.filePath(QStringLiteral("out")), { 1, 3, QStringLiteral("s") });
        QVERIFY2(report.ok(), qPrintable(report.error));
        QCOMPARE(report.frames, 3);
        QCOMPARE(entries(report.sceneFolder).size(), 4); // three frames and video.json
    }

    void panningCameraIsMeasuredAndWarned()
    {
        QTemporaryDir dir;
        const QString video = writeVideo(dir.filePath(QStringLiteral("pan.avi")), 6, 3);
        const VideoImportReport report
            = importVideo(video, dir.filePath(QStringLiteral("out")), {});
        QVERIFY2(report.ok(), qPrintable(report.error));
        QCOMPARE(report.shifts.size(), 5);
        for (const double shift : report.shifts)
            QVERIFY2(std::abs(shift - 3.0) < 0.3, qPrintable(QString::number(shift)));
        QVERIFY(report.medianShift > staticCameraLimitPixels());
        QVERIFY2(std::abs(report.drift - 15.0) < 0.5, qPrintable(QString::number(report.drift)));
        QVERIFY2(report.warning.contains(QStringLiteral("pan.avi"))
                && report.warning.contains(QStringLiteral("camera moves")),
            qPrintable(report.warning));
        // The frames are kept: the warning informs, the user decides.
        QCOMPARE(report.frames, 6);
    }

    void sceneIsAppendedToATimeLapseManifest()
    {
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("out"));
        QDir().mkpath(out + QStringLiteral("/old"));
        DatasetManifest manifest;
        manifest.kind = DatasetKind::TimeLapse;
        manifest.name = QStringLiteral("mine");
        const cv::Mat grey(kHeight, kWidth, CV_32FC3, cv::Scalar(0.5, 0.5, 0.5));
        for (const QString &frame : { QStringLiteral("old/a.png"), QStringLiteral("old/b.png") })
            QVERIFY(writeImage(out + QLatin1Char('/') + frame, grey).isEmpty());
        manifest.scenes.append({ QStringLiteral("old"),
            { QStringLiteral("old/a.png"), QStringLiteral("old/b.png") }, QString() });
        const QString manifestPath = out + QStringLiteral("/manifest.json");
        QVERIFY(writeManifest(manifestPath, manifest).isEmpty());

        const QString video = writeVideo(dir.filePath(QStringLiteral("new.avi")), 4, 0);
        const VideoImportReport report = importVideo(video, out, {});
        QVERIFY2(report.ok(), qPrintable(report.error));
        QVERIFY(report.appendedToManifest);
        QString error;
        const std::optional<DatasetManifest> updated = readManifest(manifestPath, &error);
        QVERIFY2(updated, qPrintable(error));
        QCOMPARE(updated->name, QStringLiteral("mine"));
        QCOMPARE(updated->scenes.size(), 2);
        QCOMPARE(updated->scenes[1].name, QStringLiteral("new"));
        QCOMPARE(updated->scenes[1].frames.size(), 4);
        const DatasetInspection inspection = inspectDataset(out, {}, {});
        QVERIFY2(inspection.ok(), qPrintable(inspection.error));
        QCOMPARE(inspection.frameCount(), 6);
    }

    void brokenInputIsNamedAndLeavesNothing()
    {
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("out"));

        VideoImportReport report
            = importVideo(dir.filePath(QStringLiteral("missing.mp4")), out, {});
        QVERIFY(report.error.contains(QStringLiteral("missing.mp4")));

        QFile text(dir.filePath(QStringLiteral("notes.avi")));
        QVERIFY(text.open(QIODevice::WriteOnly));
        text.write("this is not a video\n");
        text.close();
        report = importVideo(text.fileName(), out, {});
        QVERIFY2(report.error.contains(QStringLiteral("notes.avi")), qPrintable(report.error));
        QVERIFY(entries(out).isEmpty());

        const QString single = writeVideo(dir.filePath(QStringLiteral("single.avi")), 1, 0);
        report = importVideo(single, out, {});
        QVERIFY2(report.error.contains(QStringLiteral("single.avi"))
                && report.error.contains(QStringLiteral("at least two")),
            qPrintable(report.error));
        QVERIFY(entries(out).isEmpty());

        // Cancelled after the third frame read: no scene, no temporary folder.
        const QString video = writeVideo(dir.filePath(QStringLiteral("v.avi")), 6, 0);
        report = importVideo(video, out, {}, [](qint64 done, qint64) { return done < 3; });
        QVERIFY2(report.error.contains(QStringLiteral("cancelled")), qPrintable(report.error));
        QVERIFY2(entries(out).isEmpty(), qPrintable(entries(out).join(QLatin1Char(' '))));

        // An existing scene is never overwritten.
        QVERIFY(importVideo(video, out, {}).ok());
        const QStringList before = entries(out + QStringLiteral("/v"));
        report = importVideo(video, out, { 2, 0, {} });
        QVERIFY2(report.error.contains(QStringLiteral("already exists")), qPrintable(report.error));
        QCOMPARE(entries(out + QStringLiteral("/v")), before);

        // A paired manifest cannot take a scene.
        const QString paired = dir.filePath(QStringLiteral("paired"));
        DatasetManifest manifest;
        manifest.kind = DatasetKind::Paired;
        manifest.samples.append({ QStringLiteral("rain/a.png"), QStringLiteral("norain/a.png"),
            std::nullopt, QString() });
        QDir().mkpath(paired);
        QVERIFY(writeManifest(paired + QStringLiteral("/manifest.json"), manifest).isEmpty());
        report = importVideo(video, paired, {});
        QVERIFY2(report.error.contains(QStringLiteral("manifest.json"))
                && report.error.contains(QStringLiteral("paired")),
            qPrintable(report.error));
        QCOMPARE(entries(paired), QStringList { QStringLiteral("manifest.json") });
    }
};

QTEST_GUILESS_MAIN(TestVideoImport)
#include "test_video_import.moc"
