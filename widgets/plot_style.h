// SPDX-License-Identifier: GPL-3.0-or-later
// Pluvia's plots follow the application palette (light or dark): background, axes, tick labels,
// grid and legend take their colours from it, so a chart never shows black text on a dark window.
#pragma once

class QColor;
class QCustomPlot;
class QPalette;

namespace pluvia::widgets {

void stylePlot(QCustomPlot *plot, const QPalette &palette);

// Colour `index` (cycling) of Okabe and Ito's colour-blind-safe qualitative palette, with grey
// in place of black so it reads on both palettes: groups of a map, series of a chart.
QColor categoryColour(int index);

} // namespace pluvia::widgets
