// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/loss_plot.h"

#include "core/atomic_file.h"
#include "widgets/plot_style.h"
#include "widgets/qcustomplot_compat.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QMouseEvent>
#include <QPushButton>
#include <QSlider>
#include <QTextStream>
#include <QTimer>
#include <QToolTip>
#include <QVBoxLayout>

#include <cmath>

namespace pluvia::widgets {

namespace {

QString groupOf(const QString &key)
{
    const qsizetype slash = key.indexOf(QLatin1Char('/'));
    return slash < 0 ? key : key.left(slash);
}

// The named (smoothed) graphs; the faint raw series have no name.
bool isShownSeries(const QCPGraph *graph)
{
    return !graph->name().isEmpty() && !graph->data()->isEmpty();
}

// The point of `graph` at or before x (the first point when x is before them all).
QCPGraphDataContainer::const_iterator pointAtOrBefore(const QCPGraph *graph, double x)
{
    auto it = graph->data()->findBegin(x, false);
    if (it != graph->data()->constBegin() && (it == graph->data()->constEnd() || it->key > x))
        --it;
    return it;
}

} // namespace

LossPlot::LossPlot(QWidget *parent)
    : QWidget(parent)
    , m_xChoice(new QComboBox(this))
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
    m_plot->setMouseTracking(true);
    m_plot->installEventFilter(this);
    m_xChoice->addItems({ tr("step"), tr("relative time"), tr("wall time") });
    connect(m_xChoice, &QComboBox::currentIndexChanged, this,
        [this](int index) { setXAxis(XAxis(index)); });
    auto *allRuns = new QPushButton(tr("All runs"), this);
    allRuns->setToolTip(tr("Overlay every run of the workspace"));
    connect(allRuns, &QPushButton::clicked, this, &LossPlot::allRunsRequested);
    auto *exportButton = new QPushButton(tr("Export…"), this);
    connect(exportButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Export the Chart"), QString(), tr("PNG (*.png);;PDF (*.pdf);;CSV (*.csv)"));
        if (!path.isEmpty())
            if (const QString error = exportTo(path); !error.isEmpty())
                QMessageBox::warning(this, tr("Export"), error);
    });
    m_plot->addLayer(QStringLiteral("cursor"), nullptr, QCustomPlot::limAbove);
    m_cursorLayer = m_plot->layer(QStringLiteral("cursor"));
    m_cursorLayer->setMode(QCPLayer::lmBuffered);
    m_cursorLine = new QCPItemStraightLine(m_plot);
    m_cursorLine->setLayer(m_cursorLayer);
    m_cursorLine->setVisible(false);
    m_plot->legend->setVisible(true);
    m_plot->xAxis->setLabel(tr("step"));
    m_plot->setMinimumHeight(100);
    stylePlot(m_plot, palette());
    styleCrosshair();
    auto *controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Chart"), this));
    controls->addWidget(m_groups, 1);
    controls->addWidget(new QLabel(tr("Smoothing"), this));
    controls->addWidget(m_smoothing, 1);
    controls->addWidget(m_log);
    controls->addWidget(new QLabel(tr("x"), this));
    controls->addWidget(m_xChoice);
    controls->addWidget(allRuns);
    controls->addWidget(exportButton);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(m_plot, 1);
}

void LossPlot::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        stylePlot(m_plot, palette());
        styleCrosshair();
    }
}

void LossPlot::addPoints(const QString &runId, const QVector<core::MetricPoint> &points)
{
    QMap<QString, Series> &run = m_runs[runId];
    for (const core::MetricPoint &point : points) {
        if (!run.contains(point.key) && m_groups->findText(groupOf(point.key)) < 0)
            m_groups->addItem(groupOf(point.key));
        Series &series = run[point.key];
        series.steps << double(point.step);
        series.wallTimes << point.wallTime;
        series.values << point.value;
        appendSmoothed(series, point.value);
    }
    scheduleRedraw();
}

