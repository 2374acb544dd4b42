// SPDX-License-Identifier: GPL-3.0-or-later
// Reading and writing images: every depth and channel layout, Unicode paths, broken files,
// header probing, atomic writes (EXIF and TIFF orientation: test_image_orientation). Fixtures are
// encoded here with OpenCV (or built byte by byte) into a temporary folder; Qt's own decoders serve
// as the independent reference for channel order where they read the format.
#include "core/image/image_info.h"
#include "core/image/image_io_p.h"

#include "support/test_support.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QTemporaryDir>
#include <QtTest/QTest>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

using namespace pluvia::core;

namespace {

QStringList listing(const QString &dir)
{
    return QDir(dir).entryList(
        QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden, QDir::Name);
}

QByteArray fileBytes(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestImageIo : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void roundTrip_data();
    void roundTrip();
    void floatReadAndWrite();
    void rgbaDropsAlphaWithWarning_data();
    void rgbaDropsAlphaWithWarning();
    void channelOrderAgreesWithQt();
    void bmpRead();
    void webpRead();
    void webpHeaders();
    void unicodePath();
    void brokenFiles_data();
    void brokenFiles();
    void infoAgreesWithDecoder_data();
    void infoAgreesWithDecoder();
    void imageSuffixes();
    void failedWritesLeaveFilesIntact();

private:
    QTemporaryDir m_dir;
    QString path(const QString &name) const { return m_dir.filePath(name); }
};

void TestImageIo::roundTrip_data()
{
    QTest::addColumn<QString>("suffix");
    QTest::addColumn<int>("bitDepth");
    QTest::addColumn<int>("channels");
    QTest::addColumn<double>("tolerance"); // largest allowed difference, in the depth's units
    QTest::newRow("png8 grey") << "png" << 8 << 1 << 0.0;
    QTest::newRow("png8 rgb") << "png" << 8 << 3 << 0.0;
    QTest::newRow("png16 grey") << "png" << 16 << 1 << 0.0;
    QTest::newRow("png16 rgb") << "png" << 16 << 3 << 0.0;
    QTest::newRow("tiff8 grey") << "tif" << 8 << 1 << 0.0;
    QTest::newRow("tiff8 rgb") << "tiff" << 8 << 3 << 0.0;
    QTest::newRow("tiff16 grey") << "tiff" << 16 << 1 << 0.0;
    QTest::newRow("tiff16 rgb") << "tif" << 16 << 3 << 0.0;
    // JPEG q95 on a smooth picture: a few levels; the red corner pixel blurs more.
    QTest::newRow("jpeg grey") << "jpg" << 8 << 1 << 12.0;
    QTest::newRow("jpeg rgb") << "jpeg" << 8 << 3 << 12.0;
}

void TestImageIo::roundTrip()
{
    QFETCH(QString, suffix);
    QFETCH(int, bitDepth);
    QFETCH(int, channels);
    QFETCH(double, tolerance);
    const cv::Mat image = pluvia::test::testPicture(48, 32, bitDepth, channels);
    const QString file = path(
        QString::fromLatin1(QTest::currentDataTag()).replace(' ', '_') + QLatin1Char('.') + suffix);
    WriteOptions options;
    options.bitDepth = bitDepth;
    QCOMPARE(writeImage(file, image, options), QString());
    const DecodedImage read = readImage(file);
    QVERIFY2(read.ok(), qPrintable(read.error));
    QVERIFY(read.warnings.isEmpty());
    QCOMPARE(read.bitDepth, bitDepth);
    QCOMPARE(read.pixels.type(), image.type());
    QCOMPARE(read.pixels.size(), image.size());
    // JPEG's chroma subsampling smears the lone red corner pixel, so its block is left out of
    // the worst-case check (the mean check below still covers it).
    const cv::Rect checked = tolerance > 0.0 ? cv::Rect(8, 8, image.cols - 8, image.rows - 8)
                                             : cv::Rect(0, 0, image.cols, image.rows);
    const double diff = cv::norm(read.pixels(checked), image(checked), cv::NORM_INF);
    QVERIFY2(diff <= tolerance, qPrintable(QString::number(diff)));
    if (tolerance == 0.0 && channels == 3) { // the red corner stays red (no BGR swap)
        const cv::Scalar corner = cv::sum(read.pixels(cv::Rect(0, 0, 1, 1)));
        QCOMPARE(corner[0], bitDepth == 16 ? 65535.0 : 255.0);
        QCOMPARE(corner[1], 0.0);
        QCOMPARE(corner[2], 0.0);
    }
    if (suffix.startsWith(QLatin1String("jp"))) // mean error small as well as the worst pixel
        QVERIFY(cv::norm(read.pixels, image, cv::NORM_L1) / image.total() / channels < 2.0);
}

void TestImageIo::floatReadAndWrite()
{
    // Float input is clamped and rounded: 0.2 -> 51 (8-bit), 0.2 * 65535 = 13107 (16-bit).
    cv::Mat image(4, 5, CV_32FC3, cv::Scalar(0.2, 1.5, -0.1));
    const QString file8 = path(QStringLiteral("float8.png"));
    QCOMPARE(writeImage(file8, image), QString());
    const DecodedImage read8 = readImage(file8);
    QVERIFY2(read8.ok(), qPrintable(read8.error));
    QCOMPARE(read8.pixels.at<cv::Vec3b>(3, 4), cv::Vec3b(51, 255, 0));
    WriteOptions sixteen;
    sixteen.bitDepth = 16;
    const QString file16 = path(QStringLiteral("float16.tiff"));
    QCOMPARE(writeImage(file16, image, sixteen), QString());
    const DecodedImage read16 = readImage(file16);
    QVERIFY2(read16.ok(), qPrintable(read16.error));
    QCOMPARE(read16.pixels.at<cv::Vec3w>(1, 1), cv::Vec3w(13107, 65535, 0));
    // readImageRgbFloat: 16-bit / 65535, grey replicated to three channels
    const FloatImage f = readImageRgbFloat(file16);
    QVERIFY(f.ok());
    QCOMPARE(f.pixels.type(), CV_32FC3);
    QVERIFY(std::abs(f.pixels.at<cv::Vec3f>(0, 0)[0] - 0.2f) < 1e-6f);
    QCOMPARE(f.pixels.at<cv::Vec3f>(0, 0)[1], 1.f);
    cv::Mat grey(3, 3, CV_8UC1, cv::Scalar(51));
    const QString greyFile = path(QStringLiteral("grey.png"));
    QCOMPARE(writeImage(greyFile, grey), QString());
    const FloatImage g = readImageRgbFloat(greyFile);
    QCOMPARE(g.pixels.type(), CV_32FC3);
    const cv::Vec3f gv = g.pixels.at<cv::Vec3f>(2, 2);
    QVERIFY(std::abs(gv[0] - 0.2f) < 1e-7f && gv[0] == gv[1] && gv[1] == gv[2]); // 51/255 = 0.2
    // 8-bit data written at 16 bits scales by 257 (255 -> 65535)
    QCOMPARE(writeImage(path(QStringLiteral("up.png")), grey, sixteen), QString());
    QCOMPARE(readImage(path(QStringLiteral("up.png"))).pixels.at<ushort>(0, 0), ushort(51 * 257));
}

void TestImageIo::rgbaDropsAlphaWithWarning_data()
{
    QTest::addColumn<int>("bitDepth");
    QTest::newRow("png8 rgba") << 8;
    QTest::newRow("png16 rgba") << 16;
}

void TestImageIo::rgbaDropsAlphaWithWarning()
{
    QFETCH(int, bitDepth);
    const cv::Mat rgb = pluvia::test::testPicture(20, 10, bitDepth, 3);
    cv::Mat bgra;
    cv::cvtColor(rgb, bgra, cv::COLOR_RGB2BGRA);
    cv::Mat alpha(bgra.size(), bgra.depth(), cv::Scalar(bitDepth == 16 ? 1000 : 7));
    cv::insertChannel(alpha, bgra, 3);
    const QString file = path(QStringLiteral("alpha%1.png").arg(bitDepth));
    pluvia::test::writeBytes(file, pluvia::test::encodeImage(QStringLiteral(".png"), bgra));
    const ImageInfo info = readImageInfo(file);
    QCOMPARE(info.channels, 4);
    QCOMPARE(info.bitDepth, bitDepth);
    const DecodedImage read = readImage(file);
    QVERIFY2(read.ok(), qPrintable(read.error));
    QCOMPARE(read.pixels.channels(), 3);
    QCOMPARE(cv::norm(read.pixels, rgb, cv::NORM_INF), 0.0);
    QCOMPARE(read.warnings.size(), 1);
    QVERIFY(read.warnings.first().contains(file));
    QVERIFY(read.warnings.first().contains(QLatin1String("alpha")));
    QCOMPARE(readImageRgbFloat(file).warnings.size(), 1);
}

void TestImageIo::channelOrderAgreesWithQt()
{
    // Qt's PNG and JPEG readers are an independent decoder of what writeImage wrote.
    const cv::Mat image = pluvia::test::testPicture(24, 16, 8, 3, 9);
    const QString file = path(QStringLiteral("order.png"));
    QCOMPARE(writeImage(file, image), QString());
    QImage qt(file);
    QVERIFY(!qt.isNull());
    qt = qt.convertToFormat(QImage::Format_RGB888);
    for (int y = 0; y < image.rows; y += 5) {
        for (int x = 0; x < image.cols; x += 7) {
            const cv::Vec3b v = image.at<cv::Vec3b>(y, x);
            QCOMPARE(qt.pixelColor(x, y), QColor(v[0], v[1], v[2]));
        }
    }
}

void TestImageIo::bmpRead()
{
    const cv::Mat rgb
        = pluvia::test::testPicture(31, 17, 8, 3, 4); // odd width: BMP rows are padded
    cv::Mat bgr;
    cv::cvtColor(rgb, bgr, cv::COLOR_RGB2BGR);
    const QString file = path(QStringLiteral("picture.bmp"));
    pluvia::test::writeBytes(file, pluvia::test::encodeImage(QStringLiteral(".bmp"), bgr));
    const DecodedImage read = readImage(file);
    QVERIFY2(read.ok(), qPrintable(read.error));
    QCOMPARE(cv::norm(read.pixels, rgb, cv::NORM_INF), 0.0);
    const QImage qt = QImage(file).convertToFormat(QImage::Format_RGB888);
    QCOMPARE(qt.pixelColor(0, 0), QColor(255, 0, 0));
    QCOMPARE(read.pixels.at<cv::Vec3b>(0, 0), cv::Vec3b(255, 0, 0));
}

void TestImageIo::webpRead()
{
    if (!cv::haveImageWriter(".webp")) {
        // Without the codec (webpHeaders still checks the probe) a WebP file must fail loudly.
        const QString file = path(QStringLiteral("nocodec.webp"));
        pluvia::test::writeBytes(file,
            QByteArray("RIFF\x16\0\0\0WEBPVP8X", 16) + QByteArray::fromHex("0a000000")
                + QByteArray(10, '\0'));
        QVERIFY(readImage(file).error.contains(file));
        return;
    }
    const cv::Mat rgb = pluvia::test::testPicture(26, 14, 8, 3, 2);
    cv::Mat bgr;
    cv::cvtColor(rgb, bgr, cv::COLOR_RGB2BGR);
    const QString file = path(QStringLiteral("lossless.webp"));
    // quality above 100 selects lossless WebP in OpenCV
    pluvia::test::writeBytes(file,
        pluvia::test::encodeImage(QStringLiteral(".webp"), bgr, { cv::IMWRITE_WEBP_QUALITY, 101 }));
    const DecodedImage read = readImage(file);
    QVERIFY2(read.ok(), qPrintable(read.error));
    QCOMPARE(read.bitDepth, 8);
    QCOMPARE(cv::norm(read.pixels, rgb, cv::NORM_INF), 0.0);
    const ImageInfo info = readImageInfo(file);
    QVERIFY2(info.ok(), qPrintable(info.error));
    QCOMPARE(info.format, QStringLiteral("webp"));
    QCOMPARE(info.width, 26);
    QCOMPARE(info.height, 14);
}

void TestImageIo::webpHeaders()
{
    // Headers built by hand from the WebP container spec, so the probe is checked without the
    // codec. VP8X: flags (alpha = 0x10), 3 reserved bytes, canvas width-1 and height-1 (24 bit).
    QByteArray vp8x("RIFF");
    vp8x += QByteArray::fromHex("16000000") + "WEBPVP8X" + QByteArray::fromHex("0a000000");
    vp8x += QByteArray::fromHex("10000000") + QByteArray::fromHex("2b0100") // width 300
        + QByteArray::fromHex("c70000"); // height 200
    const QString x = path(QStringLiteral("header_vp8x.webp"));
    pluvia::test::writeBytes(x, vp8x);
    ImageInfo info = readImageInfo(x);
    QVERIFY2(info.ok(), qPrintable(info.error));
    QCOMPARE(info.width, 300);
    QCOMPARE(info.height, 200);
    QCOMPARE(info.channels, 4);
    // VP8L: signature 0x2f, then 14 bits width-1, 14 bits height-1, 1 bit alpha:
    // (w-1)=99, (h-1)=49: bits = 99 | 49 << 14 = 0x000c4063, no alpha
    QByteArray vp8l("RIFF");
    vp8l += QByteArray::fromHex("12000000") + "WEBPVP8L" + QByteArray::fromHex("05000000");
    vp8l += QByteArray::fromHex("2f63400c00") + QByteArray(1, '\0');
    const QString l = path(QStringLiteral("header_vp8l.webp"));
    pluvia::test::writeBytes(l, vp8l);
    info = readImageInfo(l);
    QVERIFY2(info.ok(), qPrintable(info.error));
    QCOMPARE(info.width, 100);
    QCOMPARE(info.height, 50);
    QCOMPARE(info.channels, 3);
    // a RIFF size beyond the data: cut short
    vp8l[4] = char(0x40);
    pluvia::test::writeBytes(l, vp8l);
    QVERIFY(readImageInfo(l).error.contains(QLatin1String("cut short")));
}

void TestImageIo::unicodePath()
{
    const QString folder = path(QStringLiteral("雨 régen"));
    QVERIFY(QDir().mkpath(folder));
    const QString file = folder + QStringLiteral("/ビ.png");
    const cv::Mat image = pluvia::test::testPicture(12, 9, 16, 3, 6);
    WriteOptions options;
    options.bitDepth = 16;
    QCOMPARE(writeImage(file, image, options), QString());
    QVERIFY(QFile::exists(file));
    QCOMPARE(listing(folder), QStringList { QStringLiteral("ビ.png") });
    const DecodedImage read = readImage(file);
    QVERIFY2(read.ok(), qPrintable(read.error));
    QCOMPARE(cv::norm(read.pixels, image, cv::NORM_INF), 0.0);
    const ImageInfo info = readImageInfo(file);
    QCOMPARE(info.width, 12);
    QCOMPARE(info.height, 9);
    // the error for a missing Unicode file names it intact
    const QString missing = folder + QStringLiteral("/なし.png");
    QVERIFY(readImage(missing).error.contains(missing));
}

void TestImageIo::brokenFiles_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("reason"); // a fragment the message must contain

