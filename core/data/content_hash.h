// SPDX-License-Identifier: GPL-3.0-or-later
// Content hashes of the files a run trained on, so a run records exactly what it saw and a
// resumed run can tell whether its data changed (UX.md: reproducibility card).
#pragma once

#include "core/jobs/progress.h"

#include <QString>
#include <QStringList>

namespace pluvia::core {

// SHA-256 (hex) over the files in the given order: for each file, its path relative to `root`
// ('/' separated, UTF-8), a NUL, its size as decimal text, a NUL and its bytes. Files are read
// on the global thread pool, each hashed separately and combined in order, so the result does
// not depend on the thread count. A file that cannot be read contributes "unreadable" instead
// of its bytes. Blocking; call it off the GUI thread. `progress` counts files.
QString hashFiles(const QString &root, const QStringList &files, const ProgressCallback &progress);

} // namespace pluvia::core
