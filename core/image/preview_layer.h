// SPDX-License-Identifier: GPL-3.0-or-later
// One layer of an image decomposition as the viewers show it (O, B, R, a ground truth or a
// method's intermediate): the float values for readouts and a rendering for display. A value
// type of its own so that image code (layer comparison, the layer viewer) does not depend on
// training events and the run store, which also carry layers (training_events.h).
#pragma once

#include <QImage>
#include <QString>
#include <QVector>

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

} // namespace pluvia::core
