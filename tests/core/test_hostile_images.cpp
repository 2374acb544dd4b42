// SPDX-License-Identifier: GPL-3.0-or-later
// Hostile and damaged image files (issue 18): headers declaring enormous sizes are refused before
// anything is allocated, only regular files are read, and a decoder that had to guess pixels (a
// cut or damaged JPEG scan, an RLE BMP that leaves pixels out, a damaged TIFF strip, an unknown
// TIFF compression) makes the file a named problem, not an image. The files are built here byte
// by byte or encoded with OpenCV and then damaged; OpenCV's own decoder is the independent
// reference for the pixels of the files that are sound.
#include "core/data/dataset.h"
#include "core/image/image_info.h"
#include "core/image/image_io_p.h"

#include "support/image_bytes.h"
#include "support/test_support.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest/QTest>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <sys/stat.h>

using namespace pluvia::core;
using namespace pluvia::test;

namespace {

QByteArray encoded(const cv::Mat &bgr, const char *ext, const std::vector<int> &params = {})
{
    std::vector<uchar> bytes;
    cv::imencode(ext, bgr, bytes, params);
    return QByteArray(reinterpret_cast<const char *>(bytes.data()), qsizetype(bytes.size()));
}

// A picture with edges and texture, so that compressed data has no long uniform runs.
cv::Mat texture(int width, int height, int channels)
{
    return testPicture(width, height, 8, channels, 7);
}

// Flips every byte of [from, to) with a fixed pattern.
QByteArray damaged(QByteArray bytes, qsizetype from, qsizetype to)
{
    for (qsizetype i = from; i < to && i < bytes.size(); ++i)
        bytes[i] = char(bytes[i] ^ 0x5A);
    return bytes;
}

// The value of TIFF tag `tag` in the first IFD of a little-endian TIFF patched to `value`
// (a SHORT entry's value sits in the first two bytes of its value field).
QByteArray withTiffTag(QByteArray tiff, quint16 tag, quint16 value)
{
    const auto u16
        = [&](qsizetype at) { return quint16(quint8(tiff[at]) | quint8(tiff[at + 1]) << 8); };
    const qsizetype ifd = qsizetype(quint8(tiff[4]) | quint8(tiff[5]) << 8 | quint8(tiff[6]) << 16
        | quint32(quint8(tiff[7])) << 24);
    for (int i = 0; i < u16(ifd); ++i) {
        const qsizetype entry = ifd + 2 + 12 * i;
        if (u16(entry) == tag) {
            tiff.replace(entry + 8, 2, le16(value));
            return tiff;
        }
    }
    return {};
}

} // namespace

class TestHostileImages : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void cleanup() { setMaxImagePixels(kDefaultMaxImagePixels); }
    void oversizedHeadersAreRefusedBeforeDecoding_data();
    void oversizedHeadersAreRefusedBeforeDecoding();
    void pixelBudgetIsAdjustable();
    void onlyRegularFilesAreRead();
    void listingsNameWhatOnlyLooksLikeAnImage();
    void damagedFiles_data();
    void damagedFiles();
    void soundFilesDecodeAsOpenCvDoes_data();
    void soundFilesDecodeAsOpenCvDoes();
    void rleBmpCoveringEveryPixel();
    void fuzzFindingsAreRefused();
    void headerAgreesWithDecoderOnTheFuzzCorpus();

private:
    QTemporaryDir m_dir;
    QString write(const QString &name, const QByteArray &bytes) const
    {
        const QString file = m_dir.filePath(name);
        QFile out(file);
        if (!out.open(QIODevice::WriteOnly) || out.write(bytes) != bytes.size())
            return {};
        return file;
    }
};

