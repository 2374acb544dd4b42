// SPDX-License-Identifier: GPL-3.0-or-later
// The rain-feature map view: features in, groups and the domain gap shown, a t-SNE map that runs
// on a worker thread, stops when asked, repeats for a seed, toggles groups, and exports.
#include "core/store/run_store.h"
#include "core/training/training_run.h"
#include "widgets/domain_gap_chart.h"
#include "widgets/qcustomplot_compat.h"
#include "widgets/rain_map_view.h"

#include "support/engine_fixtures.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest/QtTest>

#include <random>

using pluvia::widgets::RainMapView;

namespace {

// Three groups in 6-D: two "synthetic" clusters apart from one "real" cluster.
QString writeFeatures(const QString &folder, int perGroup)
{
    const QString path = folder + QStringLiteral("/features.csv");
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text))
        return {};
    std::mt19937 rng(11);
    std::normal_distribution<float> normal(0.f, 1.f);
    QTextStream out(&file);
    out << "group,source,crop,a,b,c,d,e,f\n";
    const char *groups[] = { "synthetic decomposed", "synthetic ground truth", "real decomposed" };
    for (int i = 0; i < 3 * perGroup; ++i) {
        const int g = i % 3;
        out << groups[g] << ",img" << i << ".png,0 0 32 32";
        for (int k = 0; k < 6; ++k)
            out << ',' << normal(rng) + (k == g ? 8.f : 0.f);
        out << '\n';
    }
    return path;
}

bool load(RainMapView &view, const QString &csv)
{
    QSignalSpy ready(&view, &RainMapView::featuresReady);
    view.openFeatures(csv);
    return ready.wait(10000);
}

bool runAndWait(RainMapView &view)
{
    QSignalSpy finished(&view, &RainMapView::mapFinished);
    view.runMap();
    return finished.wait(30000);
}

// Shown on screen with a t-SNE map of 30 points per group, drawn (so pixels map to points).
bool showMapOf30PerGroup(RainMapView &view, const QString &folder)
{
    view.resize(800, 600);
    view.show();
    if (!QTest::qWaitForWindowExposed(&view) || !load(view, writeFeatures(folder, 30)))
        return false;
    view.setParameters(10.0, 300, 2, false);
    if (!runAndWait(view))
        return false;
    view.plot()->replot();
    return true;
}

} // namespace

class TestRainMapView : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

