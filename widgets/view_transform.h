// SPDX-License-Identifier: GPL-3.0-or-later
// The zoom and pan that every pane of the layer viewer shares (so zooming one zooms all): a
// point of the image maps to widget = image × scale + offset, in logical pixels. Value type.
#pragma once

#include <QPointF>
#include <QRectF>
#include <QSize>

namespace pluvia::widgets {

class ViewTransform
{
public:
    static constexpr double kMinScale = 1.0 / 64.0;
    static constexpr double kMaxScale = 256.0;

    double scale() const { return m_scale; }
    QPointF offset() const { return m_offset; }

    // The whole image, centred, as large as the view allows.
    void fit(QSize image, QSizeF view);
    // One image pixel per device pixel (1 / devicePixelRatio logical pixels), keeping the image
    // point at the view's centre where it is.
    void actualPixels(QSizeF view, qreal devicePixelRatio);
    // Multiplies the scale by `factor` (clamped to [kMinScale, kMaxScale]) keeping the image
    // point under `anchor` (widget coordinates) under it: wheel zoom to the cursor.
    void zoomAt(QPointF anchor, double factor);
    void pan(QPointF delta);

    QPointF toImage(QPointF widgetPoint) const { return (widgetPoint - m_offset) / m_scale; }
    QPointF toWidget(QPointF imagePoint) const { return imagePoint * m_scale + m_offset; }
    QRectF imageRect(QSize image) const
    {
        return QRectF(m_offset, QSizeF(image.width() * m_scale, image.height() * m_scale));
    }

    bool operator==(const ViewTransform &other) const
    {
        return m_scale == other.m_scale && m_offset == other.m_offset;
    }

private:
    double m_scale = 1.0;
    QPointF m_offset;
};

} // namespace pluvia::widgets
