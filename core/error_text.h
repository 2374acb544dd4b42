// SPDX-License-Identifier: GPL-3.0-or-later
// How an exception's message is shown to users: its first line. LibTorch's messages carry a C++
// backtrace after the first line, which is noise in a status bar, a report or a CLI error.
#pragma once

#include <QString>

namespace pluvia::core {

// The first line of `what` (an exception's what()), decoded from the local 8-bit encoding.
QString firstLineOf(const char *what);

} // namespace pluvia::core
