// SPDX-License-Identifier: GPL-3.0-or-later
// The GUI thread keeps turning while the heavy work runs elsewhere: an event-loop probe (a 5 ms
// timer whose gaps are measured) runs while the training panel trains a real run, the
// rain-feature map computes a 2,000-point t-SNE map and a large feature file is read; and again
// while a 10,000-image folder is inspected and browsed (thumbnails made as the grid scrolls) and
// the derain queue derains a folder. The worst gap is reported (the target is 50 ms, DESIGN.md
// §9); the test asserts that the probe kept firing throughout, i.e. that no work ran on the GUI
// thread.
#include "core/store/run_store.h"
#include "core/training/training_runs.h"
#include "core/workspace/workspace.h"
#include "widgets/dataset_browser.h"
#include "widgets/derain_queue.h"
#include "widgets/parameter_form.h"
#include "widgets/rain_map_view.h"
#include "widgets/temporal_consistency_view.h"
#include "widgets/thumbnail_model.h"
#include "widgets/training_panel.h"

#include "support/engine_fixtures.h"
#include "support/test_support.h"

#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QImage>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>
#include <QtTest/QtTest>

#include <random>

using namespace pluvia;

namespace {

// The largest gap between two ticks of a 5 ms timer on the GUI thread.
class LatencyProbe
{
public:
    LatencyProbe()
    {
        m_timer.setInterval(5);
        QObject::connect(&m_timer, &QTimer::timeout, [this] {
            const qint64 now = m_clock.elapsed();
            m_worst = std::max(m_worst, now - m_last);
            m_last = now;
            ++m_ticks;
        });
        m_clock.start();
        m_timer.start();
    }
    void stop() { m_timer.stop(); }
    qint64 worst() const { return m_worst; }
    qint64 ticks() const { return m_ticks; }
    double seconds() const { return m_clock.elapsed() / 1000.0; }

private:
    QElapsedTimer m_clock;
    QTimer m_timer;
    qint64 m_last = 0;
    qint64 m_worst = 0;
    qint64 m_ticks = 0;
};

} // namespace

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
        const auto workspace
            = test::workspaceWithPairs(m_dir.filePath(QStringLiteral("ws")), dataset);
        QVERIFY(workspace);

        core::TrainingRuns runs;
        widgets::TrainingPanel panel(&runs);
        panel.setWorkspace(workspace->folder(), workspace->datasets());
        QVERIFY(panel.setMethod(QStringLiteral("supervised")));
        panel.form()->applyPreset(QStringLiteral("quick"));
        panel.form()->setValue(QStringLiteral("width_multiplier"), QStringLiteral("0.125"));
        panel.form()->setValue(QStringLiteral("crop_size"), QStringLiteral("48"));
        panel.setSteps(100000);
        widgets::RainMapView map;
        map.setParameters(30.0, 1000, 1, false);

        LatencyProbe probe;
        QSignalSpy ready(&map, &widgets::RainMapView::featuresReady);
        QSignalSpy finished(&runs, &core::TrainingRuns::runFinished);
        QSignalSpy log(&runs, &core::TrainingRuns::logLine);
        map.openFeatures(features);
        QVERIFY2(panel.form()->isValid(), qPrintable(panel.form()->error()));
        panel.start();
        QVERIFY(!runs.isEmpty());
        QVERIFY(ready.wait(30000));
        QSignalSpy mapped(&map, &widgets::RainMapView::mapFinished);
        map.runMap();
        QVERIFY(mapped.wait(120000));
        QVERIFY2(finished.isEmpty(), qPrintable(panel.progressText())); // still training
        panel.stop();
        QVERIFY(finished.wait(60000));
        probe.stop();
        qInfo("worst event-loop latency %lld ms over %.1f s (%lld probe ticks) while a run trained "
              "and a 2,000-point t-SNE map was computed",
            probe.worst(), probe.seconds(), probe.ticks());
        // At least one tick per 100 ms on average: the loop was not held by the work.
        QVERIFY2(probe.ticks() >= qint64(probe.seconds() * 10),
            qPrintable(QString::number(probe.ticks())));
    }

    void scanAndDerainStayResponsive()
    {
        const QString many = m_dir.filePath(QStringLiteral("many"));
        QVERIFY(test::writeManyImages(many, 10000));
        // A checkpoint of the tiny baseline, and eight 320 × 240 photos for it to derain.
        const QString dataset
            = test::makePairedDataset(m_dir.filePath(QStringLiteral("photos")), 8, 320, 240, 7);
        const QString checkpoint = test::trainedCheckpoint(
            test::tinySupervisedRun(m_dir.filePath(QStringLiteral("derain-ws")), dataset, 2));
        QVERIFY(QFileInfo::exists(checkpoint));

        widgets::DatasetBrowser browser;
        browser.resize(1000, 600);
        browser.show();
        widgets::DerainQueue queue;
        queue.setCheckpoint(checkpoint);
        queue.setOutputFolder(m_dir.filePath(QStringLiteral("derained")));
        queue.addInputs({ dataset + QStringLiteral("/rain") });
        QCOMPARE(queue.count(), 8);

        LatencyProbe probe;
        QSignalSpy queueDone(&queue, &widgets::DerainQueue::queueFinished);
        queue.start();
        // The scan, as the main window runs it: on a worker, shown when done.
        QFutureWatcher<core::DatasetInspection> scan;
        QSignalSpy scanned(&scan, &QFutureWatcher<core::DatasetInspection>::finished);
        scan.setFuture(QtConcurrent::run([many] {
            core::InspectOptions options;
            options.kind = core::DatasetKind::Unpaired;
            return core::inspectDataset(many, options);
        }));
        QVERIFY(scanned.wait(60000));
        browser.setInspection(
            QStringLiteral("many"), scan.result(), m_dir.filePath(QStringLiteral("cache")));
        QCOMPARE(browser.itemCount(), 10000);
        // Scroll through the grid; each stop makes the thumbnails in view on workers.
        for (const int index : { 1, 2500, 5000, 7500, 10000 }) {
            const int before = browser.model()->loadedCount();
            browser.jumpTo(index);
            QTRY_VERIFY_WITH_TIMEOUT(browser.model()->loadedCount() > before, 20000);
        }
        QTRY_COMPARE_WITH_TIMEOUT(queueDone.count(), 1, 120000); // may have come while scrolling
        probe.stop();
        for (int row = 0; row < queue.count(); ++row)
            QCOMPARE(queue.status(row), QStringLiteral("done"));
        qInfo("worst event-loop latency %lld ms over %.1f s (%lld probe ticks) while a "
              "10,000-image folder was scanned and browsed and 8 photos were derained",
            probe.worst(), probe.seconds(), probe.ticks());
        QVERIFY2(probe.ticks() >= qint64(probe.seconds() * 10),
            qPrintable(QString::number(probe.ticks())));
    }

    // The temporal-consistency view derains a scene of twelve 320 × 240 frames with a model
    // while the user plays through the frames already shown.
    void sequenceViewStaysResponsive()
    {
        const QString photos = test::makePairedDataset(
            m_dir.filePath(QStringLiteral("scene-photos")), 12, 320, 240, 3);
        const QString checkpoint = test::trainedCheckpoint(
            test::tinySupervisedRun(m_dir.filePath(QStringLiteral("scene-ws")), photos, 2));
        QVERIFY(QFileInfo::exists(checkpoint));
        core::DatasetScene scene;
        scene.name = QStringLiteral("photos");
        for (const QFileInfo &file :
            QDir(photos + QStringLiteral("/rain")).entryInfoList(QDir::Files))
            scene.frames << file.absoluteFilePath();
        QCOMPARE(scene.frames.size(), 12);

        widgets::TemporalConsistencyView view;
        view.resize(1000, 700);
        view.show();
        view.setScenes(QStringLiteral("photos"), { scene });
        view.setCheckpoint(checkpoint);
        LatencyProbe probe;
        QSignalSpy finished(&view, &widgets::TemporalConsistencyView::sequenceFinished);
        view.start();
        QVERIFY(finished.wait(120000));
        view.setPlaying(true);
        QTest::qWait(1000);
        view.setPlaying(false);
        probe.stop();
        QCOMPARE(view.frameCount(), 12);
        qInfo("worst event-loop latency %lld ms over %.1f s (%lld probe ticks) while a 12-frame "
              "scene was derained and played",
            probe.worst(), probe.seconds(), probe.ticks());
        QVERIFY2(probe.ticks() >= qint64(probe.seconds() * 10),
            qPrintable(QString::number(probe.ticks())));
    }
};

QTEST_MAIN(TestGuiResponsiveness)
#include "test_gui_responsiveness.moc"
