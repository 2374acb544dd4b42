// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/domain_gap_chart.h"

#include "core/jobs/job.h"
#include "widgets/plot_style.h"
#include "widgets/qcustomplot_compat.h"

#include <QVBoxLayout>

namespace pluvia::widgets {

DomainGapChart::DomainGapChart(QWidget *parent)
    : QWidget(parent)
    , m_plot(new QCustomPlot(this))
{
    m_plot->setFixedHeight(110);
    m_plot->xAxis->setLabel(tr("step"));
    m_plot->yAxis->setLabel(tr("k-NN acc."));
    m_plot->yAxis->setRange(0.4, 1.0);
    m_plot->addGraph();
    m_plot->graph(0)->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 5));
    stylePlot(m_plot, palette());
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);
    setVisible(false);
}

void DomainGapChart::setHistory(const QVector<double> &steps, const QVector<double> &accuracies)
{
    setVisible(!steps.isEmpty());
    m_plot->graph(0)->setData(steps, accuracies);
    m_plot->xAxis->rescale();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

int DomainGapChart::pointCount() const
{
    return m_plot->graph(0)->dataCount();
}

void DomainGapChart::measure(const core::DomainGapHistoryRequest &request)
{
    if (m_measuring)
        return;
    m_measuring = true;
    core::startTask(
        this, [request](core::JobContext &) { return core::measureDomainGapHistory(request); },
        [this](const core::TaskJob<core::DomainGapHistory> &job) {
            m_measuring = false;
            const core::DomainGapHistory history = job.result();
            if (!history.ok()) {
                Q_EMIT finished(history.error, 0);
                return;
            }
            QVector<double> steps, accuracies;
            for (const core::DomainGapAtCheckpoint &point : history.checkpoints) {
                steps << double(point.step);
                accuracies << point.gap.gap.knnAccuracy;
            }
            setHistory(steps, accuracies);
            Q_EMIT finished(QString(), int(history.checkpoints.size()));
        });
}

void DomainGapChart::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        stylePlot(m_plot, palette());
}

} // namespace pluvia::widgets
