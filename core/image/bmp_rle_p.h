// SPDX-License-Identifier: GPL-3.0-or-later
// Run-length encoded BMPs (RLE8, RLE4), read by Pluvia itself (private to core). Decoders fill
// what a stream leaves out (black), so a 1 KB file declaring 4000x4000 decodes to a black image;
// OpenCV 4.6 also misplaces absolute-mode runs. Here every pixel must be covered by a run,
// without deltas (which skip pixels) or an early end, or the file is refused with the reason.
#pragma once

#include <QByteArray>
#include <QString>

#include <opencv2/core/mat.hpp>

namespace pluvia::core {

// Walks the RLE `stream` of a width x height image (RLE4 when `rle4`, else RLE8). Returns "" when
// its runs cover every pixel, otherwise the reason. With `indices` (CV_8UC1, height x width) the
// palette index of each pixel is written, rows in stream order (the bottom row first).
QString walkBmpRle(
    const QByteArray &stream, qint64 width, qint64 height, bool rle4, cv::Mat *indices = nullptr);

// Decodes a whole BMP file whose compression is RLE8 or RLE4 (header already checked by the
// probe) into 8-bit RGB, top row first. Returns "" or the reason.
QString decodeBmpRle(const QByteArray &file, cv::Mat *rgb);

} // namespace pluvia::core
