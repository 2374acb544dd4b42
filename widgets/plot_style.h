// SPDX-License-Identifier: GPL-3.0-or-later
// Pluvia's plots follow the application palette (light or dark): background, axes, tick labels,
// grid and legend take their colours from it, so a chart never shows black text on a dark window.
#pragma once

class QCustomPlot;
class QPalette;

namespace pluvia::widgets {

void stylePlot(QCustomPlot *plot, const QPalette &palette);

} // namespace pluvia::widgets
