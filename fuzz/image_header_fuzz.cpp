// SPDX-License-Identifier: GPL-3.0-or-later
// The header probe every reader goes through first (PNG, JPEG with EXIF, WebP, TIFF IFDs, BMP
// with the RLE walk): any bytes give a header or a reason, reading only within the bytes.
#include "core/image/image_header_p.h"

#include <QBuffer>

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    QBuffer buffer;
    buffer.setData(reinterpret_cast<const char *>(data), qsizetype(size));
    buffer.open(QIODevice::ReadOnly);
    const pluvia::core::ImageHeader header
        = pluvia::core::probeImageHeader(buffer, QStringLiteral("fuzz"));
    const pluvia::core::ImageInfo &info = header.info;
    // A usable header has a size inside the pixel budget and a depth the readers handle.
    if (info.ok()
        && (info.width <= 0 || info.height <= 0
            || qint64(info.width) * info.height > pluvia::core::maxImagePixels()
            || (info.bitDepth != 8 && info.bitDepth != 16)))
        std::abort();
    return 0;
}
