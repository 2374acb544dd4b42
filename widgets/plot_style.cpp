// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/plot_style.h"

#include "widgets/qcustomplot_compat.h"

#include <QPalette>

namespace pluvia::widgets {

QColor categoryColour(int index)
{
    static const QColor colours[] = { QColor(0xE6, 0x9F, 0x00), QColor(0x56, 0xB4, 0xE9),
        QColor(0x00, 0x9E, 0x73), QColor(0xD5, 0x5E, 0x00), QColor(0x00, 0x72, 0xB2),
        QColor(0xCC, 0x79, 0xA7), QColor(0xF0, 0xE4, 0x42), QColor(0x99, 0x99, 0x99) };
    return colours[index % 8];
}

void stylePlot(QCustomPlot *plot, const QPalette &palette)
{
    const QColor text = palette.color(QPalette::Text);
    const QColor base = palette.color(QPalette::Base);
    QColor grid = palette.color(QPalette::Mid);
    plot->setBackground(base);
    for (QCPAxis *axis : plot->axisRect()->axes()) {
        axis->setBasePen(QPen(text));
        axis->setTickPen(QPen(text));
        axis->setSubTickPen(QPen(text));
        axis->setTickLabelColor(text);
        axis->setLabelColor(text);
        axis->grid()->setPen(QPen(grid, 1, Qt::DotLine));
        grid.setAlpha(90);
        axis->grid()->setZeroLinePen(QPen(grid));
    }
    QColor legendBack = base;
    legendBack.setAlpha(220);
    plot->legend->setBrush(legendBack);
    plot->legend->setBorderPen(QPen(palette.color(QPalette::Mid)));
    plot->legend->setTextColor(text);
    for (int i = 0; i < plot->legend->itemCount(); ++i)
        plot->legend->item(i)->setTextColor(text);
    plot->replot(QCustomPlot::rpQueuedReplot);
}

} // namespace pluvia::widgets
