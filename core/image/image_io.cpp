// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/image/image_io_p.h"

#include "core/atomic_file.h"

#include "core/image/bmp_rle_p.h"
#include "core/image/image_header_p.h"
#include "core/image/jpeg_decode_p.h"
#include "core/image/tiff_decode_check_p.h"

#include <QFile>
#include <QFileInfo>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <exception>
#include <vector>

namespace pluvia::core {

namespace {

QString failure(const QString &path, const QString &reason)
{
    return QStringLiteral("Cannot read image \"%1\": %2").arg(path, reason);
}

// EXIF orientation semantics (the same transforms as OpenCV's ApplyExifOrientation, which
// imdecode skips for IMREAD_UNCHANGED, the only flag that keeps 16-bit and grey as stored).
cv::Mat applyOrientation(const cv::Mat &image, int orientation)
{
    cv::Mat out;
    switch (orientation) {
    case 2:
        cv::flip(image, out, 1);
        break;
    case 3:
        cv::flip(image, out, -1);
        break;
    case 4:
        cv::flip(image, out, 0);
        break;
    case 5:
        cv::transpose(image, out);
        break;
    case 6:
        cv::transpose(image, out);
        cv::flip(out, out, 1);
        break;
    case 7:
        cv::transpose(image, out);
        cv::flip(out, out, -1);
        break;
    case 8:
        cv::transpose(image, out);
        cv::flip(out, out, 0);
        break;
    default:
        out = image;
        break;
    }
    return out;
}

// OpenCV's decoders (every format but JPEG): 8- or 16-bit grey or RGB, alpha dropped with a
// warning. Returns the reason on failure.
QString decodeWithOpenCv(
    const QByteArray &bytes, const QString &path, cv::Mat *rgb, QStringList *warnings)
{
    cv::Mat raw;
    try {
        const cv::Mat buffer(1, int(bytes.size()), CV_8UC1, const_cast<char *>(bytes.constData()));
        raw = cv::imdecode(buffer, cv::IMREAD_UNCHANGED);
    } catch (const cv::Exception &e) {
        return QStringLiteral("OpenCV failed to decode it (%1)").arg(QString::fromStdString(e.msg));
    }
    if (raw.empty())
        return QStringLiteral("OpenCV could not decode the pixel data "
                              "(corrupt file or unsupported variant)");
    if (raw.depth() != CV_8U && raw.depth() != CV_16U)
        return QStringLiteral("the decoded samples are not 8- or 16-bit "
                              "unsigned integers (OpenCV depth %1)")
            .arg(raw.depth());
    switch (raw.channels()) {
    case 1:
        *rgb = raw;
        break;
    case 2:
        cv::extractChannel(raw, *rgb, 0);
        *warnings << QStringLiteral("\"%1\": alpha channel dropped").arg(path);
        break;
    case 3:
        cv::cvtColor(raw, *rgb, cv::COLOR_BGR2RGB);
        break;
    case 4:
        cv::cvtColor(raw, *rgb, cv::COLOR_BGRA2RGB);
        *warnings << QStringLiteral("\"%1\": alpha channel dropped").arg(path);
        break;
    default:
        return QStringLiteral("%1 channels are not supported (only grey, RGB or RGBA)")
            .arg(raw.channels());
    }
    return {};
}

// Decodes `bytes` already checked by the header probe; fills `result` or its error.
void decode(
    const QByteArray &bytes, const QString &path, const ImageHeader &header, DecodedImage *result)
{
    cv::Mat rgb;
    QString reason;
    if (header.info.format == QLatin1String("jpeg")) {
        reason = decodeJpeg(bytes, &rgb);
    } else if (header.runLengthBmp) {
        reason = decodeBmpRle(bytes, &rgb);
    } else {
        // OpenCV's TIFF decoder silences libtiff and keeps what a damaged strip left behind.
        if (header.info.format == QLatin1String("tiff"))
            reason = checkTiffData(bytes);
        if (reason.isEmpty())
            reason = decodeWithOpenCv(bytes, path, &rgb, &result->warnings);
    }
    if (!reason.isEmpty()) {
        result->error = failure(path, reason);
        return;
    }
    if (!header.decoderOrients)
        rgb = applyOrientation(rgb, header.orientation);
    // A disagreement means the decoder saw a different image than the header describes (e.g. a
    // multi-part file); better an error than a silently wrong picture.
    if (rgb.cols != header.info.width || rgb.rows != header.info.height) {
        result->error = failure(path,
            QStringLiteral("decoded size %1x%2 differs from the header's "
                           "%3x%4")
                .arg(rgb.cols)
                .arg(rgb.rows)
                .arg(header.info.width)
                .arg(header.info.height));
        return;
    }
    result->pixels = rgb.isContinuous() ? rgb : rgb.clone();
    result->bitDepth = rgb.depth() == CV_16U ? 16 : 8;
}

QString writeFailure(const QString &path, const QString &reason)
{
    return QStringLiteral("Cannot write image \"%1\": %2").arg(path, reason);
}

// Converts a CV_8U/CV_16U/CV_32F image with 1 or 3 RGB channels to the encoder's layout: the
// requested depth, BGR order.
QString toEncoderLayout(const cv::Mat &image, int bitDepth, cv::Mat *out)
{
    const int targetDepth = bitDepth == 16 ? CV_16U : CV_8U;
    const double targetMax = bitDepth == 16 ? 65535.0 : 255.0;
    double scale = 1.0;
    switch (image.depth()) {
    case CV_32F:
        scale = targetMax;
        break;
    case CV_8U:
        scale = targetMax / 255.0;
        break;
    case CV_16U:
        scale = targetMax / 65535.0;
        break;
    default:
        return QStringLiteral("pixel type must be 8-bit, 16-bit or 32-bit float");
    }
    if (image.channels() != 1 && image.channels() != 3)
        return QStringLiteral("%1 channels given (only 1 or 3)").arg(image.channels());
    cv::Mat converted;
    image.convertTo(converted, targetDepth, scale); // rounds and saturates to the range
    if (converted.channels() == 3)
        cv::cvtColor(converted, converted, cv::COLOR_RGB2BGR);
    *out = converted;
    return {};
}

} // namespace

DecodedImage readImage(const QString &path)
{
    DecodedImage result;
    QFile file;
    if (const QString error = openRegularFile(file, path); !error.isEmpty()) {
        result.error = error;
        return result;
    }
    // The header (and the pixel budget) first: nothing is read in full for a refused file.
    const ImageHeader header = probeImageHeader(file, path);
    if (!header.info.ok()) {
        result.error = header.info.error;
        return result;
    }
    file.seek(0);
    const QByteArray bytes = file.readAll();
    file.close();
    try {
        decode(bytes, path, header, &result);
    } catch (const std::exception &e) {
        result.pixels.release();
        result.error = failure(path, QString::fromLocal8Bit(e.what()));
    }
    return result;
}

FloatImage readImageRgbFloat(const QString &path)
{
    FloatImage result;
    const DecodedImage decoded = readImage(path);
    result.warnings = decoded.warnings;
    if (!decoded.ok()) {
        result.error = decoded.error;
        return result;
    }
    try {
        cv::Mat scaled;
        decoded.pixels.convertTo(
            scaled, CV_32F, decoded.bitDepth == 16 ? 1.0 / 65535.0 : 1.0 / 255.0);
        if (scaled.channels() == 1)
            cv::cvtColor(scaled, scaled, cv::COLOR_GRAY2RGB);
        result.pixels = scaled;
    } catch (const std::exception &e) {
        result.error = failure(path, QString::fromLocal8Bit(e.what()));
    }
    return result;
}

QString writeImage(const QString &path, const cv::Mat &image, const WriteOptions &options)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    QString ext;
    if (suffix == QLatin1String("png"))
        ext = QStringLiteral(".png");
    else if (suffix == QLatin1String("jpg") || suffix == QLatin1String("jpeg"))
        ext = QStringLiteral(".jpg");
    else if (suffix == QLatin1String("tif") || suffix == QLatin1String("tiff"))
        ext = QStringLiteral(".tiff");
    else
        return writeFailure(path,
            QStringLiteral("unsupported suffix \"%1\" (use png, jpg, jpeg, "
                           "tif or tiff)")
                .arg(suffix));
    if (options.bitDepth != 8 && options.bitDepth != 16)
        return writeFailure(
            path, QStringLiteral("bit depth %1 is not supported (8 or 16)").arg(options.bitDepth));
    if (ext == QLatin1String(".jpg") && options.bitDepth != 8)
        return writeFailure(path, QStringLiteral("JPEG is 8-bit only"));
    if (options.jpegQuality < 0 || options.jpegQuality > 100)
        return writeFailure(
            path, QStringLiteral("JPEG quality %1 is outside 0..100").arg(options.jpegQuality));
    if (image.empty())
        return writeFailure(path, QStringLiteral("the image is empty"));

    std::vector<uchar> encoded;
    try {
        cv::Mat layout;
        const QString reason = toEncoderLayout(image, options.bitDepth, &layout);
        if (!reason.isEmpty())
            return writeFailure(path, reason);
        std::vector<int> params;
        if (ext == QLatin1String(".jpg"))
            params = { cv::IMWRITE_JPEG_QUALITY, options.jpegQuality };
        if (!cv::imencode(ext.toStdString(), layout, encoded, params) || encoded.empty())
            return writeFailure(path, QStringLiteral("OpenCV could not encode it"));
    } catch (const cv::Exception &e) {
        return writeFailure(path,
            QStringLiteral("OpenCV could not encode it (%1)").arg(QString::fromStdString(e.msg)));
    } catch (const std::exception &e) {
        return writeFailure(path, QString::fromLocal8Bit(e.what()));
    }

    const QString error = writeFileAtomically(path,
        QByteArray(reinterpret_cast<const char *>(encoded.data()), qsizetype(encoded.size())));
    if (!error.isEmpty())
        return QStringLiteral("Cannot write image %1").arg(error);
    return {};
}

} // namespace pluvia::core
