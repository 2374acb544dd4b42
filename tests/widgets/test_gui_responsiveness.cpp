// SPDX-License-Identifier: GPL-3.0-or-later
// The GUI thread keeps turning while the heavy work runs elsewhere: an event-loop probe (a 5 ms
// timer whose gaps are measured) runs while the training panel trains a real run, the
// rain-feature map computes a 2,000-point t-SNE map and a large feature file is read. The worst
// gap is reported (the target is 50 ms, DESIGN.md §9); the test asserts that the probe kept
// firing throughout, i.e. that no work ran on the GUI thread.
#include "core/workspace/workspace.h"
#include "widgets/parameter_form.h"
#include "widgets/rain_map_view.h"
#include "widgets/training_panel.h"

#include "support/engine_fixtures.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest/QtTest>

#include <random>

using namespace pluvia;

class TestGuiResponsiveness : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

private Q_SLOTS:
    void eventLoopStaysResponsive()
    {
        // A 2,000 × 64 feature file for the map.
        const QString features = m_dir.filePath(QStringLiteral("features.csv"));
        {
            QFile file(features);
            QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Text));
            QTextStream out(&file);
            out << "group";
            for (int k = 0; k < 64; ++k)
                out << ",f" << k;
            out << '\n';
            std::mt19937 rng(3);
            std::normal_distribution<float> normal(0.f, 1.f);
            for (int i = 0; i < 2000; ++i) {
                out << (i % 2 ? "real" : "synthetic");
                for (int k = 0; k < 64; ++k)
                    out << ',' << normal(rng) + (k == i % 10 ? 6.f : 0.f);
                out << '\n';
            }
        }
        const QString dataset
            = test::makePairedDataset(m_dir.filePath(QStringLiteral("data")), 6, 96, 72, 5);
        QString error;
        auto workspace = core::Workspace::open(m_dir.filePath(QStringLiteral("ws")), &error);
        QVERIFY2(workspace, qPrintable(error));
        QVERIFY(workspace->addDataset({ 0, QStringLiteral("pairs"), core::DatasetKind::Paired,
                                          dataset, QStringLiteral("rainy+clean"), {}, {} },
            &error));

        widgets::TrainingPanel panel;
        panel.setWorkspace(workspace->folder(), workspace->datasets());
        QVERIFY(panel.setMethod(QStringLiteral("supervised")));
        panel.form()->applyPreset(QStringLiteral("quick"));
        panel.form()->setValue(QStringLiteral("width_multiplier"), QStringLiteral("0.125"));
        panel.form()->setValue(QStringLiteral("crop_size"), QStringLiteral("48"));
        panel.setSteps(100000);
        widgets::RainMapView map;
        map.setParameters(30.0, 1000, 1, false);

        // The probe: the largest gap between two 5 ms ticks.
        QElapsedTimer clock;
        qint64 last = 0, worst = 0, ticks = 0;
        QTimer probe;
        probe.setInterval(5);
        connect(&probe, &QTimer::timeout, this, [&] {
            const qint64 now = clock.elapsed();
            worst = std::max(worst, now - last);
            last = now;
            ++ticks;
        });
        clock.start();
        probe.start();

        QSignalSpy ready(&map, &widgets::RainMapView::featuresReady);
        QSignalSpy finished(&panel, &widgets::TrainingPanel::runFinished);
        QSignalSpy log(&panel, &widgets::TrainingPanel::logLine);
        map.openFeatures(features);
        QVERIFY2(panel.form()->isValid(), qPrintable(panel.form()->error()));
        panel.start();
        QVERIFY(panel.isRunning());
        QVERIFY(ready.wait(30000));
        QSignalSpy mapped(&map, &widgets::RainMapView::mapFinished);
        map.runMap();
        QVERIFY(mapped.wait(120000));
        QVERIFY2(finished.isEmpty(), qPrintable(panel.progressText())); // still training
        panel.stop();
        QVERIFY(finished.wait(60000));
        probe.stop();
        const double seconds = clock.elapsed() / 1000.0;
        qInfo("worst event-loop latency %lld ms over %.1f s (%lld probe ticks) while a run trained "
              "and a 2,000-point t-SNE map was computed",
            worst, seconds, ticks);
        // At least one tick per 100 ms on average: the loop was not held by the work.
        QVERIFY2(ticks >= qint64(seconds * 10), qPrintable(QString::number(ticks)));
    }
};

QTEST_MAIN(TestGuiResponsiveness)
#include "test_gui_responsiveness.moc"
