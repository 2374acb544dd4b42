// SPDX-License-Identifier: GPL-3.0-or-later
// Live loss plots: every metric point of the runs shown, one chart per group of keys (the part
// before the first "/": loss, weighted, lr, val, throughput, domain_gap, ...), chosen in a list.
// Each series is drawn twice: raw and faint, and smoothed with TensorBoard's debiased exponential
// moving average (s_i = m_i / (1 − α^(i+1)), m_i = α m_{i−1} + (1 − α) v_i). Every point is
// kept; QCustomPlot draws large series by per-pixel-column min/max (adaptive sampling). The axes
// rescale to every visible series, so none is silently cut off; log scale on request; the x
// axis is the step, the time since the first point, or the wall time. Hovering draws a
// crosshair and reads every series at the cursor; the chart exports as PNG or PDF, the points as
// CSV. Points arrive in batches from the run's thread (metricsLogged) and the chart is redrawn at
// most every 100 ms.
#pragma once

#include "core/store/run_store.h"

#include <QMap>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QCPItemStraightLine;
class QCPItemTracer;
class QCPLayer;
class QCustomPlot;
class QSlider;
class QTimer;

namespace pluvia::widgets {

class LossPlot : public QWidget
{
    Q_OBJECT

public:
    explicit LossPlot(QWidget *parent = nullptr);

    void addPoints(const QString &runId, const QVector<core::MetricPoint> &points);
    // Replaces what is shown of `runId` by its stored points (a stored run opened again); points
    // that arrived live after the last stored step of their series are kept after them (a run
    // resumed while its history was being read).
    void replaceRun(const QString &runId, const QVector<core::MetricPoint> &points);
    void clear();

    QStringList groups() const;
    QString group() const;
    void setGroup(const QString &group);
    void setSmoothing(double alpha); // [0, 0.999]
    void setLogScale(bool on);
    enum class XAxis { Step, RelativeTime, WallTime };
    void setXAxis(XAxis axis);
    // The value of every shown (smoothed) series at x, one line each: what the hover shows.
    QString valuesAt(double x) const;
    // The hover crosshair, drawn on its own layer so that moving it repaints only that layer: a
    // vertical line at x and a marker on each shown series at its point at or before x. NaN and
    // no markers while the cursor is off the chart.
    double crosshairX() const;
    QVector<QPointF> crosshairMarkers() const;
    // "" or an error naming the file: .png or .pdf (the chart), .csv (every point of every run).
    QString exportTo(const QString &path) const;
    int pointCount(const QString &runId, const QString &key) const;
    // The debiased EMA of a series at the current smoothing.
    QVector<double> smoothed(const QString &runId, const QString &key) const;
    QCustomPlot *plot() const { return m_plot; }
    void redrawNow();

Q_SIGNALS:
    // "All runs": the owner loads every run of the workspace (replaceRun for each).
    void allRunsRequested();
    // A click (not a drag) on the chart with the x axis in steps: the run of the nearest curve
    // and the step under the cursor, so its stored preview can be shown.
    void stepClicked(const QString &runId, qint64 step);

protected:
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    struct Series {
        QVector<double> steps;
        QVector<double> wallTimes;
        QVector<double> values;
        // The debiased EMA, kept up to date as points arrive (a redraw does not recompute it).
        QVector<double> smoothed;
        double moving = 0.0;
        double weight = 1.0; // α^(finite points so far)
    };
    void appendSmoothed(Series &series, double value) const;
    void moveCrosshair(double x);
    void hideCrosshair();
    void styleCrosshair();
    void scheduleRedraw();
    QVector<double> xValues(const Series &series) const;

    QMap<QString, QMap<QString, Series>> m_runs; // run → key → series
    double m_alpha = 0.6;
    XAxis m_xAxis = XAxis::Step;
    QPointF m_pressed; // where the last press was, to tell a click from a drag
    QComboBox *m_xChoice;
    QComboBox *m_groups;
    QSlider *m_smoothing;
    QCheckBox *m_log;
    QCustomPlot *m_plot;
    QTimer *m_redraw;
    QCPLayer *m_cursorLayer = nullptr;
    QCPItemStraightLine *m_cursorLine = nullptr;
    QVector<QCPItemTracer *> m_markers; // a pool: one per shown series, extras hidden
};

} // namespace pluvia::widgets
