// SPDX-License-Identifier: GPL-3.0-or-later
// Content hashes of the files a run trained on, so a run records exactly what it saw and a
// resumed run can tell whether its data changed (UX.md: reproducibility card).
#pragma once

#include "core/jobs/progress.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace pluvia::core {

struct HashOptions {
    // Digests kept between calls (a workspace's cache/file-digests): a file whose size and
    // modification time are those recorded is not read again, so hashing a large dataset a
    // second time costs a stat per file (issue 18: 200,000 files took minutes every run). ""
    // reads every file. A cache that cannot be read is rebuilt; one that cannot be written is
    // not a failure.
    QString cacheFile;
    ProgressCallback progress; // counts files; returning false cancels
};

// SHA-256 (hex) over the files in the given order: for each file, its path relative to `root`
// ('/' separated, UTF-8), a NUL, its size as decimal text, a NUL and its bytes. Files are read
// on the global thread pool, each hashed separately and combined in order, so the result does
// not depend on the thread count. A file that cannot be read contributes "unreadable" instead
// of its bytes. Blocking; call it off the GUI thread. std::nullopt when cancelled.
std::optional<QString> hashFiles(
    const QString &root, const QStringList &files, const HashOptions &options = {});

} // namespace pluvia::core
