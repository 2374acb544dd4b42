// SPDX-License-Identifier: GPL-3.0-or-later
// A layer's value at one pixel as the readout shows it: "0.512 0.433 0.401" for images (three
// decimals, [0, 1]), "+0.021 −0.003 +0.010" for signed layers; "" outside the layer.
#pragma once

#include <QPoint>
#include <QString>

namespace pluvia::core {
struct PreviewLayer;
}

namespace pluvia::widgets {

QString pixelValues(const core::PreviewLayer &layer, QPoint pixel);

} // namespace pluvia::widgets
