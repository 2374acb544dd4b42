// SPDX-License-Identifier: GPL-3.0-or-later
// Checkpoints are verified before LibTorch reads them (issue 18): Pluvia seals what it writes
// with a SHA-256 of the archive, every archive's CRC-32s are checked (LibTorch ignores them: a
// damaged checkpoint derained to an all-black image), and an archive whose code records define
// methods (which loading would compile and could run) is refused. Python's zipfile is the
// independent reader of the archive's records and CRCs.
#include "core/analysis/rain_features.h"
#include "core/catalogue/method_catalog.h"
#include "core/catalogue/method_params_p.h"
#include "core/checkpoint/archive_integrity_p.h"
#include "core/checkpoint/checkpoint_info.h"
#include "core/checkpoint/checkpoint_p.h"

#include "models/framework/method_registry.h"
#include "support/engine_fixtures.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest/QtTest>

#include <torch/script.h>

#include <limits>
#include <sstream>

using namespace pluvia;

namespace {

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeAll(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

// Where Python's zipfile finds the data of `record` (offset and size), the independent reader.
std::pair<qint64, qint64> recordSpan(const QString &zip, const QString &record)
{
    QProcess python;
    python.start(qEnvironmentVariable("PLUVIA_TORCH_PYTHON", QStringLiteral("/usr/bin/python3")),
        { QStringLiteral("-c"),
            QStringLiteral("import sys, zipfile, struct\n"
                           "z = zipfile.ZipFile(sys.argv[1]); i = z.getinfo(sys.argv[2])\n"
                           "f = open(sys.argv[1], 'rb'); f.seek(i.header_offset)\n"
                           "h = f.read(30); n, e = struct.unpack('<HH', h[26:30])\n"
                           "print(i.header_offset + 30 + n + e, i.compress_size)"),
            zip, record });
    python.waitForFinished(60000);
    const QStringList fields = QString::fromUtf8(python.readAllStandardOutput()).split(' ');
    return fields.size() == 2 ? std::pair { fields[0].toLongLong(), fields[1].toLongLong() }
                              : std::pair<qint64, qint64> { -1, -1 };
}

} // namespace

class TestCheckpointIntegrity : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_checkpoint;
    std::unique_ptr<models::Method> m_method;
    core::CheckpointInfo m_info;

private Q_SLOTS:
    void initTestCase()
    {
        QJsonObject json;
        QVERIFY(core::resolveMethodParameters(QStringLiteral("supervised"), QStringLiteral("quick"),
            test::tinySupervisedOverrides(), &json)
                    .isEmpty());
        models::Params params;
        QString error;
        QVERIFY(core::paramsFromJson(
            *models::findMethod("supervised"), json, &params, &error, nullptr));
        std::string createError;
        m_method = models::createMethod("supervised", params, torch::kCPU, 1, &createError);
        QVERIFY(m_method);
        m_info.runId = QStringLiteral("20261207-101502-supervised");
        m_info.method = QStringLiteral("supervised");
        m_info.params = json;
        m_info.step = 4;
        m_info.totalSteps = 8;
        m_checkpoint = m_dir.filePath(QStringLiteral("step-00000004.pt"));
        QCOMPARE(core::saveCheckpoint(m_checkpoint, m_info, *m_method), QString());
    }

    void writtenCheckpointsAreSealed()
    {
        const QByteArray bytes = readAll(m_checkpoint);
        const core::ArchiveCheck check = core::checkArchive(bytes);
        QCOMPARE(check.problem, QString());
        QVERIFY(check.sealed);
        // The seal is the zip comment: "pluvia-sha256:" and the SHA-256 of every byte before
        // the comment's length field (the end record is the last 22 + 78 bytes).
        const qsizetype end = bytes.size() - 22 - 78;
        QCOMPARE(bytes.mid(end, 4), QByteArray("PK\x05\x06", 4));
        QCOMPARE(bytes.mid(end + 22),
            QByteArray("pluvia-sha256:")
                + QCryptographicHash::hash(bytes.left(end + 20), QCryptographicHash::Sha256)
                      .toHex());
        QString error;
        QVERIFY2(core::readCheckpointInfo(m_checkpoint, &error), qPrintable(error));
    }

