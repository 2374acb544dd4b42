// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/image/jpeg_decode_p.h"

#include "core/image/image_info.h"

#include <csetjmp>
#include <cstdio> // jpeglib.h needs FILE and size_t declared first

#include <jerror.h>
#include <jpeglib.h>

namespace pluvia::core {

namespace {

struct ErrorManager {
    jpeg_error_mgr base; // first, so libjpeg's pointer to it is a pointer to the whole
    std::jmp_buf escape;
    char message[JMSG_LENGTH_MAX];
    bool damaged = false;
};

// Warnings that say nothing about the pixels: an unknown JFIF revision or Adobe transform code,
// a malformed ICC profile (colour management metadata Pluvia does not apply).
bool isHarmless(int code)
{
    return code == JWRN_JFIF_MAJOR || code == JWRN_ADOBE_XFORM || code == JWRN_BOGUS_ICC;
}

void onError(j_common_ptr info)
{
    auto *errors = reinterpret_cast<ErrorManager *>(info->err);
    info->err->format_message(info, errors->message);
    std::longjmp(errors->escape, 1);
}

// level -1 is a warning (libjpeg carries on with guessed data); higher levels are trace output.
void onMessage(j_common_ptr info, int level)
{
    auto *errors = reinterpret_cast<ErrorManager *>(info->err);
    if (level != -1 || errors->damaged || isHarmless(info->err->msg_code))
        return;
    errors->damaged = true;
    info->err->format_message(info, errors->message);
}

// Adobe (inverted) CMYK as OpenCV's decoder converts it: each of R, G, B is K scaled by the
// complement of C, M, Y.
void cmykRowToRgb(const JSAMPLE *cmyk, uchar *rgb, int width)
{
    for (int x = 0; x < width; ++x, cmyk += 4, rgb += 3) {
        const int k = cmyk[3];
        for (int c = 0; c < 3; ++c)
            rgb[c] = uchar(k - ((255 - cmyk[c]) * k >> 8));
    }
}

} // namespace

QString decodeJpeg(const QByteArray &bytes, cv::Mat *pixels)
{
    // Everything with a destructor lives outside the setjmp scope below (a longjmp must not skip
    // one), and the decompressor is destroyed on both paths.
    jpeg_decompress_struct info {};
    ErrorManager errors;
    cv::Mat out;
    cv::Mat cmykRow;
    info.err = jpeg_std_error(&errors.base);
    errors.base.error_exit = onError;
    errors.base.emit_message = onMessage;
    if (setjmp(errors.escape)) {
        jpeg_destroy_decompress(&info);
        return QString::fromLocal8Bit(errors.message);
    }
    jpeg_create_decompress(&info);
    jpeg_mem_src(&info, reinterpret_cast<const unsigned char *>(bytes.constData()),
        static_cast<unsigned long>(bytes.size()));
    jpeg_read_header(&info, TRUE);
    const bool grey = info.num_components == 1;
    const bool cmyk = info.num_components == 4;
    info.out_color_space = grey ? JCS_GRAYSCALE : cmyk ? JCS_CMYK : JCS_RGB;
    jpeg_start_decompress(&info);
    // The header probe checked the pixel budget on the frame header it found; this is libjpeg's.
    if (qint64(info.output_width) * info.output_height > maxImagePixels()) {
        jpeg_destroy_decompress(&info);
        return QStringLiteral("the frame declares %1\u00D7%2, over the limit of %3 pixels")
            .arg(info.output_width)
            .arg(info.output_height)
            .arg(maxImagePixels());
    }
    const int width = int(info.output_width);
    out.create(int(info.output_height), width, grey ? CV_8UC1 : CV_8UC3);
    if (cmyk)
        cmykRow.create(1, width, CV_8UC4);
    while (info.output_scanline < info.output_height && !errors.damaged) {
        JSAMPROW row = cmyk ? cmykRow.ptr<JSAMPLE>() : out.ptr<JSAMPLE>(int(info.output_scanline));
        const int y = int(info.output_scanline);
        if (jpeg_read_scanlines(&info, &row, 1) != 1) {
            errors.damaged = true;
            qsnprintf(errors.message, sizeof errors.message, "the decoder stopped at row %d of %d",
                y, out.rows);
            break;
        }
        if (cmyk)
            cmykRowToRgb(cmykRow.ptr<JSAMPLE>(), out.ptr<uchar>(y), width);
    }
    if (!errors.damaged)
        jpeg_finish_decompress(&info); // reads to the end marker: damage after the last row shows
    jpeg_destroy_decompress(&info);
    if (errors.damaged)
        return QString::fromLocal8Bit(errors.message);
    *pixels = out;
    return {};
}

} // namespace pluvia::core
