// SPDX-License-Identifier: GPL-3.0-or-later
// Image header probing: size, channels and depth without decoding pixel data, so a folder of
// 10,000 images is inspected in seconds. Reentrant.
#pragma once

#include <QString>

namespace pluvia::core {

struct ImageInfo {
    int width = 0; // as displayed, i.e. after EXIF orientation
    int height = 0;
    int channels = 0; // 1 grey, 2 grey+alpha, 3 RGB, 4 RGBA (as stored in the file)
    int bitDepth = 0; // bits per channel as stored: 8 or 16 (others are reported as errors)
    QString format; // "png", "jpeg", "tiff", "bmp", "webp"
    QString error; // names the file and the reason when the header is unusable
    bool ok() const { return error.isEmpty(); }
};

// Reads only the file's header (and, for JPEG, its EXIF orientation; for PNG and JPEG, checks
// that the file is not cut short: PNG ends in an IEND chunk, JPEG in an EOI marker).
ImageInfo readImageInfo(const QString &path);

// Lower-case suffixes Pluvia reads as images: png, jpg, jpeg, tif, tiff, bmp, webp.
bool hasImageSuffix(const QString &path);
// The same suffixes as name filters ("*.png", …), for directory listings and file dialogs.
QStringList imageNameFilters();

} // namespace pluvia::core
