// SPDX-License-Identifier: GPL-3.0-or-later
// Whether a process of this machine still runs: how the store tells a run whose process died
// (crash, kill -9, power loss) from one that is training elsewhere.
#pragma once

#include <QtGlobal>

namespace pluvia::core {

// A process that exists and is not a zombie (a killed process whose parent has not reaped it
// yet, common in containers whose first process reaps nothing). Without procfs, existence alone.
bool processAlive(qint64 pid);

} // namespace pluvia::core
