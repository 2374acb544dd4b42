// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/data/listed_paths.h"

#include <QDir>
#include <QFileInfo>

#include <atomic>

namespace pluvia::core {

namespace {

std::atomic<bool> g_mayLeaveRoot { false };

} // namespace

void setListedPathsMayLeaveRoot(bool allowed)
{
    g_mayLeaveRoot = allowed;
}

bool listedPathsMayLeaveRoot()
{
    return g_mayLeaveRoot;
}

bool isInsideFolder(const QString &root, const QString &path)
{
    if (path == root)
        return true;
    const QString prefix = root.endsWith(QLatin1Char('/')) ? root : root + QLatin1Char('/');
    return path.startsWith(prefix);
}

QString listedPathProblem(const QString &root, const QString &path, const QString &listName)
{
    if (!g_mayLeaveRoot && !isInsideFolder(root, path))
        return QStringLiteral("%1: listed in %2 but outside the dataset's folder %3; not used "
                              "(allow with --allow-outside-root)")
            .arg(QDir::toNativeSeparators(path), listName, QDir::toNativeSeparators(root));
    const QFileInfo info(path);
    if (info.isFile())
        return {};
    return QStringLiteral("%1: listed in %2 but %3")
        .arg(QDir::toNativeSeparators(path), listName,
            info.exists() ? QStringLiteral("not a file") : QStringLiteral("missing"));
}

} // namespace pluvia::core
