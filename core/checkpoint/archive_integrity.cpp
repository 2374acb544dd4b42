// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/checkpoint/archive_integrity_p.h"

#include <QByteArrayList>
#include <QCryptographicHash>

#include <zlib.h>

#include <vector>

namespace pluvia::core {

namespace {

constexpr quint32 kEndSignature = 0x06054b50;
constexpr quint32 kZip64EndSignature = 0x06064b50;
constexpr quint32 kZip64LocatorSignature = 0x07064b50;
constexpr quint32 kCentralSignature = 0x02014b50;
constexpr quint32 kLocalSignature = 0x04034b50;
constexpr qint64 kEndSize = 22;
constexpr qint64 kMaxEntries = 1000000;
constexpr qint64 kMaxCodeRecord = 16 << 20; // a code record's text, inflated
const QByteArray kSealPrefix = QByteArrayLiteral("pluvia-sha256:");
constexpr qint64 kSealSize = 14 + 64;

// Little-endian reads that check the bounds: false when [at, at + n) is outside the data.
class Reader
{
public:
    explicit Reader(const QByteArray &bytes)
        : m_data(reinterpret_cast<const uchar *>(bytes.constData()))
        , m_size(bytes.size())
    { }
    qint64 size() const { return m_size; }
    bool has(qint64 at, qint64 n) const { return at >= 0 && n >= 0 && at <= m_size - n; }
    quint64 u(qint64 at, int bytes) const
    {
        quint64 value = 0;
        for (int i = bytes - 1; i >= 0; --i)
            value = value << 8 | m_data[at + i];
        return value;
    }
    const uchar *at(qint64 offset) const { return m_data + offset; }

private:
    const uchar *m_data;
    qint64 m_size;
};

qint64 findEnd(const Reader &zip)
{
    for (qint64 at = zip.size() - kEndSize; at >= 0 && at >= zip.size() - kEndSize - 0xFFFF; --at)
        if (zip.u(at, 4) == kEndSignature
            && at + kEndSize + qint64(zip.u(at + 20, 2)) == zip.size())
            return at;
    return -1;
}

// CRC-32 of a stored or deflated record, inflating in 64 KB chunks; the text too for a code
// record (`text` non-null). Returns the reason on failure.
QString recordCrc(const uchar *data, qint64 compressed, int method, qint64 uncompressed,
    quint32 *crc, QByteArray *text)
{
    *crc = quint32(crc32(0, nullptr, 0));
    if (method == 0) {
        if (compressed != uncompressed)
            return QStringLiteral("a stored record's sizes differ");
        for (qint64 done = 0; done < compressed;) {
            const uInt chunk = uInt(qMin<qint64>(compressed - done, 1 << 30));
            *crc = quint32(crc32(*crc, data + done, chunk));
            done += chunk;
        }
        if (text)
            *text = QByteArray(reinterpret_cast<const char *>(data), qsizetype(compressed));
        return {};
    }
    if (method != 8)
        return QStringLiteral("compression method %1 is not one LibTorch writes").arg(method);
    z_stream stream {};
    if (inflateInit2(&stream, -MAX_WBITS) != Z_OK)
        return QStringLiteral("zlib could not start");
    std::vector<uchar> out(1 << 16);
    qint64 produced = 0;
    int status = Z_OK;
    qint64 fed = 0;
    while (status != Z_STREAM_END) {
        if (stream.avail_in == 0 && fed < compressed) {
            const uInt chunk = uInt(qMin<qint64>(compressed - fed, 1 << 30));
            stream.next_in = const_cast<uchar *>(data + fed);
            stream.avail_in = chunk;
            fed += chunk;
        }
        stream.next_out = out.data();
        stream.avail_out = uInt(out.size());
        status = inflate(&stream, Z_NO_FLUSH);
        const qint64 n = qint64(out.size()) - stream.avail_out;
        produced += n;
        if (produced > uncompressed || (status != Z_OK && status != Z_STREAM_END)
            || (n == 0 && stream.avail_in == 0 && fed >= compressed && status != Z_STREAM_END)) {
            inflateEnd(&stream);
            return QStringLiteral("its deflated data is damaged");
        }
        *crc = quint32(crc32(*crc, out.data(), uInt(n)));
        if (text) {
            if (text->size() + n > kMaxCodeRecord) {
                inflateEnd(&stream);
                return QStringLiteral("a code record larger than %1 bytes").arg(kMaxCodeRecord);
            }
            text->append(reinterpret_cast<const char *>(out.data()), qsizetype(n));
        }
    }
    inflateEnd(&stream);
    if (produced != uncompressed)
        return QStringLiteral("it inflates to %1 bytes, not the %2 its header says")
            .arg(produced)
            .arg(uncompressed);
    return {};
}

// A code record of a Pluvia checkpoint declares module classes with their attributes; a method
// (`def`) would be compiled by the loader and could run while the archive is read.
bool declaresOnly(const QByteArray &code)
{
    for (const QByteArray &line : code.split('\n')) {
        const QByteArray trimmed = line.trimmed();
        if (trimmed.startsWith("def ") || trimmed.startsWith("@") || trimmed.startsWith("import ")
            || trimmed.startsWith("from "))
            return false;
    }
    return true;
}

} // namespace

ArchiveCheck checkArchive(const QByteArray &bytes)
{
    ArchiveCheck check;
    const Reader zip(bytes);
    const auto fail = [&](const QString &problem) {
        check.problem = problem;
        return check;
    };
    const qint64 end = findEnd(zip);
    if (end < 0)
        return fail(QStringLiteral("no zip directory at its end (cut short?)"));
    const qint64 commentSize = qint64(zip.u(end + 20, 2));
    if (commentSize == kSealSize && bytes.mid(end + kEndSize, kSealPrefix.size()) == kSealPrefix) {
        check.sealed = true;
        const QByteArray expected = bytes.mid(end + kEndSize + kSealPrefix.size(), 64);
        const QByteArray actual = QCryptographicHash::hash(
            QByteArrayView(bytes.constData(), end + 20), QCryptographicHash::Sha256)
                                      .toHex();
        if (actual != expected)
            return fail(QStringLiteral("its SHA-256 %1 differs from the %2 written with it")
                            .arg(QString::fromLatin1(actual.left(16)),
                                QString::fromLatin1(expected.left(16))));
    }
    qint64 entries = qint64(zip.u(end + 10, 2));
    qint64 directory = qint64(zip.u(end + 16, 4));
    const qint64 locator = end - 20;
    if (zip.has(locator, 20) && zip.u(locator, 4) == kZip64LocatorSignature) {
        const qint64 record = qint64(zip.u(locator + 8, 8));
        if (!zip.has(record, 56) || zip.u(record, 4) != kZip64EndSignature)
            return fail(QStringLiteral("its zip64 directory record is missing"));
        entries = qint64(zip.u(record + 32, 8));
        directory = qint64(zip.u(record + 48, 8));
    }
    if (entries <= 0 || entries > kMaxEntries)
        return fail(QStringLiteral("its directory lists %1 records").arg(entries));
    qint64 at = directory;
    for (qint64 i = 0; i < entries; ++i) {
        if (!zip.has(at, 46) || zip.u(at, 4) != kCentralSignature)
            return fail(QStringLiteral("directory entry %1 is damaged").arg(i));
        const int method = int(zip.u(at + 10, 2));
        const quint32 crc = quint32(zip.u(at + 16, 4));
        qint64 compressed = qint64(zip.u(at + 20, 4));
        qint64 uncompressed = qint64(zip.u(at + 24, 4));
        const qint64 nameSize = qint64(zip.u(at + 28, 2));
        const qint64 extraSize = qint64(zip.u(at + 30, 2));
        const qint64 commentLength = qint64(zip.u(at + 32, 2));
        qint64 local = qint64(zip.u(at + 42, 4));
        if (!zip.has(at + 46, nameSize + extraSize + commentLength))
            return fail(QStringLiteral("directory entry %1 is cut short").arg(i));
        const QString name = QString::fromUtf8(
            reinterpret_cast<const char *>(zip.at(at + 46)), qsizetype(nameSize));
        // The zip64 extra field holds, in order, the values marked 0xFFFFFFFF above.
        const qint64 extraEnd = at + 46 + nameSize + extraSize;
        for (qint64 e = at + 46 + nameSize; e + 4 <= extraEnd;) {
            const quint64 id = zip.u(e, 2);
            const qint64 size = qint64(zip.u(e + 2, 2));
            // A sub-field may claim more bytes than the extra area holds (found by fuzzing).
            const qint64 fieldEnd = qMin(e + 4 + size, extraEnd);
            if (id == 1) {
                qint64 field = e + 4;
                for (qint64 *value : { &uncompressed, &compressed, &local }) {
                    if (*value == 0xFFFFFFFF && field + 8 <= fieldEnd) {
                        *value = qint64(zip.u(field, 8));
                        field += 8;
                    }
                }
            }
            e += 4 + size;
        }
        if (!zip.has(local, 30) || zip.u(local, 4) != kLocalSignature)
            return fail(QStringLiteral("record %1's header is damaged").arg(name));
        const qint64 data
            = local + 30 + qint64(zip.u(local + 26, 2)) + qint64(zip.u(local + 28, 2));
        if (compressed < 0 || uncompressed < 0 || !zip.has(data, compressed))
            return fail(QStringLiteral("record %1 extends past the end of the file").arg(name));
        const bool code
            = name.contains(QLatin1String("/code/")) && name.endsWith(QLatin1String(".py"));
        QByteArray text;
        quint32 actual = 0;
        if (const QString why = recordCrc(
                zip.at(data), compressed, method, uncompressed, &actual, code ? &text : nullptr);
            !why.isEmpty())
            return fail(QStringLiteral("record %1: %2").arg(name, why));
        if (actual != crc)
            return fail(QStringLiteral("record %1 has CRC-32 %2, the archive says %3")
                            .arg(name)
                            .arg(actual, 8, 16, QLatin1Char('0'))
                            .arg(crc, 8, 16, QLatin1Char('0')));
        if (code && !declaresOnly(text))
            return fail(QStringLiteral("record %1 carries TorchScript code (a method), which "
                                       "Pluvia's checkpoints never do; it was not loaded")
                            .arg(name));
        at += 46 + nameSize + extraSize + commentLength;
    }
    return check;
}

QByteArray sealArchive(const QByteArray &zip)
{
    const qint64 end = zip.size() - kEndSize;
    if (end < 0 || Reader(zip).u(end, 4) != kEndSignature || Reader(zip).u(end + 20, 2) != 0)
        return {};
    QByteArray sealed = zip;
    const QByteArray hash = QCryptographicHash::hash(
        QByteArrayView(zip.constData(), end + 20), QCryptographicHash::Sha256)
                                .toHex();
    sealed[end + 20] = char(kSealSize & 0xFF);
    sealed[end + 21] = char(kSealSize >> 8);
    sealed += kSealPrefix + hash;
    return sealed;
}

} // namespace pluvia::core
