// SPDX-License-Identifier: GPL-3.0-or-later
// The runs table: every run of the store, best validation PSNR and the SSIM at that step,
// numeric sorting, filtering on any column, and the reproducibility card of the selected run.
#include "core/catalogue/method_catalog.h"
#include "core/store/run_store.h"
#include "widgets/runs_table.h"

#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest/QtTest>

using namespace pluvia;
using pluvia::widgets::RunsTable;

namespace {

QString addRun(core::RunStore &store, const QString &method, const QString &preset,
    const QVector<std::pair<double, double>> &validation, const QString &note)
{
    core::RunRecord record;
    record.method = method;
    record.preset = preset;
    record.note = note;
    record.seed = 7;
    record.device = QStringLiteral("cpu");
    record.totalSteps = 100;
    core::resolveMethodParameters(method, preset, {}, &record.params);
    record.roles = { { QStringLiteral("synthetic_paired"), QStringLiteral("/data/pairs"),
        QStringLiteral("paired"), QStringLiteral("rainy+clean"), 4, QStringLiteral("abc123"),
        {} } };
    if (!store.createRun(&record).isEmpty())
        return {};
    QVector<core::MetricPoint> points;
    for (int i = 0; i < validation.size(); ++i) {
        points.push_back({ QStringLiteral("val/psnr_y"), 10 * (i + 1), 0.0, validation[i].first });
        points.push_back({ QStringLiteral("val/ssim_y"), 10 * (i + 1), 0.0, validation[i].second });
    }
    store.appendMetrics(record.id, points);
    return record.id;
}

} // namespace

class TestRunsTable : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