    cv::Mat bgr;
    cv::cvtColor(pluvia::test::testPicture(64, 64, 8, 3), bgr, cv::COLOR_RGB2BGR);
    const QByteArray png = pluvia::test::encodeImage(QStringLiteral(".png"), bgr);
    const QByteArray jpeg = pluvia::test::encodeImage(QStringLiteral(".jpg"), bgr);
    QTest::newRow("truncated png") << "cut.png" << png.left(png.size() / 2) << "cut short";
    QTest::newRow("png without IEND") << "noiend.png" << png.left(png.size() - 12) << "IEND";
    QTest::newRow("truncated jpeg") << "cut.jpg" << jpeg.left(jpeg.size() * 6 / 10) << "cut short";
    QTest::newRow("zero bytes") << "empty.png" << QByteArray() << "empty";
    QTest::newRow("text as png") << "text.png" << QByteArray("not an image at all\n")
                                 << "unknown signature";
    const cv::Mat floats(8, 8, CV_32FC1, cv::Scalar(0.5));
    QTest::newRow("float tiff") << "float.tiff"
                                << pluvia::test::encodeImage(QStringLiteral(".tiff"), floats)
                                << "floating-point";
    QTest::newRow("png header only") << "header.png" << png.left(20) << "IHDR";
    QTest::newRow("tiff header only")
        << "header.tif" << QByteArray("II*\0\x08\0\0\0", 8) << "directory";
    const cv::Mat bmp(10, 10, CV_8UC3, cv::Scalar(1, 2, 3));
    const QByteArray bmpBytes = pluvia::test::encodeImage(QStringLiteral(".bmp"), bmp);
    QTest::newRow("truncated bmp")
        << "cut.bmp" << bmpBytes.left(bmpBytes.size() - 40) << "cut short";
}

