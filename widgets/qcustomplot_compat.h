// SPDX-License-Identifier: GPL-3.0-or-later
// QCustomPlot's header uses Qt's `signals`, `slots`, `emit` and `foreach` keywords, which Pluvia
// builds without (QT_NO_KEYWORDS, QT_NO_FOREACH: STYLE.md). Include it through this header only:
// the keywords are spelt out for its declarations and removed again afterwards.
#pragma once

#define signals Q_SIGNALS
#define slots Q_SLOTS
#define emit Q_EMIT
#define foreach(variable, container) for (variable : container)
#include <qcustomplot.h>
#undef foreach
#undef emit
#undef slots
#undef signals
