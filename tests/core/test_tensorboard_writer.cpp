// SPDX-License-Identifier: GPL-3.0-or-later
// The TensorBoard event writer, checked against the published CRC32C check values and an
// independent reader written here from the TFRecord and protobuf wire-format specifications.
#include "core/store/crc32c_p.h"
#include "core/store/tensorboard_writer.h"

#include "support/test_support.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <cstring>
#include <vector>

using namespace pluvia::core;

namespace {

// Bit-at-a-time CRC32C: a second code path next to the writer's table-driven one.
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

quint64 readLittleEndian(const QByteArray &bytes, qsizetype at, int count)
{
    quint64 value = 0;
    for (int i = 0; i < count; ++i)
        value |= static_cast<quint64>(static_cast<quint8>(bytes[at + i])) << (8 * i);
    return value;
}

// Splits a TFRecord stream into its data payloads, verifying both CRCs of every record.
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

struct Scalar {
    QString tag;
    float value = 0.0f;
};

struct Event {
    double wallTime = -1.0;
    qint64 step = 0;
    QByteArray fileVersion;
    std::vector<Scalar> scalars;
};

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

QByteArray readAll(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

QStringList eventFiles(const QString &folder)
{
    return QDir(folder).entryList({ QStringLiteral("events.out.tfevents.*") }, QDir::Files);
}

} // namespace

class TestTensorBoardWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void crc32c_data()
    {
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<quint32>("expected");
        // The CRC-32C catalogue's check value, and the RFC 3720 (iSCSI) B.4 test vectors.
        QTest::newRow("check") << QByteArrayLiteral("123456789") << 0xE3069283u;
        QTest::newRow("32 zeros") << QByteArray(32, '\0') << 0x8A9136AAu;
        QTest::newRow("32 ones") << QByteArray(32, '\xFF') << 0x62A8AB43u;
        QTest::newRow("empty") << QByteArray() << 0u;
    }
    void crc32c()
    {
        QFETCH(QByteArray, data);
        QFETCH(quint32, expected);
        QCOMPARE(pluvia::core::crc32c(data), expected);
        QCOMPARE(referenceCrc32c(data), expected);
    }

    void mask()
    {
        // By hand: 0xE3069283 rotated right by 15 is 0x2507C60D; + 0xA282EAD8 = 0xC78AB0E5 mod
        // 2^32.
        QCOMPARE(maskedCrc32c(QByteArrayLiteral("123456789")), 0xC78AB0E5u);
        // crc32c("") = 0 rotates to 0, leaving the delta alone.
        QCOMPARE(maskedCrc32c(QByteArray()), 0xa282ead8u);
    }

    void roundTrip()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString folder = dir.filePath(QStringLiteral("runs/run1"));

        const double before = static_cast<double>(QDateTime::currentSecsSinceEpoch());
        TensorBoardWriter writer;
        QCOMPARE(writer.open(folder), QString());
        QVERIFY(writer.isOpen());
        const double after = static_cast<double>(QDateTime::currentSecsSinceEpoch()) + 1.0;

        struct Expected {
            QString tag;
            qint64 step;
            double wallTime;
            float value;
        };
        const std::vector<Expected> expected = {
            { QStringLiteral("loss/total"), 0, 1700000000.25, 0.25f },
            { QStringLiteral("psnr"), 1000, 1700000100.5, 31.125f },
            // Past 32 bits, and a non-ASCII tag (UTF-8 on disk).
            { QStringLiteral("ssim/\u00fc"), 5000000000LL, 1700000200.0, -1.0e-3f },
        };
        for (const Expected &e : expected)
            QCOMPARE(writer.addScalar(e.tag, e.step, e.wallTime, e.value), QString());

        // Atomic: nothing carries the final name until close().
        QVERIFY(!QFile::exists(writer.fileName()));
        QVERIFY(eventFiles(folder).isEmpty());
        QCOMPARE(writer.close(), QString());
        QVERIFY(!writer.isOpen());
        QCOMPARE(eventFiles(folder).size(), 1);
        QCOMPARE(QDir(folder).entryList(QDir::Files), eventFiles(folder)); // no temporary left

        const QString name = QFileInfo(writer.fileName()).fileName();
        const QRegularExpressionMatch match
            = QRegularExpression(QStringLiteral("^events\\.out\\.tfevents\\.(\\d+)\\..+\\.pluvia$"))
                  .match(name);
        QVERIFY2(match.hasMatch(), qPrintable(name));

        std::vector<QByteArray> records;
        QCOMPARE(readRecords(readAll(writer.fileName()), records), QString());
        QCOMPARE(records.size(), expected.size() + 1);

