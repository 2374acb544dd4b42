// SPDX-License-Identifier: GPL-3.0-or-later
// The rain-feature map (the analysis of JRGR's Fig. 8, for any method): rain-layer features of a
// checkpoint (or a features CSV) embedded in 2-D by t-SNE or PCA and drawn as a scatter coloured
// by group, with the domain-gap score measured in feature space and its history over the run's
// checkpoints.
//
// - Parameters are set before Run; the map animates while t-SNE iterates (its job publishes the
//   embedding every 25 iterations) and Stop ends it where it is.
// - The legend toggles groups; hovering a point shows its rain layer (when the features came
//   from a checkpoint) with its group, source image and crop; Shift+drag draws a lasso whose
//   points are listed in a grid of their rain layers under the map;
//   double-clicking it (a single click starts a pan) asks for that sample's O/B/R in the layer
//   viewer (sampleActivated).
// - Export: PNG or PDF of the plot, CSV of the map (x, y, group, source, crop).
// - The same features, parameters and seed give the same layout.
//
// Extraction, the domain-gap score and the history run off the GUI thread; the view drops
// results of requests it has replaced.
#pragma once

#include "core/analysis/feature_table.h"
#include "core/analysis/tsne.h"
#include "core/jobs/job.h"

#include <QImage>
#include <QPointer>
#include <QPolygonF>
#include <QWidget>

#include <vector>

class QComboBox;
class QCPCurve;
class QListWidget;
class QCustomPlot;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSpinBox;

namespace pluvia::widgets {

class DomainGapChart;

class RainMapView : public QWidget
{
    Q_OBJECT

public:
    explicit RainMapView(QWidget *parent = nullptr);
    ~RainMapView() override; // cancels a running map

    void setWorkspace(const QString &folder);
    // Extracts the checkpoint's rain-layer features (on the datasets its run trained on) and
    // measures their domain gap, off the GUI thread; then Run maps them.
    void extractFromCheckpoint(const QString &checkpoint);
    // The feature extractors offered ("stats", "raw", then "layer:NAME" for the loaded
    // checkpoint's method); choosing another extracts the loaded checkpoint's features again.
    QStringList extractors() const;
    void setExtractor(const QString &id);
    void openFeatures(const QString &csv);
    void runMap();
    void stopMap();
    bool isMapping() const { return m_mapping; }

    // What the view holds (also for tests).
    int pointCount() const { return m_table.rows; }
    int featureCount() const { return m_table.columns; }
    QStringList groups() const { return m_groups; }
    bool groupVisible(const QString &group) const;
    void setGroupVisible(const QString &group, bool visible);
    const std::vector<float> &embedding() const { return m_embedding; }
    double lastKl() const { return m_kl; }
    QString gapText() const;
    QString status() const;
    // Index of the visible point nearest to widget position `pos` of the plot within `radius`
    // pixels, or −1.
    int pointAt(QPoint pos, double radius = 8.0) const;
    QCustomPlot *plot() const { return m_plot; }
    void setParameters(double perplexity, int iterations, quint64 seed, bool pca);
    // Selects the visible points inside a polygon in plot pixels (the lasso) and lists them in
    // the selection grid; returns their indices.
    QVector<int> selectInside(const QPolygonF &pixels);
    int selectedCount() const;
    bool hasThumbnails() const { return !m_thumbnails.isEmpty(); }

    // "" or an error naming the file.
    QString exportMap(const QString &path) const; // .csv, .png or .pdf

Q_SIGNALS:
    void sampleActivated(const QString &checkpoint, const QString &source, const QString &crop);
    void mapFinished();
    void featuresReady(); // features loaded (or an error shown)

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    struct Loaded;
    void setLoaded(const Loaded &loaded);
    void showMap(const core::TsneResult &result);
    void cancelOnNewRequest(core::Job *job);
    void drawEmbedding();
    void measureHistory();
    void equaliseScale(); // the map's x and y units the same length on screen
    // The extractor choice for a checkpoint of `method`: raw, stats and its feature layers.
    void offerExtractors(const QString &method);
    void setStatus(const QString &text);
    void chooseExport();

    QString m_workspace;
    QString m_checkpoint; // where the features came from ("" for a CSV)
    QString m_runId; // the run that wrote m_checkpoint, if any
    QString m_origin;
    core::FeatureTable m_table;
    QStringList m_groups; // in order of first appearance
    QVector<int> m_groupOf; // per point
    std::vector<float> m_embedding;
    double m_kl = 0.0;
    QString m_gap;
    QVector<QImage> m_thumbnails; // per point, when extracted from a checkpoint
    QPolygonF m_lasso; // while Shift+dragging
    QCPCurve *m_lassoCurve = nullptr;
    quint64 m_request = 0; // the map (or load) whose results are still wanted
    bool m_mapping = false;

    QPointer<core::Job> m_current; // the load or map in flight (a child)
    QComboBox *m_extractor;
    QSpinBox *m_samples;
    QComboBox *m_projection;
    QDoubleSpinBox *m_perplexity;
    QSpinBox *m_iterations;
    QSpinBox *m_seed;
    QPushButton *m_run;
    QPushButton *m_stop;
    QPushButton *m_measure;
    QCustomPlot *m_plot;
    DomainGapChart *m_history;
    QLabel *m_status;
    QLabel *m_gapLabel;
    QWidget *m_hoverPopup;
    QLabel *m_hoverImage;
    QLabel *m_hoverText;
    QListWidget *m_selection;
};

} // namespace pluvia::widgets
