// SPDX-License-Identifier: GPL-3.0-or-later
// The TensorBoard event writer, checked against the published CRC32C check values and an
// independent reader (tests/support/tensorboard_reader) written from the TFRecord and protobuf
// wire-format specifications.
#include "core/store/crc32c_p.h"
#include "core/store/tensorboard_writer.h"

#include "support/tensorboard_reader.h"
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

using namespace pluvia::test;

namespace {

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
