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
    bool truncated = false; // the error is that the data is cut short (no end marker, short rows)
    bool ok() const { return error.isEmpty(); }
};

// The pixel budget: the largest width × height (as a header declares it) that any reader decodes
// or plans work for. It is checked from the header, before a pixel is decoded or a buffer sized,
// so a small file declaring an enormous image costs nothing. Process-wide (pluvia-cli
// --max-pixels, the GUI's setting); thread-safe.
constexpr qint64 kDefaultMaxImagePixels = qint64(1)
    << 28; // 268 megapixels, about 3 GB as RGB float
void setMaxImagePixels(qint64 pixels); // clamped to 1 .. 2^31 - 1
qint64 maxImagePixels();

// Reads only the file's header (and, for JPEG, its EXIF orientation; for PNG and JPEG, checks
// that the file is not cut short: PNG ends in an IEND chunk, JPEG in an EOI marker). Only
// regular files are read (a symbolic link is followed to one); devices, FIFOs and folders are
// refused, as is a header declaring more than maxImagePixels().
ImageInfo readImageInfo(const QString &path);

// Lower-case suffixes Pluvia reads as images: png, jpg, jpeg, tif, tiff, bmp, webp.
bool hasImageSuffix(const QString &path);
// The same suffixes as name filters ("*.png", …), for directory listings and file dialogs.
QStringList imageNameFilters();

} // namespace pluvia::core
