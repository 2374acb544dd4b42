// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/image/image_header_p.h"

#include "core/image/bmp_rle_p.h"
#include "core/image/tiff_decode_check_p.h"
#include "core/image/tiff_ifd_p.h"

#include <QFile>
#include <QFileInfo>
#include <QIODevice>

#include <sys/stat.h>

namespace pluvia::core {

namespace {

// Bytes read at a time while skipping a JPEG's trailing padding.
constexpr qint64 kJpegTailBlock = 4096;
// How far from the end a PNG's IEND chunk may sit (some writers append a few bytes).
constexpr qint64 kPngTailBytes = 64;
// Chunks walked while looking for a PNG eXIf or WebP EXIF chunk before giving up.
constexpr int kMaxChunks = 4096;

quint32 be32(const QByteArray &b, int at)
{
    const auto *p = reinterpret_cast<const uchar *>(b.constData() + at);
    return quint32(p[0]) << 24 | quint32(p[1]) << 16 | quint32(p[2]) << 8 | quint32(p[3]);
}
quint16 be16(const QByteArray &b, int at)
{
    const auto *p = reinterpret_cast<const uchar *>(b.constData() + at);
    return quint16(p[0] << 8 | p[1]);
}
quint32 le32(const QByteArray &b, int at)
{
    const auto *p = reinterpret_cast<const uchar *>(b.constData() + at);
    return quint32(p[0]) | quint32(p[1]) << 8 | quint32(p[2]) << 16 | quint32(p[3]) << 24;
}
quint32 le24(const QByteArray &b, int at)
{
    const auto *p = reinterpret_cast<const uchar *>(b.constData() + at);
    return quint32(p[0]) | quint32(p[1]) << 8 | quint32(p[2]) << 16;
}
quint16 le16(const QByteArray &b, int at)
{
    const auto *p = reinterpret_cast<const uchar *>(b.constData() + at);
    return quint16(p[0] | p[1] << 8);
}

// Marks the image as cut short (an interrupted copy or download, which users fix differently
// from a file that is not an image at all) and returns the reason.
QString cutShort(ImageHeader *header, const QString &reason)
{
    header->info.truncated = true;
    return reason;
}

// Fills `header` (size, channels, depth) or returns the reason the header is unusable.
using Probe = QString (*)(QIODevice &, ImageHeader *);

QString probePng(QIODevice &device, ImageHeader *header)
{
    const QByteArray ihdr = readBytesAt(device, 8, 25);
    if (ihdr.size() < 25 || ihdr.mid(4, 4) != "IHDR")
        return QStringLiteral("the PNG header (IHDR) is missing or cut short");
    header->declaredWidth = be32(ihdr, 8);
    header->declaredHeight = be32(ihdr, 12);
    const int depth = quint8(ihdr[16]);
    const int colorType = quint8(ihdr[17]);
    switch (colorType) {
    case 0:
        header->info.channels = 1;
        break;
    case 2:
        header->info.channels = 3;
        break;
    case 3:
        header->info.channels = 3;
        break; // palette entries are RGB
    case 4:
        header->info.channels = 2;
        break;
    case 6:
        header->info.channels = 4;
        break;
    default:
        return QStringLiteral("the PNG colour type %1 is invalid").arg(colorType);
    }
    if (depth != 1 && depth != 2 && depth != 4 && depth != 8 && depth != 16)
        return QStringLiteral("the PNG bit depth %1 is invalid").arg(depth);
    // 1-, 2- and 4-bit grey and palette samples are expanded to 8 bits without loss by the
    // decoder, so they are reported (and read) as 8-bit.
    header->info.bitDepth = depth == 16 ? 16 : 8;

    const QByteArray tail
        = readBytesAt(device, qMax<qint64>(0, device.size() - kPngTailBytes), kPngTailBytes);
    if (!tail.contains("IEND"))
        return cutShort(
            header, QStringLiteral("the PNG data is cut short (no IEND chunk at the end)"));

    // eXIf must precede the image data, so the walk stops at the first IDAT.
    qint64 at = 8;
    for (int i = 0; i < kMaxChunks; ++i) {
        const QByteArray chunk = readBytesAt(device, at, 8);
        if (chunk.size() < 8 || chunk.mid(4, 4) == "IDAT")
            break;
        const quint32 length = be32(chunk, 0);
        if (chunk.mid(4, 4) == "eXIf") {
            header->orientation = exifOrientation(readBytesAt(device, at + 8, length));
            break;
        }
        at += 12 + qint64(length);
    }
    return {};
}

// Whether the data ends in an EOI marker, allowing any amount of padding after it (zero bytes,
// as memory cards and some writers leave, or line ends and spaces).
bool endsWithJpegEoi(QIODevice &device)
{
    const auto isPadding = [](char c) { return c == '\0' || c == '\n' || c == '\r' || c == ' '; };
    qint64 end = device.size();
    while (end > 0) {
        const qint64 start = qMax<qint64>(0, end - kJpegTailBlock);
        const QByteArray block = readBytesAt(device, start, end - start);
        if (block.size() != end - start)
            return false;
        qint64 last = block.size();
        while (last > 0 && isPadding(block[last - 1]))
            --last;
        if (last == 0) {
            end = start;
            continue;
        }
        if (last >= 2)
            return quint8(block[last - 2]) == 0xFF && quint8(block[last - 1]) == 0xD9;
        // The marker straddles two blocks.
        return start > 0 && quint8(block[0]) == 0xD9
            && readBytesAt(device, start - 1, 1) == QByteArray("\xFF", 1);
    }
    return false;
}

QString probeJpeg(QIODevice &device, ImageHeader *header)
{
    // EOI check first: a cut JPEG decodes "successfully" with grey filling the missing rows.
    if (!endsWithJpegEoi(device))
        return cutShort(header,
            QStringLiteral("the JPEG data is cut short (no end-of-image marker at the end)"));

    qint64 at = 2;
    bool haveFrame = false;
    while (!haveFrame) {
        QByteArray marker = readBytesAt(device, at, 4);
        if (marker.size() < 2 || quint8(marker[0]) != 0xFF)
            return QStringLiteral("the JPEG marker structure is broken before the frame header");
        const int code = quint8(marker[1]);
        if (code == 0xFF) { // fill byte
            ++at;
            continue;
        }
        if (code == 0x01 || (code >= 0xD0 && code <= 0xD8)) { // markers without a length
            at += 2;
            continue;
        }
        if (code == 0xDA || code == 0xD9)
            return QStringLiteral("the JPEG has no frame header before its image data");
        if (marker.size() < 4)
            return QStringLiteral("the JPEG header is cut short");
        const int length = be16(marker, 2);
        const bool isFrame
            = code >= 0xC0 && code <= 0xCF && code != 0xC4 && code != 0xC8 && code != 0xCC;
        if (isFrame) {
            const QByteArray sof = readBytesAt(device, at + 4, 6);
            if (sof.size() < 6)
                return QStringLiteral("the JPEG frame header is cut short");
            const int precision = quint8(sof[0]);
            if (precision != 8)
                return QStringLiteral("%1-bit JPEG is not supported (only 8-bit)").arg(precision);
            header->declaredHeight = be16(sof, 1);
            header->declaredWidth = be16(sof, 3);
            header->info.channels = quint8(sof[5]);
            header->info.bitDepth = 8;
            haveFrame = true;
        } else if (code == 0xE1 && length > 8) {
            const QByteArray app1 = readBytesAt(device, at + 4, length - 2);
            if (app1.startsWith(QByteArray("Exif\0\0", 6)))
                header->orientation = exifOrientation(app1.mid(6));
        }
        at += 2 + length;
    }
    return {};
}

QString probeBmp(QIODevice &device, ImageHeader *header)
{
    const QByteArray head = readBytesAt(device, 0, 34);
    if (head.size() < 26)
        return QStringLiteral("the BMP header is cut short");
    const quint32 pixelOffset = le32(head, 10);
    const quint32 dibSize = le32(head, 14);
    int bitsPerPixel = 0;
    qint64 width = 0, height = 0;
    quint32 compression = 0;
    if (dibSize == 12) { // OS/2 BITMAPCOREHEADER
        width = le16(head, 18);
        height = le16(head, 20);
        bitsPerPixel = le16(head, 24);
    } else if (dibSize >= 40 && head.size() >= 34) {
        width = qint32(le32(head, 18));
        height = qint32(le32(head, 22)); // negative: rows stored top-down
        bitsPerPixel = le16(head, 28);
        compression = le32(head, 30);
    } else {
        return QStringLiteral("the BMP header (%1-byte DIB header) is not supported").arg(dibSize);
    }
    if (height < 0 && (compression == 1 || compression == 2))
        return QStringLiteral("a top-down BMP cannot be run-length encoded");
    height = qAbs(height);
    if (width <= 0 || height == 0)
        return QStringLiteral("the BMP header gives an empty size");
    if (bitsPerPixel != 1 && bitsPerPixel != 4 && bitsPerPixel != 8 && bitsPerPixel != 16
        && bitsPerPixel != 24 && bitsPerPixel != 32)
        return QStringLiteral("the BMP's %1 bits per pixel is invalid").arg(bitsPerPixel);
    // 0 uncompressed, 1 RLE8 (8-bit only), 2 RLE4 (4-bit only), 3 bit fields (16 or 32-bit).
    const bool compressionFits = compression == 0 || (compression == 1 && bitsPerPixel == 8)
        || (compression == 2 && bitsPerPixel == 4)
        || (compression == 3 && (bitsPerPixel == 16 || bitsPerPixel == 32));
    if (!compressionFits)
        return QStringLiteral("the BMP compression %1 with %2 bits per pixel is not supported")
            .arg(compression)
            .arg(bitsPerPixel);
    if (pixelOffset < 14 + dibSize || qint64(pixelOffset) >= device.size())
        return QStringLiteral("the BMP's pixel data offset %1 is outside the file")
            .arg(pixelOffset);
    header->declaredWidth = width;
    header->declaredHeight = height;
    header->info.channels = bitsPerPixel == 32 ? 4 : 3;
    header->info.bitDepth = 8;
    // An oversized one is refused by its size (by the caller), before any of this arithmetic
    // (width × height near 2^62 overflowed the row check below: found by fuzzing).
    if (width > maxImagePixels() / height)
        return {};
    // Uncompressed rows have a known size, so a cut file shows; RLE streams are walked.
    if (compression == 0 || compression == 3) {
        const qint64 stride = ((width * bitsPerPixel + 31) / 32) * 4;
        if (device.size() - qint64(pixelOffset) < stride * height)
            return cutShort(header, QStringLiteral("the BMP pixel data is cut short"));
    } else {
        header->runLengthBmp = true;
        return walkBmpRle(readBytesAt(device, pixelOffset, device.size() - pixelOffset), width,
            height, compression == 2);
    }
    return {};
}

QString probeTiff(QIODevice &device, ImageHeader *header)
{
    TiffFields fields;
    const QString reason = readTiffIfd0(device, 0, &fields);
    if (!reason.isEmpty())
        return reason;
    if (fields.width == 0 || fields.height == 0)
        return QStringLiteral("the TIFF has no image size");
    if (fields.sampleFormat == 3)
        return QStringLiteral("%1-bit floating-point TIFF is not supported (only 8- or 16-bit "
                              "integer)")
            .arg(fields.bitsPerSample);
    if (fields.bitsPerSample != 8 && fields.bitsPerSample != 16)
        return QStringLiteral("%1-bit TIFF is not supported (only 8- or 16-bit)")
            .arg(fields.bitsPerSample);
    if (!isTiffCompressionSupported(fields.compression))
        return QStringLiteral("the TIFF compression %1 is unknown or not supported")
            .arg(fields.compression);
    // What OpenCV's decoder renders faithfully: grey with black at 0, RGB, a palette, YCbCr.
    // Min-is-white, CMYK, L*a*b* and the rest would come out as the wrong picture.
    if (fields.photometric != -1 && fields.photometric != 1 && fields.photometric != 2
        && fields.photometric != 3 && fields.photometric != 6)
        return QStringLiteral("the TIFF photometric interpretation %1 is not supported (only "
                              "min-is-black grey, RGB, palette or YCbCr)")
            .arg(fields.photometric);
    header->declaredWidth = fields.width;
    header->declaredHeight = fields.height;
    header->info.channels = fields.samplesPerPixel;
    header->info.bitDepth = fields.bitsPerSample;
    header->orientation
        = fields.orientation >= 1 && fields.orientation <= 8 ? fields.orientation : 1;
    header->decoderOrients = true;
    return {};
}

QString probeWebp(QIODevice &device, ImageHeader *header)
{
    QByteArray head = readBytesAt(device, 0, 30);
    if (head.size() < 25)
        return QStringLiteral("the WebP header is cut short");
    if (qint64(le32(head, 4)) + 8 > device.size())
        return cutShort(
            header, QStringLiteral("the WebP data is cut short (smaller than its RIFF size)"));
    const QByteArray kind = head.mid(12, 4);
    if (head.size() < 30 && kind != "VP8L") // VP8L's header ends at byte 25
        return QStringLiteral("the WebP header is cut short");
    header->info.bitDepth = 8;
    if (kind == "VP8 ") {
        if (quint8(head[23]) != 0x9D || quint8(head[24]) != 0x01 || quint8(head[25]) != 0x2A)
            return QStringLiteral("the WebP (VP8) frame has no start code");
        header->declaredWidth = le16(head, 26) & 0x3FFF;
        header->declaredHeight = le16(head, 28) & 0x3FFF;
        header->info.channels = 3;
    } else if (kind == "VP8L") {
        if (quint8(head[20]) != 0x2F)
            return QStringLiteral("the WebP (VP8L) stream has no signature");
        const quint32 bits = le32(head, 21);
        header->declaredWidth = qint64(bits & 0x3FFF) + 1;
        header->declaredHeight = qint64((bits >> 14) & 0x3FFF) + 1;
        header->info.channels = (bits >> 28) & 1 ? 4 : 3;
    } else if (kind == "VP8X") {
        const int flags = quint8(head[20]);
        header->declaredWidth = qint64(le24(head, 24)) + 1;
        header->declaredHeight = qint64(le24(head, 27)) + 1;
        header->info.channels = flags & 0x10 ? 4 : 3;
        if (flags & 0x08) { // has an EXIF chunk: walk the chunks to find it
            qint64 at = 12;
            for (int i = 0; i < kMaxChunks; ++i) {
                const QByteArray chunk = readBytesAt(device, at, 8);
                if (chunk.size() < 8)
                    break;
                const quint32 length = le32(chunk, 4);
                if (chunk.startsWith("EXIF")) {
                    QByteArray exif = readBytesAt(device, at + 8, length);
                    if (exif.startsWith(QByteArray("Exif\0\0", 6)))
                        exif.remove(0, 6);
                    header->orientation = exifOrientation(exif);
                    break;
                }
                at += 8 + length + (length & 1);
            }
        }
    } else {
        return QStringLiteral("the WebP chunk '%1' is not VP8, VP8L or VP8X")
            .arg(QString::fromLatin1(kind));
    }
    return {};
}

} // namespace

QByteArray readBytesAt(QIODevice &device, qint64 offset, qint64 length)
{
    if (offset < 0 || length <= 0 || offset >= device.size() || !device.seek(offset))
        return {};
    return device.read(qMin(length, device.size() - offset));
}

QString openRegularFile(QFile &file, const QString &path)
{
    const auto refuse = [&](const QString &reason) {
        return QStringLiteral("Cannot read image \"%1\": %2").arg(path, reason);
    };
    const QFileInfo info(path);
    if (info.isSymLink() && !info.exists())
        return refuse(QStringLiteral("it is a symbolic link to \"%1\", which does not exist")
                          .arg(info.symLinkTarget()));
    if (info.isDir())
        return refuse(QStringLiteral("it is a folder, not an image file"));
    // Checked before opening: opening a FIFO for reading would wait for a writer.
    if (info.exists() && !info.isFile())
        return refuse(QStringLiteral("it is not a regular file (a device, FIFO or socket)"));
    file.setFileName(path);
    if (!file.open(QIODevice::ReadOnly))
        return refuse(file.errorString());
    // Checked again on what was opened, in case the path was replaced in between.
    struct stat opened = {};
    if (fstat(file.handle(), &opened) != 0 || !S_ISREG(opened.st_mode)) {
        file.close();
        return refuse(QStringLiteral("it is not a regular file (a device, FIFO or socket)"));
    }
    return {};
}

ImageHeader probeImageHeader(QIODevice &device, const QString &path)
{
    ImageHeader header;
    const auto fail = [&](const QString &reason) {
        const bool truncated = header.info.truncated;
        header.info = ImageInfo();
        header.info.truncated = truncated;
        header.info.error = QStringLiteral("Cannot read image \"%1\": %2").arg(path, reason);
        return header;
    };
    if (device.size() == 0)
        return fail(QStringLiteral("the file is empty (0 bytes)"));
    const QByteArray magic = readBytesAt(device, 0, 16);
    Probe probe = nullptr;
    if (magic.startsWith("\x89PNG\r\n\x1A\n")) {
        header.info.format = QStringLiteral("png");
        probe = probePng;
    } else if (magic.startsWith("\xFF\xD8\xFF")) {
        header.info.format = QStringLiteral("jpeg");
        probe = probeJpeg;
    } else if (magic.startsWith(QByteArray("II*\0", 4))
        || magic.startsWith(QByteArray("MM\0*", 4))) {
        header.info.format = QStringLiteral("tiff");
        probe = probeTiff;
    } else if (magic.startsWith("BM")) {
        header.info.format = QStringLiteral("bmp");
        probe = probeBmp;
    } else if (magic.startsWith("RIFF") && magic.mid(8, 4) == "WEBP") {
        header.info.format = QStringLiteral("webp");
        probe = probeWebp;
    } else {
        return fail(QStringLiteral("not a PNG, JPEG, TIFF, BMP or WebP file (unknown signature)"));
    }
    const QString reason = probe(device, &header);
    if (!reason.isEmpty())
        return fail(reason);
    if (header.declaredWidth <= 0 || header.declaredHeight <= 0)
        return fail(QStringLiteral("the header gives an empty size %1x%2")
                        .arg(header.declaredWidth)
                        .arg(header.declaredHeight));
    // Checked before anything is sized from the header: width and height each fit an int
    // whenever their product is within the budget (which is below 2^31 squared).
    const qint64 limit = maxImagePixels();
    if (header.declaredWidth > limit / header.declaredHeight)
        return fail(QStringLiteral("declares %1\u00D7%2, over the limit of %3 pixels")
                        .arg(header.declaredWidth)
                        .arg(header.declaredHeight)
                        .arg(limit));
    header.info.width = int(header.declaredWidth);
    header.info.height = int(header.declaredHeight);
    if (header.orientation >= 5) // transposing orientations: displayed size is swapped
        std::swap(header.info.width, header.info.height);
    return header;
}

} // namespace pluvia::core
