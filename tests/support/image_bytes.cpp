// SPDX-License-Identifier: GPL-3.0-or-later
#include "support/image_bytes.h"

#include <QString> // QByteArray concatenation

namespace pluvia::test {

namespace {

// PNG's CRC-32 (ISO 3309, reflected polynomial 0xEDB88320), bit by bit as the spec defines it.
quint32 crc32(const QByteArray &bytes)
{
    quint32 crc = 0xFFFFFFFFu;
    for (const char byte : bytes) {
        crc ^= quint8(byte);
        for (int bit = 0; bit < 8; ++bit)
            crc = crc & 1 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
    }
    return ~crc;
}

QByteArray pngChunk(const QByteArray &type, const QByteArray &data)
{
    const QByteArray typed = type + data;
    return be32(quint32(data.size())) + typed + be32(crc32(typed));
}

} // namespace

QByteArray bytesOf(std::initializer_list<quint32> values)
{
    QByteArray bytes;
    for (const quint32 value : values)
        bytes.append(char(value & 0xFF));
    return bytes;
}

QByteArray be32(quint32 value)
{
    return bytesOf({ value >> 24, value >> 16, value >> 8, value });
}

QByteArray le32(quint32 value)
{
    return bytesOf({ value, value >> 8, value >> 16, value >> 24 });
}

QByteArray le16(quint16 value)
{
    return bytesOf({ value, quint32(value) >> 8 });
}

QByteArray pngDeclaring(quint32 width, quint32 height)
{
    const QByteArray ihdr = be32(width) + be32(height) + bytesOf({ 8, 2, 0, 0, 0 });
    return QByteArray("\x89PNG\r\n\x1A\n", 8) + pngChunk("IHDR", ihdr)
        + pngChunk("IDAT", qCompress(QByteArray(4, '\0')).mid(4)) + pngChunk("IEND", {});
}

QByteArray paletteBmp(
    qint32 width, qint32 height, int bitsPerPixel, quint32 compression, const QByteArray &pixels)
{
    QByteArray palette;
    for (quint32 i = 0; i < 256; ++i)
        palette += bytesOf({ i, i, i, 0 });
    const quint32 offset = 14 + 40 + quint32(palette.size());
    return "BM" + le32(offset + quint32(pixels.size())) + le32(0) + le32(offset) + le32(40)
        + le32(quint32(width)) + le32(quint32(height)) + le16(1) + le16(quint16(bitsPerPixel))
        + le32(compression) + le32(quint32(pixels.size())) + le32(0) + le32(0) + le32(256) + le32(0)
        + palette + pixels;
}

} // namespace pluvia::test
