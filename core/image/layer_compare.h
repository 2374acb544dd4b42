// SPDX-License-Identifier: GPL-3.0-or-later
// Layers the layer viewer derives from a decomposition, so that what a method leaves unexplained
// or gets wrong is visible (preview layers: float values H × W × C, row-major):
//
//   residual  O − (B + R), signed, drawn with the diverging colormap at a fixed scale: full
//             colour from one 8-bit level (1/255) on, so any residual beyond rounding shows; its
//             largest magnitude is reported. A method whose B and R do not add up to O "cheats".
//   error     B − B_gt (or any a − b), signed, with the rain layer's normalisation (s = the 99th
//             percentile of |a − b|, core/image/rain_display_p.h).
//
// Reentrant; the layers must have the same size and channel count (else `error` says which).
#pragma once

#include "core/image/preview_layer.h"

#include <QString>

namespace pluvia::core {

struct DerivedLayer {
    PreviewLayer layer; // isSigned, displayScale = the value drawn at full colour
    float maxAbs = 0.f; // the largest |value| over every pixel and channel
    QString error;
    bool ok() const { return error.isEmpty(); }
};

inline constexpr float kResidualDisplayScale = 1.f / 255.f;

// An 8-bit image as a preview layer (values in [0, 1], the image itself as its display).
PreviewLayer imageLayer(const QString &name, const QImage &image);

// A signed layer drawn again at its displayScale, on a white centre (light palettes, as core
// renders it) or a black one (dark palettes): blue / black / red, so a zero residual is not a
// glaring white square on a dark window. Null for an unsigned or malformed layer.
QImage renderSignedLayer(const PreviewLayer &layer, bool darkBackground);

DerivedLayer residualLayer(const PreviewLayer &o, const PreviewLayer &b, const PreviewLayer &r);
DerivedLayer differenceLayer(const QString &name, const PreviewLayer &a, const PreviewLayer &b);

} // namespace pluvia::core