void TestImageIo::brokenFiles()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, bytes);
    QFETCH(QString, reason);
    const QString file = path(QStringLiteral("broken/") + name);
    pluvia::test::writeBytes(file, bytes);
    const DecodedImage read = readImage(file);
    QVERIFY(!read.ok());
    QVERIFY(read.pixels.empty());
    QVERIFY2(read.error.contains(file), qPrintable(read.error));
    QVERIFY2(read.error.contains(reason), qPrintable(read.error));
    const FloatImage f = readImageRgbFloat(file);
    QVERIFY(!f.ok());
    QVERIFY(f.error.contains(file));
    const ImageInfo info = readImageInfo(file);
    QVERIFY(!info.ok());
    QVERIFY2(info.error.contains(file), qPrintable(info.error));
    QVERIFY2(info.error.contains(reason), qPrintable(info.error));
}

void TestImageIo::infoAgreesWithDecoder_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("bitDepth");
    QTest::addColumn<int>("channels");
    QTest::addColumn<QString>("format");
    QTest::newRow("png grey8") << "i1.png" << 8 << 1 << "png";
    QTest::newRow("png rgb16") << "i2.png" << 16 << 3 << "png";
    QTest::newRow("jpeg rgb") << "i3.jpg" << 8 << 3 << "jpeg";
    QTest::newRow("jpeg grey") << "i4.jpeg" << 8 << 1 << "jpeg";
    QTest::newRow("tiff grey16") << "i5.tif" << 16 << 1 << "tiff";
    QTest::newRow("tiff rgb8") << "i6.tiff" << 8 << 3 << "tiff";
    QTest::newRow("bmp rgb") << "i7.bmp" << 8 << 3 << "bmp";
    if (cv::haveImageWriter(".webp"))
        QTest::newRow("webp rgb") << "i8.webp" << 8 << 3 << "webp";
}

