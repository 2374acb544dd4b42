// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/layer_readout.h"

#include "core/image/preview_layer.h"

#include <QStringList>

namespace pluvia::widgets {

QString pixelValues(const core::PreviewLayer &layer, QPoint pixel)
{
    if (pixel.x() < 0 || pixel.y() < 0 || pixel.x() >= layer.width || pixel.y() >= layer.height)
        return {};
    const qsizetype base = (qsizetype(pixel.y()) * layer.width + pixel.x()) * layer.channels;
    if (base + layer.channels > layer.values.size())
        return {};
    QStringList parts;
    for (int c = 0; c < layer.channels; ++c) {
        const float v = layer.values[base + c];
        QString text = QString::number(std::abs(v), 'f', 3);
        if (layer.isSigned)
            text.prepend(v < 0 ? QChar(0x2212) : QLatin1Char('+')); // − (minus sign) or +
        else if (v < 0)
            text.prepend(QChar(0x2212));
        parts << text;
    }
    return parts.join(QLatin1Char(' '));
}

} // namespace pluvia::widgets