void TestHostileImages::oversizedHeadersAreRefusedBeforeDecoding_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("declared");
    // The cases: a 69-byte PNG declaring a width near 2^31, a 154-byte BMP declaring
    // 2^31 x 2^31, small JPEG and BMP files declaring 30000 x 30000.
    const QByteArray png = pngDeclaring(0x7FFFFFFF, 1);
    QTest::newRow("69-byte png") << "wide.png" << png << QStringLiteral("2147483647\u00D71");
    const QByteArray bmpHeader = "BM" + le32(154) + le32(0) + le32(54) + le32(40) + le32(0x7FFFFFFF)
        + le32(0x7FFFFFFF) + le16(1) + le16(24) + le32(0) + le32(0) + le32(0) + le32(0) + le32(0)
        + le32(0);
    QTest::newRow("154-byte bmp") << "huge.bmp" << bmpHeader + QByteArray(100, '\0')
                                  << QStringLiteral("2147483647\u00D72147483647");
    QByteArray jpeg = encoded(texture(16, 16, 3), ".jpg");
    const qsizetype sof = jpeg.indexOf("\xFF\xC0");
    jpeg.replace(sof + 5, 4, QByteArray("\x75\x30\x75\x30", 4)); // height, width = 30000
    QTest::newRow("small jpeg") << "big.jpg" << jpeg << QStringLiteral("30000\u00D730000");
    QTest::newRow("small bmp") << "big.bmp" << paletteBmp(30000, 30000, 8, 1, QByteArray("\0\1", 2))
                               << QStringLiteral("30000\u00D730000");
}

void TestHostileImages::oversizedHeadersAreRefusedBeforeDecoding()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, bytes);
    QFETCH(QString, declared);
    QVERIFY(bytes.size() < 2048);
    const QString file = write(name, bytes);
    const QString expected
        = QStringLiteral("\"%1\": declares %2, over the limit of 268435456 pixels")
              .arg(file, declared);
    const ImageInfo info = readImageInfo(file);
    QVERIFY2(info.error.contains(expected), qPrintable(info.error));
    const DecodedImage image = readImage(file);
    QVERIFY2(image.error.contains(expected), qPrintable(image.error));
    QVERIFY(image.pixels.empty());
}

void TestHostileImages::pixelBudgetIsAdjustable()
{
    const QString file = write(QStringLiteral("small.png"), encoded(texture(20, 10, 3), ".png"));
    setMaxImagePixels(200); // exactly 20 x 10: allowed
    QVERIFY2(readImage(file).ok(), qPrintable(readImage(file).error));
    setMaxImagePixels(199);
    QVERIFY(readImageInfo(file).error.endsWith(
        QStringLiteral("declares 20\u00D710, over the limit of 199 pixels")));
    QVERIFY(!readImageRgbFloat(file).ok());
    setMaxImagePixels(qint64(1) << 40); // clamped so that every side fits an int
    QCOMPARE(maxImagePixels(), qint64(std::numeric_limits<int>::max()));
}

