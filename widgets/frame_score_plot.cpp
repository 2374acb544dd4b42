// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/frame_score_plot.h"

#include "widgets/plot_style.h"
#include "widgets/qcustomplot_compat.h"

#include <QEvent>
#include <QVBoxLayout>

#include <cmath>

namespace pluvia::widgets {

namespace {

double plotted(double value)
{
    return std::isfinite(value) ? value : qQNaN();
}

QCPGraph *addGraph(QCustomPlot *plot, QCPAxis *valueAxis, const QColor &colour, Qt::PenStyle style,
    const QString &name)
{
    QCPGraph *graph = plot->addGraph(plot->xAxis, valueAxis);
    graph->setPen(QPen(colour, style == Qt::SolidLine ? 2.0 : 1.5, style));
    graph->setName(name);
    return graph;
}

// A horizontal reference line across frames 0 .. last.
void setLevel(QCPGraph *graph, double value, int last)
{
    graph->setData({ 0.0, double(std::max(last, 1)) }, { plotted(value), plotted(value) });
}

} // namespace

FrameScorePlot::FrameScorePlot(QWidget *parent)
    : QWidget(parent)
    , m_plot(new QCustomPlot(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);
    m_plot->yAxis2->setVisible(true);
    m_plot->xAxis->setLabel(tr("frame"));
    m_psnr = addGraph(m_plot, m_plot->yAxis, categoryColour(1), Qt::SolidLine, tr("PSNR"));
    m_psnr->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 4));
    m_meanPsnr
        = addGraph(m_plot, m_plot->yAxis, categoryColour(1), Qt::DashLine, tr("temporal mean"));
    m_medianPsnr
        = addGraph(m_plot, m_plot->yAxis, categoryColour(1), Qt::DotLine, tr("temporal median"));
    m_ssim = addGraph(m_plot, m_plot->yAxis2, categoryColour(2), Qt::SolidLine, tr("SSIM"));
    m_ssim->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 4));
    // The SSIM reference lines are drawn as the PSNR ones, in the SSIM colour: one legend entry.
    m_meanSsim = addGraph(m_plot, m_plot->yAxis2, categoryColour(2), Qt::DashLine, QString());
    m_medianSsim = addGraph(m_plot, m_plot->yAxis2, categoryColour(2), Qt::DotLine, QString());
    m_meanSsim->removeFromLegend();
    m_medianSsim->removeFromLegend();
    m_current = new QCPItemStraightLine(m_plot);
    m_current->setPen(QPen(palette().color(QPalette::WindowText), 1.0));
    m_current->setVisible(false);
    m_plot->legend->setVisible(true);
    m_plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignBottom | Qt::AlignRight);
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    m_plot->legend->setFont(small);
    stylePlot(m_plot, palette());
    setMinimumSize(320, 160);
}

void FrameScorePlot::setScores(const QVector<core::FrameScore> &scores,
    const core::FrameScore &temporalMean, const core::FrameScore &temporalMedian,
    const QString &psnrName, const QString &ssimName)
{
    QVector<double> frames, psnr, ssim;
    for (int i = 0; i < scores.size(); ++i) {
        frames << i;
        psnr << plotted(scores[i].psnr);
        ssim << plotted(scores[i].ssim);
    }
    m_psnr->setData(frames, psnr, true);
    m_ssim->setData(frames, ssim, true);
    const int last = int(scores.size()) - 1;
    setLevel(m_meanPsnr, temporalMean.psnr, last);
    setLevel(m_medianPsnr, temporalMedian.psnr, last);
    setLevel(m_meanSsim, temporalMean.ssim, last);
    setLevel(m_medianSsim, temporalMedian.ssim, last);
    m_plot->yAxis->setLabel(psnrName);
    m_plot->yAxis2->setLabel(ssimName);
    m_plot->rescaleAxes();
    m_plot->xAxis->setRange(-0.5, std::max(last, 1) + 0.5);
    m_plot->yAxis->scaleRange(1.15);
    m_plot->yAxis2->scaleRange(1.15);
    m_plot->replot();
}

void FrameScorePlot::clear()
{
    for (QCPGraph *graph : { m_psnr, m_ssim, m_meanPsnr, m_medianPsnr, m_meanSsim, m_medianSsim })
        graph->data()->clear();
    m_current->setVisible(false);
    m_plot->replot();
}

void FrameScorePlot::setCurrentFrame(int index)
{
    m_current->point1->setCoords(index, 0);
    m_current->point2->setCoords(index, 1);
    m_current->setVisible(pointCount() > 0);
    m_plot->replot();
}

int FrameScorePlot::pointCount() const
{
    return m_psnr->dataCount();
}

void FrameScorePlot::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange) {
        stylePlot(m_plot, palette());
        m_current->setPen(QPen(palette().color(QPalette::WindowText), 1.0));
        m_plot->replot();
    }
    QWidget::changeEvent(event);
}

} // namespace pluvia::widgets
