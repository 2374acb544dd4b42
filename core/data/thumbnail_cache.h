// SPDX-License-Identifier: GPL-3.0-or-later
// Thumbnails for the dataset browser, cached on disk so a folder opens at once the second time.
// A thumbnail is the image scaled to fit `side` × `side` (aspect kept); a pair's thumbnail is
// rainy | clean | R = rainy − clean side by side (R in the diverging colormap of the layer
// viewer, from the scaled images). Cache files are PNGs named by a hash of the source paths,
// their sizes and modification times, so an edited image gets a new thumbnail; they are written
// atomically. Reentrant: call it from worker threads (it decodes files).
#pragma once

#include <QImage>
#include <QString>

namespace pluvia::core {

// `clean` may be "" (an unpaired image or a frame). `cacheFolder` "" disables the disk cache.
// An RGB888 image; null when a file cannot be read.
QImage loadThumbnail(
    const QString &image, const QString &clean, int side, const QString &cacheFolder);

} // namespace pluvia::core
