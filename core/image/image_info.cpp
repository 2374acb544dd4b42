// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/image/image_info.h"

#include "core/image/image_header_p.h"

#include <QFile>
#include <QFileInfo>

namespace pluvia::core {

ImageInfo readImageInfo(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        ImageInfo info;
        info.error = QStringLiteral("Cannot read image \"%1\": %2").arg(path, file.errorString());
        return info;
    }
    return probeImageHeader(file, path).info;
}

namespace {

const QStringList kSuffixes = {
    QStringLiteral("png"),
    QStringLiteral("jpg"),
    QStringLiteral("jpeg"),
    QStringLiteral("tif"),
    QStringLiteral("tiff"),
    QStringLiteral("bmp"),
    QStringLiteral("webp"),
};

} // namespace

bool hasImageSuffix(const QString &path)
{
    return kSuffixes.contains(QFileInfo(path).suffix().toLower());
}

QStringList imageNameFilters()
{
    QStringList filters;
    for (const QString &suffix : kSuffixes)
        filters << QStringLiteral("*.") + suffix;
    return filters;
}

} // namespace pluvia::core
