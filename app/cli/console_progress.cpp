// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/console_progress.h"

#include "core/duration_text.h"
#include <QMutexLocker>
#include <QTextStream>

#include <cstdio>
#include <unistd.h>

namespace pluvia::cli {

namespace {
constexpr qint64 kTerminalIntervalMs = 100; // ~10 Hz redraw
constexpr qint64 kPlainIntervalMs = 5000; // logs stay readable
} // namespace

ConsoleProgress::ConsoleProgress(QString label)
    : m_label(std::move(label))
    , m_terminal(isatty(fileno(stderr)) == 1)
{
    m_clock.start();
}

ConsoleProgress::~ConsoleProgress()
{
    finish();
}

void ConsoleProgress::update(qint64 done, qint64 total)
{
    QMutexLocker lock(&m_mutex);
    m_lastDone = done;
    m_lastTotal = total;
    const qint64 now = m_clock.elapsed();
    const qint64 interval = m_terminal ? kTerminalIntervalMs : kPlainIntervalMs;
    if (m_finished || (m_lastPrintMs >= 0 && now - m_lastPrintMs < interval))
        return;
    m_lastPrintMs = now;
    print(done, total, false);
}

core::ProgressCallback ConsoleProgress::callback(const std::atomic<bool> *cancel)
{
    return [this, cancel](qint64 done, qint64 total) {
        update(done, total);
        return cancel == nullptr || !cancel->load();
    };
}

void ConsoleProgress::finish()
{
    QMutexLocker lock(&m_mutex);
    if (m_finished)
        return;
    m_finished = true;
    if (m_lastPrintMs >= 0 || m_lastDone > 0)
        print(m_lastDone, m_lastTotal, true);
}

void ConsoleProgress::print(qint64 done, qint64 total, bool final)
{
    const double seconds = m_clock.elapsed() / 1000.0;
    const double rate = seconds > 0 ? done / seconds : 0.0;
    QString line = m_label + QLatin1Char(' ');
    if (total > 0) {
        const double fraction = std::min(1.0, double(done) / double(total));
        if (m_terminal) {
            constexpr int kWidth = 30;
            const int filled = int(fraction * kWidth);
            line += QLatin1Char('[') + QString(filled, QLatin1Char('#'))
                + QString(kWidth - filled, QLatin1Char('.')) + QLatin1String("] ");
        }
        line += QStringLiteral("%1/%2 (%3%)").arg(done).arg(total).arg(int(fraction * 100));
        if (!final && rate > 0 && done < total)
            line += QStringLiteral(", ETA %1").arg(core::durationText((total - done) / rate));
    } else {
        line += QString::number(done);
    }
    line += QStringLiteral(", %1/s, %2").arg(rate, 0, 'f', 1).arg(core::durationText(seconds));
    QTextStream err(stderr);
    if (m_terminal)
        err << '\r' << line << "\x1b[K" << (final ? "\n" : "");
    else
        err << line << '\n';
    err.flush();
}

} // namespace pluvia::cli
