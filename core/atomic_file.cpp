// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/atomic_file.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace pluvia::core {

namespace {

QString reason(const QString &path, const char *what, int error)
{
    return QStringLiteral("%1: %2: %3")
        .arg(QDir::toNativeSeparators(path), QLatin1String(what),
            QString::fromLocal8Bit(std::strerror(error)));
}

} // namespace

QString writeFileAtomically(const QString &path, const QByteArray &bytes)
{
    const QFileInfo info(path);
    // O_EXCL with a random name (mkstemp would make the file private, 0600; this way the usual
    // mode follows the umask, applied by the kernel).
    QByteArray temporary;
    int fd = -1;
    for (int attempt = 0; fd < 0 && attempt < 100; ++attempt) {
        temporary = QFile::encodeName(info.absoluteDir().filePath(
            QStringLiteral(".%1.%2")
                .arg(info.fileName())
                .arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0'))));
        fd = ::open(temporary.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd < 0 && errno != EEXIST)
            break;
    }
    if (fd < 0)
        return reason(path, "cannot create a temporary file beside it", errno);
    const auto abandon = [&](const char *what) {
        const int error = errno;
        ::close(fd);
        ::unlink(temporary.constData());
        return reason(path, what, error);
    };
    for (qsizetype done = 0; done < bytes.size();) {
        const ssize_t n = ::write(fd, bytes.constData() + done, size_t(bytes.size() - done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return abandon("cannot write");
        done += n;
    }
    if (::fsync(fd) != 0)
        return abandon("cannot flush to disk");
    if (::close(fd) != 0) {
        const int error = errno;
        ::unlink(temporary.constData());
        return reason(path, "cannot close", error);
    }
    if (::rename(temporary.constData(), QFile::encodeName(info.absoluteFilePath()).constData())
        != 0) {
        const int error = errno;
        ::unlink(temporary.constData());
        return reason(path, "cannot move into place", error);
    }
    return {};
}

bool isDiskFull(const QString &message)
{
    return message.contains(QString::fromLocal8Bit(std::strerror(ENOSPC)))
        || message.contains(QString::fromLocal8Bit(std::strerror(EDQUOT)));
}

} // namespace pluvia::core
