// SPDX-License-Identifier: GPL-3.0-or-later
// The checkpoint gate: every checkpoint is checked (zip directory, zip64, every record's CRC,
// the seal, code records) before LibTorch reads a byte of it, so this is the loader's surface
// for checkpoints from elsewhere. Any bytes give a verdict without reading outside them.
#include "core/checkpoint/archive_integrity_p.h"

#include <QByteArray>

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray zip(reinterpret_cast<const char *>(data), qsizetype(size));
    pluvia::core::checkArchive(zip);
    // Sealing (what saving does) must cope with whatever it is handed too.
    pluvia::core::checkArchive(pluvia::core::sealArchive(zip));
    return 0;
}
