// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/store/crc32c_p.h"

#include <array>

namespace pluvia::core {

namespace {

constexpr quint32 kPolynomial = 0x82F63B78u; // Castagnoli, bit-reflected
constexpr quint32 kMaskDelta = 0xa282ead8u;

constexpr std::array<quint32, 256> makeTable()
{
    std::array<quint32, 256> table {};
    for (quint32 i = 0; i < 256; ++i) {
        quint32 c = i;
        for (int bit = 0; bit < 8; ++bit)
            c = (c & 1u) ? (c >> 1) ^ kPolynomial : c >> 1;
        table[i] = c;
    }
    return table;
}

// Built at compile time, so concurrent callers never race on initialisation.
constexpr std::array<quint32, 256> kTable = makeTable();

} // namespace

quint32 crc32c(const QByteArray &data)
{
    quint32 crc = 0xFFFFFFFFu;
    for (const char ch : data)
        crc = kTable[(crc ^ static_cast<quint8>(ch)) & 0xFFu] ^ (crc >> 8);
    return crc ^ 0xFFFFFFFFu;
}

quint32 maskedCrc32c(const QByteArray &data)
{
    const quint32 crc = crc32c(data);
    return ((crc >> 15) | (crc << 17)) + kMaskDelta;
}

} // namespace pluvia::core