void TestImageIo::infoAgreesWithDecoder()
{
    QFETCH(QString, name);
    QFETCH(int, bitDepth);
    QFETCH(int, channels);
    QFETCH(QString, format);
    const cv::Mat image = pluvia::test::testPicture(37, 23, bitDepth, channels, 12);
    const QString file = path(name);
    if (format == QLatin1String("bmp") || format == QLatin1String("webp")) {
        cv::Mat bgr;
        cv::cvtColor(image, bgr, cv::COLOR_RGB2BGR);
        pluvia::test::writeBytes(file, pluvia::test::encodeImage(QLatin1Char('.') + format, bgr));
    } else {
        WriteOptions options;
        options.bitDepth = bitDepth;
        QCOMPARE(writeImage(file, image, options), QString());
    }
    const ImageInfo info = readImageInfo(file);
    QVERIFY2(info.ok(), qPrintable(info.error));
    QCOMPARE(info.format, format);
    QCOMPARE(info.width, 37);
    QCOMPARE(info.height, 23);
    QCOMPARE(info.channels, channels);
    QCOMPARE(info.bitDepth, bitDepth);
    const DecodedImage read = readImage(file);
    QVERIFY2(read.ok(), qPrintable(read.error));
    QCOMPARE(read.pixels.cols, info.width);
    QCOMPARE(read.pixels.rows, info.height);
    QCOMPARE(read.bitDepth, info.bitDepth);
}

