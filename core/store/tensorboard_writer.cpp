// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/store/tensorboard_writer.h"

#include "core/atomic_file.h"
#include "core/store/crc32c_p.h"

#include <QDateTime>
#include <QDir>
#include <QSysInfo>

#include <cstring>
#include <utility>

namespace pluvia::core {

namespace {

// Protocol buffer wire types.
constexpr int kVarint = 0;
constexpr int kFixed64 = 1;
constexpr int kLengthDelimited = 2;
constexpr int kFixed32 = 5;

void appendVarint(QByteArray &out, quint64 value)
{
    while (value >= 0x80) {
        out.append(static_cast<char>((value & 0x7F) | 0x80));
        value >>= 7;
    }
    out.append(static_cast<char>(value));
}

void appendKey(QByteArray &out, int field, int wireType)
{
    appendVarint(out, (static_cast<quint64>(field) << 3) | static_cast<quint64>(wireType));
}

// Little-endian regardless of the host, as the wire format and the record framing require.
void appendLittleEndian(QByteArray &out, quint64 bits, int bytes)
{
    for (int i = 0; i < bytes; ++i)
        out.append(static_cast<char>((bits >> (8 * i)) & 0xFF));
}

void appendDouble(QByteArray &out, int field, double value)
{
    quint64 bits = 0;
    std::memcpy(&bits, &value, sizeof bits);
    appendKey(out, field, kFixed64);
    appendLittleEndian(out, bits, 8);
}

void appendFloat(QByteArray &out, int field, float value)
{
    quint32 bits = 0;
    std::memcpy(&bits, &value, sizeof bits);
    appendKey(out, field, kFixed32);
    appendLittleEndian(out, bits, 4);
}

void appendBytes(QByteArray &out, int field, const QByteArray &bytes)
{
    appendKey(out, field, kLengthDelimited);
    appendVarint(out, static_cast<quint64>(bytes.size()));
    out.append(bytes);
}

// Field numbers from tensorflow/core/util/event.proto and framework/summary.proto.
namespace eventField {
constexpr int kWallTime = 1;
constexpr int kStep = 2;
constexpr int kFileVersion = 3;
constexpr int kSummary = 5;
} // namespace eventField
namespace summaryField {
constexpr int kValue = 1;
constexpr int kTag = 1;
constexpr int kSimpleValue = 2;
} // namespace summaryField

QByteArray record(const QByteArray &data)
{
    QByteArray length;
    appendLittleEndian(length, static_cast<quint64>(data.size()), 8);
    QByteArray out = length;
    appendLittleEndian(out, maskedCrc32c(length), 4);
    out.append(data);
    appendLittleEndian(out, maskedCrc32c(data), 4);
    return out;
}

QString hostName()
{
    // The host name becomes part of a file name: keep it to characters safe everywhere.
    QString name = QSysInfo::machineHostName();
    for (QChar &ch : name) {
        if (!ch.isLetterOrNumber() && ch != QLatin1Char('-') && ch != QLatin1Char('.'))
            ch = QLatin1Char('_');
    }
    return name.isEmpty() ? QStringLiteral("localhost") : name;
}

} // namespace

TensorBoardWriter::TensorBoardWriter() = default;

TensorBoardWriter::~TensorBoardWriter()
{
    close();
}

QString TensorBoardWriter::open(const QString &folder)
{
    close();
    if (!QDir().mkpath(folder))
        return QStringLiteral("cannot create folder %1").arg(QDir::toNativeSeparators(folder));

    const qint64 msecs = QDateTime::currentMSecsSinceEpoch();
    m_fileName = QDir(folder).filePath(
        QStringLiteral("events.out.tfevents.%1.%2.pluvia").arg(msecs / 1000).arg(hostName()));
    m_open = true;
    m_events.clear();

    QByteArray first;
    appendDouble(first, eventField::kWallTime, static_cast<double>(msecs) / 1000.0);
    appendBytes(first, eventField::kFileVersion, QByteArrayLiteral("brain.Event:2"));
    writeEvent(first);
    return {};
}

QString TensorBoardWriter::addScalar(const QString &tag, qint64 step, double wallTime, float value)
{
    if (!m_open)
        return QStringLiteral("cannot add scalar \"%1\": no event file is open").arg(tag);
    if (tag.isEmpty())
        return QStringLiteral("cannot add a scalar with an empty tag to %1")
            .arg(QDir::toNativeSeparators(m_fileName));

    QByteArray valueBytes;
    appendBytes(valueBytes, summaryField::kTag, tag.toUtf8());
    appendFloat(valueBytes, summaryField::kSimpleValue, value);
    QByteArray summaryBytes;
    appendBytes(summaryBytes, summaryField::kValue, valueBytes);

    QByteArray scalarEvent;
    appendDouble(scalarEvent, eventField::kWallTime, wallTime);
    // int64 fields are varints of the two's-complement bits (negative steps take 10 bytes).
    appendKey(scalarEvent, eventField::kStep, kVarint);
    appendVarint(scalarEvent, static_cast<quint64>(step));
    appendBytes(scalarEvent, eventField::kSummary, summaryBytes);
    writeEvent(scalarEvent);
    return {};
}

void TensorBoardWriter::writeEvent(const QByteArray &event)
{
    m_events += record(event);
}

QString TensorBoardWriter::close()
{
    if (!m_open)
        return {};
    m_open = false;
    return writeFileAtomically(m_fileName, std::exchange(m_events, QByteArray()));
}

void TensorBoardWriter::discard()
{
    m_open = false;
    m_events.clear();
}

bool TensorBoardWriter::isOpen() const
{
    return m_open;
}

QString TensorBoardWriter::fileName() const
{
    return m_fileName;
}

} // namespace pluvia::core
