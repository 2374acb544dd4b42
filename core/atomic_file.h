// SPDX-License-Identifier: GPL-3.0-or-later
// Writing a whole file atomically with the system's reason on failure. QSaveFile reports a full
// disk as "Unknown error" or "Writing canceled by application"; here every failing call's errno
// is kept, so the message says "No space left on device" and names the file. Reentrant.
#pragma once

#include <QByteArray>
#include <QString>

namespace pluvia::core {

// Writes `bytes` to a temporary file beside `path`, flushes it to disk (fsync) and renames it
// over `path`; on failure the temporary file is removed and `path` is untouched. Returns "" or
// "<path>: <what failed>: <strerror(errno)>".
QString writeFileAtomically(const QString &path, const QByteArray &bytes);

// Whether a message from writeFileAtomically (or any message carrying strerror(ENOSPC) or
// strerror(EDQUOT)) says the disk is full: no point in writing the next file.
bool isDiskFull(const QString &message);

} // namespace pluvia::core
