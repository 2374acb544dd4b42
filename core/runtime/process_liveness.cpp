// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/runtime/process_liveness.h"

#include <QByteArray>
#include <QFile>
#include <QString>

#include <cerrno>

#include <signal.h>

namespace pluvia::core {

bool processAlive(qint64 pid)
{
    if (pid <= 0 || (::kill(pid_t(pid), 0) != 0 && errno != EPERM))
        return false;
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return true; // no procfs: trust kill()
    // "pid (comm) state ...": the state follows the last ')'.
    const QByteArray line = stat.readLine();
    const qsizetype close = line.lastIndexOf(')');
    return close < 0 || close + 2 >= line.size() || line[close + 2] != 'Z';
}

} // namespace pluvia::core
