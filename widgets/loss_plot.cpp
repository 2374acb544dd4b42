// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/loss_plot.h"

#include "widgets/plot_style.h"
#include "widgets/qcustomplot_compat.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSlider>
#include <QTimer>
#include <QVBoxLayout>

#include <cmath>

namespace pluvia::widgets {

namespace {

QString groupOf(const QString &key)
{
    const qsizetype slash = key.indexOf(QLatin1Char('/'));
    return slash < 0 ? key : key.left(slash);
}

QColor seriesColour(int index)
{
    static const QColor colours[] = { QColor(0x00, 0x72, 0xB2), QColor(0xD5, 0x5E, 0x00),
        QColor(0x00, 0x9E, 0x73), QColor(0xCC, 0x79, 0xA7), QColor(0xE6, 0x9F, 0x00),
        QColor(0x56, 0xB4, 0xE9), QColor(0x99, 0x99, 0x99), QColor(0xF0, 0xE4, 0x42) };
    return colours[index % 8];
}

} // namespace

LossPlot::LossPlot(QWidget *parent)
    : QWidget(parent)
    , m_groups(new QComboBox(this))
    , m_smoothing(new QSlider(Qt::Horizontal, this))
    , m_log(new QCheckBox(tr("Log scale"), this))
    , m_plot(new QCustomPlot(this))
    , m_redraw(new QTimer(this))
{
    m_redraw->setSingleShot(true);
    m_redraw->setInterval(100);
    connect(m_redraw, &QTimer::timeout, this, &LossPlot::redrawNow);
    m_smoothing->setRange(0, 99);
    m_smoothing->setValue(60);
    m_smoothing->setToolTip(tr("Smoothing: debiased exponential moving average (as TensorBoard)"));
    connect(m_smoothing, &QSlider::valueChanged, this, [this](int v) { setSmoothing(v / 100.0); });
    connect(m_log, &QCheckBox::toggled, this, &LossPlot::setLogScale);
    connect(m_groups, &QComboBox::currentTextChanged, this, &LossPlot::scheduleRedraw);
    m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    m_plot->legend->setVisible(true);
    m_plot->xAxis->setLabel(tr("step"));
    m_plot->setMinimumHeight(100);
    stylePlot(m_plot, palette());
    auto *controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Chart"), this));
    controls->addWidget(m_groups, 1);
    controls->addWidget(new QLabel(tr("Smoothing"), this));
    controls->addWidget(m_smoothing, 1);
    controls->addWidget(m_log);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(m_plot, 1);
}

void LossPlot::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        stylePlot(m_plot, palette());
}

void LossPlot::addPoints(const QString &runId, const QVector<core::MetricPoint> &points)
{
    QMap<QString, Series> &run = m_runs[runId];
    for (const core::MetricPoint &point : points) {
        Series &series = run[point.key];
        series.steps << double(point.step);
        series.values << point.value;
        const QString group = groupOf(point.key);
        if (m_groups->findText(group) < 0)
            m_groups->addItem(group);
    }
    scheduleRedraw();
}

void LossPlot::replaceRun(const QString &runId, const QVector<core::MetricPoint> &points)
{
    m_runs.remove(runId);
    addPoints(runId, points);
}

void LossPlot::clear()
{
    m_runs.clear();
    m_groups->clear();
    redrawNow();
}

QStringList LossPlot::groups() const
{
    QStringList names;
    for (int i = 0; i < m_groups->count(); ++i)
        names << m_groups->itemText(i);
    return names;
}

QString LossPlot::group() const
{
    return m_groups->currentText();
}

void LossPlot::setGroup(const QString &group)
{
    m_groups->setCurrentText(group);
}

void LossPlot::setSmoothing(double alpha)
{
    m_alpha = std::clamp(alpha, 0.0, 0.999);
    scheduleRedraw();
}

void LossPlot::setLogScale(bool on)
{
    m_plot->yAxis->setScaleType(on ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
    m_plot->yAxis->setTicker(on ? QSharedPointer<QCPAxisTicker>(new QCPAxisTickerLog)
                                : QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
    if (m_log->isChecked() != on)
        m_log->setChecked(on);
    scheduleRedraw();
}

int LossPlot::pointCount(const QString &runId, const QString &key) const
{
    return int(m_runs.value(runId).value(key).values.size());
}

QVector<double> LossPlot::smoothed(const QString &runId, const QString &key) const
{
    const QVector<double> values = m_runs.value(runId).value(key).values;
    QVector<double> out;
    out.reserve(values.size());
    double moving = 0.0, weight = 1.0;
    for (double v : values) {
        if (!std::isfinite(v)) { // a diverged value shows as a gap, not as a poisoned average
            out << v;
            continue;
        }
        moving = m_alpha * moving + (1.0 - m_alpha) * v;
        weight *= m_alpha;
        out << moving / (1.0 - weight);
    }
    return out;
}

void LossPlot::scheduleRedraw()
{
    if (!m_redraw->isActive())
        m_redraw->start();
}

void LossPlot::redrawNow()
{
    m_redraw->stop();
    m_plot->clearGraphs();
    const QString shown = group();
    int colour = 0;
    const bool several = m_runs.size() > 1;
    for (auto run = m_runs.cbegin(); run != m_runs.cend(); ++run) {
        for (auto series = run->cbegin(); series != run->cend(); ++series) {
            if (groupOf(series.key()) != shown)
                continue;
            const QColor c = seriesColour(colour++);
            QCPGraph *raw = m_plot->addGraph();
            QColor faint = c;
            faint.setAlpha(60);
            raw->setPen(QPen(faint));
            raw->setData(series->steps, series->values, true);
            raw->setAdaptiveSampling(true);
            m_plot->legend->removeItem(m_plot->legend->itemCount() - 1); // raw: no legend entry
            QCPGraph *smooth = m_plot->addGraph();
            smooth->setPen(QPen(c, 1.6));
            smooth->setName(several ? tr("%1 · %2").arg(series.key(), run.key()) : series.key());
            smooth->setData(series->steps, smoothed(run.key(), series.key()), true);
            smooth->setAdaptiveSampling(true);
        }
    }
    m_plot->rescaleAxes();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

} // namespace pluvia::widgets
