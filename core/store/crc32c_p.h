// SPDX-License-Identifier: GPL-3.0-or-later
// CRC32C (Castagnoli) as TensorFlow's record files use it: reflected polynomial 0x82F63B78,
// initial value 0xFFFFFFFF, final xor 0xFFFFFFFF. Private to core and its tests.
#pragma once

#include <QByteArray>
#include <QtGlobal>

namespace pluvia::core {

// The CRC32C of `data`; crc32c("123456789") is the standard check value 0xE3069283.
// Reentrant: uses only a constant table.
quint32 crc32c(const QByteArray &data);

// TensorFlow's masked CRC of `data`: ((c >> 15) | (c << 17)) + 0xa282ead8 in uint32 arithmetic,
// where c = crc32c(data). The mask keeps a CRC stored next to the data it covers from being
// a valid CRC of itself when records are nested.
quint32 maskedCrc32c(const QByteArray &data);

} // namespace pluvia::core