void TestImageIo::imageSuffixes()
{
    QVERIFY(hasImageSuffix(QStringLiteral("/a/b.png")));
    QVERIFY(hasImageSuffix(QStringLiteral("x.JPEG")));
    QVERIFY(hasImageSuffix(QStringLiteral("x.tif")));
    QVERIFY(hasImageSuffix(QStringLiteral("x.webp")));
    QVERIFY(!hasImageSuffix(QStringLiteral("x.gif")));
    QVERIFY(!hasImageSuffix(QStringLiteral("png")));
}

void TestImageIo::failedWritesLeaveFilesIntact()
{
    const QString folder = path(QStringLiteral("atomic"));
    QVERIFY(QDir().mkpath(folder));
    const QString keep = folder + QStringLiteral("/keep.png");
    const cv::Mat image = pluvia::test::testPicture(16, 16, 8, 3);
    QCOMPARE(writeImage(keep, image), QString());
    const QByteArray original = fileBytes(keep);
    QVERIFY(!original.isEmpty());

    // empty image, 2-channel image, JPEG at 16 bits, unknown suffix: all refused
    QString error = writeImage(keep, cv::Mat());
    QVERIFY(error.contains(keep));
    error = writeImage(keep, cv::Mat(4, 4, CV_8UC2, cv::Scalar::all(1)));
    QVERIFY(error.contains(keep));
    WriteOptions sixteen;
    sixteen.bitDepth = 16;
    QVERIFY(writeImage(folder + QStringLiteral("/x.jpg"), image, sixteen)
                .contains(QLatin1String("8-bit")));
    const QString gif = folder + QStringLiteral("/keep.gif");
    pluvia::test::writeBytes(gif, QByteArray("GIF89a"));
    error = writeImage(gif, image);
    QVERIFY(error.contains(gif));
    QVERIFY(error.contains(QLatin1String("suffix")));
    QCOMPARE(fileBytes(gif), QByteArray("GIF89a"));

    // the target is a folder: the rename cannot replace it
    const QString blocked = folder + QStringLiteral("/blocked.png");
    QVERIFY(QDir().mkpath(blocked));
    QVERIFY(writeImage(blocked, image).contains(blocked));
    QVERIFY(QFileInfo(blocked).isDir());
    // a folder that does not exist
    const QString nowhere = folder + QStringLiteral("/missing/out.png");
    QVERIFY(writeImage(nowhere, image).contains(nowhere));

    QCOMPARE(fileBytes(keep), original);
    QCOMPARE(listing(folder),
        (QStringList { QStringLiteral("blocked.png"), QStringLiteral("keep.gif"),
            QStringLiteral("keep.png") }));

    // a successful overwrite replaces the content and leaves no temporary file either
    const cv::Mat other = pluvia::test::testPicture(16, 16, 8, 3, 99);
    QCOMPARE(writeImage(keep, other), QString());
    QCOMPARE(cv::norm(readImage(keep).pixels, other, cv::NORM_INF), 0.0);
    QCOMPARE(listing(folder).size(), 3);
}

QTEST_GUILESS_MAIN(TestImageIo)
#include "test_image_io.moc"
