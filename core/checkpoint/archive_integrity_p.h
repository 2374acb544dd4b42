// SPDX-License-Identifier: GPL-3.0-or-later
// A checkpoint's archive (LibTorch's zip) checked before LibTorch reads any of it (private to
// core). LibTorch ignores the zip's CRC-32s, so a damaged checkpoint restored garbage weights
// (an all-black derain, altered training) without a word; and loading compiles the TorchScript
// code records of the archive, so a file from elsewhere could bring methods that run on load.
//
// Each checkpoint Pluvia writes is sealed: the zip's comment holds "pluvia-sha256:" and the
// SHA-256 of every byte before the comment's length field. Files without a seal (written before
// it, or by other tools) are checked by their CRC-32s alone.
#pragma once

#include <QByteArray>
#include <QString>

namespace pluvia::core {

struct ArchiveCheck {
    QString problem; // "" when sound; else the reason, naming the record
    bool sealed = false; // the SHA-256 seal was present (and matched, when problem is "")
};

// Walks the central directory (zip64 included) and every record, bounded by the data's size:
// each record's CRC-32 (deflated records inflated in fixed-size chunks), the seal when there is
// one, and the code records, which may declare classes and attributes only (no `def`).
ArchiveCheck checkArchive(const QByteArray &zip);

// The archive with its seal as the zip comment; `zip` must end in an end-of-central-directory
// record without a comment (as LibTorch writes it). Returns an empty array otherwise.
QByteArray sealArchive(const QByteArray &zip);

} // namespace pluvia::core
