// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/view_transform.h"

#include <algorithm>

namespace pluvia::widgets {

void ViewTransform::fit(QSize image, QSizeF view)
{
    if (image.isEmpty() || view.isEmpty())
        return;
    m_scale = std::clamp(std::min(view.width() / image.width(), view.height() / image.height()),
        kMinScale, kMaxScale);
    m_offset = QPointF((view.width() - image.width() * m_scale) / 2.0,
        (view.height() - image.height() * m_scale) / 2.0);
}

void ViewTransform::actualPixels(QSizeF view, qreal devicePixelRatio)
{
    const QPointF centre(view.width() / 2.0, view.height() / 2.0);
    zoomAt(centre, (1.0 / std::max(devicePixelRatio, 0.1)) / m_scale);
}

void ViewTransform::zoomAt(QPointF anchor, double factor)
{
    const QPointF fixed = toImage(anchor);
    m_scale = std::clamp(m_scale * factor, kMinScale, kMaxScale);
    m_offset = anchor - fixed * m_scale;
}

void ViewTransform::pan(QPointF delta)
{
    m_offset += delta;
}

} // namespace pluvia::widgets
