// SPDX-License-Identifier: GPL-3.0-or-later
// Header probing shared by readImageInfo (on a file) and readImage (on the bytes already in
// memory), so both agree on size, depth, orientation and truncation (private to core).
#pragma once

#include "core/image/image_info.h"

#include <QByteArray>

class QFile;
class QIODevice;

namespace pluvia::core {

struct ImageHeader {
    ImageInfo info; // width/height already swapped for EXIF orientations 5..8
    // The size as the file declares it (up to 32 bits each), before the pixel budget is applied.
    qint64 declaredWidth = 0;
    qint64 declaredHeight = 0;
    int orientation = 1; // EXIF orientation 1..8 (1 = as stored)
    // OpenCV 4.6's TIFF decoder applies the orientation tag itself, even for IMREAD_UNCHANGED
    // (checked with TIFFs written by Pillow for orientations 2, 3, 6, 8); other formats need it
    // applied after decoding.
    bool decoderOrients = false;
    bool runLengthBmp = false; // RLE8 or RLE4: decoded by Pluvia (core/image/bmp_rle_p.h)
};

// Opens `path` for reading when it is a regular file (a symbolic link is followed to one);
// otherwise returns the reason, naming the file. Devices (/dev/zero), FIFOs and folders are
// refused before anything is read from them.
QString openRegularFile(QFile &file, const QString &path);

// Parses the header of the PNG, JPEG, TIFF, BMP or WebP data in `device` (random access, opened
// for reading); the format comes from the signature, not from the suffix. Reads only header
// structures and the last bytes of the data. A declared size over maxImagePixels() is an error
// ("declares W×H, over the limit of N pixels"). `path` is used in error messages only. Reentrant.
ImageHeader probeImageHeader(QIODevice &device, const QString &path);

// Reads `length` bytes at `offset`; shorter (or empty) when the data ends first.
QByteArray readBytesAt(QIODevice &device, qint64 offset, qint64 length);

} // namespace pluvia::core
