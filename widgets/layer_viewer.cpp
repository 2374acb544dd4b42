// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/layer_viewer.h"

#include "core/image/layer_compare.h"
#include "widgets/layer_pane.h"
#include "widgets/layer_readout.h"

#include <QAction>
#include <QComboBox>
#include <QEvent>
#include <QFontDatabase>
#include <QGridLayout>
#include <QLabel>
#include <QStackedWidget>
#include <QToolBar>
#include <QVBoxLayout>

#include <cmath>
#include <limits>

namespace pluvia::widgets {

namespace {

constexpr double kZoomStep = 1.25;

// Columns of the pane grid: O | B | R on the first row, then as square as it gets.
int gridColumns(int panes)
{
    return panes <= 3 ? std::max(1, panes) : (panes <= 9 ? 3 : (panes <= 16 ? 4 : 5));
}

const core::PreviewLayer *layerNamed(const QVector<core::PreviewLayer> &layers, const QString &name)
{
    for (const core::PreviewLayer &layer : layers)
        if (layer.name == name)
            return &layer;
    return nullptr;
}

} // namespace

LayerViewer::LayerViewer(QWidget *parent)
    : QWidget(parent)
    , m_residualMax(std::numeric_limits<float>::quiet_NaN())
    , m_stack(new QStackedWidget(this))
    , m_grid(new QWidget(this))
    , m_gridLayout(new QGridLayout(m_grid))
    , m_splitPane(new LayerPane(&m_transform, this))
    , m_splitA(new QComboBox(this))
    , m_splitB(new QComboBox(this))
    , m_titleLabel(new QLabel(this))
    , m_readout(new QLabel(this))
    , m_legend(new QLabel(this))
{
    auto *toolbar = new QToolBar(this);
    toolbar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    auto addAction
        = [&](const QString &text, const QKeySequence &key, const QString &tip, auto slot) {
              QAction *action = toolbar->addAction(text);
              action->setShortcut(key);
              action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
              action->setToolTip(tr("%1 (%2)").arg(tip, key.toString(QKeySequence::NativeText)));
              connect(action, &QAction::triggered, this, slot);
              return action;
          };
    addAction(tr("Fit"), QKeySequence(Qt::CTRL | Qt::Key_0), tr("Fit the image to the panes"),
        [this] { fitToView(); });
    addAction(tr("100 %"), QKeySequence(Qt::CTRL | Qt::Key_1),
        tr("One image pixel per screen pixel"), [this] { actualPixels(); });
    addAction(tr("Zoom in"), QKeySequence::ZoomIn, tr("Zoom in"),
        [this] { zoomAt(QPointF(paneSize().width() / 2, paneSize().height() / 2), kZoomStep); });
    addAction(tr("Zoom out"), QKeySequence::ZoomOut, tr("Zoom out"), [this] {
        zoomAt(QPointF(paneSize().width() / 2, paneSize().height() / 2), 1.0 / kZoomStep);
    });
    toolbar->addSeparator();
    m_splitAction = addAction(tr("Split"), QKeySequence(Qt::Key_S),
        tr("Compare two layers in one pane with a split line"),
        [this](bool on) { setSplitMode(on); });
    m_splitAction->setCheckable(true);
    toolbar->addWidget(m_splitA);
    addAction(tr("Flip"), QKeySequence(Qt::Key_F), tr("Swap the two compared layers (A/B)"),
        [this] { flip(); });
    toolbar->addWidget(m_splitB);
    m_splitA->setToolTip(tr("Layer left of the split line"));
    m_splitB->setToolTip(tr("Layer right of the split line"));
    for (QComboBox *box : { m_splitA, m_splitB })
        connect(box, &QComboBox::currentTextChanged, this, [this] { updateSplitPane(); });

    m_gridLayout->setContentsMargins(0, 0, 0, 0);
    m_gridLayout->setSpacing(2);
    m_stack->addWidget(m_grid);
    m_stack->addWidget(m_splitPane);
    connectPane(m_splitPane);

    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_readout->setFont(fixed);
    m_readout->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_readout->setWordWrap(true);
    m_legend->setWordWrap(true);
    m_titleLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addWidget(toolbar);
    layout->addWidget(m_titleLabel);
    layout->addWidget(m_stack, 1);
    layout->addWidget(m_readout);
    layout->addWidget(m_legend);
    setFocusPolicy(Qt::StrongFocus);
    clear();
}

void LayerViewer::clear()
{
    m_layers.clear();
    m_sample.clear();
    m_residualMax = std::numeric_limits<float>::quiet_NaN();
    m_titleLabel->setText(tr("No decomposition yet: derain an image or start a run to see its "
                             "O, B and R here."));
    rebuildPanes();
}

void LayerViewer::setPreview(const core::PreviewEvent &preview)
{
    const QSize before = imageSize();
    QVector<core::PreviewLayer> layers = preview.layers;
    const core::PreviewLayer *o = layerNamed(layers, QStringLiteral("O"));
    const core::PreviewLayer *b = layerNamed(layers, QStringLiteral("B"));
    const core::PreviewLayer *r = layerNamed(layers, QStringLiteral("R"));
    const core::PreviewLayer *gt = layerNamed(layers, QStringLiteral("B_gt"));
    QVector<core::PreviewLayer> derived;
    m_residualMax = std::numeric_limits<float>::quiet_NaN();
    if (o && b && r) {
        const core::DerivedLayer residual = core::residualLayer(*o, *b, *r);
        if (residual.ok()) {
            derived << residual.layer;
            m_residualMax = residual.maxAbs;
        }
    }
    if (b && gt) {
        const core::DerivedLayer error = core::differenceLayer(QStringLiteral("B − B_gt"), *b, *gt);
        if (error.ok())
            derived << error.layer;
    }
    m_layers = layers + derived;
    renderSignedLayers();
    QString title = preview.sample.isEmpty() ? tr("Decomposition") : preview.sample;
    if (!preview.runId.isEmpty())
        title = tr("%1 — run %2, step %3").arg(title, preview.runId).arg(preview.step);
    if (!std::isnan(preview.niqeO) && !std::isnan(preview.niqeB))
        title = tr("%1 — NIQE O %2 → B %3 (lower is better)")
                    .arg(title)
                    .arg(preview.niqeO, 0, 'f', 2)
                    .arg(preview.niqeB, 0, 'f', 2);
    m_title = title;
    m_sample = preview.sample;
    m_titleLabel->setText(title);
    rebuildPanes();
    if (imageSize() != before || m_fitted)
        fitToView();
    else
        applyTransform();
}

QStringList LayerViewer::layerNames() const
{
    QStringList names;
    for (const core::PreviewLayer &layer : m_layers)
        names << layer.name;
    return names;
}

int LayerViewer::layerIndex(const QString &name) const
{
    return int(layerNames().indexOf(name));
}

LayerPane *LayerViewer::pane(int index) const
{
    return index >= 0 && index < m_panes.size() ? m_panes[index] : nullptr;
}

QSize LayerViewer::imageSize() const
{
    return m_layers.isEmpty() ? QSize() : QSize(m_layers.front().width, m_layers.front().height);
}

QSizeF LayerViewer::paneSize() const
{
    if (splitMode())
        return m_splitPane->size();
    return m_panes.isEmpty() ? QSizeF(size()) : QSizeF(m_panes.front()->size());
}

void LayerViewer::rebuildPanes()
{
    const QString a = m_splitA->currentText(), b = m_splitB->currentText();
    // Panes are rebuilt only when the set of layers changes; a live preview just repaints.
    if (m_panes.size() != m_layers.size()) {
        qDeleteAll(m_panes);
        m_panes.clear();
        const int columns = gridColumns(int(m_layers.size()));
        for (int i = 0; i < m_layers.size(); ++i) {
            auto *pane = new LayerPane(&m_transform, m_grid);
            connectPane(pane);
            m_gridLayout->addWidget(pane, i / columns, i % columns);
            m_panes << pane;
        }
    }
    for (int i = 0; i < m_layers.size(); ++i)
        m_panes[i]->setLayer(&m_layers[i]);
    const QStringList names = layerNames();
    for (QComboBox *box : { m_splitA, m_splitB }) {
        const QSignalBlocker block(box);
        box->clear();
        box->addItems(names);
    }
    // Keep the compared layers when they still exist; else O against B.
    m_splitA->setCurrentIndex(names.contains(a) ? int(names.indexOf(a)) : 0);
    m_splitB->setCurrentIndex(
        names.contains(b) ? int(names.indexOf(b)) : std::min(1, int(names.size()) - 1));
    updateSplitPane();
    updateLegend();
    hover(QPointF(-1, -1));
}

void LayerViewer::connectPane(LayerPane *pane)
{
    connect(pane, &LayerPane::zoomRequested, this, &LayerViewer::zoomAt);
    connect(pane, &LayerPane::panRequested, this, [this](QPointF delta) {
        m_fitted = false;
        m_transform.pan(delta);
        applyTransform();
    });
    connect(pane, &LayerPane::fitRequested, this, &LayerViewer::fitToView);
    connect(pane, &LayerPane::hovered, this, &LayerViewer::hover);
    connect(pane, &LayerPane::hoverLeft, this, [this] { hover(QPointF(-1, -1)); });
    // The panes' size settles after the viewer's: a fitted view follows it.
    connect(pane, &LayerPane::resized, this, [this, pane] {
        if (m_fitted && pane->isVisible())
            fitToView();
    });
}

void LayerViewer::fitToView()
{
    m_fitted = true;
    m_transform.fit(imageSize(), paneSize());
    applyTransform();
}

void LayerViewer::actualPixels()
{
    m_fitted = false;
    m_transform.actualPixels(paneSize(), devicePixelRatioF());
    applyTransform();
}

void LayerViewer::zoomAt(QPointF anchor, double factor)
{
    m_fitted = false;
    m_transform.zoomAt(anchor, factor);
    applyTransform();
}

void LayerViewer::applyTransform()
{
    for (LayerPane *pane : std::as_const(m_panes))
        pane->update();
    m_splitPane->update();
    Q_EMIT transformChanged();
}

void LayerViewer::hover(QPointF imagePoint)
{
    const QPoint pixel(int(std::floor(imagePoint.x())), int(std::floor(imagePoint.y())));
    const QSize size = imageSize();
    const bool inside
        = pixel.x() >= 0 && pixel.y() >= 0 && pixel.x() < size.width() && pixel.y() < size.height();
    m_hoverPixel = inside ? pixel : QPoint(-1, -1);
    for (LayerPane *pane : std::as_const(m_panes))
        pane->setMarker(m_hoverPixel);
    m_splitPane->setMarker(m_hoverPixel);
    m_readout->setText(inside ? readoutAt(pixel)
                              : tr("Point at the image to read every layer's value; wheel zooms, "
                                   "drag pans, double-click fits."));
}

QString LayerViewer::readoutAt(QPoint pixel) const
{
    QStringList parts;
    for (const core::PreviewLayer &layer : m_layers) {
        const QString values = pixelValues(layer, pixel);
        if (values.isEmpty())
            return {};
        parts << tr("%1 %2").arg(layer.name, values);
    }
    return tr("x %1, y %2 · %3")
        .arg(pixel.x())
        .arg(pixel.y())
        .arg(parts.join(QStringLiteral(" · ")));
}

QString LayerViewer::readout() const
{
    return m_readout->text();
}

void LayerViewer::updateLegend()
{
    const bool dark = palette().color(QPalette::Base).lightness() < 128;
    QStringList lines;
    for (const core::PreviewLayer &layer : std::as_const(m_layers)) {
        if (!layer.isSigned)
            continue;
        lines << (dark ? tr("%1: blue −%2 · black 0 · red +%2")
                       : tr("%1: blue −%2 · white 0 · red +%2"))
                     .arg(layer.name)
                     .arg(layer.displayScale, 0, 'g', 3);
    }
    QString text = lines.join(QStringLiteral("; "));
    if (!lines.isEmpty())
        text += tr(" (full colour at the 99th percentile of |value|; the residual at one 8-bit "
                   "level, 1/255).");
    if (!std::isnan(m_residualMax))
        text += tr(" Largest |O − (B + R)|: %1.").arg(m_residualMax, 0, 'g', 3);
    m_legend->setText(text);
}

void LayerViewer::setSplitMode(bool on)
{
    m_splitAction->setChecked(on);
    m_stack->setCurrentWidget(on ? static_cast<QWidget *>(m_splitPane) : m_grid);
    updateSplitPane();
    if (m_fitted)
        fitToView();
}

bool LayerViewer::splitMode() const
{
    return m_stack->currentWidget() == m_splitPane;
}

void LayerViewer::setSplitLayers(const QString &a, const QString &b)
{
    m_splitA->setCurrentIndex(layerIndex(a));
    m_splitB->setCurrentIndex(layerIndex(b));
}

QPair<QString, QString> LayerViewer::splitLayers() const
{
    return { m_splitA->currentText(), m_splitB->currentText() };
}

void LayerViewer::flip()
{
    const int a = m_splitA->currentIndex();
    m_splitA->setCurrentIndex(m_splitB->currentIndex());
    m_splitB->setCurrentIndex(a);
}

void LayerViewer::updateSplitPane()
{
    const int a = layerIndex(m_splitA->currentText()), b = layerIndex(m_splitB->currentText());
    m_splitPane->setLayer(a >= 0 ? &m_layers[a] : nullptr);
    m_splitPane->setSecondLayer(b >= 0 ? &m_layers[b] : nullptr);
}

void LayerViewer::renderSignedLayers()
{
    const bool dark = palette().color(QPalette::Base).lightness() < 128;
    for (core::PreviewLayer &layer : m_layers)
        if (const QImage image = core::renderSignedLayer(layer, dark); !image.isNull())
            layer.display = image;
}

void LayerViewer::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        renderSignedLayers();
        updateLegend();
        applyTransform();
    }
}

void LayerViewer::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_fitted)
        fitToView();
}

} // namespace pluvia::widgets
