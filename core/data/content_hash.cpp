// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/data/content_hash.h"

#include "core/atomic_file.h"

#include <QCryptographicHash>
#include <QDataStream>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QtConcurrent/QtConcurrentMap>

#include <atomic>

namespace pluvia::core {

namespace {

constexpr quint32 kCacheMagic = 0x504c4431; // "PLD1"

// What a cached digest was computed from: the file's size and modification time (ms), and the
// root its path was taken relative to (part of the digest).
struct CachedDigest {
    qint64 size = -1;
    qint64 modifiedMs = 0;
    QByteArray digest;
};

QString cacheKey(const QString &root, const QString &path)
{
    return root + QLatin1Char('\n') + path;
}

QHash<QString, CachedDigest> readCache(const QString &path)
{
    QHash<QString, CachedDigest> cache;
    QFile file(path);
    if (path.isEmpty() || !file.open(QIODevice::ReadOnly))
        return cache;
    QDataStream in(&file);
    quint32 magic = 0;
    qint64 count = 0;
    in >> magic >> count;
    if (magic != kCacheMagic || count < 0)
        return cache;
    for (qint64 i = 0; i < count && in.status() == QDataStream::Ok; ++i) {
        QString key;
        CachedDigest entry;
        in >> key >> entry.size >> entry.modifiedMs >> entry.digest;
        if (in.status() == QDataStream::Ok && entry.digest.size() == 32)
            cache.insert(key, entry);
    }
    return in.status() == QDataStream::Ok ? cache : QHash<QString, CachedDigest>();
}

void writeCache(const QString &path, const QHash<QString, CachedDigest> &cache)
{
    QByteArray bytes;
    QDataStream out(&bytes, QIODevice::WriteOnly);
    out << kCacheMagic << qint64(cache.size());
    for (auto it = cache.cbegin(); it != cache.cend(); ++it)
        out << it.key() << it->size << it->modifiedMs << it->digest;
    QDir().mkpath(QFileInfo(path).absolutePath());
    writeFileAtomically(path, bytes); // a cache: failing to keep it only costs time next run
}

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

std::optional<QString> hashFiles(
    const QString &root, const QStringList &files, const HashOptions &options)
{
    QHash<QString, CachedDigest> cache = readCache(options.cacheFile);
    std::atomic<qint64> done = 0;
    std::atomic<bool> cancelled = false;
    std::atomic<bool> hashed = false; // a file was read: the cache has news
    const qint64 total = files.size();
    const QList<CachedDigest> digests
        = QtConcurrent::blockingMapped(files, [&](const QString &path) {
              CachedDigest entry;
              if (cancelled.load(std::memory_order_relaxed))
                  return entry;
              const QFileInfo info(path);
              const bool readable = info.isFile() && info.isReadable();
              entry.size = readable ? info.size() : -1; // -1: not cached, read again next time
              entry.modifiedMs = readable ? info.lastModified().toMSecsSinceEpoch() : 0;
              const auto hit = cache.constFind(cacheKey(root, path));
              if (readable && hit != cache.cend() && hit->size == entry.size
                  && hit->modifiedMs == entry.modifiedMs) {
                  entry.digest = hit->digest;
              } else {
                  entry.digest = fileDigest(root, path);
                  hashed = true;
              }
              if (options.progress && !options.progress(done.fetch_add(1) + 1, total))
                  cancelled = true;
              return entry;
          });
    if (cancelled)
        return std::nullopt;
    QCryptographicHash combined(QCryptographicHash::Sha256);
    for (qsizetype i = 0; i < files.size(); ++i) {
        combined.addData(digests[i].digest);
        if (digests[i].size >= 0)
            cache.insert(cacheKey(root, files[i]), digests[i]);
    }
    if (!options.cacheFile.isEmpty() && hashed)
        writeCache(options.cacheFile, cache);
    return QString::fromLatin1(combined.result().toHex());
}

} // namespace pluvia::core
