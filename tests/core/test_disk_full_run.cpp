// SPDX-License-Identifier: GPL-3.0-or-later
// A training run whose disk fills up (issue 18: with no space left, the run's status stayed
// "running" and the message hid the cause). The workspace lives on a small tmpfs, filled between
// two scheduled checkpoints so that the store's small writes still fit and the checkpoint does
// not: the run pauses, stored as paused with the system's reason; stopped while the disk is
// still full (what the headless CLI does) it is stored as stopped with that reason, its earlier
// checkpoints sound; once there is space, resume completes it with every step logged once.
#include "core/atomic_file.h"
#include "core/store/run_store.h"
#include "core/training/training_run.h"

#include "support/engine_fixtures.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest/QtTest>

#include <cerrno>
#include <cstring>
#include <sys/mount.h>
#include <sys/statvfs.h>

using namespace pluvia;
using namespace pluvia::core;

namespace {

// What the store's writes between two checkpoints need (a few WAL pages per commit), left free
// when the disk is filled; the checkpoint is made to need more than this.
constexpr qint64 kLeftFree = 384 * 1024;

qint64 freeBytes(const QString &folder)
{
    struct statvfs fs {
    };
    return statvfs(QFile::encodeName(folder).constData(), &fs) == 0
        ? qint64(fs.f_bavail) * qint64(fs.f_frsize)
        : -1;
}

// Fills the file system holding `folder` until `leave` bytes are free.
bool fillLeaving(const QString &folder, qint64 leave)
{
    QFile filler(QDir(folder).filePath(QStringLiteral("filler.bin")));
    if (!filler.open(QIODevice::WriteOnly))
        return false;
    const QByteArray block(64 * 1024, 'f');
    while (freeBytes(folder) - block.size() >= leave)
        if (filler.write(block) != block.size() || !filler.flush())
            return false;
    return true;
}

RunRequest wideSupervisedRun(const QString &workspace, const QString &dataset)
{
    RunRequest request = test::tinySupervisedRun(workspace, dataset, 40);
    // Wide enough that a checkpoint (weights and Adam's moments) needs well over kLeftFree.
    request.overrides << QStringLiteral("width_multiplier=0.5");
    request.engine.checkpointEvery = 20;
    return request;
}

} // namespace

class TestDiskFullRun : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_dataset;
    QString m_mount;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_dataset = test::makePairedDataset(m_dir.filePath(QStringLiteral("data")), 6, 96, 96, 3);
        m_mount = m_dir.filePath(QStringLiteral("small-disk"));
        QVERIFY(QDir().mkpath(m_mount));
        if (mount("tmpfs", QFile::encodeName(m_mount).constData(), "tmpfs", 0, "size=24m") != 0)
            QSKIP(qPrintable(QStringLiteral("cannot mount a tmpfs here (%1); test_atomic_file "
                                            "covers the messages")
                                 .arg(QString::fromLocal8Bit(std::strerror(errno)))));
    }

    void cleanupTestCase() { umount(QFile::encodeName(m_mount).constData()); }

    void fullDiskPausesWithTheReasonAndResumes()
    {
        const QString ws = QDir(m_mount).filePath(QStringLiteral("ws"));
        TrainingRun run(wideSupervisedRun(ws, m_dataset));
        QSignalSpy errors(&run, &TrainingRun::errorOccurred);
        run.start();
        run.pause(); // takes effect within a step: long before the checkpoint at step 20
        QVERIFY(test::waitForStatus(run, RunStatus::Paused));
        const QString runId = run.runId();
        QString error;
        const auto store = RunStore::open(ws, &error);
        QVERIFY2(store, qPrintable(error));
        const QString checkpoints = store->runFolder(runId) + QStringLiteral("/checkpoints");
        const QFileInfoList written = QDir(checkpoints).entryInfoList({ QStringLiteral("*.pt") });
        QVERIFY(!written.isEmpty());
        QVERIFY2(written.first().size() > 2 * kLeftFree,
            qPrintable(QString::number(written.first().size())));
        QVERIFY(fillLeaving(m_mount, kLeftFree));

        run.resume();
        QTRY_VERIFY_WITH_TIMEOUT(!errors.isEmpty(), 120000);
        QVERIFY(test::waitForStatus(run, RunStatus::Paused));
        QCOMPARE(errors.size(), 1);
        const RunError failure = errors.at(0).at(0).value<RunError>();
        QCOMPARE(failure.code, QStringLiteral("checkpoint"));
        QCOMPARE(failure.step, qint64(20));
        const QString noSpace = QString::fromLocal8Bit(std::strerror(ENOSPC));
        QVERIFY2(failure.message.contains(QDir::toNativeSeparators(checkpoints)),
            qPrintable(failure.message));
        QVERIFY2(failure.message.contains(noSpace), qPrintable(failure.message));
        QVERIFY(isDiskFull(failure.message));
        // Stored as paused, with the reason (the store's own small writes still fit).
        std::optional<RunRecord> record = store->run(runId);
        QVERIFY(record);
        QCOMPARE(record->status, RunStatus::Paused);
        QCOMPARE(record->error, failure.message);

        // Stopped while the disk is still full, as the headless CLI does: the stop's checkpoint
        // cannot be written either; the run is stopped (not failed) with the reason.
        run.stop();
        QVERIFY(test::waitForFinish(run));
        QCOMPARE(run.status(), RunStatus::Stopped);
        record = store->run(runId);
        QCOMPARE(record->status, RunStatus::Stopped);
        QVERIFY2(record->error.contains(noSpace), qPrintable(record->error));
        QVERIFY2(record->error.endsWith(QStringLiteral("; free space, then resume the run")),
            qPrintable(record->error));
        QVERIFY(QDir(checkpoints)
                    .entryList({ QStringLiteral("*.tmp*") }, QDir::Files | QDir::Hidden)
                    .isEmpty());

        // With space again, resume continues from the last sound checkpoint to the end, and
        // every step's loss is in the series exactly once.
        QVERIFY(QFile::remove(QDir(m_mount).filePath(QStringLiteral("filler.bin"))));
        TrainingRun resumed(ResumeRequest { ws, runId, 0, {} });
        resumed.start();
        QVERIFY(test::waitForFinish(resumed));
        QCOMPARE(resumed.status(), RunStatus::Finished);
        record = store->run(runId);
        QCOMPARE(record->status, RunStatus::Finished);
        QCOMPARE(record->error, QString());
        const MetricSeries loss = store->series(runId, QStringLiteral("loss/l1"));
        QCOMPARE(loss.steps.size(), 40);
        for (qsizetype i = 0; i < loss.steps.size(); ++i)
            QCOMPARE(loss.steps[i], qint64(i + 1));
    }
};

QTEST_GUILESS_MAIN(TestDiskFullRun)
#include "test_disk_full_run.moc"
