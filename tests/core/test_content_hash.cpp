// SPDX-License-Identifier: GPL-3.0-or-later
// Content hashes of a run's data (issue 18: a manifest of 200,000 files was hashed for minutes
// before every run, and SIGTERM was ignored meanwhile). The hash is checked against its
// definition computed here with QCryptographicHash; the digest cache is shown to be used (a
// file rewritten with its size and modification time kept still hashes as before: the
// documented size+mtime contract) and to be bypassed when either changes; a progress callback
// that says no cancels.
#include "core/data/content_hash.h"

#include "support/test_support.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest/QtTest>

#include <atomic>

using namespace pluvia::core;

namespace {

// The definition in content_hash.h, for whole files.
QString expectedHash(const QString &root, const QStringList &files)
{
    QCryptographicHash combined(QCryptographicHash::Sha256);
    for (const QString &path : files) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return {};
        const QByteArray bytes = file.readAll();
        QCryptographicHash one(QCryptographicHash::Sha256);
        const QByteArray record = QDir(root).relativeFilePath(path).toUtf8() + QByteArray(1, '\0')
            + QByteArray::number(bytes.size()) + QByteArray(1, '\0') + bytes;
        one.addData(record);
        combined.addData(one.result());
    }
    return QString::fromLatin1(combined.result().toHex());
}

void rewriteKeepingTime(const QString &path, const QByteArray &bytes)
{
    const QDateTime modified = QFileInfo(path).lastModified();
    pluvia::test::writeBytes(path, bytes);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadWrite));
    QVERIFY(file.setFileTime(modified, QFileDevice::FileModificationTime));
}

} // namespace

class TestContentHash : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void hashIsItsDefinitionAndTheCacheIsUsed()
    {
        QTemporaryDir dir;
        const QString root = dir.filePath(QStringLiteral("data"));
        QStringList files;
        for (int i = 0; i < 40; ++i) {
            files << QDir(root).filePath(QStringLiteral("img/%1.png").arg(i));
            pluvia::test::writeBytes(files.back(), QByteArray(100 + i, char('a' + i % 26)));
        }
        const QString before = expectedHash(root, files);
        QCOMPARE(hashFiles(root, files).value_or(QString()), before);

        HashOptions cached;
        cached.cacheFile = dir.filePath(QStringLiteral("ws/cache/file-digests"));
        QCOMPARE(hashFiles(root, files, cached).value_or(QString()), before);
        QVERIFY(QFile::exists(cached.cacheFile));

        // Same size, same modification time, other bytes: the cache answers (not re-read).
        rewriteKeepingTime(files[7], QByteArray(107, 'Z'));
        const QString after = expectedHash(root, files);
        QVERIFY(after != before);
        QCOMPARE(hashFiles(root, files, cached).value_or(QString()), before);
        QCOMPARE(hashFiles(root, files).value_or(QString()), after); // without the cache

        // A new modification time (or size) is read again, and the cache learns it.
        QFile file(files[7]);
        QVERIFY(file.open(QIODevice::ReadWrite));
        QVERIFY(file.setFileTime(
            QDateTime::currentDateTime().addSecs(5), QFileDevice::FileModificationTime));
        file.close();
        QCOMPARE(hashFiles(root, files, cached).value_or(QString()), after);
        rewriteKeepingTime(files[7], QByteArray(107, 'Y'));
        QCOMPARE(hashFiles(root, files, cached).value_or(QString()), after);

        // A damaged cache is rebuilt, not trusted.
        pluvia::test::writeBytes(cached.cacheFile, QByteArray("PLD1 and then garbage"));
        QCOMPARE(hashFiles(root, files, cached).value_or(QString()), expectedHash(root, files));
    }

    void progressCancels()
    {
        QTemporaryDir dir;
        QStringList files;
        for (int i = 0; i < 200; ++i) {
            files << dir.filePath(QStringLiteral("%1.png").arg(i));
            pluvia::test::writeBytes(files.back(), QByteArray(64, char(i)));
        }
        std::atomic<qint64> calls = 0;
        HashOptions options;
        options.progress = [&](qint64 done, qint64 total) {
            ++calls;
            return done < 10 && total == 200;
        };
        QVERIFY(!hashFiles(dir.path(), files, options).has_value());
        // Files already underway finish; the rest are skipped (one worker per core).
        QVERIFY2(calls < 10 + 2 * QThread::idealThreadCount(),
            qPrintable(QString::number(calls.load())));
    }
};

QTEST_GUILESS_MAIN(TestContentHash)
#include "test_content_hash.moc"