void TestHostileImages::onlyRegularFilesAreRead()
{
    const QString zero = m_dir.filePath(QStringLiteral("zero.png"));
    QVERIFY(QFile::link(QStringLiteral("/dev/zero"), zero));
    const QString dangling = m_dir.filePath(QStringLiteral("dangling.png"));
    QVERIFY(QFile::link(m_dir.filePath(QStringLiteral("absent.png")), dangling));
    const QString folder = m_dir.filePath(QStringLiteral("folder.png"));
    QVERIFY(QDir().mkpath(folder));
    const QString fifo = m_dir.filePath(QStringLiteral("fifo.png"));
    QCOMPARE(mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
    const QList<std::pair<QString, QString>> cases = {
        { zero, QStringLiteral("not a regular file") },
        { fifo, QStringLiteral("not a regular file") }, // would block if opened
        { folder, QStringLiteral("is a folder") },
        { dangling, QStringLiteral("does not exist") },
    };
    for (const auto &[file, reason] : cases) {
        const ImageInfo info = readImageInfo(file);
        QVERIFY2(info.error.startsWith(QStringLiteral("Cannot read image \"%1\"").arg(file))
                && info.error.contains(reason),
            qPrintable(info.error));
        QVERIFY2(readImage(file).error.contains(reason), qPrintable(file));
    }
    // A link to a regular image is followed.
    const QString real = write(QStringLiteral("real.png"), encoded(texture(8, 8, 3), ".png"));
    const QString link = m_dir.filePath(QStringLiteral("link.png"));
    QVERIFY(QFile::link(real, link));
    QVERIFY(readImage(link).ok());
}

void TestHostileImages::listingsNameWhatOnlyLooksLikeAnImage()
{
    QTemporaryDir dataset;
    const cv::Mat picture = texture(40, 30, 3);
    for (const char *name : { "a.png", "b.png" })
        QVERIFY(
            cv::imwrite(QDir(dataset.path()).filePath(QLatin1String(name)).toStdString(), picture));
    QVERIFY(QDir(dataset.path()).mkdir(QStringLiteral("c.png")));
    QVERIFY(QFile::link(QStringLiteral("/nonexistent/d.png"),
        QDir(dataset.path()).filePath(QStringLiteral("d.png"))));
    InspectOptions options;
    options.kind = DatasetKind::Unpaired;
    const DatasetInspection inspection = inspectDataset(dataset.path(), options);
    QVERIFY2(inspection.error.isEmpty(), qPrintable(inspection.error));
    QCOMPARE(inspection.dataset.images.size(), 2); // a.png, b.png
    QStringList named;
    for (const DatasetProblem &problem : inspection.problems)
        named << problem.message;
    QCOMPARE(named.size(), 2);
    QVERIFY2(named.join('\n').contains(QStringLiteral("c.png\": it is a folder")),
        qPrintable(named.join('\n')));
    QVERIFY2(named.join('\n').contains(QStringLiteral("d.png\": it is a symbolic link")),
        qPrintable(named.join('\n')));
}

void TestHostileImages::damagedFiles_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<bool>("headerOk"); // whether the header alone already shows the problem
    QTest::addColumn<QString>("reason");
    const cv::Mat colour = texture(96, 64, 3);
    const cv::Mat grey = texture(96, 64, 1);
    const QByteArray jpeg = encoded(colour, ".jpg", { cv::IMWRITE_JPEG_QUALITY, 90 });
    const QByteArray greyJpeg = encoded(grey, ".jpg", { cv::IMWRITE_JPEG_QUALITY, 90 });
    const qsizetype scan = jpeg.indexOf("\xFF\xDA"); // the scan's data starts after its header
    // A cut JPEG with an end marker appended: libjpeg warns "premature end" and fills grey.
    QTest::newRow("cut jpeg + EOI") << "cut.jpg" << jpeg.left((scan + jpeg.size()) / 2) + "\xFF\xD9"
                                    << true << "Corrupt JPEG data";
    // A lost block inside the scan (Huffman codes resynchronise after flipped bits, so a lost
    // or inserted stretch is what damage looks like to a decoder).
    QTest::newRow("jpeg scan with a lost block")
        << "scan.jpg" << QByteArray(jpeg).remove(scan + 200, 64) << true << "Corrupt JPEG data";
    const qsizetype greyScan = greyJpeg.indexOf("\xFF\xDA");
    QTest::newRow("damaged grey jpeg")
        << "grey.jpg" << damaged(greyJpeg, greyScan + 100, greyScan + 160) << true
        << "Corrupt JPEG data";
    // The RLE8 BMP: 1 KB declaring 4000 x 4000, ten runs and an end-of-bitmap.
    QByteArray runs;
    for (int i = 0; i < 10; ++i)
        runs += QByteArray("\xFF\x07\x00\x00", 4);
    runs += QByteArray("\x00\x01", 2);
    QTest::newRow("rle8 leaving pixels out")
        << "rle.bmp" << paletteBmp(4000, 4000, 8, 1, runs) << false
        << "row 0 of the BMP's RLE data covers 255 of 4000 pixels";
    QTest::newRow("rle8 delta") << "delta.bmp"
                                << paletteBmp(4, 2, 8, 1,
                                       QByteArray("\x04\x09\x00\x02\x00\x01\x00\x01", 8))
                                << false << "skips pixels";
    QTest::newRow("bmp bits per pixel") << "bpp.bmp" << paletteBmp(4, 2, 7, 0, QByteArray(16, '\0'))
                                        << false << "7 bits per pixel is invalid";
    QTest::newRow("bmp compression")
        << "jpeg.bmp" << paletteBmp(4, 2, 24, 4, QByteArray(32, '\0')) << false
        << "compression 4 with 24 bits per pixel is not supported";
    // TIFFs: libtiff writes the strips right after the 8-byte header, so bytes 40.. are pixel data.
    const QByteArray deflate = encoded(colour, ".tiff", { cv::IMWRITE_TIFF_COMPRESSION, 8 });
    const QByteArray lzw = encoded(colour, ".tiff", { cv::IMWRITE_TIFF_COMPRESSION, 5 });
    QTest::newRow("damaged deflate tiff")
        << "deflate.tif" << damaged(deflate, 40, 400) << true << "libtiff";
    QTest::newRow("damaged lzw tiff") << "lzw.tif" << damaged(lzw, 40, 400) << true << "libtiff";
    QTest::newRow("unknown tiff compression") << "code.tif" << withTiffTag(lzw, 259, 12345) << false
                                              << "the TIFF compression 12345 is unknown";
    QTest::newRow("min-is-white tiff") << "white.tif" << withTiffTag(lzw, 262, 0) << false
                                       << "photometric interpretation 0 is not supported";
}

