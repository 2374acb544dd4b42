// SPDX-License-Identifier: GPL-3.0-or-later
#include "support/tensorboard_reader.h"

#include <cstring>

namespace pluvia::test {

namespace {

quint64 readLittleEndian(const QByteArray &bytes, qsizetype at, int count)
{
    quint64 value = 0;
    for (int i = 0; i < count; ++i)
        value |= static_cast<quint64>(static_cast<quint8>(bytes[at + i])) << (8 * i);
    return value;
}

struct Field {
    int number = 0;
    int wireType = 0;
    quint64 integer = 0; // varint, fixed64 or fixed32 bits
    QByteArray bytes; // length-delimited payload
};

bool readVarint(const QByteArray &bytes, qsizetype &at, quint64 &value)
{
    value = 0;
    for (int shift = 0; shift < 64 && at < bytes.size(); shift += 7) {
        const quint8 byte = static_cast<quint8>(bytes[at++]);
        value |= static_cast<quint64>(byte & 0x7F) << shift;
        if (!(byte & 0x80))
            return true;
    }
    return false;
}

bool readFields(const QByteArray &message, std::vector<Field> &fields)
{
    qsizetype at = 0;
    while (at < message.size()) {
        quint64 key = 0;
        if (!readVarint(message, at, key))
            return false;
        Field field;
        field.number = static_cast<int>(key >> 3);
        field.wireType = static_cast<int>(key & 7);
        switch (field.wireType) {
        case 0:
            if (!readVarint(message, at, field.integer))
                return false;
            break;
        case 1:
        case 5: {
            const int count = field.wireType == 1 ? 8 : 4;
            if (message.size() - at < count)
                return false;
            field.integer = readLittleEndian(message, at, count);
            at += count;
            break;
        }
        case 2: {
            quint64 length = 0;
            if (!readVarint(message, at, length)
                || static_cast<quint64>(message.size() - at) < length)
                return false;
            field.bytes = message.mid(at, static_cast<qsizetype>(length));
            at += static_cast<qsizetype>(length);
            break;
        }
        default:
            return false;
        }
        fields.push_back(field);
    }
    return true;
}

} // namespace

quint32 referenceCrc32c(const QByteArray &data)
{
    quint32 crc = 0xFFFFFFFFu;
    for (const char ch : data) {
        crc ^= static_cast<quint8>(ch);
        for (int bit = 0; bit < 8; ++bit)
            crc = (crc >> 1) ^ (0x82F63B78u & (0u - (crc & 1u)));
    }
    return ~crc;
}

quint32 referenceMask(quint32 crc)
{
    return ((crc >> 15) | (crc << 17)) + 0xa282ead8u;
}

QString readRecords(const QByteArray &file, std::vector<QByteArray> &records)
{
    qsizetype at = 0;
    while (at < file.size()) {
        if (file.size() - at < 12)
            return QStringLiteral("truncated header at %1").arg(at);
        const QByteArray lengthBytes = file.mid(at, 8);
        const quint64 length = readLittleEndian(file, at, 8);
        if (readLittleEndian(file, at + 8, 4) != referenceMask(referenceCrc32c(lengthBytes)))
            return QStringLiteral("length CRC mismatch at %1").arg(at);
        at += 12;
        if (static_cast<quint64>(file.size() - at) < length + 4)
            return QStringLiteral("truncated data at %1").arg(at);
        const QByteArray data = file.mid(at, static_cast<qsizetype>(length));
        at += static_cast<qsizetype>(length);
        if (readLittleEndian(file, at, 4) != referenceMask(referenceCrc32c(data)))
            return QStringLiteral("data CRC mismatch at %1").arg(at);
        at += 4;
        records.push_back(data);
    }
    return {};
}

bool parseEvent(const QByteArray &data, Event &event)
{
    std::vector<Field> fields;
    if (!readFields(data, fields))
        return false;
    for (const Field &field : fields) {
        if (field.number == 1 && field.wireType == 1) {
            std::memcpy(&event.wallTime, &field.integer, sizeof(double));
        } else if (field.number == 2 && field.wireType == 0) {
            event.step = static_cast<qint64>(field.integer);
        } else if (field.number == 3 && field.wireType == 2) {
            event.fileVersion = field.bytes;
        } else if (field.number == 5 && field.wireType == 2) {
            std::vector<Field> values;
            if (!readFields(field.bytes, values))
                return false;
            for (const Field &value : values) {
                std::vector<Field> parts;
                if (value.number != 1 || value.wireType != 2 || !readFields(value.bytes, parts))
                    return false;
                Scalar scalar;
                for (const Field &part : parts) {
                    if (part.number == 1 && part.wireType == 2)
                        scalar.tag = QString::fromUtf8(part.bytes);
                    if (part.number == 2 && part.wireType == 5) {
                        const auto bits = static_cast<quint32>(part.integer);
                        std::memcpy(&scalar.value, &bits, sizeof(float));
                    }
                }
                event.scalars.push_back(scalar);
            }
        } else {
            return false;
        }
    }
    return true;
}

} // namespace pluvia::test
