// SPDX-License-Identifier: GPL-3.0-or-later
// The limits on what Pluvia reads that a user may change (issue 18): the pixel budget checked
// from every image's header, and whether a dataset's manifest or pair list may name files
// outside the dataset's folder. Saved with QSettings ("limits/…"), applied to core at start,
// changed from the File menu; `pluvia --max-pixels` / `--allow-outside-root` override them for
// one session.
#pragma once

#include <QCoreApplication>

class QMainWindow;
class QMenu;

namespace pluvia::app {

class InputLimits
{
    Q_DECLARE_TR_FUNCTIONS(InputLimits)

public:
    // Applies the saved limits (the defaults when none was saved).
    static void applySaved();
    // "Image Size Limit…" and "Allow Dataset Paths Outside Their Folder" in `menu`; the
    // window's status bar confirms a change.
    static void addActions(QMenu *menu, QMainWindow *window);
};

} // namespace pluvia::app
