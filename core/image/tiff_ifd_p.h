// SPDX-License-Identifier: GPL-3.0-or-later
// The few fields of a TIFF's first image file directory that Pluvia needs. The same structure
// carries EXIF data (inside JPEG APP1, PNG eXIf and WebP EXIF chunks), so one reader serves the
// TIFF header probe and every EXIF orientation lookup (private to core).
#pragma once

#include <QString>

class QIODevice;

namespace pluvia::core {

struct TiffFields {
    quint32 width = 0; // tag 256, 0 when absent
    quint32 height = 0; // tag 257, 0 when absent
    int bitsPerSample = 1; // tag 258 (first sample; TIFF's default is 1)
    int samplesPerPixel = 1; // tag 277
    int sampleFormat = 1; // tag 339: 1 unsigned integer, 2 signed, 3 IEEE float
    int orientation = 1; // tag 274, EXIF/TIFF orientation 1..8
    int compression = 1; // tag 259: 1 none, 5 LZW, 7 JPEG, 8 deflate, 32773 PackBits, ...
    int photometric
        = -1; // tag 262: 0 min-is-white, 1 min-is-black, 2 RGB, 3 palette, ...; -1 absent
};

// Reads the TIFF header ("II*\0" or "MM\0*") at `base` in `device` and the entries of IFD0.
// Returns an empty string on success, otherwise the reason (without the file name). Reentrant.
QString readTiffIfd0(QIODevice &device, qint64 base, TiffFields *fields);

// The orientation tag of an EXIF block in TIFF layout (the bytes after "Exif\0\0"); 1 when the
// block is malformed or carries no orientation, since a broken EXIF block must not make an
// otherwise good image unreadable.
int exifOrientation(const QByteArray &tiffBlock);

} // namespace pluvia::core
