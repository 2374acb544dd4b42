// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/error_text.h"

namespace pluvia::core {

QString firstLineOf(const char *what)
{
    return QString::fromLocal8Bit(what).section(QLatin1Char('\n'), 0, 0);
}

} // namespace pluvia::core