void TestHostileImages::damagedFiles()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, bytes);
    QFETCH(bool, headerOk);
    QFETCH(QString, reason);
    QVERIFY(!bytes.isEmpty());
    const QString file = write(name, bytes);
    const ImageInfo info = readImageInfo(file);
    QCOMPARE(info.ok(), headerOk);
    if (!headerOk)
        QVERIFY2(info.error.contains(reason), qPrintable(info.error));
    const DecodedImage image = readImage(file);
    QVERIFY2(!image.ok(), qPrintable(name));
    QVERIFY2(image.error.startsWith(QStringLiteral("Cannot read image \"%1\": ").arg(file))
            && image.error.contains(reason),
        qPrintable(image.error));
}

void TestHostileImages::soundFilesDecodeAsOpenCvDoes_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QByteArray>("reference"); // what cv::imdecode is given
    const QByteArray jpeg = encoded(texture(96, 64, 3), ".jpg");
    QTest::newRow("jpeg rgb") << "rgb.jpg" << jpeg << jpeg;
    const QByteArray grey = encoded(texture(96, 64, 1), ".jpg");
    QTest::newRow("jpeg grey") << "grey.jpg" << grey << grey;
    const QByteArray progressive
        = encoded(texture(96, 64, 3), ".jpg", { cv::IMWRITE_JPEG_PROGRESSIVE, 1 });
    QTest::newRow("jpeg progressive") << "progressive.jpg" << progressive << progressive;
    // Padding after the end marker (memory cards leave zeros) is allowed, however long.
    QTest::newRow("jpeg + 5000 zero bytes")
        << "padded.jpg" << jpeg + QByteArray(5000, '\0') << jpeg;
    const QByteArray deflate
        = encoded(texture(96, 64, 3), ".tiff", { cv::IMWRITE_TIFF_COMPRESSION, 8 });
    QTest::newRow("deflate tiff") << "deflate.tif" << deflate << deflate;
}

void TestHostileImages::soundFilesDecodeAsOpenCvDoes()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, bytes);
    QFETCH(QByteArray, reference);
    const QString file = write(name, bytes);
    QVERIFY2(readImageInfo(file).ok(), qPrintable(readImageInfo(file).error));
    const DecodedImage image = readImage(file);
    QVERIFY2(image.ok(), qPrintable(image.error));
    QVERIFY(image.warnings.isEmpty());
    cv::Mat expected = cv::imdecode(
        cv::Mat(1, int(reference.size()), CV_8UC1, reference.data()), cv::IMREAD_UNCHANGED);
    if (expected.channels() == 3)
        cv::cvtColor(expected, expected, cv::COLOR_BGR2RGB);
    QCOMPARE(image.pixels.size(), expected.size());
    QCOMPARE(image.pixels.type(), expected.type());
    QCOMPARE(cv::norm(image.pixels, expected, cv::NORM_INF), 0.0);
}

