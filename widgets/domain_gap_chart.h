// SPDX-License-Identifier: GPL-3.0-or-later
// The domain gap over a run's checkpoints, under the rain-feature map: the balanced k-NN domain
// accuracy at each checkpoint (0.5 = synthetic and real rain indistinguishable), as the run
// recorded it or as measure() computes it again, off the GUI thread. Hidden while it has no
// points.
#pragma once

#include "core/analysis/domain_gap_history.h"

#include <QWidget>

class QCustomPlot;

namespace pluvia::widgets {

class DomainGapChart : public QWidget
{
    Q_OBJECT

public:
    explicit DomainGapChart(QWidget *parent = nullptr);

    void setHistory(const QVector<double> &steps, const QVector<double> &accuracies);
    int pointCount() const;
    // Measures the gap at every checkpoint of the request's run, then shows it (finished()).
    void measure(const core::DomainGapHistoryRequest &request);
    bool isMeasuring() const { return m_measuring; }

Q_SIGNALS:
    // "" when the measure worked, else why not.
    void finished(const QString &error, int checkpoints);

protected:
    void changeEvent(QEvent *event) override;

private:
    QCustomPlot *m_plot;
    bool m_measuring = false;
};

} // namespace pluvia::widgets
