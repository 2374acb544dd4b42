// SPDX-License-Identifier: GPL-3.0-or-later
// A TIFF's image data checked with libtiff's errors heard (private to core). OpenCV's TIFF
// decoder silences libtiff, so a damaged deflate or LZW strip decodes to whatever the codec left
// in the buffer; reading every strip or tile here first turns that into a named problem.
#pragma once

#include <QByteArray>
#include <QString>

namespace pluvia::core {

// Decodes every strip or tile of the first image in `bytes` into a scratch buffer. Returns ""
// when libtiff reported no error, otherwise its first message (without the file name).
// Reentrant: libtiff's handlers are set per file, not process-wide.
QString checkTiffData(const QByteArray &bytes);

// Whether libtiff can decode TIFF compression `code` (1 none, 5 LZW, 8 deflate, ...).
bool isTiffCompressionSupported(int code);

} // namespace pluvia::core
