// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/image/tiff_decode_check_p.h"

#include "core/image/image_info.h"

#include <tiffio.h>

#include <cstdarg>
#include <cstdio>
#include <vector>

namespace pluvia::core {

namespace {

// libtiff reads through these callbacks from the bytes already in memory.
struct MemoryFile {
    const QByteArray *bytes = nullptr;
    toff_t position = 0;
    QString firstError;
};

tsize_t readProc(thandle_t handle, tdata_t data, tsize_t size)
{
    auto *file = static_cast<MemoryFile *>(handle);
    const toff_t available
        = toff_t(file->bytes->size()) - qMin(file->position, toff_t(file->bytes->size()));
    const toff_t count = qMin(toff_t(size), available);
    memcpy(data, file->bytes->constData() + file->position, count);
    file->position += count;
    return tsize_t(count);
}

tsize_t writeProc(thandle_t, tdata_t, tsize_t)
{
    return -1;
}

toff_t seekProc(thandle_t handle, toff_t offset, int whence)
{
    auto *file = static_cast<MemoryFile *>(handle);
    const toff_t size = toff_t(file->bytes->size());
    toff_t target = offset;
    if (whence == SEEK_CUR)
        target = file->position + offset;
    else if (whence == SEEK_END)
        target = size + offset;
    file->position = target;
    return target;
}

int closeProc(thandle_t)
{
    return 0;
}

toff_t sizeProc(thandle_t handle)
{
    return toff_t(static_cast<MemoryFile *>(handle)->bytes->size());
}

int mapProc(thandle_t, tdata_t *, toff_t *)
{
    return 0; // not mapped: libtiff reads through readProc
}

void unmapProc(thandle_t, tdata_t, toff_t) { }

int onError(TIFF *, void *user, const char *module, const char *format, va_list arguments)
{
    auto *file = static_cast<MemoryFile *>(user);
    if (file->firstError.isEmpty()) {
        char message[512];
        std::vsnprintf(message, sizeof message, format, arguments);
        file->firstError = module && *module
            ? QStringLiteral("libtiff: %1: %2")
                  .arg(QString::fromLocal8Bit(module), QString::fromLocal8Bit(message))
            : QStringLiteral("libtiff: %1").arg(QString::fromLocal8Bit(message));
    }
    return 1; // handled: nothing reaches libtiff's process-wide handler (stderr)
}

// Warnings (unknown tags, unusual but valid layouts) say nothing about the pixels.
int onWarning(TIFF *, void *, const char *, const char *, va_list)
{
    return 1;
}

} // namespace

QString checkTiffData(const QByteArray &bytes)
{
    MemoryFile file;
    file.bytes = &bytes;
    TIFFOpenOptions *options = TIFFOpenOptionsAlloc();
    TIFFOpenOptionsSetErrorHandlerExtR(options, onError, &file);
    TIFFOpenOptionsSetWarningHandlerExtR(options, onWarning, &file);
    // "m": no memory mapping (the bytes are already in memory and read through readProc).
    TIFF *tiff = TIFFClientOpenExt("image", "rm", &file, readProc, writeProc, seekProc, closeProc,
        sizeProc, mapProc, unmapProc, options);
    TIFFOpenOptionsFree(options);
    if (!tiff)
        return file.firstError.isEmpty() ? QStringLiteral("libtiff could not open it")
                                         : file.firstError;
    const bool tiled = TIFFIsTiled(tiff);
    const tmsize_t chunkSize = tiled ? TIFFTileSize(tiff) : TIFFStripSize(tiff);
    const quint32 chunks = tiled ? TIFFNumberOfTiles(tiff) : TIFFNumberOfStrips(tiff);
    // A strip or tile is a part of the image: one larger than a whole image within the pixel
    // budget (8 bytes a pixel: 16-bit RGBA) is a lie the file tells to make the reader allocate
    // (found by fuzzing: 12.6 GB asked for by a 300-byte file).
    if (chunkSize > maxImagePixels() * 8 && file.firstError.isEmpty())
        file.firstError = QStringLiteral("its %1 declare %2 bytes each, more than a whole image "
                                         "within the pixel budget")
                              .arg(tiled ? QStringLiteral("tiles") : QStringLiteral("strips"))
                              .arg(qint64(chunkSize));
    if (chunkSize > 0 && file.firstError.isEmpty()) {
        std::vector<unsigned char> scratch(static_cast<size_t>(chunkSize));
        for (quint32 i = 0; i < chunks && file.firstError.isEmpty(); ++i) {
            const tmsize_t read = tiled ? TIFFReadEncodedTile(tiff, i, scratch.data(), chunkSize)
                                        : TIFFReadEncodedStrip(tiff, i, scratch.data(), chunkSize);
            if (read < 0 && file.firstError.isEmpty())
                file.firstError = QStringLiteral("libtiff could not decode %1 %2 of %3")
                                      .arg(tiled ? QStringLiteral("tile") : QStringLiteral("strip"))
                                      .arg(i)
                                      .arg(chunks);
        }
    } else if (file.firstError.isEmpty()) {
        file.firstError = QStringLiteral("libtiff gives no size for its strips or tiles");
    }
    TIFFClose(tiff);
    return file.firstError;
}

bool isTiffCompressionSupported(int code)
{
    return code >= 0 && code <= 0xFFFF && TIFFIsCODECConfigured(quint16(code));
}

} // namespace pluvia::core