void LossPlot::replaceRun(const QString &runId, const QVector<core::MetricPoint> &points)
{
    const QMap<QString, Series> live = m_runs.take(runId);
    QMap<QString, double> lastStored;
    for (const core::MetricPoint &point : points)
        lastStored[point.key] = std::max(lastStored.value(point.key, -1.0), double(point.step));
    QVector<core::MetricPoint> merged = points;
    for (auto series = live.cbegin(); series != live.cend(); ++series)
        for (int i = 0; i < series->steps.size(); ++i)
            if (series->steps[i] > lastStored.value(series.key(), -1.0))
                merged.push_back({ series.key(), qint64(series->steps[i]), series->wallTimes[i],
                    series->values[i] });
    addPoints(runId, merged);
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
    for (QMap<QString, Series> &run : m_runs)
        for (Series &series : run) {
            series.smoothed.clear();
            series.moving = 0.0;
            series.weight = 1.0;
            for (double v : std::as_const(series.values))
                appendSmoothed(series, v);
        }
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

void LossPlot::appendSmoothed(Series &series, double value) const
{
    if (!std::isfinite(value)) { // a diverged value shows as a gap, not as a poisoned average
        series.smoothed << value;
        return;
    }
    series.moving = m_alpha * series.moving + (1.0 - m_alpha) * value;
    series.weight *= m_alpha;
    series.smoothed << series.moving / (1.0 - series.weight);
}

QVector<double> LossPlot::smoothed(const QString &runId, const QString &key) const
{
    return m_runs.value(runId).value(key).smoothed;
}

QVector<double> LossPlot::xValues(const Series &series) const
{
    if (m_xAxis == XAxis::Step)
        return series.steps;
    QVector<double> x = series.wallTimes;
    const double origin = x.isEmpty() ? 0.0 : x.front();
    if (m_xAxis == XAxis::RelativeTime)
        for (double &t : x)
            t -= origin;
    return x;
}

void LossPlot::setXAxis(XAxis axis)
{
    m_xAxis = axis;
    if (m_xChoice->currentIndex() != int(axis))
        m_xChoice->setCurrentIndex(int(axis));
    m_plot->xAxis->setLabel(axis == XAxis::Step ? tr("step")
            : axis == XAxis::RelativeTime       ? tr("seconds since the first point")
                                                : tr("wall time"));
    if (axis == XAxis::WallTime) {
        auto ticker = QSharedPointer<QCPAxisTickerDateTime>::create();
        ticker->setDateTimeFormat(QStringLiteral("HH:mm:ss"));
        m_plot->xAxis->setTicker(ticker);
    } else {
        m_plot->xAxis->setTicker(QSharedPointer<QCPAxisTicker>::create());
    }
    scheduleRedraw();
}

QString LossPlot::valuesAt(double x) const
{
    QStringList lines;
    for (int g = 0; g < m_plot->graphCount(); ++g) {
        const QCPGraph *graph = m_plot->graph(g);
        if (!isShownSeries(graph))
            continue;
        const auto it = pointAtOrBefore(graph, x);
        lines << tr("%1: %2 at %3")
                     .arg(graph->name())
                     .arg(it->value, 0, 'g', 5)
                     .arg(it->key, 0, 'g', 8);
    }
    return lines.join(QLatin1Char('\n'));
}

double LossPlot::crosshairX() const
{
    return m_cursorLine->visible() ? m_cursorLine->point1->coords().x() : qQNaN();
}

QVector<QPointF> LossPlot::crosshairMarkers() const
{
    QVector<QPointF> points;
    for (const QCPItemTracer *marker : m_markers)
        if (marker->visible())
            points << marker->position->coords();
    return points;
}

void LossPlot::styleCrosshair()
{
    QColor line = palette().color(QPalette::WindowText);
    line.setAlpha(140);
    m_cursorLine->setPen(QPen(line, 1.0, Qt::DashLine));
    for (QCPItemTracer *marker : std::as_const(m_markers))
        marker->setBrush(palette().color(QPalette::Base));
}

void LossPlot::moveCrosshair(double x)
{
    m_cursorLine->point1->setCoords(x, 0.0);
    m_cursorLine->point2->setCoords(x, 1.0);
    m_cursorLine->setVisible(true);
    int used = 0;
    for (int g = 0; g < m_plot->graphCount(); ++g) {
        const QCPGraph *graph = m_plot->graph(g);
        if (!isShownSeries(graph))
            continue;
        if (used == m_markers.size()) {
            auto *marker = new QCPItemTracer(m_plot);
            marker->setLayer(m_cursorLayer);
            marker->setStyle(QCPItemTracer::tsCircle);
            marker->setSize(7.0);
            marker->setBrush(palette().color(QPalette::Base));
            m_markers << marker;
        }
        QCPItemTracer *marker = m_markers[used++];
        const auto it = pointAtOrBefore(graph, x);
        marker->setPen(QPen(graph->pen().color(), 1.6));
        marker->position->setCoords(it->key, it->value);
        marker->setVisible(true);
    }
    for (int i = used; i < m_markers.size(); ++i)
        m_markers[i]->setVisible(false);
    m_cursorLayer->replot();
}

void LossPlot::hideCrosshair()
{
    m_cursorLine->setVisible(false);
    for (QCPItemTracer *marker : std::as_const(m_markers))
        marker->setVisible(false);
    m_cursorLayer->replot();
}

bool LossPlot::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_plot && event->type() == QEvent::MouseButtonPress)
        m_pressed = static_cast<QMouseEvent *>(event)->position();
    if (watched == m_plot && event->type() == QEvent::MouseButtonRelease
        && m_xAxis == XAxis::Step) {
        const QPointF at = static_cast<QMouseEvent *>(event)->position();
        if ((at - m_pressed).manhattanLength() < 4) {
            // The curve nearest to the click, in pixels, at the clicked step.
            const double x = m_plot->xAxis->pixelToCoord(at.x());
            QString run;
            double nearest = 1e300;
            for (int g = 0; g < m_plot->graphCount(); ++g) {
                const QCPGraph *graph = m_plot->graph(g);
                if (!isShownSeries(graph))
                    continue;
                const auto it = pointAtOrBefore(graph, x);
                const double d = std::abs(m_plot->yAxis->coordToPixel(it->value) - at.y());
                if (d < nearest) {
                    nearest = d;
                    run = graph->property("run").toString();
                }
            }
            if (!run.isEmpty())
                Q_EMIT stepClicked(run, qint64(std::llround(x)));
        }
    }
    if (watched == m_plot && event->type() == QEvent::MouseMove && m_plot->graphCount() > 0) {
        // The hover crosshair: every series read at the cursor's x.
        const auto *mouse = static_cast<QMouseEvent *>(event);
        const double x = m_plot->xAxis->pixelToCoord(mouse->position().x());
        moveCrosshair(x);
        QToolTip::showText(mouse->globalPosition().toPoint(), valuesAt(x), m_plot);
    }
    if (watched == m_plot && event->type() == QEvent::Leave)
        hideCrosshair();
    return QWidget::eventFilter(watched, event);
}