void TestHostileImages::rleBmpCoveringEveryPixel()
{
    // 4 x 2, bottom-up: row 0 (the bottom) is a run of palette index 9, row 1 holds the literal
    // indices 1, 2, 3, 4 (absolute mode), then end of bitmap. The palette is grey: index = value.
    const QByteArray runs("\x04\x09\x00\x00\x00\x04\x01\x02\x03\x04\x00\x01", 12);
    const QString file = write(QStringLiteral("rle_ok.bmp"), paletteBmp(4, 2, 8, 1, runs));
    const DecodedImage image = readImage(file);
    QVERIFY2(image.ok(), qPrintable(image.error));
    QCOMPARE(image.pixels.size(), cv::Size(4, 2));
    for (int x = 0; x < 4; ++x) {
        QCOMPARE(image.pixels.at<cv::Vec3b>(1, x), cv::Vec3b(9, 9, 9)); // bottom row
        QCOMPARE(image.pixels.at<cv::Vec3b>(0, x), cv::Vec3b(x + 1, x + 1, x + 1));
    }
}

// What fuzzing found (fuzz/corpus/image keeps the inputs): a BMP whose size made the row check
// overflow (undefined behaviour) and a 717-byte TIFF whose strips asked for 12.6 GB.
void TestHostileImages::fuzzFindingsAreRefused()
{
    const QDir corpus(
        qEnvironmentVariable("PLUVIA_SOURCE_DIR") + QStringLiteral("/fuzz/corpus/image"));
    const QString bmp = corpus.filePath(QStringLiteral("bmp-row-size-overflow.bmp"));
    QCOMPARE(readImageInfo(bmp).error,
        QStringLiteral("Cannot read image \"%1\": declares 1610612752\u00D71960574608, over the "
                       "limit of %2 pixels")
            .arg(QDir::toNativeSeparators(bmp))
            .arg(kDefaultMaxImagePixels));
    const QString tiff = corpus.filePath(QStringLiteral("tiff-strip-larger-than-image.tif"));
    const DecodedImage decoded = readImage(tiff);
    QVERIFY(!decoded.ok());
    QVERIFY2(decoded.error.endsWith(QStringLiteral("its strips declare 12633243696 bytes each, "
                                                   "more than a whole image within the pixel "
                                                   "budget")),
        qPrintable(decoded.error));
}

// The header-only inspection (dataset inspect, the tile planner) and the decoder on every file
// of the fuzz corpus: a file the header refuses is not decoded, and a decoded file has the size
// its header declared. (The decoder may still refuse a file whose header is sound: damage in
// the pixel data shows only when decoding.)
void TestHostileImages::headerAgreesWithDecoderOnTheFuzzCorpus()
{
    const QDir corpus(
        qEnvironmentVariable("PLUVIA_SOURCE_DIR") + QStringLiteral("/fuzz/corpus/image"));
    const QStringList files = corpus.entryList(QDir::Files);
    QVERIFY2(files.size() >= 20, qPrintable(corpus.path()));
    int decodedCount = 0;
    for (const QString &name : files) {
        const QString path = corpus.filePath(name);
        const ImageInfo info = readImageInfo(path);
        const DecodedImage decoded = readImage(path);
        if (!info.ok()) {
            QVERIFY2(!decoded.ok(), qPrintable(name));
            continue;
        }
        if (!decoded.ok())
            continue;
        ++decodedCount;
        QVERIFY2(decoded.pixels.cols == info.width && decoded.pixels.rows == info.height,
            qPrintable(QStringLiteral("%1: header %2x%3, decoded %4x%5")
                           .arg(name)
                           .arg(info.width)
                           .arg(info.height)
                           .arg(decoded.pixels.cols)
                           .arg(decoded.pixels.rows)));
    }
    QVERIFY(decodedCount >= 15); // the sound seeds
}

QTEST_GUILESS_MAIN(TestHostileImages)
#include "test_hostile_images.moc"
