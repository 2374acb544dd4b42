// SPDX-License-Identifier: GPL-3.0-or-later
// The temporal-consistency view on a tiny time-lapse scene: the slider and playback show the
// frame asked for; the std maps' readout equals σ worked out by hand; the scores are plotted with
// the baselines as reference lines; Cancel stops a model's sequence between frames and keeps the
// frames derained; a broken scene is reported, not shown.
#include "core/data/dataset.h"
#include "widgets/frame_score_plot.h"
#include "widgets/layer_viewer.h"
#include "widgets/qcustomplot_compat.h"
#include "widgets/temporal_consistency_view.h"

#include "support/engine_fixtures.h"

#include <QDir>
#include <QImage>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest/QtTest>

#include <cmath>

using namespace pluvia;

namespace {

constexpr int kSide = 16;

// `count` kSide² frames of the background (51, 102, 153) = (0.2, 0.4, 0.6), frame f white in
// column (2 f + 1) mod kSide, and background.png: one scene, as inspection finds it.
core::DatasetScene writeScene(const QString &folder, int count, int side = kSide)
{
    QDir().mkpath(folder);
    QImage background(side, side, QImage::Format_RGB888);
    background.fill(QColor(51, 102, 153));
    core::DatasetScene scene;
    scene.name = QFileInfo(folder).fileName();
    scene.background = folder + QStringLiteral("/background.png");
    background.save(scene.background);
    for (int f = 0; f < count; ++f) {
        QImage frame = background;
        for (int y = 0; y < side; ++y)
            frame.setPixelColor((2 * f + 1) % side, y, Qt::white);
        const QString path
            = QStringLiteral("%1/%2.png").arg(folder).arg(f, 3, 10, QLatin1Char('0'));
        frame.save(path);
        scene.frames << path;
    }
    return scene;
}

bool runToEnd(widgets::TemporalConsistencyView &view)
{
    QSignalSpy finished(&view, &widgets::TemporalConsistencyView::sequenceFinished);
    view.start();
    return finished.wait(60000);
}

} // namespace

