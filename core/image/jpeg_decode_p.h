// SPDX-License-Identifier: GPL-3.0-or-later
// JPEG decoding through libjpeg with its warnings heard (private to core). OpenCV's decoder
// prints libjpeg's warnings and returns the image, so a cut or damaged scan comes back with the
// missing blocks filled in grey; here any warning that means pixels were guessed is an error.
#pragma once

#include <QByteArray>
#include <QString>

#include <opencv2/core/mat.hpp>

namespace pluvia::core {

// Decodes the JPEG in `bytes` into *pixels: CV_8UC1 for grey, CV_8UC3 RGB otherwise (CMYK and
// YCCK converted as OpenCV converts them, so the pixels match its decoder's). Returns "" on
// success, otherwise the reason (libjpeg's own message, without the file name). Reentrant.
QString decodeJpeg(const QByteArray &bytes, cv::Mat *pixels);

} // namespace pluvia::core
