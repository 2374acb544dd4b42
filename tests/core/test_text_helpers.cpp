// SPDX-License-Identifier: GPL-3.0-or-later
// The text rules the CLI and the GUI share: durations and the first line of an error.
#include "core/duration_text.h"
#include "core/error_text.h"

#include <QtTest/QtTest>

using namespace pluvia::core;

class TestTextHelpers : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void durations()
    {
        QCOMPARE(durationText(0.0), QStringLiteral("0s"));
        QCOMPARE(durationText(44.6), QStringLiteral("45s")); // rounded to the second
        QCOMPARE(durationText(59.4), QStringLiteral("59s"));
        QCOMPARE(durationText(59.5), QStringLiteral("1m00s"));
        QCOMPARE(durationText(185.0), QStringLiteral("3m05s"));
        QCOMPARE(durationText(3599.0), QStringLiteral("59m59s"));
        QCOMPARE(durationText(3600.0), QStringLiteral("1h00m"));
        QCOMPARE(durationText(7500.0), QStringLiteral("2h05m")); // 2 h 5 min exactly
        QCOMPARE(durationText(90061.0), QStringLiteral("25h01m")); // hours are not wrapped
    }

    void firstLineOfAnError()
    {
        QCOMPARE(firstLineOf("out of memory\nException raised from alloc at c10/core.cpp:42"),
            QStringLiteral("out of memory"));
        QCOMPARE(firstLineOf("one line"), QStringLiteral("one line"));
        QCOMPARE(firstLineOf(""), QString());
        QCOMPARE(firstLineOf("caf\xc3\xa9 \xe2\x80\x94 bad\nrest"), QStringLiteral("café — bad"));
    }
};

QTEST_GUILESS_MAIN(TestTextHelpers)
#include "test_text_helpers.moc"
