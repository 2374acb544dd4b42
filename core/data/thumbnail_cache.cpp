// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/data/thumbnail_cache.h"

#include "core/atomic_file.h"
#include "core/image/image_info.h"
#include "core/image/layer_compare.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QImageReader>
#include <QPainter>

namespace pluvia::core {

namespace {

// Decodes at (about) the thumbnail size directly: JPEG decoders scale while decoding. The header
// is checked first (regular file, pixel budget), as for every other reader.
QImage scaledImage(const QString &path, int side)
{
    if (!readImageInfo(path).ok())
        return {};
    QImageReader reader(path);
    reader.setAutoTransform(true);
    const QSize full = reader.size();
    if (full.isValid())
        reader.setScaledSize(full.scaled(side, side, Qt::KeepAspectRatio));
    QImage image = reader.read();
    if (!image.isNull() && (image.width() > side || image.height() > side))
        image = image.scaled(side, side, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    return image.convertToFormat(QImage::Format_RGB888);
}

QString cacheKey(const QString &image, const QString &clean, int side)
{
    QCryptographicHash hash(QCryptographicHash::Sha1);
    for (const QString &path : { image, clean }) {
        const QFileInfo info(path);
        hash.addData(info.absoluteFilePath().toUtf8());
        hash.addData(QByteArray::number(info.size()));
        hash.addData(QByteArray::number(info.lastModified().toMSecsSinceEpoch()));
    }
    hash.addData(QByteArray::number(side));
    return QString::fromLatin1(hash.result().toHex()) + QStringLiteral(".png");
}

} // namespace

QImage loadThumbnail(
    const QString &image, const QString &clean, int side, const QString &cacheFolder)
{
    const QString cached = cacheFolder.isEmpty()
        ? QString()
        : QDir(cacheFolder).filePath(cacheKey(image, clean, side));
    if (!cached.isEmpty()) {
        const QImage hit(cached);
        if (!hit.isNull())
            return hit.convertToFormat(QImage::Format_RGB888); // as made, whatever PNG kept
    }
    QImage thumbnail = scaledImage(image, side);
    if (thumbnail.isNull())
        return {};
    if (!clean.isEmpty()) {
        const QImage b = scaledImage(clean, side);
        if (b.size() == thumbnail.size()) {
            const DerivedLayer r = differenceLayer(QStringLiteral("R"),
                imageLayer(QStringLiteral("O"), thumbnail), imageLayer(QStringLiteral("B"), b));
            QImage strip(3 * thumbnail.width() + 4, thumbnail.height(), QImage::Format_RGB888);
            strip.fill(Qt::white);
            QPainter painter(&strip);
            painter.drawImage(0, 0, thumbnail);
            painter.drawImage(thumbnail.width() + 2, 0, b);
            if (r.ok())
                painter.drawImage(2 * thumbnail.width() + 4, 0, r.layer.display);
            painter.end();
            thumbnail = strip;
        }
    }
    if (!cached.isEmpty() && QDir().mkpath(cacheFolder)) {
        // A cache: a thumbnail that cannot be stored (a full disk) is made again next time.
        QByteArray png;
        QBuffer buffer(&png);
        if (buffer.open(QIODevice::WriteOnly) && thumbnail.save(&buffer, "PNG"))
            writeFileAtomically(cached, png);
    }
    return thumbnail;
}

} // namespace pluvia::core