class TestTemporalConsistencyView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sliderAndPlaybackShowTheFrameAsked()
    {
        QTemporaryDir dir;
        const core::DatasetScene scene = writeScene(dir.filePath(QStringLiteral("street")), 3);
        widgets::TemporalConsistencyView view;
        view.resize(900, 700);
        view.show();
        view.setScenes(QStringLiteral("timelapse"), { scene });
        QVERIFY(view.chooseSource(QStringLiteral("temporal-median")));
        QVERIFY(runToEnd(view));
        QCOMPARE(view.frameCount(), 3);
        QTRY_COMPARE(view.frameViewer()->sample(), scene.frames[0]);

        view.showFrame(2);
        QCOMPARE(view.currentFrame(), 2);
        QTRY_COMPARE(view.frameViewer()->sample(), scene.frames[2]);
        // Frame 2 is white in column 5: O reads 1 there, B (the median) the background.
        const QString readout = view.frameViewer()->readoutAt(QPoint(5, 7));
        QVERIFY2(readout.contains(QStringLiteral("O 1.000 1.000 1.000"))
                && readout.contains(QStringLiteral("B 0.200 0.400 0.600")),
            qPrintable(readout));
        // Asked for in quick succession, only the last frame asked for ends up shown.
        QSignalSpy shown(&view, &widgets::TemporalConsistencyView::frameShown);
        view.showFrame(0);
        view.showFrame(1);
        view.showFrame(99); // clamped
        QCOMPARE(view.currentFrame(), 2);
        QTRY_COMPARE(shown.count(), 1);
        QCOMPARE(shown.first().first().toInt(), 2);
        QTest::qWait(100);
        QCOMPARE(shown.count(), 1);

        view.setPlaying(true);
        QVERIFY(view.isPlaying());
        QTRY_COMPARE_WITH_TIMEOUT(view.currentFrame(), 0, 5000); // wraps round to the first
        QTRY_COMPARE_WITH_TIMEOUT(view.frameViewer()->sample(), scene.frames[1], 5000);
        view.setPlaying(false);
        QVERIFY(!view.isPlaying());
    }

    void stdMapsAndScoresMatchTheirEquations()
    {
        QTemporaryDir dir;
        const core::DatasetScene scene = writeScene(dir.filePath(QStringLiteral("street")), 3);
        widgets::TemporalConsistencyView view;
        view.setScenes(QStringLiteral("timelapse"), { scene });
        QVERIFY(view.chooseSource(QStringLiteral("temporal-mean")));
        QVERIFY(runToEnd(view));
        // Column 3 is white in one frame of three: σ per channel (1 − b) √2 / 3, averaged over
        // the channels b = (0.2, 0.4, 0.6): 0.6 √2 / 3 = 0.283; the mean gives every frame the
        // same B, so its σ is 0. Column 8 has no rain in any frame.
        const QString readout = view.stdViewer()->readoutAt(QPoint(3, 4));
        QVERIFY2(readout.contains(QStringLiteral("std O 0.283"))
                && readout.contains(QStringLiteral("std B 0.000")),
            qPrintable(readout));
        QVERIFY(view.stdViewer()->readoutAt(QPoint(8, 4)).contains(QStringLiteral("std O 0.000")));
        // Means over the frame, of 255: three columns of kSide carry σ.
        const double mean = 3.0 / kSide * 0.6 * std::sqrt(2.0) / 3.0 * 255.0;
        QVERIFY2(view.consistencyText().contains(QString::number(mean, 'f', 2))
                && view.consistencyText().contains(QStringLiteral("B 0.00")),
            qPrintable(view.consistencyText()));

        // One point per frame; the reference lines are the baselines' own scores: the mean's line
        // runs at the frames' level (every frame has the mean's B).
        QCustomPlot *plot = view.scorePlot()->plot();
        QCOMPARE(view.scorePlot()->pointCount(), 3);
        const double framePsnr = plot->graph(0)->data()->at(1)->value;
        const double meanLine = plot->graph(1)->data()->at(0)->value;
        QVERIFY(std::isfinite(framePsnr));
        QCOMPARE(framePsnr, meanLine);
        // The median's B is the background itself: infinite PSNR leaves the line out (NaN).
        QVERIFY(std::isnan(plot->graph(2)->data()->at(0)->value));
    }

    void cancelStopsBetweenFrames()
    {
        QTemporaryDir dir;
        const test::TinyModel model = test::tinyTrainedModel(dir.path(), 2, 5, 2);
        QVERIFY(QFileInfo::exists(model.checkpoint));
        const core::DatasetScene scene = writeScene(dir.filePath(QStringLiteral("long")), 60, 96);
        widgets::TemporalConsistencyView view;
        view.setScenes(QStringLiteral("timelapse"), { scene });
        view.setCheckpoint(model.checkpoint);
        connect(&view, &widgets::TemporalConsistencyView::frameProgress, &view,
            [&view](qint64 done, qint64) {
                if (done >= 1)
                    view.cancel();
            });
        QVERIFY(runToEnd(view));
        QVERIFY2(view.frameCount() >= 1 && view.frameCount() < 60,
            qPrintable(QString::number(view.frameCount())));
        QVERIFY2(
            view.statusText().contains(QStringLiteral("cancelled")), qPrintable(view.statusText()));
        // What was derained stays browsable.
        view.showFrame(view.frameCount() - 1);
        QTRY_COMPARE(view.frameViewer()->sample(), scene.frames[view.frameCount() - 1]);
        QVERIFY(!view.isRunning());
    }

    void brokenSceneIsReported()
    {
        QTemporaryDir dir;
        core::DatasetScene scene = writeScene(dir.filePath(QStringLiteral("street")), 3);
        QFile::remove(scene.frames[1]);
        widgets::TemporalConsistencyView view;
        view.setScenes(QStringLiteral("timelapse"), { scene });
        QVERIFY(view.chooseSource(QStringLiteral("temporal-mean")));
        QVERIFY(runToEnd(view));
        QVERIFY2(
            view.statusText().contains(QStringLiteral("001.png")), qPrintable(view.statusText()));
        QCOMPARE(view.frameCount(), 0);
    }
};

QTEST_MAIN(TestTemporalConsistencyView)
#include "test_temporal_consistency_view.moc"
