// SPDX-License-Identifier: GPL-3.0-or-later
// One pane of the layer viewer: draws a layer's rendering through the viewer's shared
// ViewTransform (nearest-neighbour when magnified, so pixels stay pixels), its name, and a marker
// at the pixel under the cursor in any pane. In split mode it draws layer A left of a draggable
// split line and layer B right of it. It owns no state but the split line: zoom, pan and hover go
// to the viewer as requests, which applies them to every pane.
#pragma once

#include <QPoint>
#include <QWidget>

namespace pluvia::core {
struct PreviewLayer;
}

namespace pluvia::widgets {

class ViewTransform;

class LayerPane : public QWidget
{
    Q_OBJECT

public:
    LayerPane(const ViewTransform *transform, QWidget *parent = nullptr);

    // The layer shown (not owned; must outlive the pane or be replaced); nullptr for none.
    void setLayer(const core::PreviewLayer *layer);
    // Split mode: `second` is drawn right of the split line; nullptr leaves split mode.
    void setSecondLayer(const core::PreviewLayer *second);
    const core::PreviewLayer *layer() const { return m_layer; }
    const core::PreviewLayer *secondLayer() const { return m_second; }
    double splitPosition() const { return m_split; } // share of the width, [0, 1]
    void setSplitPosition(double position);
    void setMarker(QPoint pixel); // image pixel to mark; (-1, -1) for none

    QSize sizeHint() const override { return { 320, 240 }; }

Q_SIGNALS:
    void zoomRequested(QPointF anchor, double factor);
    void panRequested(QPointF delta);
    void fitRequested();
    void hovered(QPointF imagePoint);
    void hoverLeft();
    void resized();

protected:
    void paintEvent(QPaintEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void leaveEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    bool nearSplitLine(QPointF point) const;

    const ViewTransform *m_transform;
    const core::PreviewLayer *m_layer = nullptr;
    const core::PreviewLayer *m_second = nullptr;
    double m_split = 0.5;
    QPoint m_marker { -1, -1 };
    QPointF m_lastDrag;
    bool m_panning = false;
    bool m_movingSplit = false;
};

} // namespace pluvia::widgets
