// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/data/content_hash.h"

#include <QAtomicInteger>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QtConcurrent/QtConcurrentMap>

namespace pluvia::core {

namespace {

QByteArray fileDigest(const QString &root, const QString &path)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    QFile file(path);
    hash.addData(QDir(root).relativeFilePath(path).toUtf8());
    hash.addData(QByteArrayView("\0", 1));
    if (!file.open(QIODevice::ReadOnly)) {
        hash.addData(QByteArrayView("unreadable"));
        return hash.result();
    }
    hash.addData(QByteArray::number(file.size()));
    hash.addData(QByteArrayView("\0", 1));
    hash.addData(&file);
    return hash.result();
}

} // namespace

QString hashFiles(const QString &root, const QStringList &files, const ProgressCallback &progress)
{
    QAtomicInteger<qint64> done = 0;
    const qint64 total = files.size();
    const QList<QByteArray> digests = QtConcurrent::blockingMapped(files, [&](const QString &path) {
        QByteArray digest = fileDigest(root, path);
        const qint64 count = done.fetchAndAddRelaxed(1) + 1;
        if (progress)
            progress(count, total);
        return digest;
    });
    QCryptographicHash combined(QCryptographicHash::Sha256);
    for (const QByteArray &digest : digests)
        combined.addData(digest);
    return QString::fromLatin1(combined.result().toHex());
}

} // namespace pluvia::core
