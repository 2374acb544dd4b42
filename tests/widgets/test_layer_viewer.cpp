// SPDX-License-Identifier: GPL-3.0-or-later
// The layer viewer: shared zoom and pan, the pixel readout, the residual that exposes a
// decomposition that does not add up, split and flip, and sharp pixels when magnified.
#include "core/image/layer_compare.h"
#include "widgets/layer_pane.h"
#include "widgets/layer_viewer.h"

#include <QWheelEvent>
#include <QtTest/QtTest>

#include <cmath>

using namespace pluvia;
using pluvia::widgets::LayerViewer;
using pluvia::widgets::ViewTransform;

namespace {

constexpr int kWidth = 40;
constexpr int kHeight = 30;

// An image layer with value f(x, y, c), its display rounded from the values.
template<typename F>
core::PreviewLayer imageLayer(const QString &name, F f)
{
    core::PreviewLayer layer;
    layer.name = name;
    layer.width = kWidth;
    layer.height = kHeight;
    layer.display = QImage(kWidth, kHeight, QImage::Format_RGB888);
    for (int y = 0; y < kHeight; ++y)
        for (int x = 0; x < kWidth; ++x) {
            uchar *rgb = layer.display.scanLine(y) + 3 * x;
            for (int c = 0; c < 3; ++c) {
                const float v = f(x, y, c);
                layer.values << v;
                rgb[c] = uchar(std::lround(std::clamp(v, 0.f, 1.f) * 255.f));
            }
        }
    return layer;
}

float background(int x, int y, int c)
{
    return 0.1f + 0.8f * float(x) / kWidth * (c == 0) + 0.8f * float(y) / kHeight * (c == 1)
        + 0.3f * (c == 2);
}

float rain(int x, int y, int)
{
    return (x + 2 * y) % 7 == 0 ? 0.1f : 0.f; // streaks
}

// O = B + R exactly, B_gt = B + 0.01 in the red channel; `cheat` adds 0.1 to B at (30, 22).
core::PreviewEvent decomposition(bool cheat = false)
{
    core::PreviewEvent event;
    event.sample = QStringLiteral("rainy.png");
    const core::PreviewLayer o = imageLayer(QStringLiteral("O"),
        [](int x, int y, int c) { return background(x, y, c) + rain(x, y, c); });
    const core::PreviewLayer b = imageLayer(QStringLiteral("B"), [cheat](int x, int y, int c) {
        return background(x, y, c) + (cheat && x == 30 && y == 22 ? 0.1f : 0.f);
    });
    core::PreviewLayer r
        = core::differenceLayer(QStringLiteral("R"), o, imageLayer(QString(), background)).layer;
    const core::PreviewLayer gt = imageLayer(QStringLiteral("B_gt"),
        [](int x, int y, int c) { return background(x, y, c) + (c == 0 ? 0.01f : 0.f); });
    event.layers = { o, b, r, gt };
    return event;
}

// Shows the viewer with a decomposition; panes added to a visible window show from the event loop.
bool showWith(LayerViewer &viewer, const core::PreviewEvent &preview)
{
    viewer.resize(900, 700);
    viewer.show();
    if (!QTest::qWaitForWindowExposed(&viewer))
        return false;
    viewer.setPreview(preview);
    QCoreApplication::processEvents();
    return viewer.pane(0) && viewer.pane(0)->isVisible();
}

QColor shownAt(LayerViewer &viewer, int pane, QPoint widgetPoint)
{
    return viewer.pane(pane)->grab().toImage().pixelColor(widgetPoint);
}

} // namespace