private Q_SLOTS:
    void tableSortFilterCard()
    {
        QString error;
        auto store = core::RunStore::open(m_dir.path(), &error);
        QVERIFY2(store, qPrintable(error));
        const QString a = addRun(*store, QStringLiteral("supervised"), QStringLiteral("quick"),
            { { 20.5, 0.70 }, { 22.25, 0.75 }, { 21.0, 0.80 } }, QStringLiteral("first"));
        const QString b = addRun(
            *store, QStringLiteral("jrgr"), QStringLiteral("quick"), { { 25.0, 0.9 } }, {});
        const QString c = addRun(
            *store, QStringLiteral("udrdr"), QString(), {}, QStringLiteral("no validation"));
        QVERIFY(!a.isEmpty() && !b.isEmpty() && !c.isEmpty());

        RunsTable table;
        QSignalSpy loaded(&table, &RunsTable::loaded);
        table.setWorkspace(m_dir.path());
        QVERIFY(loaded.wait(10000));
        QCOMPARE(table.visibleRows(), 3);

        table.sortByColumn(RunsTable::BestPsnr, Qt::DescendingOrder);
        QCOMPARE(table.cell(0, RunsTable::Run), b);
        QCOMPARE(table.cell(0, RunsTable::BestPsnr), QStringLiteral("25.00"));
        QCOMPARE(table.cell(1, RunsTable::Run), a);
        QCOMPARE(table.cell(1, RunsTable::BestPsnr), QStringLiteral("22.25"));
        QCOMPARE(table.cell(1, RunsTable::SsimAtBest), QStringLiteral("0.7500")); // at step 20
        QCOMPARE(table.cell(2, RunsTable::BestPsnr), QStringLiteral("—"));
        QCOMPARE(table.cell(2, RunsTable::Preset), QStringLiteral("paper"));

        table.setFilter(QStringLiteral("JRGR"));
        QCOMPARE(table.visibleRows(), 1);
        table.setFilter(QStringLiteral("validation")); // the note column
        QCOMPARE(table.visibleRows(), 1);
        QCOMPARE(table.cell(0, RunsTable::Run), c);
        table.setFilter(QString());
        QCOMPARE(table.visibleRows(), 3);

        table.sortByColumn(RunsTable::BestPsnr, Qt::DescendingOrder);
        table.selectRow(1);
        const QString card = table.card();
        QVERIFY2(card.contains(QStringLiteral(
                     "data synthetic_paired: /data/pairs (4 items, SHA-256 abc123)")),
            qPrintable(card));
        QVERIFY2(
            card.contains(QStringLiteral("re-run: pluvia-cli train --workspace ") + m_dir.path()
                + QStringLiteral(" --method supervised --preset quick --data "
                                 "synthetic_paired=/data/pairs --steps 100 --seed 7")),
            qPrintable(card));
    }

    // Resume is offered for stopped, failed and interrupted runs only, and asks for the
    // selected one. Why a run stopped is shown with its status (issue 18: a full disk).
    void resumeOffersStoppedRuns()
    {
        QTemporaryDir dir;
        QString error;
        auto store = core::RunStore::open(dir.path(), &error);
        QVERIFY2(store, qPrintable(error));
        const QString stopped = addRun(*store, QStringLiteral("supervised"),
            QStringLiteral("quick"), {}, QStringLiteral("stopped"));
        const QString finished = addRun(*store, QStringLiteral("supervised"),
            QStringLiteral("quick"), {}, QStringLiteral("finished"));
        const QString reason = QStringLiteral("ckpt/step-00000040.pt: cannot write: No space left "
                                              "on device; free space, then resume the run");
        QCOMPARE(store->updateRun(stopped, core::RunStatus::Stopped, 40, 100, reason), QString());
        QCOMPARE(store->updateRun(finished, core::RunStatus::Finished, 100, 100, {}), QString());
        RunsTable table;
        QSignalSpy loaded(&table, &RunsTable::loaded);
        table.setWorkspace(dir.path());
        QVERIFY(loaded.wait(10000));
        QVERIFY(!table.canResumeSelected()); // nothing selected
        QSignalSpy resume(&table, &RunsTable::resumeRequested);
        auto *button = [&] {
            for (QPushButton *b : table.findChildren<QPushButton *>())
                if (b->text() == QLatin1String("Resume"))
                    return b;
            return static_cast<QPushButton *>(nullptr);
        }();
        QVERIFY(button);
        for (int row = 0; row < table.visibleRows(); ++row) {
            table.selectRow(row);
            const bool isStopped = table.cell(row, RunsTable::Run) == stopped;
            QCOMPARE(table.selectedRun(), table.cell(row, RunsTable::Run));
            QCOMPARE(table.canResumeSelected(), isStopped);
            QCOMPARE(table.cell(row, RunsTable::Status),
                isStopped ? QStringLiteral("stopped: ") + reason : QStringLiteral("finished"));
            QCOMPARE(button->isEnabled(), isStopped);
            button->click();
        }
        QCOMPARE(resume.count(), 1);
        QCOMPARE(resume.first().first().toString(), stopped);
    }

    // The selected run's checkpoints are listed newest first, and the buttons hand the chosen
    // one on for deraining or the rain-feature map.
    void checkpointsOfTheSelectedRun()
    {
        QTemporaryDir dir;
        QString error;
        auto store = core::RunStore::open(dir.path(), &error);
        QVERIFY2(store, qPrintable(error));
        const QString run = addRun(*store, QStringLiteral("jrgr"), QStringLiteral("quick"), {}, {});
        for (const qint64 step : { 0, 500, 1000 }) {
            core::ArtifactRecord a;
            a.runId = run;
            a.kind = QStringLiteral("checkpoint");
            a.path = dir.filePath(QStringLiteral("step-%1.pt").arg(step));
            a.step = step;
            a.note = step == 1000 ? QStringLiteral("stop") : QString();
            QCOMPARE(store->addArtifact(&a), QString());
        }
        RunsTable table;
        QSignalSpy loaded(&table, &RunsTable::loaded);
        table.setWorkspace(dir.path());
        QVERIFY(loaded.wait(10000));
        QVERIFY(table.checkpoints().isEmpty());
        table.selectRow(0);
        QCOMPARE(table.checkpoints(),
            QStringList({ dir.filePath(QStringLiteral("step-1000.pt")),
                dir.filePath(QStringLiteral("step-500.pt")),
                dir.filePath(QStringLiteral("step-0.pt")) }));
        auto *list = table.findChild<QListWidget *>();
        QVERIFY(list);
        QCOMPARE(list->item(0)->text(), QStringLiteral("step 1000 (stop)"));
        QSignalSpy chosen(&table, &RunsTable::checkpointChosen);
        list->setCurrentRow(1);
        for (QPushButton *b : table.findChildren<QPushButton *>())
            if (b->text() == QLatin1String("Rain-feature map"))
                b->click();
        QCOMPARE(chosen.count(), 1);
        QCOMPARE(chosen.first().at(0).toString(), dir.filePath(QStringLiteral("step-500.pt")));
        QCOMPARE(chosen.first().at(1).value<RunsTable::CheckpointUse>(),
            RunsTable::CheckpointUse::RainMap);
        list->setCurrentRow(0);
        for (QPushButton *b : table.findChildren<QPushButton *>())
            if (b->text() == QStringLiteral("Export weights…"))
                b->click();
        QCOMPARE(chosen.count(), 2);
        QCOMPARE(chosen.last().at(0).toString(), dir.filePath(QStringLiteral("step-1000.pt")));
        QCOMPARE(chosen.last().at(1).value<RunsTable::CheckpointUse>(),
            RunsTable::CheckpointUse::ExportWeights);
    }
};

QTEST_MAIN(TestRunsTable)
#include "test_runs_table.moc"
