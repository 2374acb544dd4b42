// SPDX-License-Identifier: GPL-3.0-or-later
// The full reader (header probe, then OpenCV/libjpeg/libtiff/Pluvia's RLE decoding and the
// honesty checks) on any bytes, as a file. Also the agreement the issue asks for: whenever the
// reader gives pixels, the header-only inspection (readImageInfo, what `dataset inspect` and the
// tile planner use) accepted the same file and declared the same size. (The other way round,
// the decoder may refuse a file whose header is sound: damage in the pixel data shows only when
// decoding.)
#include "core/image/image_info.h"
#include "core/image/image_io_p.h"
#include "fuzz/scratch_folder.h"

#include <QByteArray>
#include <QFile>
#include <QString>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    // Small images keep the fuzzer fast and out-of-memory reports meaningful.
    pluvia::core::setMaxImagePixels(1 << 20);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    // One file, rewritten for every input: a regular file, as the readers demand.
    const QString path = scratchPath(QStringLiteral("input"));
    {
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)
            || file.write(reinterpret_cast<const char *>(data), qint64(size)) != qint64(size))
            std::abort();
    }
    const pluvia::core::DecodedImage image = pluvia::core::readImage(path);
    const pluvia::core::ImageInfo info = pluvia::core::readImageInfo(path);
    if (!image.ok())
        return 0; // refused by the header, or by the decoder for damage in the pixel data
    if (!info.ok() || info.width != image.pixels.cols || info.height != image.pixels.rows) {
        std::fprintf(stderr, "header/decoder disagree: header %dx%d (%s), decoded %dx%d\n",
            info.width, info.height, qPrintable(info.error), image.pixels.cols, image.pixels.rows);
        std::abort();
    }
    return 0;
}
