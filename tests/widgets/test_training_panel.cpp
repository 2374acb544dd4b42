// SPDX-License-Identifier: GPL-3.0-or-later
// The training side of the GUI: the form generated from a method's schema, the loss plot's
// smoothing, and the training panel driving a real short run (start, pause, resume, stop), the
// time-lapse method's included on a time-lapse dataset.
#include "core/training/training_runs.h"
#include "core/workspace/workspace.h"
#include "widgets/loss_plot.h"
#include "widgets/parameter_form.h"
#include "widgets/qcustomplot_compat.h"
#include "widgets/schedule_plot.h"
#include "widgets/training_panel.h"

#include "support/engine_fixtures.h"

#include <QImage>
#include <QLabel>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest/QtTest>

using namespace pluvia;

namespace {

QString presetValue(const core::MethodInfo &method, const QString &preset, const QString &key)
{
    for (const core::MethodPresetInfo &p : method.presets)
        if (p.name == preset)
            return p.values.value(key).toVariant().toString();
    return {};
}

} // namespace

class TestTrainingPanel : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

private Q_SLOTS:
    // Every parameter of the schema gets an editor with the paper's value; presets apply their
    // values and mark what differs from the paper; a bad value is refused with the core's message.
    void formFromSchema()
    {
        const std::optional<core::MethodInfo> method
            = core::findMethodInfo(QStringLiteral("udrdr"));
        QVERIFY(method);
        widgets::ParameterForm form;
        form.setMethod(*method);
        for (const core::MethodParameterInfo &p : method->parameters)
            QVERIFY2(!form.value(p.name).isEmpty() || p.type == QLatin1String("path"),
                qPrintable(p.name));
        QCOMPARE(form.value(QStringLiteral("learning_rate")), QStringLiteral("0.0008"));
        QCOMPARE(form.value(QStringLiteral("blocks")), QStringLiteral("16"));
        QVERIFY(form.differingFromPaper().isEmpty());
        QVERIFY(form.isValid());

        form.applyPreset(QStringLiteral("quick"));
        QCOMPARE(form.value(QStringLiteral("blocks")),
            presetValue(*method, QStringLiteral("quick"), QStringLiteral("blocks")));
        QVERIFY(form.differingFromPaper().contains(QStringLiteral("blocks")));
        QVERIFY(form.overrides().isEmpty()); // the preset's values are not overrides

        QVERIFY(form.setValue(QStringLiteral("learning_rate"), QStringLiteral("5")));
        QVERIFY(!form.isValid());
        QVERIFY2(form.error().contains(QStringLiteral("learning_rate"))
                && form.error().contains(QStringLiteral("allowed")),
            qPrintable(form.error()));
        QVERIFY(form.setValue(QStringLiteral("learning_rate"), QStringLiteral("0.001")));
        QVERIFY(form.isValid());
        QCOMPARE(form.overrides(), QStringList({ QStringLiteral("learning_rate=0.001") }));
        QVERIFY(!form.setValue(QStringLiteral("banana"), QStringLiteral("1")));
    }

    // What a configuration leaves out is shown under the form, and goes when it is back on:
    // DerainCycleGAN without VGG-16 weights has L_p off; with a weights path, or with L_p
    // switched off by hand, there is nothing to say; JRGR has nothing to say.
    void formShowsNotices()
    {
        const std::optional<core::MethodInfo> method
            = core::findMethodInfo(QStringLiteral("deraincyclegan"));
        QVERIFY(method);
        widgets::ParameterForm form;
        form.setMethod(*method);
        QCOMPARE(form.notices().size(), 1);
        QVERIFY2(form.notices().front().contains(QStringLiteral("L_p")),
            qPrintable(form.notices().front()));
        auto *label = form.findChild<QLabel *>(QStringLiteral("parameterNotices"));
        QVERIFY(label);
        QCOMPARE(label->text(), form.notices().front());
        QVERIFY(form.setValue(QStringLiteral("vgg_weights"), QStringLiteral("/data/vgg16.pt")));
        QVERIFY(form.notices().isEmpty());
        QVERIFY(form.setValue(QStringLiteral("vgg_weights"), QString()));
        QCOMPARE(form.notices().size(), 1);
        QVERIFY(form.setValue(QStringLiteral("use_perceptual"), QStringLiteral("false")));
        QVERIFY(form.notices().isEmpty());
        form.setMethod(*core::findMethodInfo(QStringLiteral("jrgr")));
        QVERIFY(form.notices().isEmpty());
    }

    // The smoothed curve is the debiased EMA, computed by hand for α = 0.5.
    void lossPlotSmoothing()
    {
        widgets::LossPlot plot;
        QVector<core::MetricPoint> points;
        for (int i = 1; i <= 3; ++i)
            points.push_back({ QStringLiteral("loss/l1"), i, 0.0, double(i) });
        points.push_back({ QStringLiteral("lr/adam/F"), 1, 0.0, 1e-4 });
        plot.addPoints(QStringLiteral("run-a"), points);
        plot.setSmoothing(0.5);
        QCOMPARE(plot.groups(), QStringList({ QStringLiteral("loss"), QStringLiteral("lr") }));
        const QVector<double> s = plot.smoothed(QStringLiteral("run-a"), QStringLiteral("loss/l1"));
        QCOMPARE(s.size(), 3);
        QVERIFY(std::abs(s[0] - 1.0) < 1e-12);
        QVERIFY(std::abs(s[1] - 1.25 / 0.75) < 1e-12);
        QVERIFY(std::abs(s[2] - 2.125 / 0.875) < 1e-12);
        plot.setGroup(QStringLiteral("loss"));
        plot.redrawNow();
        QCOMPARE(plot.plot()->graphCount(), 2); // raw (faint) and smoothed
        QCOMPARE(plot.plot()->graph(0)->dataCount(), 3);
        // Hover: the smoothed value at or before x, and nothing of the faint raw series.
        QCOMPARE(plot.valuesAt(2.5), QStringLiteral("loss/l1: 1.6667 at 2"));
        // The crosshair follows the mouse: a line at the cursor and a marker on the smoothed
        // point at or before it; it goes when the mouse leaves.
        plot.resize(600, 300);
        plot.plot()->replot(QCustomPlot::rpImmediateRefresh);
        QVERIFY(std::isnan(plot.crosshairX()));
        const QPointF at(plot.plot()->xAxis->coordToPixel(2.5), 100.0);
        QMouseEvent move(QEvent::MouseMove, at, plot.plot()->mapToGlobal(at), Qt::NoButton,
            Qt::NoButton, Qt::NoModifier);
        QCoreApplication::sendEvent(plot.plot(), &move);
        QVERIFY2(std::abs(plot.crosshairX() - 2.5) < 0.05,
            qPrintable(QString::number(plot.crosshairX())));
        const QVector<QPointF> markers = plot.crosshairMarkers();
        QCOMPARE(markers.size(), 1);
        QCOMPARE(markers[0].x(), 2.0);
        QVERIFY(std::abs(markers[0].y() - 1.25 / 0.75) < 1e-12);
        QEvent leave(QEvent::Leave);
        QCoreApplication::sendEvent(plot.plot(), &leave);
        QVERIFY(std::isnan(plot.crosshairX()));
        QVERIFY(plot.crosshairMarkers().isEmpty());
        const QString csv = QDir::temp().filePath(QStringLiteral("pluvia-loss-plot-test.csv"));
        QCOMPARE(plot.exportTo(csv), QString());
        QFile file(csv);
        QVERIFY(file.open(QIODevice::ReadOnly | QIODevice::Text));
        const QStringList lines
            = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 5); // header and four points
        QVERIFY(lines.contains(QStringLiteral("run-a,loss/l1,2,0.000,2")));
        file.remove();

        // A stored run opened again while it trains live: the stored points replace the shown
        // ones, and live points after the last stored step stay.
        plot.addPoints(QStringLiteral("run-b"),
            { { QStringLiteral("loss/l1"), 5, 0.0, 5.0 },
                { QStringLiteral("loss/l1"), 2, 0.0, 9.0 } });
        plot.replaceRun(QStringLiteral("run-b"),
            { { QStringLiteral("loss/l1"), 1, 0.0, 1.0 },
                { QStringLiteral("loss/l1"), 2, 0.0, 2.0 },
                { QStringLiteral("loss/l1"), 3, 0.0, 3.0 } });
        QCOMPARE(plot.pointCount(QStringLiteral("run-b"), QStringLiteral("loss/l1")), 4);
        plot.setSmoothing(0.0); // the smoothed series is then the values themselves
        QCOMPARE(plot.smoothed(QStringLiteral("run-b"), QStringLiteral("loss/l1")),
            QVector<double>({ 1.0, 2.0, 3.0, 5.0 }));
        plot.setSmoothing(0.5);

        // Every point is kept, a million of them.
        QVector<core::MetricPoint> many;
        many.reserve(1000000);
        for (int i = 0; i < 1000000; ++i)
            many.push_back({ QStringLiteral("loss/l1"), i + 4, 0.0, 1.0 / (1 + i % 1000) });
        plot.addPoints(QStringLiteral("run-a"), many);
        QCOMPARE(plot.pointCount(QStringLiteral("run-a"), QStringLiteral("loss/l1")), 1000003);
        QElapsedTimer clock;
        clock.start();
        plot.resize(800, 400);
        plot.redrawNow();
        plot.plot()->replot(QCustomPlot::rpImmediateRefresh);
        qInfo("a million points: redrawn in %lld ms", clock.elapsed());
    }

    // The form's schedule plot draws what the papers prescribe, as shares of the run: UDRDR
    // (quick: 30 epochs halving every 10) at 8e-4, 4e-4 after a third, 2e-4 after two thirds;
    // JRGR (quick: 10 + 20 epochs) pre-trains F_s and F_r at 2e-4 for a third with G frozen,
    // then G at 2e-4, F_r at 2e-5, F_s at 2e-6. With a step count, x is in steps.
    void schedulePlotShowsThePapersSchedules()
    {
        core::TrainingRuns runs;
        widgets::TrainingPanel panel(&runs);
        widgets::SchedulePlot *plot = panel.schedule();
        QSignalSpy updated(plot, &widgets::SchedulePlot::updated);
        QVERIFY(panel.setMethod(QStringLiteral("udrdr")));
        panel.form()->applyPreset(QStringLiteral("quick"));
        QTRY_VERIFY(plot->seriesNames().contains(QStringLiteral("F3"))
            && std::abs(plot->rateAt(QStringLiteral("F3"), 0.5) - 4e-4) < 1e-12);
        QCOMPARE(plot->rateAt(QStringLiteral("F1"), 0.1), 8e-4);
        QCOMPARE(plot->rateAt(QStringLiteral("F2"), 0.7), 2e-4);

        QVERIFY(panel.setMethod(QStringLiteral("jrgr")));
        panel.form()->applyPreset(QStringLiteral("quick"));
        panel.setSteps(3000);
        QTRY_VERIFY(plot->stageNames()
            == QStringList({ QStringLiteral("pre-train"), QStringLiteral("joint") }));
        QTRY_COMPARE(plot->rateAt(QStringLiteral("F_r"), 0.5), 2e-5);
        QCOMPARE(plot->rateAt(QStringLiteral("F_r"), 0.1), 2e-4);
        QCOMPARE(plot->rateAt(QStringLiteral("F_s"), 0.5), 2e-6);
        QVERIFY(std::isnan(plot->rateAt(QStringLiteral("G_r"), 0.1))); // frozen
        QCOMPARE(plot->rateAt(QStringLiteral("G_r"), 0.5), 2e-4);
        QCOMPARE(plot->rateAt(QStringLiteral("D_B"), 0.9), 2e-4);
        QVERIFY(updated.count() > 0);
    }

    // The panel offers each role only datasets of its kind, and drives a real run.
    void panelDrivesARun()
    {
        const QString dataset
            = test::makePairedDataset(m_dir.filePath(QStringLiteral("data")), 6, 96, 72, 5);
        QString error;
        auto workspace = core::Workspace::open(m_dir.filePath(QStringLiteral("ws")), &error);
        QVERIFY2(workspace, qPrintable(error));
        core::DatasetEntry paired;
        paired.name = QStringLiteral("pairs");
        paired.kind = core::DatasetKind::Paired;
        paired.path = dataset;
        paired.content = core::ImageContent::RainyAndClean;
        QVERIFY2(workspace->addDataset(paired, &error), qPrintable(error));
        core::DatasetEntry rainy;
        rainy.name = QStringLiteral("rain only");
        rainy.kind = core::DatasetKind::Unpaired;
        rainy.path = dataset + QStringLiteral("/rain");
        rainy.content = core::ImageContent::Rainy;
        QVERIFY2(workspace->addDataset(rainy, &error), qPrintable(error));

        core::TrainingRuns runs;
        widgets::TrainingPanel panel(&runs);
        panel.setWorkspace(workspace->folder(), workspace->datasets());
        QVERIFY(panel.setMethod(QStringLiteral("jrgr")));
        QCOMPARE(panel.offeredDatasets(QStringLiteral("synthetic_paired")),
            QStringList({ QStringLiteral("pairs") }));
        QCOMPARE(panel.offeredDatasets(QStringLiteral("real_rainy")),
            QStringList({ QStringLiteral("rain only") }));

        QVERIFY(panel.setMethod(QStringLiteral("supervised")));
        QVERIFY(panel.setRoleDataset(QStringLiteral("synthetic_paired"), QStringLiteral("pairs")));
        panel.form()->applyPreset(QStringLiteral("quick"));
        for (const auto &[key, value] : { std::pair { "batch_size", "2" }, { "crop_size", "48" },
                 { "width_multiplier", "0.125" }, { "unet_levels", "3" } })
            QVERIFY(panel.form()->setValue(QString::fromLatin1(key), QString::fromLatin1(value)));
        QVERIFY2(panel.form()->isValid(), qPrintable(panel.form()->error()));
        panel.setSteps(100000);
        QSignalSpy metrics(&runs, &core::TrainingRuns::metricsLogged);
        QSignalSpy state(&runs, &core::TrainingRuns::statusChanged);
        QSignalSpy finished(&runs, &core::TrainingRuns::runFinished);
        panel.start();
        QVERIFY(!runs.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(metrics.count() > 0, 30000);
        // The run's state changes since `from`, and the panel's status line showing the latest.
        const auto reported = [&](qsizetype from, core::RunStatus status) {
            for (qsizetype i = from; i < state.count(); ++i)
                if (state.at(i).at(1).value<core::RunStatus>() == status)
                    return true;
            return false;
        };
        qsizetype from = state.count();
        panel.pause();
        QTRY_VERIFY_WITH_TIMEOUT(reported(from, core::RunStatus::Paused), 30000);
        QVERIFY2(panel.progressText().endsWith(QStringLiteral(": paused")),
            qPrintable(panel.progressText()));
        from = state.count();
        panel.resume();
        QTRY_VERIFY_WITH_TIMEOUT(reported(from, core::RunStatus::Running), 30000);
        panel.stop();
        QVERIFY(finished.wait(30000));
        QCOMPARE(finished.first().first().value<core::RunStatus>(), core::RunStatus::Stopped);
        QVERIFY(runs.isEmpty());
        QVERIFY2(panel.progressText().contains(QStringLiteral("stopped")),
            qPrintable(panel.progressText()));
    }

    // The time-lapse method trains from the panel on a time-lapse dataset: only that dataset is
    // offered for its role, and a short quick run completes with its loss terms logged.
    void panelTrainsTheTimeLapseMethod()
    {
        const QString root = m_dir.filePath(QStringLiteral("timelapse"));
        for (int s = 0; s < 2; ++s) {
            const QString scene = QStringLiteral("%1/scene%2").arg(root).arg(s);
            QVERIFY(QDir().mkpath(scene));
            for (int f = 0; f < 3; ++f) {
                QImage frame(64, 64, QImage::Format_RGB888);
                frame.fill(QColor(40 + 60 * s, 120, 160));
                for (int y = 0; y < 64; ++y)
                    frame.setPixelColor((7 * f + 3) % 64, y, Qt::white);
                QVERIFY(frame.save(QStringLiteral("%1/%2.png").arg(scene).arg(f)));
            }
        }
        const QString pairs
            = test::makePairedDataset(m_dir.filePath(QStringLiteral("tl-pairs")), 2, 64, 64, 3);
        QString error;
        auto workspace = core::Workspace::open(m_dir.filePath(QStringLiteral("tl-ws")), &error);
        QVERIFY2(workspace, qPrintable(error));
        QVERIFY2(workspace->addDataset({ 0, QStringLiteral("frames"), core::DatasetKind::TimeLapse,
                                           root, core::ImageContent::Frames, {}, {} },
                     &error),
            qPrintable(error));
        QVERIFY2(workspace->addDataset({ 0, QStringLiteral("pairs"), core::DatasetKind::Paired,
                                           pairs, core::ImageContent::RainyAndClean, {}, {} },
                     &error),
            qPrintable(error));

        core::TrainingRuns runs;
        widgets::TrainingPanel panel(&runs);
        panel.setWorkspace(workspace->folder(), workspace->datasets());
        QVERIFY(panel.setMethod(QStringLiteral("timelapse")));
        QCOMPARE(panel.offeredDatasets(QStringLiteral("timelapse")),
            QStringList({ QStringLiteral("frames") }));
        QVERIFY(panel.setRoleDataset(QStringLiteral("timelapse"), QStringLiteral("frames")));
        panel.form()->applyPreset(QStringLiteral("quick"));
        for (const auto &[key, value] : { std::pair { "batch_size", "2" }, { "crop_size", "32" },
                 { "width_multiplier", "0.125" } })
            QVERIFY(panel.form()->setValue(QString::fromLatin1(key), QString::fromLatin1(value)));
        QVERIFY2(panel.form()->isValid(), qPrintable(panel.form()->error()));
        QVERIFY(panel.canStart());
        panel.setSteps(3);
        QSignalSpy metrics(&runs, &core::TrainingRuns::metricsLogged);
        QSignalSpy finished(&runs, &core::TrainingRuns::runFinished);
        panel.start();
        QVERIFY(finished.wait(120000));
        QCOMPARE(finished.first().first().value<core::RunStatus>(), core::RunStatus::Finished);
        QStringList keys;
        for (const QList<QVariant> &signal : std::as_const(metrics))
            for (const core::MetricPoint &point : signal.at(1).value<QVector<core::MetricPoint>>())
                keys << point.key;
        QVERIFY2(keys.contains(QStringLiteral("loss/background"))
                && keys.contains(QStringLiteral("loss/structure")),
            qPrintable(keys.join(QLatin1Char(' '))));
    }

    // Resume continues a stopped run from its last checkpoint to its total: it finishes at the
    // planned step, and its stored loss series runs on without a gap or a repeated step.
    void resumeAndSeveralRuns()
    {
        const QString dataset
            = test::makePairedDataset(m_dir.filePath(QStringLiteral("resume-data")), 4, 96, 72, 3);
        const auto workspace
            = test::workspaceWithPairs(m_dir.filePath(QStringLiteral("resume-ws")), dataset);
        QVERIFY(workspace);
        QString error;
        core::TrainingRuns runs;
        widgets::TrainingPanel panel(&runs);
        panel.setWorkspace(workspace->folder(), workspace->datasets());
        QVERIFY(panel.setMethod(QStringLiteral("supervised")));
        QVERIFY(panel.setRoleDataset(QStringLiteral("synthetic_paired"), QStringLiteral("pairs")));
        panel.form()->applyPreset(QStringLiteral("quick"));
        for (const QString &setting : test::tinySupervisedOverrides())
            QVERIFY(panel.form()->setValue(setting.section(u'=', 0, 0), setting.section(u'=', 1)));
        constexpr int kSteps = 400;
        panel.setSteps(kSteps);
        QSignalSpy metrics(&runs, &core::TrainingRuns::metricsLogged);
        QSignalSpy finished(&runs, &core::TrainingRuns::runFinished);
        panel.start();
        QTRY_VERIFY_WITH_TIMEOUT(metrics.count() > 0, 30000);
        const QString runId = metrics.first().first().toString();
        panel.stop();
        QVERIFY(finished.wait(30000));
        QCOMPARE(finished.last().first().value<core::RunStatus>(), core::RunStatus::Stopped);
        auto store = core::RunStore::open(workspace->folder(), &error);
        QVERIFY2(store, qPrintable(error));
        QVERIFY(store->run(runId));
        const qint64 stoppedAt = store->run(runId)->step;
        QVERIFY2(stoppedAt < kSteps, qPrintable(QString::number(stoppedAt)));

        QVERIFY(panel.resumeRun(runId));
        QVERIFY(!panel.resumeRun(runId)); // not the same run twice
        QVERIFY(finished.wait(60000));
        QVERIFY2(finished.last().first().value<core::RunStatus>() == core::RunStatus::Finished,
            qPrintable(panel.progressText()));
        store = core::RunStore::open(workspace->folder(), &error);
        QCOMPARE(store->run(runId)->step, qint64(kSteps));
        const core::MetricSeries loss = store->series(runId, QStringLiteral("loss/l1"));
        QCOMPARE(loss.steps.size(), kSteps);
        for (int i = 0; i < loss.steps.size(); ++i)
            QCOMPARE(loss.steps[i], qint64(i + 1));
        qInfo("stopped at step %lld, resumed to %d", stoppedAt, kSteps);

        // Two runs at once: each logs under its own id; Stop acts on the one chosen, stopAll on
        // the rest.
        panel.setSteps(100000);
        metrics.clear();
        finished.clear();
        panel.start();
        panel.start();
        QCOMPARE(runs.count(), 2);
        QSet<QString> ids;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                for (const QList<QVariant> &m : std::as_const(metrics))
                    ids.insert(m.first().toString());
                return ids.size() == 2;
            }(),
            30000);
        const QString chosen = panel.runId();
        QVERIFY(ids.contains(chosen));
        panel.stop();
        QVERIFY(finished.wait(30000));
        QCOMPARE(runs.count(), 1);
        QVERIFY(panel.runId() != chosen);
        runs.stopAll();
        QVERIFY(finished.wait(30000));
        QCOMPARE(runs.count(), 0);
        for (const QString &id : std::as_const(ids))
            QCOMPARE(store->run(id)->status, core::RunStatus::Stopped);
    }
};

QTEST_MAIN(TestTrainingPanel)
#include "test_training_panel.moc"