QString LossPlot::exportTo(const QString &path) const
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    const QString shown = QDir::toNativeSeparators(path);
    if (suffix == QLatin1String("png"))
        return m_plot->savePng(path, 0, 0, 2.0) ? QString()
                                                : tr("%1: cannot write the file").arg(shown);
    if (suffix == QLatin1String("pdf"))
        return m_plot->savePdf(path) ? QString() : tr("%1: cannot write the file").arg(shown);
    if (suffix != QLatin1String("csv"))
        return tr("%1: choose .png, .pdf or .csv").arg(shown);
    QByteArray bytes;
    QTextStream out(&bytes);
    out << "run,key,step,wall_time,value\n";
    for (auto run = m_runs.cbegin(); run != m_runs.cend(); ++run)
        for (auto series = run->cbegin(); series != run->cend(); ++series)
            for (int i = 0; i < series->steps.size(); ++i)
                out << run.key() << ',' << series.key() << ',' << qint64(series->steps[i]) << ','
                    << QString::number(series->wallTimes[i], 'f', 3) << ','
                    << QString::number(series->values[i], 'g', 17) << '\n';
    out.flush();
    return core::writeFileAtomically(path, bytes);
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
            const QColor c = categoryColour(colour++);
            QCPGraph *raw = m_plot->addGraph();
            raw->setName(QString()); // addGraph names it "Graph N"; the hover skips the unnamed
            QColor faint = c;
            faint.setAlpha(60);
            raw->setPen(QPen(faint));
            const QVector<double> x = xValues(*series);
            raw->setData(x, series->values, m_xAxis == XAxis::Step);
            raw->setAdaptiveSampling(true);
            m_plot->legend->removeItem(m_plot->legend->itemCount() - 1); // raw: no legend entry
            QCPGraph *smooth = m_plot->addGraph();
            smooth->setPen(QPen(c, 1.6));
            smooth->setName(several ? tr("%1 · %2").arg(series.key(), run.key()) : series.key());
            smooth->setProperty("run", run.key());
            smooth->setData(x, series->smoothed, m_xAxis == XAxis::Step);
            smooth->setAdaptiveSampling(true);
        }
    }
    m_plot->rescaleAxes();
    if (const double x = crosshairX(); !std::isnan(x))
        moveCrosshair(x); // onto the new data under a cursor that stays
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

} // namespace pluvia::widgets
