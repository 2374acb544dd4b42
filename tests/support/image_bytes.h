// SPDX-License-Identifier: GPL-3.0-or-later
// Image files built byte by byte for the tests of hostile and damaged input: headers that
// declare whatever size a test needs, without an encoder that would refuse to write them.
#pragma once

#include <QByteArray>

#include <initializer_list>

namespace pluvia::test {

// Each value's low byte, in order.
QByteArray bytesOf(std::initializer_list<quint32> values);
QByteArray be32(quint32 value);
QByteArray le32(quint32 value);
QByteArray le16(quint16 value);

// A complete PNG (8-bit RGB, valid CRCs, one tiny IDAT) whose header declares width x height.
QByteArray pngDeclaring(quint32 width, quint32 height);

// A BMP with a BITMAPINFOHEADER and a 256-entry grey palette (index i is grey level i), the
// given bits per pixel, compression (0 none, 1 RLE8, 2 RLE4, ...) and pixel data; a positive
// height is stored bottom-up.
QByteArray paletteBmp(
    qint32 width, qint32 height, int bitsPerPixel, quint32 compression, const QByteArray &pixels);

} // namespace pluvia::test
