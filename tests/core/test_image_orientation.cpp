// SPDX-License-Identifier: GPL-3.0-or-later
// Orientation when reading images: EXIF in JPEG and PNG, the TIFF orientation tag, and a 1-bit
// PNG. Fixtures are built byte by byte from the formats' specifications, so the expected pixels
// are known independently of any decoder.
#include "core/image/image_info.h"
#include "core/image/image_io_p.h"

#include "support/test_support.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtEndian>
#include <QtTest/QTest>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

using namespace pluvia::core;

namespace {

// EXIF block in TIFF layout (little-endian) with one IFD0 entry: orientation (tag 0x112, SHORT).
QByteArray exifTiff(int orientation)
{
    QByteArray tiff("II*\0", 4);
    tiff += QByteArray::fromHex("08000000"); // IFD0 at offset 8
    tiff += QByteArray::fromHex("0100"); // one entry
    tiff += QByteArray::fromHex("1201030001000000"); // tag 0x0112, type 3 (SHORT), count 1
    tiff += char(orientation);
    tiff += QByteArray(3, '\0'); // value padded to 4 bytes
    tiff += QByteArray(4, '\0'); // no next IFD
    return tiff;
}

// A JPEG with an APP1 EXIF segment spliced in right after SOI (FF D8).
QByteArray withJpegExif(const QByteArray &jpeg, int orientation)
{
    const QByteArray payload = QByteArray("Exif\0\0", 6) + exifTiff(orientation);
    QByteArray segment = QByteArray::fromHex("FFE1");
    const quint16 length = quint16(payload.size() + 2); // the length counts itself
    segment += char(length >> 8);
    segment += char(length & 0xFF);
    segment += payload;
    return jpeg.left(2) + segment + jpeg.mid(2);
}

quint32 crc32(const QByteArray &data)
{
    quint32 crc = 0xFFFFFFFFu;
    for (const char ch : data) {
        crc ^= quint8(ch);
        for (int k = 0; k < 8; ++k)
            crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

// A PNG with an eXIf chunk inserted after IHDR (signature 8 bytes + IHDR chunk 25 bytes).
QByteArray withPngExif(const QByteArray &png, int orientation)
{
    const QByteArray body = QByteArray("eXIf") + exifTiff(orientation);
    QByteArray chunk(4, '\0');
    qToBigEndian<quint32>(quint32(body.size() - 4), chunk.data());
    chunk += body;
    QByteArray crc(4, '\0');
    qToBigEndian<quint32>(crc32(body), crc.data());
    return png.left(33) + chunk + crc + png.mid(33);
}

// A 1-bit grey PNG built by hand: IHDR, one IDAT (zlib stream from qCompress without its
// 4-byte length prefix), IEND. `rows` holds each row's packed bits (most significant first).
QByteArray oneBitPng(int width, const QList<QByteArray> &rows)
{
    const auto chunk = [](const QByteArray &type, const QByteArray &data) -> QByteArray {
        QByteArray out(4, '\0');
        qToBigEndian<quint32>(quint32(data.size()), out.data());
        QByteArray crc(4, '\0');
        qToBigEndian<quint32>(crc32(type + data), crc.data());
        return out + type + data + crc;
    };
    QByteArray ihdr(13, '\0');
    qToBigEndian<quint32>(quint32(width), ihdr.data());
    qToBigEndian<quint32>(quint32(rows.size()), ihdr.data() + 4);
    ihdr[8] = 1; // bit depth 1, colour type 0 (grey), deflate, no filter, no interlace
    QByteArray raw;
    for (const QByteArray &row : rows)
        raw += '\0' + row; // filter type 0 (none) per row
    return QByteArray("\x89PNG\r\n\x1a\n") + chunk("IHDR", ihdr)
        + chunk("IDAT", qCompress(raw).mid(4)) + chunk("IEND", {});
}

// An uncompressed 8-bit grey TIFF built from the TIFF 6.0 baseline spec: one strip, IFD0 with
// the ten entries below (ascending tags), pixel data right after the directory.
QByteArray handMadeTiff(const cv::Mat &grey8, int orientation)
{
    const int entries = 10;
    const quint32 dataOffset = 8 + 2 + entries * 12 + 4;
    QByteArray tiff("II*\0", 4);
    const auto put16 = [&tiff](quint16 v) { tiff += char(v & 0xFF), tiff += char(v >> 8); };
    const auto put32 = [&](quint32 v) { put16(quint16(v & 0xFFFF)), put16(quint16(v >> 16)); };
    const auto entry = [&](quint16 tag, quint16 type, quint32 value) {
        put16(tag), put16(type), put32(1);
        if (type == 3) // SHORT: value in the first two bytes of the field
            put16(quint16(value)), put16(0);
        else
            put32(value);
    };
    put32(8);
    put16(entries);
    entry(256, 3, quint32(grey8.cols)); // ImageWidth
    entry(257, 3, quint32(grey8.rows)); // ImageLength
    entry(258, 3, 8); // BitsPerSample
    entry(259, 3, 1); // Compression: none
    entry(262, 3, 1); // PhotometricInterpretation: BlackIsZero
    entry(273, 4, dataOffset); // StripOffsets
    entry(274, 3, quint32(orientation)); // Orientation
    entry(277, 3, 1); // SamplesPerPixel
    entry(278, 3, quint32(grey8.rows)); // RowsPerStrip
    entry(279, 4, quint32(grey8.total())); // StripByteCounts
    put32(0); // no next IFD
    for (int y = 0; y < grey8.rows; ++y)
        tiff += QByteArray(reinterpret_cast<const char *>(grey8.ptr(y)), grey8.cols);
    return tiff;
}

} // namespace

class TestImageOrientation : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void jpegExifOrientation();
    void pngExifOrientation_data();
    void pngExifOrientation();
    void oneBitPngReadsAsEightBit();
    void tiffOrientation_data();
    void tiffOrientation();

private:
    QTemporaryDir m_dir;
    QString path(const QString &name) const { return m_dir.filePath(name); }
};

void TestImageOrientation::jpegExifOrientation()
{
    // 32x16 picture with four flat quadrants; orientation 6 means "rotate 90 degrees clockwise
    // to display", so the displayed image is 16x32 with the stored top-left (red) at top-right.
    cv::Mat rgb(16, 32, CV_8UC3);
    rgb(cv::Rect(0, 0, 16, 8)).setTo(cv::Scalar(255, 0, 0));
    rgb(cv::Rect(16, 0, 16, 8)).setTo(cv::Scalar(0, 255, 0));
    rgb(cv::Rect(0, 8, 16, 8)).setTo(cv::Scalar(0, 0, 255));
    rgb(cv::Rect(16, 8, 16, 8)).setTo(cv::Scalar(255, 255, 255));
    cv::Mat bgr;
    cv::cvtColor(rgb, bgr, cv::COLOR_RGB2BGR);
    const QString file = path(QStringLiteral("rotated.jpg"));
    const QByteArray bytes
        = withJpegExif(pluvia::test::encodeImage(QStringLiteral(".jpg"), bgr), 6);
    pluvia::test::writeBytes(file, bytes);

    const ImageInfo info = readImageInfo(file);
    QVERIFY2(info.ok(), qPrintable(info.error));
    QCOMPARE(info.width, 16);
    QCOMPARE(info.height, 32);
    const DecodedImage read = readImage(file);
    QVERIFY2(read.ok(), qPrintable(read.error));
    QCOMPARE(read.pixels.cols, 16);
    QCOMPARE(read.pixels.rows, 32);
    // OpenCV applies EXIF orientation itself for IMREAD_COLOR: the same pixels must come out.
    cv::Mat expected = cv::imdecode(
        cv::Mat(1, int(bytes.size()), CV_8UC1, const_cast<char *>(bytes.constData())),
        cv::IMREAD_COLOR);
    cv::cvtColor(expected, expected, cv::COLOR_BGR2RGB);
    QCOMPARE(cv::norm(read.pixels, expected, cv::NORM_INF), 0.0);
    const auto near = [](const cv::Vec3b &a, const cv::Vec3b &b) {
        return cv::norm(cv::Vec3i(a) - cv::Vec3i(b), cv::NORM_INF) <= 8;
    };
    QVERIFY(near(read.pixels.at<cv::Vec3b>(4, 12), cv::Vec3b(255, 0, 0))); // top-right: red
    QVERIFY(near(read.pixels.at<cv::Vec3b>(4, 3), cv::Vec3b(0, 0, 255))); // top-left: blue
    QVERIFY(near(read.pixels.at<cv::Vec3b>(28, 12), cv::Vec3b(0, 255, 0))); // bottom-right
    QVERIFY(near(read.pixels.at<cv::Vec3b>(28, 3), cv::Vec3b(255, 255, 255)));
}

void TestImageOrientation::pngExifOrientation_data()
{
    QTest::addColumn<int>("orientation");
    QTest::addColumn<int>("rotateCode"); // cv::RotateFlags giving the displayed image
    QTest::newRow("3: 180") << 3 << int(cv::ROTATE_180);
    QTest::newRow("6: 90 cw") << 6 << int(cv::ROTATE_90_CLOCKWISE);
    QTest::newRow("8: 90 ccw") << 8 << int(cv::ROTATE_90_COUNTERCLOCKWISE);
}

void TestImageOrientation::pngExifOrientation()
{
    QFETCH(int, orientation);
    QFETCH(int, rotateCode);
    const cv::Mat rgb = pluvia::test::testPicture(30, 18, 16, 3, 8);
    cv::Mat bgr;
    cv::cvtColor(rgb, bgr, cv::COLOR_RGB2BGR);
    const QString file = path(QStringLiteral("exif%1.png").arg(orientation));
    pluvia::test::writeBytes(
        file, withPngExif(pluvia::test::encodeImage(QStringLiteral(".png"), bgr), orientation));
    const DecodedImage read = readImage(file);
    QVERIFY2(read.ok(), qPrintable(read.error));
    cv::Mat expected;
    cv::rotate(rgb, expected, rotateCode);
    QCOMPARE(read.pixels.size(), expected.size());
    QCOMPARE(cv::norm(read.pixels, expected, cv::NORM_INF), 0.0);
    const ImageInfo info = readImageInfo(file);
    QCOMPARE(info.width, expected.cols);
    QCOMPARE(info.height, expected.rows);
}

void TestImageOrientation::oneBitPngReadsAsEightBit()
{
    // Row 0: bits 1011 0000 -> 255 0 255 255 0 0 0 0; row 1: all set -> 255.
    const QString file = path(QStringLiteral("onebit.png"));
    pluvia::test::writeBytes(
        file, oneBitPng(8, { QByteArray(1, char(0xB0)), QByteArray(1, char(0xFF)) }));
    const ImageInfo info = readImageInfo(file);
    QVERIFY2(info.ok(), qPrintable(info.error));
    QCOMPARE(info.channels, 1);
    QCOMPARE(info.bitDepth, 8);
    const DecodedImage read = readImage(file);
    QVERIFY2(read.ok(), qPrintable(read.error));
    QCOMPARE(read.bitDepth, 8);
    const cv::Mat expected = (cv::Mat_<uchar>(2, 8) << 255, 0, 255, 255, 0, 0, 0, 0, //
        255, 255, 255, 255, 255, 255, 255, 255);
    QCOMPARE(read.pixels.type(), CV_8UC1);
    QCOMPARE(cv::norm(read.pixels, expected, cv::NORM_INF), 0.0);
}

void TestImageOrientation::tiffOrientation_data()
{
    QTest::addColumn<int>("orientation");
    QTest::addColumn<int>("rotateCode"); // cv::RotateFlags giving the displayed image; -1: none
    QTest::newRow("1: as stored") << 1 << -1;
    QTest::newRow("3: 180") << 3 << int(cv::ROTATE_180);
    QTest::newRow("6: 90 cw") << 6 << int(cv::ROTATE_90_CLOCKWISE);
    QTest::newRow("8: 90 ccw") << 8 << int(cv::ROTATE_90_COUNTERCLOCKWISE);
}

void TestImageOrientation::tiffOrientation()
{
    // OpenCV orients TIFFs itself; the result must be rotated once, not twice.
    QFETCH(int, orientation);
    QFETCH(int, rotateCode);
    const cv::Mat stored = (cv::Mat_<uchar>(2, 3) << 10, 20, 30, 40, 50, 60);
    const QString file = path(QStringLiteral("oriented%1.tif").arg(orientation));
    pluvia::test::writeBytes(file, handMadeTiff(stored, orientation));
    cv::Mat expected = stored;
    if (rotateCode >= 0)
        cv::rotate(stored, expected, rotateCode);
    const ImageInfo info = readImageInfo(file);
    QVERIFY2(info.ok(), qPrintable(info.error));
    QCOMPARE(info.width, expected.cols);
    QCOMPARE(info.height, expected.rows);
    QCOMPARE(info.channels, 1);
    const DecodedImage read = readImage(file);
    QVERIFY2(read.ok(), qPrintable(read.error));
    QCOMPARE(read.pixels.size(), expected.size());
    QCOMPARE(cv::norm(read.pixels, expected, cv::NORM_INF), 0.0);
}

QTEST_GUILESS_MAIN(TestImageOrientation)
#include "test_image_orientation.moc"
