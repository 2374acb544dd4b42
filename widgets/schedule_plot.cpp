// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/schedule_plot.h"

#include "core/catalogue/schedule_preview.h"
#include "core/jobs/job.h"
#include "widgets/plot_style.h"
#include "widgets/qcustomplot_compat.h"

#include <QLabel>
#include <QVBoxLayout>

#include <cmath>

namespace pluvia::widgets {

SchedulePlot::SchedulePlot(QWidget *parent)
    : QWidget(parent)
    , m_plot(new QCustomPlot(this))
    , m_error(new QLabel(this))
{
    m_plot->setFixedHeight(170);
    m_plot->yAxis->setScaleType(QCPAxis::stLogarithmic);
    m_plot->yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
    m_plot->yAxis->setNumberFormat(QStringLiteral("eb"));
    m_plot->yAxis->setNumberPrecision(0);
    m_plot->yAxis->setLabel(tr("learning rate"));
    // The legend in a row of its own under the axes, four names to a row: seven networks
    // (JRGR) would cover a legend inside the curves.
    m_plot->legend->setVisible(true);
    m_plot->legend->setFont(font());
    m_plot->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    m_plot->legend->setWrap(4);
    m_plot->legend->setBorderPen(Qt::NoPen);
    m_plot->plotLayout()->addElement(1, 0, m_plot->legend);
    m_plot->plotLayout()->setRowStretchFactor(1, 0.001);
    stylePlot(m_plot, palette());
    m_error->setWordWrap(true);
    m_error->setVisible(false);
    setToolTip(tr("The learning rate of each network over the run and its stages, as training "
                  "will set them. Every schedule is a share of the run, so a shorter run keeps "
                  "this shape."));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);
    layout->addWidget(m_error);
}

void SchedulePlot::showSchedule(
    const QString &method, const QString &preset, const QStringList &overrides, qint64 steps)
{
    const quint64 request = ++m_request;
    core::startTask(
        this,
        [method, preset, overrides](
            core::JobContext &) { return core::previewSchedule(method, preset, overrides); },
        [this, request, steps](const core::TaskJob<core::SchedulePreview> &job) {
            if (request != m_request)
                return; // a newer request is on its way
            const core::SchedulePreview preview = job.result();
            m_steps = steps;
            m_plot->clearGraphs();
            m_plot->clearItems();
            m_error->setVisible(!preview.ok());
            m_error->setText(preview.error);
            m_plot->setVisible(preview.ok());
            if (!preview.ok()) {
                Q_EMIT updated();
                return;
            }
            const double scale = steps > 0 ? double(steps) : 100.0;
            m_plot->xAxis->setLabel(steps > 0 ? tr("step") : tr("% of the run"));
            QVector<double> x;
            for (double fraction : preview.fractions)
                x << fraction * scale;
            double low = INFINITY, high = 0.0;
            for (int s = 0; s < preview.rates.size(); ++s) {
                // A frozen network (rate 0) has no point on a log scale: drawn as a gap.
                QVector<double> y = preview.rates[s].second;
                for (double &rate : y) {
                    if (rate > 0) {
                        low = std::min(low, rate);
                        high = std::max(high, rate);
                    } else {
                        rate = qQNaN();
                    }
                }
                QCPGraph *graph = m_plot->addGraph();
                // Each network is in one optimiser: its name alone labels the curve.
                graph->setName(preview.rates[s].first.section(QLatin1Char('/'), -1));
                graph->setPen(QPen(categoryColour(s), 1.5));
                graph->setLineStyle(QCPGraph::lsStepLeft);
                graph->setData(x, y, true);
            }
            const QColor shade = palette().color(QPalette::Mid);
            for (int k = 0; k < preview.stages.size(); ++k) {
                const double start = preview.stages[k].second * scale;
                auto *line = new QCPItemStraightLine(m_plot);
                line->point1->setCoords(start, 1);
                line->point2->setCoords(start, 2);
                line->setPen(QPen(shade, 1, Qt::DashLine));
                auto *label = new QCPItemText(m_plot);
                label->setText(preview.stages[k].first);
                label->setColor(palette().color(QPalette::WindowText));
                label->setPositionAlignment(Qt::AlignLeft | Qt::AlignBottom);
                label->position->setTypeX(QCPItemPosition::ptPlotCoords);
                label->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
                label->position->setCoords(start, 1.0);
                label->setPadding(QMargins(3, 0, 0, 2));
            }
            m_plot->xAxis->setRange(0, scale);
            if (high > 0)
                m_plot->yAxis->setRange(low / 3.0, high * 3.0);
            m_plot->replot(QCustomPlot::rpQueuedReplot);
            Q_EMIT updated();
        });
}

QStringList SchedulePlot::seriesNames() const
{
    QStringList names;
    for (int g = 0; g < m_plot->graphCount(); ++g)
        names << m_plot->graph(g)->name();
    return names;
}

QStringList SchedulePlot::stageNames() const
{
    QStringList names;
    for (int i = 0; i < m_plot->itemCount(); ++i)
        if (const auto *text = qobject_cast<QCPItemText *>(m_plot->item(i)))
            names << text->text();
    return names;
}

double SchedulePlot::rateAt(const QString &series, double fraction) const
{
    const double x = fraction * (m_steps > 0 ? double(m_steps) : 100.0);
    for (int g = 0; g < m_plot->graphCount(); ++g) {
        const QCPGraph *graph = m_plot->graph(g);
        if (graph->name() != series)
            continue;
        double value = qQNaN();
        for (auto it = graph->data()->constBegin(); it != graph->data()->constEnd(); ++it)
            if (it->key <= x)
                value = it->value;
        return value;
    }
    return qQNaN();
}

void SchedulePlot::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        stylePlot(m_plot, palette());
}

} // namespace pluvia::widgets
