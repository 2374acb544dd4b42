// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/input_limits.h"

#include "core/data/listed_paths.h"
#include "core/image/image_info.h"

#include <QAction>
#include <QInputDialog>
#include <QMainWindow>
#include <QMenu>
#include <QSettings>
#include <QStatusBar>

#include <limits>

namespace pluvia::app {

namespace {

const QString kMaxImagePixelsKey = QStringLiteral("limits/maxImagePixels");
const QString kOutsideRootKey = QStringLiteral("limits/allowOutsideRoot");
constexpr qint64 kMega = 1000000;

} // namespace

void InputLimits::applySaved()
{
    const QSettings settings;
    const QVariant pixels = settings.value(kMaxImagePixelsKey);
    if (pixels.isValid())
        core::setMaxImagePixels(pixels.toLongLong());
    core::setListedPathsMayLeaveRoot(settings.value(kOutsideRootKey, false).toBool());
}

void InputLimits::addActions(QMenu *menu, QMainWindow *window)
{
    QAction *sizeLimit = menu->addAction(tr("Image Size &Limit…"), window, [window] {
        const int current = int(core::maxImagePixels() / kMega);
        bool ok = false;
        const int megapixels = QInputDialog::getInt(window, tr("Image Size Limit"),
            tr("Images whose header declares more than this many megapixels are skipped with a "
               "message naming them, before anything is decoded (default %1):")
                .arg(core::kDefaultMaxImagePixels / kMega),
            current, 1, int(std::numeric_limits<int>::max() / kMega), 1, &ok);
        if (!ok || megapixels == current)
            return;
        core::setMaxImagePixels(megapixels * kMega);
        QSettings().setValue(kMaxImagePixelsKey, core::maxImagePixels());
        window->statusBar()->showMessage(
            tr("Images over %1 megapixels are now skipped").arg(megapixels), 5000);
    });
    sizeLimit->setToolTip(tr("Images declaring more pixels are skipped before decoding"));

    QAction *outside = menu->addAction(tr("Allow Dataset Paths &Outside Their Folder"));
    outside->setCheckable(true);
    outside->setChecked(core::listedPathsMayLeaveRoot());
    outside->setToolTip(tr("Use files that a dataset's manifest.json or pair list names outside "
                           "the dataset's folder (off: they are listed as problems)"));
    QObject::connect(outside, &QAction::toggled, window, [window](bool allowed) {
        core::setListedPathsMayLeaveRoot(allowed);
        QSettings().setValue(kOutsideRootKey, allowed);
        window->statusBar()->showMessage(allowed
                ? tr("Datasets may now name files outside their folder")
                : tr("Files a dataset names outside its folder are now refused"),
            5000);
    });
}

} // namespace pluvia::app
