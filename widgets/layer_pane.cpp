// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/layer_pane.h"

#include "core/image/preview_layer.h"
#include "widgets/layer_readout.h"
#include "widgets/view_transform.h"

#include <QMouseEvent>
#include <QPainter>
#include <QWheelEvent>

#include <cmath>

namespace pluvia::widgets {

namespace {

constexpr double kWheelStep = 1.25; // zoom factor per wheel notch (120 units)
constexpr int kSplitGrip = 6; // pixels either side of the split line that grab it

} // namespace

LayerPane::LayerPane(const ViewTransform *transform, QWidget *parent)
    : QWidget(parent)
    , m_transform(transform)
{
    setMouseTracking(true);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setMinimumSize(80, 60);
}

void LayerPane::setLayer(const core::PreviewLayer *layer)
{
    m_layer = layer;
    update();
}

void LayerPane::setSecondLayer(const core::PreviewLayer *second)
{
    m_second = second;
    setCursor(second ? Qt::SplitHCursor : Qt::ArrowCursor);
    update();
}

void LayerPane::setSplitPosition(double position)
{
    m_split = std::clamp(position, 0.0, 1.0);
    update();
}

void LayerPane::setMarker(QPoint pixel)
{
    if (pixel != m_marker) {
        m_marker = pixel;
        update();
    }
}

void LayerPane::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.fillRect(rect(), palette().color(QPalette::Base));
    if (!m_layer)
        return;
    // Magnified: nearest neighbour, so each image pixel is a sharp square; reduced: smooth.
    const bool smooth = m_transform->scale() * devicePixelRatioF() < 1.0;
    painter.setRenderHint(QPainter::SmoothPixmapTransform, smooth);
    const QRectF target = m_transform->imageRect(m_layer->display.size());
    const double splitX = m_split * width();
    auto draw = [&](const core::PreviewLayer &layer, const QRectF &clip) {
        painter.save();
        painter.setClipRect(clip);
        painter.drawImage(target, layer.display);
        painter.restore();
    };
    if (m_second) {
        draw(*m_layer, QRectF(0, 0, splitX, height()));
        draw(*m_second, QRectF(splitX, 0, width() - splitX, height()));
        painter.setPen(QPen(palette().color(QPalette::Highlight), 2));
        painter.drawLine(QPointF(splitX, 0), QPointF(splitX, height()));
    } else {
        draw(*m_layer, rect());
    }
    if (m_marker.x() >= 0) {
        // The hovered pixel's outline (at least 7 px across so it shows when reduced).
        const QPointF corner = m_transform->toWidget(QPointF(m_marker));
        const double side = std::max(7.0, m_transform->scale());
        const QRectF box(
            corner + QPointF(m_transform->scale() - side, m_transform->scale() - side) / 2.0,
            QSizeF(side, side));
        painter.setRenderHint(QPainter::Antialiasing, false);
        painter.setPen(QPen(Qt::black, 1));
        painter.drawRect(box.adjusted(-1, -1, 1, 1));
        painter.setPen(QPen(Qt::white, 1));
        painter.drawRect(box);
    }
    // The name, and the value under the cursor, on a translucent plate legible over any image.
    QString title = m_second ? tr("%1 | %2").arg(m_layer->name, m_second->name) : m_layer->name;
    if (!m_second && m_marker.x() >= 0) {
        if (const QString values = pixelValues(*m_layer, m_marker); !values.isEmpty())
            title += QStringLiteral("   ") + values;
    }
    const QRect text = painter.fontMetrics().boundingRect(title).adjusted(-6, -3, 6, 3);
    const QRect plate(QPoint(6, 6), text.size());
    painter.fillRect(plate, QColor(0, 0, 0, 160));
    painter.setPen(Qt::white);
    painter.drawText(plate, Qt::AlignCenter, title);
}

void LayerPane::wheelEvent(QWheelEvent *event)
{
    const double notches = event->angleDelta().y() / 120.0;
    if (notches != 0.0)
        Q_EMIT zoomRequested(event->position(), std::pow(kWheelStep, notches));
    event->accept();
}

bool LayerPane::nearSplitLine(QPointF point) const
{
    return m_second && std::abs(point.x() - m_split * width()) <= kSplitGrip;
}

void LayerPane::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return;
    m_movingSplit = nearSplitLine(event->position());
    m_panning = !m_movingSplit;
    m_lastDrag = event->position();
    if (m_panning)
        setCursor(Qt::ClosedHandCursor);
}

void LayerPane::mouseMoveEvent(QMouseEvent *event)
{
    if (m_movingSplit) {
        setSplitPosition(event->position().x() / std::max(1, width()));
    } else if (m_panning) {
        Q_EMIT panRequested(event->position() - m_lastDrag);
        m_lastDrag = event->position();
    }
    Q_EMIT hovered(m_transform->toImage(event->position()));
}

void LayerPane::mouseReleaseEvent(QMouseEvent *)
{
    m_panning = m_movingSplit = false;
    setCursor(m_second ? Qt::SplitHCursor : Qt::ArrowCursor);
}

void LayerPane::mouseDoubleClickEvent(QMouseEvent *)
{
    Q_EMIT fitRequested();
}

void LayerPane::leaveEvent(QEvent *)
{
    Q_EMIT hoverLeft();
}

void LayerPane::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    Q_EMIT resized();
}

} // namespace pluvia::widgets