        Event first;
        QVERIFY(parseEvent(records[0], first));
        QCOMPARE(first.fileVersion, QByteArrayLiteral("brain.Event:2"));
        QVERIFY(first.scalars.empty());
        QVERIFY2(first.wallTime >= before && first.wallTime <= after,
            qPrintable(QString::number(first.wallTime, 'f', 3)));
        QCOMPARE(match.captured(1).toLongLong(), static_cast<qint64>(first.wallTime));

        for (size_t i = 0; i < expected.size(); ++i) {
            Event event;
            QVERIFY(parseEvent(records[i + 1], event));
            QCOMPARE(event.fileVersion, QByteArray());
            QCOMPARE(event.step, expected[i].step);
            QCOMPARE(event.wallTime, expected[i].wallTime);
            QCOMPARE(event.scalars.size(), size_t(1));
            QCOMPARE(event.scalars[0].tag, expected[i].tag);
            QCOMPARE(event.scalars[0].value, expected[i].value);
        }
    }

    void corruptedByte_data()
    {
        QTest::addColumn<int>("offset");
        QTest::addColumn<QString>("expected");
        // Record 0 is 8 length bytes, 4 CRC bytes, the data, 4 CRC bytes.
        QTest::newRow("length") << 3 << QStringLiteral("length CRC mismatch");
        QTest::newRow("length crc") << 9 << QStringLiteral("length CRC mismatch");
        QTest::newRow("data") << 14 << QStringLiteral("data CRC mismatch");
        QTest::newRow("data crc") << -1 << QStringLiteral("data CRC mismatch");
    }
    void corruptedByte()
    {
        QFETCH(int, offset);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        TensorBoardWriter writer;
        QCOMPARE(writer.open(dir.path()), QString());
        QCOMPARE(writer.addScalar(QStringLiteral("loss"), 7, 1700000000.0, 1.5f), QString());
        QCOMPARE(writer.close(), QString());

        QByteArray bytes = readAll(writer.fileName());
        std::vector<QByteArray> records;
        QCOMPARE(readRecords(bytes, records), QString());
        QCOMPARE(records.size(), size_t(2));

        const qsizetype at = offset >= 0 ? offset : 12 + records[0].size() + 3;
        bytes[at] = static_cast<char>(bytes[at] ^ 0x01);
        records.clear();
        QVERIFY(readRecords(bytes, records).startsWith(expected));
    }

    void destructorCommits()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QString fileName;
        {
            TensorBoardWriter writer;
            QCOMPARE(writer.open(dir.path()), QString());
            QCOMPARE(writer.addScalar(QStringLiteral("lr"), 3, 1700000000.0, 2.0e-4f), QString());
            fileName = writer.fileName();
        }
        std::vector<QByteArray> records;
        QCOMPARE(readRecords(readAll(fileName), records), QString());
        QCOMPARE(records.size(), size_t(2));
        Event event;
        QVERIFY(parseEvent(records[1], event));
        QCOMPARE(event.step, qint64(3));
        QCOMPARE(event.scalars.at(0).value, 2.0e-4f);
    }

    void unwritableFolder()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        // A folder below a plain file cannot be created, even by root.
        const QString plain = dir.filePath(QStringLiteral("plain"));
        pluvia::test::writeBytes(plain, QByteArrayLiteral("x"));
        const QString folder = plain + QStringLiteral("/runs");

        TensorBoardWriter writer;
        const QString error = writer.open(folder);
        QVERIFY2(error.contains(QDir::toNativeSeparators(folder)), qPrintable(error));
        QVERIFY(!writer.isOpen());
        QVERIFY(!writer.addScalar(QStringLiteral("loss"), 1, 1700000000.0, 1.0f).isEmpty());
        QCOMPARE(writer.close(), QString());
    }

    void emptyTagRejected()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        TensorBoardWriter writer;
        QCOMPARE(writer.open(dir.path()), QString());
        const QString error = writer.addScalar(QString(), 1, 1700000000.0, 1.0f);
        QVERIFY2(error.contains(QDir::toNativeSeparators(writer.fileName())), qPrintable(error));
        QCOMPARE(writer.close(), QString());
        std::vector<QByteArray> records;
        QCOMPARE(readRecords(readAll(writer.fileName()), records), QString());
        QCOMPARE(records.size(), size_t(1)); // only the file_version event
    }
};

QTEST_GUILESS_MAIN(TestTensorBoardWriter)
#include "test_tensorboard_writer.moc"
