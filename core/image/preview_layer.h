// SPDX-License-Identifier: GPL-3.0-or-later
// An image decomposition as the viewers show it: each layer (O, B, R, a ground truth or a
// method's intermediate) with its float values for readouts and a rendering for display, and the
// set of layers one model made of one image (a run's preview, a Decompose result). Value types
// beside the images they describe, so that image code (layer comparison, the layer viewer) does
// not depend on training or the run store.
#pragma once

#include <QImage>
#include <QMetaType>
#include <QString>
#include <QVector>

#include <limits>

namespace pluvia::core {

struct PreviewLayer {
    QString name; // "O", "B", "R", "B_gt", or a method's intermediate
    int width = 0;
    int height = 0;
    int channels = 3;
    QVector<float> values; // height × width × channels, row-major (R signed)
    bool isSigned = false; // a rain layer: rendered with the diverging colormap
    float displayScale = 1.0f; // signed layers: the value drawn at full colour (rain_display)
    QImage display; // RGB888
};

// The layers one model (a run's checkpoint at `step`; runId "" outside a run) made of `sample`.
struct PreviewEvent {
    QString runId;
    qint64 step = 0;
    QString sample; // the rainy image shown
    QVector<PreviewLayer> layers;
    // A derained image's NIQE (no reference; lower is better) of O and of B as shown; NaN where
    // not computed or undefined (a layer under 96×96 px).
    double niqeO = std::numeric_limits<double>::quiet_NaN();
    double niqeB = std::numeric_limits<double>::quiet_NaN();
};

} // namespace pluvia::core

Q_DECLARE_METATYPE(pluvia::core::PreviewEvent)