private Q_SLOTS:
    void featuresGroupsAndGap()
    {
        RainMapView view;
        QVERIFY(load(view, writeFeatures(m_dir.path(), 60)));
        QCOMPARE(view.pointCount(), 180);
        QCOMPARE(view.groups(),
            QStringList({ QStringLiteral("synthetic decomposed"),
                QStringLiteral("synthetic ground truth"), QStringLiteral("real decomposed") }));
        // Domains by the group's first word: 120 synthetic against 60 real, fully separated.
        QVERIFY2(view.gapText().contains(QStringLiteral("synthetic (120) vs real (60)")),
            qPrintable(view.gapText()));
        QVERIFY2(
            view.gapText().contains(QStringLiteral("accuracy 1.000")), qPrintable(view.gapText()));
    }

    // The map separates the three clusters, and the same seed repeats it exactly.
    void mapsAndRepeats()
    {
        RainMapView view;
        view.resize(800, 600);
        QVERIFY(load(view, writeFeatures(m_dir.path(), 60)));
        view.setParameters(15.0, 400, 3, false);
        QVERIFY(runAndWait(view));
        const std::vector<float> first = view.embedding();
        QCOMPARE(int(first.size()), 2 * 180);
        QVERIFY2(
            view.status().contains(QStringLiteral("400 iterations")), qPrintable(view.status()));
        // Each point's nearest other point in the map is of its own group.
        int agree = 0;
        for (int i = 0; i < 180; ++i) {
            int nearest = -1;
            double best = 1e300;
            for (int j = 0; j < 180; ++j) {
                const double dx = first[2 * j] - first[2 * i],
                             dy = first[2 * j + 1] - first[2 * i + 1];
                if (j != i && dx * dx + dy * dy < best) {
                    best = dx * dx + dy * dy;
                    nearest = j;
                }
            }
            agree += nearest % 3 == i % 3;
        }
        QCOMPARE(agree, 180);
        // Drawn with one scale on both axes, in a wide and in a tall view, every point inside.
        view.show();
        for (const QSize size : { QSize(1200, 500), QSize(700, 1100) }) {
            view.resize(size);
            QCoreApplication::processEvents();
            view.plot()->replot(QCustomPlot::rpImmediateRefresh);
            const QRect rect = view.plot()->axisRect()->rect();
            const QCPRange x = view.plot()->xAxis->range(), y = view.plot()->yAxis->range();
            const double ux = x.size() / rect.width(), uy = y.size() / rect.height();
            QVERIFY2(std::abs(ux / uy - 1.0) < 1e-6, qPrintable(QString::number(ux / uy)));
            for (int i = 0; i < 180; ++i)
                QVERIFY(x.contains(first[2 * size_t(i)]) && y.contains(first[2 * size_t(i) + 1]));
        }
        QVERIFY(runAndWait(view));
        QCOMPARE(view.embedding(), first);
        view.setParameters(15.0, 400, 3, true); // PCA
        QVERIFY(runAndWait(view));
        QVERIFY2(view.status().contains(QStringLiteral("PCA")), qPrintable(view.status()));
    }

    // Stop ends a long map within a report interval; the partial map is kept.
    void stopEndsTheMap()
    {
        RainMapView view;
        QVERIFY(load(view, writeFeatures(m_dir.path(), 200)));
        view.setParameters(30.0, 20000, 1, false);
        QSignalSpy finished(&view, &RainMapView::mapFinished);
        view.runMap();
        QVERIFY(view.isMapping());
        QTest::qWait(300);
        view.stopMap();
        QVERIFY(finished.wait(10000));
        QVERIFY(!view.isMapping());
        QVERIFY2(view.status().contains(QStringLiteral("(stopped)")), qPrintable(view.status()));
        QCOMPARE(int(view.embedding().size()), 2 * 600);
    }

    // Hiding a group removes its points from hover and picking; export writes every point.
    void groupsToggleAndExport()
    {
        RainMapView view;
        QVERIFY(showMapOf30PerGroup(view, m_dir.path()));
        const std::vector<float> &map = view.embedding();
        const QPoint at(qRound(view.plot()->xAxis->coordToPixel(map[0])),
            qRound(view.plot()->yAxis->coordToPixel(map[1])));
        QCOMPARE(view.pointAt(at, 1.0), 0); // point 0 ("synthetic decomposed") under its pixel
        view.setGroupVisible(QStringLiteral("synthetic decomposed"), false);
        QVERIFY(!view.groupVisible(QStringLiteral("synthetic decomposed")));
        QVERIFY(view.pointAt(at, 1.0) != 0);
        view.setGroupVisible(QStringLiteral("synthetic decomposed"), true);

        const QString csv = m_dir.filePath(QStringLiteral("map.csv"));
        QCOMPARE(view.exportMap(csv), QString());
        QFile file(csv);
        QVERIFY(file.open(QIODevice::ReadOnly | QIODevice::Text));
        const QStringList lines
            = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 91);
        QCOMPARE(lines.front(), QStringLiteral("x,y,group,source,crop"));
        QVERIFY(lines[1].endsWith(QStringLiteral(",synthetic decomposed,img0.png,0 0 32 32")));
        const QString png = m_dir.filePath(QStringLiteral("map.png"));
        QCOMPARE(view.exportMap(png), QString());
        QImage image(png);
        QVERIFY(!image.isNull() && image.width() > 100);
        QVERIFY(view.exportMap(m_dir.filePath(QStringLiteral("map.txt")))
                    .contains(QStringLiteral(".csv, .png or .pdf")));
    }

    // The lasso selects the visible points inside it and lists them.
    void lassoSelects()
    {
        RainMapView view;
        QVERIFY(showMapOf30PerGroup(view, m_dir.path()));
        const QRectF all = view.plot()->axisRect()->rect();
        QCOMPARE(view.selectInside(QPolygonF(all)).size(), 90);
        QCOMPARE(view.selectedCount(), 90);
        view.setGroupVisible(QStringLiteral("real decomposed"), false);
        QCOMPARE(view.selectInside(QPolygonF(all)).size(), 60);
        QCOMPARE(view.selectInside(QPolygonF(QRectF(0, 0, 1, 1))).size(), 0);
        QCOMPARE(view.selectedCount(), 0);
    }

    // Features of a checkpoint, on the datasets its run trained on (read from the workspace),
    // come with each point's rain layer for the hover.
    void checkpointFeaturesCarryRainLayers()
    {
        const QString dataset
            = pluvia::test::makePairedDataset(m_dir.filePath(QStringLiteral("data")), 4, 96, 72, 6);
        const QString ws = m_dir.filePath(QStringLiteral("ws"));
        const QString checkpoint
            = pluvia::test::trainedCheckpoint(pluvia::test::tinySupervisedRun(ws, dataset, 2));
        QVERIFY(QFileInfo::exists(checkpoint));
        RainMapView view;
        view.setWorkspace(ws);
        QSignalSpy ready(&view, &RainMapView::featuresReady);
        view.extractFromCheckpoint(checkpoint);
        QVERIFY(ready.wait(60000));
        QVERIFY2(view.pointCount() > 0, qPrintable(view.status()));
        QCOMPARE(view.groups(),
            QStringList({ QStringLiteral("synthetic decomposed"),
                QStringLiteral("synthetic ground truth") }));
        QVERIFY(view.hasThumbnails());
    }

    // A JRGR checkpoint adds its method's feature layers to the extractors; choosing one
    // extracts again: D_Or's penultimate layer has disc_channels · 8 = 16 · 8 values per point.
    void methodFeatureLayersAreOffered()
    {
        const QString dataset = pluvia::test::makePairedDataset(
            m_dir.filePath(QStringLiteral("jrgr-data")), 4, 96, 72, 8);
        const QString ws = m_dir.filePath(QStringLiteral("jrgr-ws"));
        pluvia::core::RunRequest request = pluvia::test::tinySupervisedRun(ws, dataset, 2);
        request.method = QStringLiteral("jrgr");
        request.overrides = { QStringLiteral("batch_size=2"), QStringLiteral("crop_size=32"),
            QStringLiteral("unet_levels=2") };
        request.data.insert(QStringLiteral("real_rainy"), dataset + QStringLiteral("/rain"));
        const QString checkpoint = pluvia::test::trainedCheckpoint(request);
        QVERIFY(QFileInfo::exists(checkpoint));
        RainMapView view;
        view.setWorkspace(ws);
        QCOMPARE(
            view.extractors(), QStringList({ QStringLiteral("stats"), QStringLiteral("raw") }));
        QSignalSpy ready(&view, &RainMapView::featuresReady);
        view.extractFromCheckpoint(checkpoint);
        QVERIFY(ready.wait(60000));
        QVERIFY2(view.pointCount() > 0, qPrintable(view.status()));
        QCOMPARE(view.featureCount(), 38); // the rain statistics
        QCOMPARE(view.extractors(),
            QStringList({ QStringLiteral("stats"), QStringLiteral("raw"),
                QStringLiteral("layer:D_Or.penultimate"),
                QStringLiteral("layer:D_Os.penultimate") }));
        const int points = view.pointCount();
        view.setExtractor(QStringLiteral("layer:D_Or.penultimate"));
        QVERIFY(ready.wait(60000));
        QCOMPARE(view.featureCount(), 128);
        QCOMPARE(view.pointCount(), points);
        QCOMPARE(view.groups().size(), 4);
    }

    // The gap history chart shows what it is given, and only when it has points.
    void gapHistoryChart()
    {
        QWidget window;
        auto *chart = new pluvia::widgets::DomainGapChart(&window);
        window.show();
        QVERIFY(!chart->isVisible());
        chart->setHistory({ 0.0, 500.0, 1000.0 }, { 0.98, 0.81, 0.64 });
        QVERIFY(chart->isVisible());
        QCOMPARE(chart->pointCount(), 3);
        chart->setHistory({}, {});
        QVERIFY(!chart->isVisible());
    }

    // A broken features file is named with its line; nothing is mapped.
    void brokenFile()
    {
        RainMapView view;
        const QString path = m_dir.filePath(QStringLiteral("broken.csv"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Text));
        file.write("group,a,b\nx,1,2\ny,3,oops\n");
        file.close();
        QVERIFY(load(view, path));
        QVERIFY2(view.status().contains(QStringLiteral("line 3"))
                && view.status().contains(QStringLiteral("broken.csv")),
            qPrintable(view.status()));
        QCOMPARE(view.pointCount(), 0);
    }
};

QTEST_MAIN(TestRainMapView)
#include "test_rain_map_view.moc"
