// SPDX-License-Identifier: GPL-3.0-or-later
// Where a harness writes the files it feeds to Pluvia: a folder of its own process (parallel
// fuzzing runs do not collide), removed when the process ends normally; a crash leaves it
// beside the finding. Its name is the process id in ten digits: no letters whose case or
// length would take other branches from run to run, which fuzzing with a fixed seed relies on.
#pragma once

#include <QDir>
#include <QString>

#include <unistd.h>

inline QString scratchPath(const QString &name)
{
    struct Folder {
        const QString path = QDir::tempPath()
            + QStringLiteral("/pluvia-fuzz-%1").arg(qint64(getpid()), 10, 10, QLatin1Char('0'));
        Folder() { QDir().mkpath(path); }
        ~Folder() { QDir(path).removeRecursively(); }
    };
    static const Folder folder;
    return folder.path + QLatin1Char('/') + name;
}