    // One byte flipped inside a weight tensor's record: the seal catches it; without the seal
    // (a file from elsewhere), the record's CRC-32 does.
    void damagedWeightsAreRefused()
    {
        const QByteArray sound = readAll(m_checkpoint);
        const auto [offset, size] = recordSpan(m_checkpoint, QStringLiteral("archive/data/0"));
        QVERIFY2(offset > 0 && size > 16, qPrintable(QString::number(offset)));
        QByteArray damaged = sound;
        damaged[offset + size / 2] = char(damaged[offset + size / 2] ^ 0x40);
        const QString sealedCopy = m_dir.filePath(QStringLiteral("sealed.pt"));
        QVERIFY(writeAll(sealedCopy, damaged));
        QString error;
        QVERIFY(!core::readCheckpointInfo(sealedCopy, &error));
        QVERIFY2(
            error.startsWith(QDir::toNativeSeparators(sealedCopy)
                + QStringLiteral(": not a readable checkpoint, damaged or unsafe (its SHA-256 ")),
            qPrintable(error));

        QByteArray unsealed = damaged.left(damaged.size() - 78);
        unsealed[unsealed.size() - 2] = 0; // comment length 0: as LibTorch writes it
        unsealed[unsealed.size() - 1] = 0;
        const QString plainCopy = m_dir.filePath(QStringLiteral("plain.pt"));
        QVERIFY(writeAll(plainCopy, unsealed));
        QVERIFY(!core::readCheckpointInfo(plainCopy, &error));
        QVERIFY2(
            error.contains(QStringLiteral("record archive/data/0 has CRC-32 ")), qPrintable(error));
        // The same file undamaged and unsealed is read (older checkpoints, the starter models).
        QByteArray plainSound = sound.left(sound.size() - 78);
        plainSound[plainSound.size() - 2] = 0;
        plainSound[plainSound.size() - 1] = 0;
        QVERIFY(writeAll(plainCopy, plainSound));
        QVERIFY2(core::readCheckpointInfo(plainCopy, &error), qPrintable(error));
        QVERIFY(!core::checkArchive(plainSound).sealed);
    }

    void cutShortIsRefused()
    {
        const QByteArray sound = readAll(m_checkpoint);
        const QString cut = m_dir.filePath(QStringLiteral("cut.pt"));
        QVERIFY(writeAll(cut, sound.left(sound.size() * 2 / 3)));
        QString error;
        QVERIFY(!core::readCheckpointInfo(cut, &error));
        QVERIFY2(error.contains(QStringLiteral("no zip directory at its end")), qPrintable(error));
    }

    // A TorchScript archive whose code defines a method: loading would compile it, and methods
    // such as __setstate__ run while an archive is read. Refused before LibTorch sees it.
    void archivesWithCodeAreRefused()
    {
        torch::jit::Module module("Payload");
        module.register_attribute("pluvia_meta", c10::StringType::get(), std::string("{}"));
        module.define("def forward(self, x: int) -> int:\n    return x + 1\n");
        std::ostringstream stream;
        module.save(stream);
        const std::string bytes = stream.str();
        const QString file = m_dir.filePath(QStringLiteral("code.pt"));
        QVERIFY(writeAll(file, QByteArray::fromStdString(bytes)));
        QString error;
        QVERIFY(!core::readCheckpointInfo(file, &error));
        QVERIFY2(error.contains(QStringLiteral("carries TorchScript code (a method)")),
            qPrintable(error));
    }

    // A sound file holding a diverged run's weights (NaN): t-SNE reported "index
    // -9223372036854775808 is out of bounds" from the domain gap's neighbour search.
    void nonFiniteWeightsAreNamed()
    {
        {
            torch::NoGradGuard noGrad;
            for (const auto &network : m_method->networks())
                for (at::Tensor &parameter : network.second->parameters())
                    parameter.fill_(std::numeric_limits<float>::quiet_NaN());
        }
        const QString diverged = m_dir.filePath(QStringLiteral("diverged.pt"));
        QCOMPARE(core::saveCheckpoint(diverged, m_info, *m_method), QString());
        core::RainFeatureRequest request;
        request.checkpoint = diverged;
        request.data.insert(QStringLiteral("synthetic_paired"),
            test::makePairedDataset(m_dir.filePath(QStringLiteral("data")), 4, 64, 64, 3));
        request.samples = 4;
        request.cropSize = 32;
        const core::RainFeatureReport report = core::extractRainFeatures(request);
        QVERIFY2(
            report.error.startsWith(QDir::toNativeSeparators(diverged) + QStringLiteral(": the ")),
            qPrintable(report.error));
        QVERIFY2(report.error.contains(QStringLiteral("rain layers hold NaN or infinite values")),
            qPrintable(report.error));
    }
};

QTEST_GUILESS_MAIN(TestCheckpointIntegrity)
#include "test_checkpoint_integrity.moc"
