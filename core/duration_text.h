// SPDX-License-Identifier: GPL-3.0-or-later
// Durations as people read them in progress lines and status bars ("45s", "3m05s", "1h02m"):
// one rule for the CLI and the GUI.
#pragma once

#include <QString>

namespace pluvia::core {

// Rounded to whole seconds; hours and minutes from a minute on, minutes and seconds below an hour.
QString durationText(double seconds);

} // namespace pluvia::core
