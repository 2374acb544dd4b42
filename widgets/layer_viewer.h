// SPDX-License-Identifier: GPL-3.0-or-later
// The layer viewer: what a rainy image O decomposes into, side by side. Panes O | B | R, the
// ground truth B_gt and R_gt when known, every named intermediate of the method, and two derived
// layers that keep a decomposition honest: the residual O − (B + R) (with its largest magnitude)
// and the error B − B_gt. All panes share one zoom and pan (wheel zooms to the cursor; drag pans;
// double-click fits; 100 % is one image pixel per device pixel; magnified pixels are drawn
// nearest-neighbour). Under the cursor, a readout lists every pane's value at that pixel (signed
// for signed layers). Split mode compares two layers in one pane with a draggable line, and the
// flip key swaps them (A/B).
//
// Signed layers (R, R_gt, errors) use the diverging colormap: blue for negative, white for 0, red
// for positive, full colour at ±s with s the 99th percentile of |values| (the residual: at
// ±1/255); the legend states s for each. Colours come from the layers (core renders them), the
// chrome from the palette.
#pragma once

#include "core/image/preview_layer.h"
#include "widgets/view_transform.h"

#include <QVector>
#include <QWidget>

class QAction;
class QComboBox;
class QGridLayout;
class QLabel;
class QStackedWidget;

namespace pluvia::widgets {

class LayerPane;

class LayerViewer : public QWidget
{
    Q_OBJECT

public:
    explicit LayerViewer(QWidget *parent = nullptr);

    // Shows a decomposition (a training preview or a derained image). Keeps the zoom when the
    // image size is unchanged (a live preview updating), fits otherwise.
    void setPreview(const core::PreviewEvent &preview);
    void clear();

    QStringList layerNames() const; // in pane order, derived layers included
    QString sample() const { return m_sample; } // the shown preview's image ("" when none)
    // The caption: the image, the run and step, and a derained image's NIQE of O and B.
    QString title() const { return m_title; }
    const ViewTransform &transform() const { return m_transform; }
    // The largest |O − (B + R)|; NaN when the preview lacks O, B or R.
    float residualMax() const { return m_residualMax; }
    // Every layer's value at image pixel `pixel`, one line per layer ("" outside the image).
    QString readoutAt(QPoint pixel) const;
    QString readout() const; // the readout line shown now

    // View actions (also on the toolbar and on keys).
    void fitToView();
    void actualPixels();
    void zoomAt(QPointF anchor, double factor); // anchor in pane coordinates
    void setSplitMode(bool on);
    bool splitMode() const;
    void setSplitLayers(const QString &a, const QString &b);
    void flip(); // A/B: swaps the split's layers
    QPair<QString, QString> splitLayers() const;
    LayerPane *pane(int index) const; // grid panes, for tests and screenshots

Q_SIGNALS:
    void transformChanged();

protected:
    void showEvent(QShowEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void rebuildPanes();
    void connectPane(LayerPane *pane);
    void applyTransform();
    void hover(QPointF imagePoint);
    void updateLegend();
    void updateSplitPane();
    void renderSignedLayers(); // for the palette: white-centred or black-centred colormap
    QSize imageSize() const;
    QSizeF paneSize() const;
    int layerIndex(const QString &name) const;

    QVector<core::PreviewLayer> m_layers;
    float m_residualMax;
    QString m_title;
    QString m_sample;
    ViewTransform m_transform;
    bool m_fitted = true; // follow the view's size until the user zooms or pans
    QPoint m_hoverPixel { -1, -1 };

    QStackedWidget *m_stack;
    QWidget *m_grid;
    QGridLayout *m_gridLayout;
    QVector<LayerPane *> m_panes;
    LayerPane *m_splitPane;
    QComboBox *m_splitA;
    QComboBox *m_splitB;
    QAction *m_splitAction;
    QLabel *m_titleLabel;
    QLabel *m_readout;
    QLabel *m_legend;
};

} // namespace pluvia::widgets
