// SPDX-License-Identifier: GPL-3.0-or-later
// The training form's schedule: each network's learning rate (log scale) over the run, with its
// stages shaded and named, as the run will set them (core::previewSchedule, computed off the GUI
// thread; only the newest request is shown). The x axis is the share of the run, in steps when
// the step count is known: every schedule is a fraction of the run, so a shortened run keeps
// this shape.
#pragma once

#include <QWidget>

class QCustomPlot;
class QLabel;

namespace pluvia::widgets {

class SchedulePlot : public QWidget
{
    Q_OBJECT

public:
    explicit SchedulePlot(QWidget *parent = nullptr);

    // Recomputes for these settings; `steps` 0: the run's length is not known yet.
    void showSchedule(
        const QString &method, const QString &preset, const QStringList &overrides, qint64 steps);
    // The series drawn (network names) and the stage labels, for tests.
    QStringList seriesNames() const;
    QStringList stageNames() const;
    // The learning rate drawn for `series` at a share of the run (NaN when none).
    double rateAt(const QString &series, double fraction) const;

Q_SIGNALS:
    void updated(); // a schedule (or its error) is shown

protected:
    void changeEvent(QEvent *event) override;

private:
    QCustomPlot *m_plot;
    QLabel *m_error;
    quint64 m_request = 0;
    qint64 m_steps = 0;
};

} // namespace pluvia::widgets
