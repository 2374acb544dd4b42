// SPDX-License-Identifier: GPL-3.0-or-later
// A time-lapse scene's derained frames scored against its clean background, against the frame
// index: PSNR on the left axis, SSIM on the right, the temporal mean's and median's scores as
// dashed reference lines (what a method must beat with one frame where the baselines use all of
// them), and a marker at the frame on show.
#pragma once

#include "core/inference/scene_sequence.h"

#include <QWidget>

class QCustomPlot;
class QCPGraph;
class QCPItemStraightLine;

namespace pluvia::widgets {

class FrameScorePlot : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY(FrameScorePlot)

public:
    explicit FrameScorePlot(QWidget *parent = nullptr);

    // `psnrName` / `ssimName` label the axes (e.g. "PSNR-Y"). Infinite scores (a frame equal to
    // the background) leave a gap.
    void setScores(const QVector<core::FrameScore> &scores, const core::FrameScore &temporalMean,
        const core::FrameScore &temporalMedian, const QString &psnrName, const QString &ssimName);
    void clear();
    void setCurrentFrame(int index);

    QCustomPlot *plot() const { return m_plot; }
    int pointCount() const; // frames plotted

protected:
    void changeEvent(QEvent *event) override;

private:
    QCustomPlot *m_plot;
    QCPGraph *m_psnr;
    QCPGraph *m_ssim;
    QCPGraph *m_meanPsnr;
    QCPGraph *m_medianPsnr;
    QCPGraph *m_meanSsim;
    QCPGraph *m_medianSsim;
    QCPItemStraightLine *m_current;
};

} // namespace pluvia::widgets
