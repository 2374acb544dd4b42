// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/image/bmp_rle_p.h"

#include <opencv2/core.hpp>

namespace pluvia::core {

namespace {

quint32 le32(const QByteArray &b, qint64 at)
{
    const auto *p = reinterpret_cast<const uchar *>(b.constData() + at);
    return quint32(p[0]) | quint32(p[1]) << 8 | quint32(p[2]) << 16 | quint32(p[3]) << 24;
}

// Pixel `i` of a run or literal: RLE8 repeats or lists bytes; RLE4 alternates the high and low
// nibbles of its bytes.
uchar nibbleOrByte(const uchar *data, qint64 i, bool rle4)
{
    return rle4 ? (i % 2 ? data[i / 2] & 0x0F : data[i / 2] >> 4) : data[i];
}

} // namespace

QString walkBmpRle(
    const QByteArray &stream, qint64 width, qint64 height, bool rle4, cv::Mat *indices)
{
    const auto *bytes = reinterpret_cast<const uchar *>(stream.constData());
    const qint64 size = stream.size();
    qint64 x = 0, y = 0, at = 0;
    while (y < height) {
        if (at + 2 > size)
            return QStringLiteral("the BMP's RLE data ends at row %1 of %2").arg(y).arg(height);
        const int count = bytes[at];
        const int code = bytes[at + 1];
        at += 2;
        if (count > 0) { // a run of `count` pixels
            if (x + count > width)
                return QStringLiteral("row %1 of the BMP's RLE data runs past the width %2")
                    .arg(y)
                    .arg(width);
            if (indices) {
                const uchar pair[1] = { uchar(code) };
                for (int i = 0; i < count; ++i) // RLE4 alternates the byte's two nibbles
                    indices->at<uchar>(int(y), int(x + i))
                        = nibbleOrByte(pair, rle4 ? i % 2 : 0, rle4);
            }
            x += count;
        } else if (code == 0) { // end of line
            if (x != width)
                return QStringLiteral("row %1 of the BMP's RLE data covers %2 of %3 pixels")
                    .arg(y)
                    .arg(x)
                    .arg(width);
            x = 0;
            ++y;
        } else if (code == 1) { // end of bitmap: only after the last pixel
            if (!(y == height - 1 && x == width))
                return QStringLiteral("the BMP's RLE data ends at row %1 of %2").arg(y).arg(height);
            ++y;
        } else if (code == 2) {
            return QStringLiteral("the BMP's RLE data skips pixels (a delta), which decoders "
                                  "fill with a guess");
        } else { // `code` literal pixels, padded to a 16-bit boundary
            const qint64 literalBytes = rle4 ? (code + 1) / 2 : code;
            if (at + literalBytes > size)
                return QStringLiteral("the BMP's RLE data ends at row %1 of %2").arg(y).arg(height);
            if (x + code > width)
                return QStringLiteral("row %1 of the BMP's RLE data runs past the width %2")
                    .arg(y)
                    .arg(width);
            if (indices) {
                for (int i = 0; i < code; ++i)
                    indices->at<uchar>(int(y), int(x + i)) = nibbleOrByte(bytes + at, i, rle4);
            }
            at += literalBytes + (literalBytes & 1);
            x += code;
        }
    }
    return {};
}

QString decodeBmpRle(const QByteArray &file, cv::Mat *rgb)
{
    if (file.size() < 54)
        return QStringLiteral("the BMP header is cut short");
    const quint32 pixelOffset = le32(file, 10);
    const quint32 dibSize = le32(file, 14);
    const qint64 width = qint32(le32(file, 18));
    const qint64 height = qint32(le32(file, 22));
    const int bitsPerPixel = quint8(file[28]) | quint8(file[29]) << 8;
    const bool rle4 = le32(file, 30) == 2;
    if (height < 0)
        return QStringLiteral("a top-down BMP cannot be run-length encoded");
    const quint32 colours = le32(file, 46) ? le32(file, 46) : 1u << bitsPerPixel;
    const qint64 paletteAt = 14 + qint64(dibSize);
    if (colours > 256 || paletteAt + 4 * qint64(colours) > pixelOffset || pixelOffset > file.size())
        return QStringLiteral("the BMP's palette of %1 colours does not fit before its pixel data")
            .arg(colours);
    cv::Mat indices(int(height), int(width), CV_8UC1);
    const QString reason = walkBmpRle(file.mid(pixelOffset), width, height, rle4, &indices);
    if (!reason.isEmpty())
        return reason;
    rgb->create(int(height), int(width), CV_8UC3);
    const auto *palette = reinterpret_cast<const uchar *>(file.constData() + paletteAt);
    for (int row = 0; row < indices.rows; ++row) {
        const uchar *in = indices.ptr<uchar>(row);
        auto *out = rgb->ptr<cv::Vec3b>(int(height) - 1 - row); // the stream is bottom-up
        for (int x = 0; x < indices.cols; ++x) {
            if (in[x] >= colours)
                return QStringLiteral("pixel index %1 is outside the BMP's palette of %2 colours")
                    .arg(in[x])
                    .arg(colours);
            const uchar *entry = palette + 4 * in[x]; // blue, green, red, reserved
            out[x] = cv::Vec3b(entry[2], entry[1], entry[0]);
        }
    }
    return {};
}

} // namespace pluvia::core
