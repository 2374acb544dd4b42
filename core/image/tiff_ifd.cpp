// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/image/tiff_ifd_p.h"

#include "core/image/image_header_p.h"

#include <QBuffer>
#include <QIODevice>

namespace pluvia::core {

namespace {

// A directory with more entries than this is not a real image (guards against reading a
// corrupt count as 65,535 entries).
constexpr int kMaxIfdEntries = 4096;

enum TiffType : quint16 { kByte = 1, kShort = 3, kLong = 4 };

class Endian
{
public:
    explicit Endian(bool little)
        : m_little(little)
    { }
    quint16 u16(const char *p) const
    {
        const auto *b = reinterpret_cast<const uchar *>(p);
        return m_little ? quint16(b[0] | b[1] << 8) : quint16(b[0] << 8 | b[1]);
    }
    quint32 u32(const char *p) const
    {
        const auto *b = reinterpret_cast<const uchar *>(p);
        return m_little
            ? quint32(b[0]) | quint32(b[1]) << 8 | quint32(b[2]) << 16 | quint32(b[3]) << 24
            : quint32(b[0]) << 24 | quint32(b[1]) << 16 | quint32(b[2]) << 8 | quint32(b[3]);
    }

private:
    bool m_little;
};

// The first value of an entry: inline when it fits in the 4-byte value field, else at the
// offset the field holds (bits per sample for RGB is stored that way).
quint32 firstValue(QIODevice &device, qint64 base, const Endian &endian, const char *entry)
{
    const quint16 type = endian.u16(entry + 2);
    const quint32 count = endian.u32(entry + 4);
    const int size = type == kShort ? 2 : type == kLong ? 4 : type == kByte ? 1 : 0;
    if (size == 0 || count == 0)
        return 0;
    QByteArray external;
    const char *value = entry + 8;
    if (qint64(size) * count > 4) {
        external = readBytesAt(device, base + endian.u32(entry + 8), size);
        if (external.size() < size)
            return 0;
        value = external.constData();
    }
    if (type == kShort)
        return endian.u16(value);
    if (type == kLong)
        return endian.u32(value);
    return quint8(value[0]);
}

} // namespace

QString readTiffIfd0(QIODevice &device, qint64 base, TiffFields *fields)
{
    const QByteArray header = readBytesAt(device, base, 8);
    if (header.size() < 8)
        return QStringLiteral("the TIFF header is cut short");
    const bool little = header.startsWith(QByteArray("II*\0", 4));
    if (!little && !header.startsWith(QByteArray("MM\0*", 4)))
        return QStringLiteral("the TIFF header has no valid byte-order mark");
    const Endian endian(little);
    const qint64 ifdOffset = base + endian.u32(header.constData() + 4);
    const QByteArray countBytes = readBytesAt(device, ifdOffset, 2);
    if (countBytes.size() < 2)
        return QStringLiteral("the first image directory lies beyond the end of the data");
    const int count = endian.u16(countBytes.constData());
    if (count == 0 || count > kMaxIfdEntries)
        return QStringLiteral("the first image directory has %1 entries").arg(count);
    const QByteArray entries = readBytesAt(device, ifdOffset + 2, qint64(count) * 12);
    if (entries.size() < count * 12)
        return QStringLiteral("the first image directory is cut short");
    for (int i = 0; i < count; ++i) {
        const char *entry = entries.constData() + i * 12;
        const quint16 tag = endian.u16(entry);
        switch (tag) {
        case 256:
            fields->width = firstValue(device, base, endian, entry);
            break;
        case 257:
            fields->height = firstValue(device, base, endian, entry);
            break;
        case 258:
            fields->bitsPerSample = int(firstValue(device, base, endian, entry));
            break;
        case 259:
            fields->compression = int(firstValue(device, base, endian, entry));
            break;
        case 262:
            fields->photometric = int(firstValue(device, base, endian, entry));
            break;
        case 274:
            fields->orientation = int(firstValue(device, base, endian, entry));
            break;
        case 277:
            fields->samplesPerPixel = int(firstValue(device, base, endian, entry));
            break;
        case 339:
            fields->sampleFormat = int(firstValue(device, base, endian, entry));
            break;
        default:
            break;
        }
    }
    return {};
}

int exifOrientation(const QByteArray &tiffBlock)
{
    QBuffer buffer;
    buffer.setData(tiffBlock);
    if (!buffer.open(QIODevice::ReadOnly))
        return 1;
    TiffFields fields;
    if (!readTiffIfd0(buffer, 0, &fields).isEmpty())
        return 1;
    return fields.orientation >= 1 && fields.orientation <= 8 ? fields.orientation : 1;
}

} // namespace pluvia::core
