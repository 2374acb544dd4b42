// SPDX-License-Identifier: GPL-3.0-or-later
// Light and dark palettes for the Fusion style (Debian's Qt 6.4 has no colour-scheme API). The
// widgets follow the application palette, plots included (widgets/plot_style.h).
#pragma once

#include <QPalette>
#include <QString>

namespace pluvia::app {

enum class Theme { Light, Dark };

QPalette themePalette(Theme theme);
void applyTheme(Theme theme); // to the whole application
Theme appliedTheme(); // the last one applied (Light before any)
QString themeName(Theme theme); // "light", "dark"
bool parseTheme(const QString &name, Theme *theme);

} // namespace pluvia::app
