// SPDX-License-Identifier: GPL-3.0-or-later
// Atomic writes that say why they failed (issue 18: a full disk was reported as "Unknown error"
// or "Writing canceled by application"). A file-size limit (RLIMIT_FSIZE) makes write() fail
// with EFBIG deterministically on any file system; on a tiny tmpfs (when this process may mount
// one) the failure is the real ENOSPC.
#include "core/atomic_file.h"
#include "core/image/image_io_p.h"

#include "support/test_support.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest/QtTest>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>

using namespace pluvia::core;

namespace {

QByteArray contents(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestAtomicFile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void writesAndReplaces()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("a.txt"));
        QCOMPARE(writeFileAtomically(path, "first"), QString());
        QCOMPARE(writeFileAtomically(path, "second"), QString());
        QCOMPARE(contents(path), QByteArray("second"));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList { "a.txt" });
        // The mode follows the umask, as for any file the user creates (mkstemp's is 0600).
        const mode_t mask = umask(0);
        umask(mask);
        struct stat written {
        };
        QCOMPARE(stat(QFile::encodeName(path).constData(), &written), 0);
        QCOMPARE(int(written.st_mode & 0777), int(0666 & ~mask));
    }

    void failureNamesTheFileAndTheSystemsReason()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("big.bin"));
        QCOMPARE(writeFileAtomically(path, "old content"), QString());
        rlimit saved {};
        QCOMPARE(getrlimit(RLIMIT_FSIZE, &saved), 0);
        const auto previous = std::signal(SIGXFSZ, SIG_IGN); // write() then fails with EFBIG
        rlimit limited = saved;
        limited.rlim_cur = 1 << 20;
        QCOMPARE(setrlimit(RLIMIT_FSIZE, &limited), 0);
        const QString error = writeFileAtomically(path, QByteArray(2 << 20, 'x'));
        setrlimit(RLIMIT_FSIZE, &saved);
        std::signal(SIGXFSZ, previous);
        QCOMPARE(error,
            QStringLiteral("%1: cannot write: %2")
                .arg(QDir::toNativeSeparators(path), QString::fromLocal8Bit(std::strerror(EFBIG))));
        QCOMPARE(contents(path), QByteArray("old content")); // untouched
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList { "big.bin" });
        QVERIFY(!isDiskFull(error));
        QVERIFY(isDiskFull(
            QStringLiteral("x: cannot write: ") + QString::fromLocal8Bit(std::strerror(ENOSPC))));
    }

    // The message was "Cannot write image …: Unknown error".
    void fullDiskSaysSo()
    {
        QTemporaryDir dir;
        const QByteArray target = QFile::encodeName(dir.path());
        if (mount("tmpfs", target.constData(), "tmpfs", 0, "size=64k") != 0)
            QSKIP(qPrintable(QStringLiteral("cannot mount a tmpfs here (%1); the RLIMIT_FSIZE "
                                            "test covers the reporting")
                                 .arg(QString::fromLocal8Bit(std::strerror(errno)))));
        const QString image = dir.filePath(QStringLiteral("noise.png"));
        const QString error = writeImage(image, pluvia::test::testPicture(512, 512, 16, 3));
        umount(target.constData());
        QVERIFY2(error.startsWith(QStringLiteral("Cannot write image %1: cannot write: ")
                                      .arg(QDir::toNativeSeparators(image))),
            qPrintable(error));
        QVERIFY2(isDiskFull(error), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestAtomicFile)
#include "test_atomic_file.moc"
