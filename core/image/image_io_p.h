// SPDX-License-Identifier: GPL-3.0-or-later
// Image reading and writing through OpenCV (private to core: exposes cv::Mat).
//
// Thread-safe: every function is reentrant. Paths are QStrings and may hold any Unicode
// characters (files are read and written as bytes through Qt, decoded/encoded by OpenCV).
#pragma once

#include <QString>
#include <QStringList>

#include <opencv2/core/mat.hpp>

namespace pluvia::core {

// A decoded image as stored in the file: CV_8U or CV_16U, 1 (grey) or 3 (RGB order) channels.
// Alpha is dropped (with a warning); EXIF orientation is applied.
struct DecodedImage {
    cv::Mat pixels; // empty on error
    int bitDepth = 0; // 8 or 16
    QString error; // names the file and the reason when pixels is empty
    QStringList warnings; // non-fatal notes (alpha dropped, ...), each naming the file
    bool ok() const { return !pixels.empty(); }
};

DecodedImage readImage(const QString &path);

// The image as the models use it: CV_32FC3, RGB, values in [0, 1] (grey is replicated to three
// channels, 16-bit is scaled by 1/65535). Empty `pixels` and a message in `error` on failure.
struct FloatImage {
    cv::Mat pixels; // CV_32FC3 RGB [0, 1]
    QString error;
    QStringList warnings;
    bool ok() const { return !pixels.empty(); }
};

FloatImage readImageRgbFloat(const QString &path);

struct WriteOptions {
    int bitDepth = 8; // PNG and TIFF: 8 or 16; JPEG: 8 only
    int jpegQuality = 95; // 0..100
};

// Writes `image` (CV_8U/CV_16U with 1 or 3 RGB channels, or CV_32F RGB/grey in [0, 1], which is
// rounded and clamped to the requested depth) to `path`; the format follows the suffix
// (.png, .jpg/.jpeg, .tif/.tiff). Atomic: encoded in memory, written to a temporary file in the
// same folder, flushed and renamed over `path`. Returns an empty string on success, otherwise a
// message naming the file and the reason.
QString writeImage(const QString &path, const cv::Mat &image, const WriteOptions &options = {});

} // namespace pluvia::core