class TestLayerViewer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Hand-computed transforms: zoom keeps the anchor's image point, fit centres, 100 % is one
    // image pixel per device pixel.
    void transformMath()
    {
        ViewTransform t;
        t.zoomAt(QPointF(100, 50), 2.0);
        QCOMPARE(t.scale(), 2.0);
        QCOMPARE(t.offset(), QPointF(-100, -50));
        QCOMPARE(t.toImage(QPointF(100, 50)), QPointF(100, 50));
        t.fit(QSize(200, 100), QSizeF(400, 400));
        QCOMPARE(t.scale(), 2.0);
        QCOMPARE(t.offset(), QPointF(0, 100));
        t.actualPixels(QSizeF(400, 400), 2.0);
        QCOMPARE(t.scale(), 0.5);
        QCOMPARE(t.toImage(QPointF(200, 200)), QPointF(100, 50)); // the centre stayed
        t.zoomAt(QPointF(0, 0), 1e9);
        QCOMPARE(t.scale(), ViewTransform::kMaxScale);
    }

    // The residual layer and the error map are added; O + ... names in order.
    void derivedLayers()
    {
        LayerViewer viewer;
        viewer.setPreview(decomposition());
        QCOMPARE(viewer.layerNames(),
            QStringList({ QStringLiteral("O"), QStringLiteral("B"), QStringLiteral("R"),
                QStringLiteral("B_gt"), QStringLiteral("O − (B + R)"),
                QStringLiteral("B − B_gt") }));
        QVERIFY2(viewer.residualMax() < 1e-6f, qPrintable(QString::number(viewer.residualMax())));
    }

    // A derained image's caption names its NIQE of O and B and which way is better; a preview
    // without them (a training preview) has no NIQE in its caption.
    void captionShowsNiqe()
    {
        LayerViewer viewer;
        core::PreviewEvent preview = decomposition();
        preview.sample = QStringLiteral("rain.png");
        viewer.setPreview(preview);
        QVERIFY(!viewer.title().contains(QStringLiteral("NIQE")));
        preview.niqeO = 7.3154;
        preview.niqeB = 5.0249;
        viewer.setPreview(preview);
        QCOMPARE(
            viewer.title(), QStringLiteral("rain.png — NIQE O 7.32 → B 5.02 (lower is better)"));
    }

    // A decomposition whose B and R do not add up to O shows it: the residual's maximum is the
    // 0.1 added to B, and its pane is coloured (not white) at that pixel.
    void residualExposesACheat()
    {
        LayerViewer viewer;
        QVERIFY(showWith(viewer, decomposition(true)));
        QVERIFY(std::abs(viewer.residualMax() - 0.1f) < 1e-6f);
        const int residual = int(viewer.layerNames().indexOf(QStringLiteral("O − (B + R)")));
        const QPointF at = viewer.transform().toWidget(QPointF(30.5, 22.5));
        const QColor cheat = shownAt(viewer, residual, at.toPoint());
        QCOMPARE(cheat, QColor(0, 0, 255)); // −0.1 ≤ −1/255: full blue
        const QPointF honest = viewer.transform().toWidget(QPointF(20.5, 22.5));
        QCOMPARE(shownAt(viewer, residual, honest.toPoint()), QColor(255, 255, 255));
        // On a dark palette the colormap's centre is black, its ends blue (0.25, 0.5, 1) and red.
        QPalette dark = viewer.palette();
        dark.setColor(QPalette::Base, QColor(20, 20, 20));
        viewer.setPalette(dark);
        QCoreApplication::processEvents();
        QCOMPARE(shownAt(viewer, residual, honest.toPoint()), QColor(0, 0, 0));
        QCOMPARE(shownAt(viewer, residual, at.toPoint()), QColor(64, 128, 255));
    }

    // A wheel notch over one pane zooms every pane about the cursor: each pane then shows, at
    // the same widget point, its own layer's pixel at the same image point.
    void zoomingOnePaneZoomsAll()
    {
        LayerViewer viewer;
        const core::PreviewEvent preview = decomposition();
        QVERIFY(showWith(viewer, preview));
        const double fitted = viewer.transform().scale();
        QVERIFY(fitted > 1.0);
        const QPointF cursor(60, 50);
        const QPointF imageBefore = viewer.transform().toImage(cursor);
        QWheelEvent wheel(cursor, viewer.pane(1)->mapToGlobal(cursor), QPoint(), QPoint(0, 240),
            Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(viewer.pane(1), &wheel);
        QCOMPARE(viewer.transform().scale(), fitted * 1.25 * 1.25);
        QVERIFY((viewer.transform().toImage(cursor) - imageBefore).manhattanLength() < 1e-9);
        const QPoint pixel(22, 20);
        const QPoint probe
            = viewer.transform().toWidget(QPointF(pixel) + QPointF(0.5, 0.5)).toPoint();
        QVERIFY(viewer.pane(0)->rect().contains(probe));
        for (int pane : { 0, 1, 3 }) {
            const QColor expected = preview.layers[pane].display.pixelColor(pixel);
            QCOMPARE(shownAt(viewer, pane, probe), expected);
        }
    }

    // Hovering reads every layer at that pixel; values against the formulas, R signed.
    void readoutValues()
    {
        LayerViewer viewer;
        QVERIFY(showWith(viewer, decomposition()));
        const QPoint pixel(7, 0); // a streak: (7 + 0) % 7 == 0
        const QPointF at = viewer.transform().toWidget(QPointF(pixel) + QPointF(0.5, 0.5));
        QTest::mouseMove(viewer.pane(2), at.toPoint());
        const QString text = viewer.readout();
        const auto three = [&](float r, float g, float b) {
            return QStringLiteral("%1 %2 %3").arg(r, 0, 'f', 3).arg(g, 0, 'f', 3).arg(b, 0, 'f', 3);
        };
        QVERIFY2(text.startsWith(QStringLiteral("x 7, y 0 · ")), qPrintable(text));
        const float red = 0.1f + 0.8f * 7.f / kWidth;
        QVERIFY2(
            text.contains(QStringLiteral("O ") + three(red + 0.1f, 0.2f, 0.5f)), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("B ") + three(red, 0.1f, 0.4f)), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("R +0.100 +0.100 +0.100")), qPrintable(text));
        QVERIFY2(
            text.contains(QStringLiteral("B − B_gt \u22120.010 +0.000 +0.000")), qPrintable(text));
        QTest::mouseMove(viewer.pane(2), QPoint(2, 2)); // outside the image (letterbox)
        QVERIFY(!viewer.readout().startsWith(QStringLiteral("x ")));
    }

    // Split mode compares O and B; the flip key swaps them; the line can be dragged.
    void splitAndFlip()
    {
        LayerViewer viewer;
        QVERIFY(showWith(viewer, decomposition()));
        viewer.setSplitMode(true);
        QVERIFY(viewer.splitMode());
        QCOMPARE(viewer.splitLayers(), qMakePair(QStringLiteral("O"), QStringLiteral("B")));
        QTest::keyClick(&viewer, Qt::Key_F);
        QCOMPARE(viewer.splitLayers(), qMakePair(QStringLiteral("B"), QStringLiteral("O")));
        viewer.flip();
        QCOMPARE(viewer.splitLayers(), qMakePair(QStringLiteral("O"), QStringLiteral("B")));
        QTest::keyClick(&viewer, Qt::Key_S);
        QVERIFY(!viewer.splitMode());
    }

    // At 8× each image pixel is an 8 × 8 block of one colour (nearest neighbour, no smoothing).
    void magnifiedPixelsStaySharp()
    {
        LayerViewer viewer;
        const core::PreviewEvent preview = decomposition();
        QVERIFY(showWith(viewer, preview));
        viewer.actualPixels();
        const QPointF centre = QRectF(viewer.pane(0)->rect()).center();
        viewer.zoomAt(centre, 8.0 / viewer.transform().scale());
        QCOMPARE(viewer.transform().scale(), 8.0);
        const QImage shown = viewer.pane(0)->grab().toImage();
        const QPointF under = viewer.transform().toImage(centre);
        const QPoint pixel(int(under.x()), int(under.y()));
        const QPointF corner = viewer.transform().toWidget(QPointF(pixel));
        const QColor expected = preview.layers[0].display.pixelColor(pixel);
        for (int dy = 1; dy < 7; ++dy)
            for (int dx = 1; dx < 7; ++dx)
                QCOMPARE(shown.pixelColor(corner.toPoint() + QPoint(dx, dy)), expected);
    }
};

QTEST_MAIN(TestLayerViewer)
#include "test_layer_viewer.moc"
