// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/image/image_info.h"

#include "core/image/image_header_p.h"

#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <atomic>
#include <limits>

namespace pluvia::core {

namespace {

std::atomic<qint64> g_maxImagePixels { kDefaultMaxImagePixels };

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

void setMaxImagePixels(qint64 pixels)
{
    // Each side must fit an int (OpenCV's and Qt's image sizes) whatever the other is.
    g_maxImagePixels = std::clamp<qint64>(pixels, 1, std::numeric_limits<int>::max());
}

qint64 maxImagePixels()
{
    return g_maxImagePixels;
}

ImageInfo readImageInfo(const QString &path)
{
    QFile file;
    if (const QString error = openRegularFile(file, path); !error.isEmpty()) {
        ImageInfo info;
        info.error = error;
        return info;
    }
    return probeImageHeader(file, path).info;
}

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
