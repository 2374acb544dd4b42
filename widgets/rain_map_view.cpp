// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/rain_map_view.h"
#include "widgets/domain_gap_chart.h"

#include "core/analysis/feature_map.h"
#include "core/analysis/rain_features.h"
#include "core/catalogue/method_catalog.h"
#include "core/checkpoint/checkpoint_info.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMouseEvent>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QVBoxLayout>

#include "widgets/plot_style.h"
#include "widgets/qcustomplot_compat.h"

#include <cmath>

namespace pluvia::widgets {

namespace {

constexpr int kRainLayerExtractors = 2; // stats and raw, for every method

} // namespace

// What an extraction or a features file yields, computed off the GUI thread.
struct RainMapView::Loaded {
    quint64 request = 0;
    core::FeatureTable table;
    core::TableDomainGap gap;
    QVector<QImage> thumbnails;
    QString origin;
    QString checkpoint;
    QString method; // the checkpoint's
    QString runId; // the run that wrote the checkpoint, if any
    core::RecordedDomainGap history;
    QString error;
};

RainMapView::RainMapView(QWidget *parent)
    : QWidget(parent)
    , m_extractor(new QComboBox(this))
    , m_samples(new QSpinBox(this))
    , m_projection(new QComboBox(this))
    , m_perplexity(new QDoubleSpinBox(this))
    , m_iterations(new QSpinBox(this))
    , m_seed(new QSpinBox(this))
    , m_run(new QPushButton(tr("Run"), this))
    , m_stop(new QPushButton(tr("Stop"), this))
    , m_measure(new QPushButton(tr("Measure over checkpoints"), this))
    , m_plot(new QCustomPlot(this))
    , m_history(new DomainGapChart(this))
    , m_status(new QLabel(this))
    , m_gapLabel(new QLabel(this))
    , m_hoverPopup(new QWidget(this, Qt::ToolTip))
    , m_hoverImage(new QLabel(m_hoverPopup))
    , m_hoverText(new QLabel(m_hoverPopup))
    , m_selection(new QListWidget(this))
{
    auto *popupLayout = new QVBoxLayout(m_hoverPopup);
    popupLayout->setContentsMargins(4, 4, 4, 4);
    popupLayout->addWidget(m_hoverImage, 0, Qt::AlignHCenter);
    popupLayout->addWidget(m_hoverText);
    m_selection->setViewMode(QListView::IconMode);
    m_selection->setIconSize(QSize(core::kRainThumbnailSide, core::kRainThumbnailSide));
    m_selection->setResizeMode(QListView::Adjust);
    m_selection->setFixedHeight(core::kRainThumbnailSide + 48);
    m_selection->setToolTip(tr("The points inside the lasso (Shift+drag on the map)"));
    m_selection->hide();
    m_extractor->addItem(tr("Rain statistics"), QStringLiteral("stats"));
    m_extractor->addItem(tr("Raw rain layer (16×16)"), QStringLiteral("raw"));
    m_extractor->setToolTip(
        tr("Features of each rain layer: orientation and intensity histograms, density and "
           "moments; the layer itself, downsampled; or, once a checkpoint is loaded, the "
           "activations of one of its method's network layers. Changing it extracts again."));
    connect(m_extractor, &QComboBox::currentIndexChanged, this, [this] {
        if (!m_checkpoint.isEmpty())
            extractFromCheckpoint(m_checkpoint);
    });
    m_samples->setRange(8, 4096);
    m_samples->setValue(128);
    m_samples->setPrefix(tr("crops per role: "));
    m_projection->addItems({ tr("t-SNE"), tr("PCA") });
    m_perplexity->setRange(2.0, 200.0);
    m_perplexity->setValue(30.0);
    m_perplexity->setPrefix(tr("perplexity "));
    m_iterations->setRange(50, 20000);
    m_iterations->setSingleStep(250);
    m_iterations->setValue(1000);
    m_iterations->setSuffix(tr(" iterations"));
    m_seed->setRange(0, 1 << 30);
    m_seed->setPrefix(tr("seed "));
    m_stop->setEnabled(false);
    m_run->setEnabled(false);
    m_measure->setEnabled(false);
    m_measure->setToolTip(tr("The domain gap at every checkpoint of this run, on the same crops, "
                             "recorded with the run's metrics"));
    auto *fromCheckpoint = new QPushButton(tr("From checkpoint…"), this);
    auto *fromCsv = new QPushButton(tr("Open features…"), this);
    auto *exportButton = new QPushButton(tr("Export…"), this);
    connect(fromCheckpoint, &QPushButton::clicked, this, [this] {
        const QString file = QFileDialog::getOpenFileName(
            this, tr("Choose a Checkpoint"), m_workspace, tr("Pluvia checkpoints (*.pt)"));
        if (!file.isEmpty())
            extractFromCheckpoint(file);
    });
    connect(fromCsv, &QPushButton::clicked, this, [this] {
        const QString file = QFileDialog::getOpenFileName(
            this, tr("Open Features"), m_workspace, tr("Feature tables (*.csv)"));
        if (!file.isEmpty())
            openFeatures(file);
    });
    connect(m_run, &QPushButton::clicked, this, &RainMapView::runMap);
    connect(m_stop, &QPushButton::clicked, this, &RainMapView::stopMap);
    connect(m_measure, &QPushButton::clicked, this, &RainMapView::measureHistory);
    connect(exportButton, &QPushButton::clicked, this, &RainMapView::chooseExport);

    m_plot->legend->setVisible(true);
    // The legend in its own column right of the map, so that it never hides points.
    auto *legendColumn = new QCPLayoutGrid;
    m_plot->plotLayout()->addElement(0, 1, legendColumn);
    legendColumn->addElement(0, 0, m_plot->legend);
    legendColumn->addElement(1, 0, new QCPLayoutElement(m_plot)); // pushes the legend up
    legendColumn->setRowStretchFactor(1, 100.0);
    m_plot->plotLayout()->setColumnStretchFactor(1, 0.001);
    m_plot->legend->setSelectableParts(QCPLegend::spItems);
    m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom | QCP::iSelectLegend);
    m_plot->xAxis->setTickLabels(false); // t-SNE axes have no units
    m_plot->yAxis->setTickLabels(false);
    m_plot->setMinimumHeight(220); // drawn at one scale on both axes: it needs some height
    m_plot->installEventFilter(this);
    m_plot->setMouseTracking(true);
    connect(m_plot, &QCustomPlot::legendClick, this,
        [this](QCPLegend *, QCPAbstractLegendItem *item, QMouseEvent *) {
            if (auto *entry = qobject_cast<QCPPlottableLegendItem *>(item))
                setGroupVisible(entry->plottable()->name(), !entry->plottable()->visible());
        });
    stylePlot(m_plot, palette());
    // A map's distances mean the same across and up: one unit spans as many pixels on both
    // axes, whatever the view's shape (the shorter range is widened, so no point leaves it).
    connect(m_plot, &QCustomPlot::afterLayout, this, &RainMapView::equaliseScale);
    connect(
        m_history, &DomainGapChart::finished, this, [this](const QString &error, int checkpoints) {
            m_measure->setEnabled(true);
            setStatus(error.isEmpty() ? tr("Domain gap measured at %1 checkpoints of run %2")
                                            .arg(checkpoints)
                                            .arg(m_runId)
                                      : tr("Cannot measure the history: %1").arg(error));
        });
    m_gapLabel->setWordWrap(true);
    m_gapLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *source = new QHBoxLayout;
    source->addWidget(fromCheckpoint);
    source->addWidget(m_extractor);
    source->addWidget(m_samples);
    source->addWidget(fromCsv);
    source->addStretch(1);
    auto *parameters = new QHBoxLayout;
    parameters->addWidget(m_projection);
    parameters->addWidget(m_perplexity);
    parameters->addWidget(m_iterations);
    parameters->addWidget(m_seed);
    parameters->addWidget(m_run);
    parameters->addWidget(m_stop);
    parameters->addStretch(1);
    parameters->addWidget(exportButton);
    auto *gap = new QHBoxLayout;
    gap->addWidget(m_gapLabel, 1);
    gap->addWidget(m_measure);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(source);
    layout->addLayout(parameters);
    layout->addWidget(m_plot, 1);
    layout->addWidget(m_selection);
    layout->addWidget(m_status);
    layout->addLayout(gap);
    layout->addWidget(m_history);
    setStatus(tr("Choose a checkpoint (its rain layers, on the data its run trained on) or open "
                 "a features CSV, then Run."));
}

RainMapView::~RainMapView() = default; // a running map, a child job, is cancelled with it

void RainMapView::offerExtractors(const QString &method)
{
    const QString current = m_extractor->currentData().toString();
    const QSignalBlocker quiet(m_extractor);
    while (m_extractor->count() > kRainLayerExtractors)
        m_extractor->removeItem(m_extractor->count() - 1);
    if (const std::optional<core::MethodInfo> info = core::findMethodInfo(method))
        for (const core::MethodFeatureLayerInfo &layer : info->featureLayers) {
            m_extractor->addItem(
                tr("Layer %1").arg(layer.name), QString(QStringLiteral("layer:") + layer.name));
            m_extractor->setItemData(m_extractor->count() - 1, layer.description, Qt::ToolTipRole);
        }
    m_extractor->setCurrentIndex(std::max(0, m_extractor->findData(current)));
}

QStringList RainMapView::extractors() const
{
    QStringList ids;
    for (int i = 0; i < m_extractor->count(); ++i)
        ids << m_extractor->itemData(i).toString();
    return ids;
}

void RainMapView::setExtractor(const QString &id)
{
    if (const int index = m_extractor->findData(id); index >= 0)
        m_extractor->setCurrentIndex(index);
}

void RainMapView::setWorkspace(const QString &folder)
{
    m_workspace = folder;
}

void RainMapView::extractFromCheckpoint(const QString &checkpoint)
{
    core::RainFeatureRequest request;
    request.checkpoint = checkpoint;
    request.workspace = m_workspace;
    request.extractor = m_extractor->currentData().toString();
    request.samples = m_samples->value();
    request.seed = quint64(m_seed->value());
    const quint64 id = ++m_request;
    setStatus(tr("Extracting rain-layer features with %1 …").arg(QFileInfo(checkpoint).fileName()));
    m_run->setEnabled(false);
    const QString workspace = m_workspace;
    auto *job = core::startTask(
        this,
        [request, id, workspace](core::JobContext &context) mutable {
            request.progress = context.progressCallback();
            Loaded loaded;
            loaded.request = id;
            loaded.checkpoint = request.checkpoint;
            loaded.origin = QFileInfo(request.checkpoint).fileName();
            core::RainFeatureReport report = core::extractRainFeatures(request);
            if (!report.ok()) {
                loaded.error = report.error;
                return loaded;
            }
            loaded.table = std::move(report.table);
            loaded.thumbnails = std::move(report.thumbnails);
            loaded.gap = core::domainGapOfTable(loaded.table);
            loaded.method = report.method;
            QString error;
            if (const auto info = core::readCheckpointInfo(request.checkpoint, &error))
                loaded.runId = info->runId;
            loaded.history = core::recordedDomainGap(workspace, loaded.runId);
            return loaded;
        },
        [this](const core::TaskJob<Loaded> &finished) { setLoaded(finished.result()); });
    cancelOnNewRequest(job);
}

void RainMapView::openFeatures(const QString &csv)
{
    const quint64 id = ++m_request;
    setStatus(tr("Reading %1 …").arg(QDir::toNativeSeparators(csv)));
    m_run->setEnabled(false);
    auto *job = core::startTask(
        this,
        [csv, id](core::JobContext &) {
            Loaded loaded;
            loaded.request = id;
            loaded.origin = QFileInfo(csv).fileName();
            loaded.error = core::readFeatureTable(csv, &loaded.table);
            if (loaded.error.isEmpty())
                loaded.gap = core::domainGapOfTable(loaded.table);
            return loaded;
        },
        [this](const core::TaskJob<Loaded> &finished) { setLoaded(finished.result()); });
    cancelOnNewRequest(job);
}

void RainMapView::setLoaded(const Loaded &loaded)
{
    if (loaded.request != m_request)
        return; // replaced by a newer request
    if (!loaded.error.isEmpty()) {
        setStatus(tr("Cannot load the features: %1").arg(loaded.error));
        Q_EMIT featuresReady();
        return;
    }
    m_table = loaded.table;
    m_thumbnails = loaded.thumbnails;
    m_selection->clear();
    m_selection->hide();
    m_origin = loaded.origin;
    m_checkpoint = loaded.checkpoint;
    m_runId = loaded.runId;
    offerExtractors(loaded.method);
    m_groups.clear();
    m_groupOf.clear();
    for (const QString &group : std::as_const(m_table.groups)) {
        qsizetype index = m_groups.indexOf(group);
        if (index < 0) {
            index = m_groups.size();
            m_groups << group;
        }
        m_groupOf << int(index);
    }
    m_embedding.clear();
    const core::DomainGap &gap = loaded.gap.gap;
    m_gap = loaded.gap.valid
        ? tr("Domain gap in feature space, %1 (%2) vs %3 (%4): balanced %5-NN domain accuracy "
             "%6 (0.5 = indistinguishable, 1 = separate) · MMD² %7 (Gaussian kernel, σ = the "
             "median distance %8)")
              .arg(loaded.gap.domainA)
              .arg(gap.countA)
              .arg(loaded.gap.domainB)
              .arg(gap.countB)
              .arg(gap.k)
              .arg(gap.knnAccuracy, 0, 'f', 3)
              .arg(gap.mmd2, 0, 'f', 4)
              .arg(gap.bandwidth, 0, 'g', 3)
        : tr("Domain gap: the points hold fewer than two domains.");
    m_gapLabel->setText(m_gap);
    m_history->setHistory(loaded.history.steps, loaded.history.knnAccuracy);
    m_measure->setEnabled(!m_checkpoint.isEmpty() && !m_workspace.isEmpty());
    drawEmbedding();
    m_run->setEnabled(true);
    setStatus(tr("%1 points of %2 features from %3, in %4 groups. Run maps them.")
                  .arg(m_table.rows)
                  .arg(m_table.columns)
                  .arg(m_origin)
                  .arg(m_groups.size()));
    Q_EMIT featuresReady();
}

void RainMapView::setParameters(double perplexity, int iterations, quint64 seed, bool pca)
{
    m_perplexity->setValue(perplexity);
    m_iterations->setValue(iterations);
    m_seed->setValue(int(seed));
    m_projection->setCurrentIndex(pca ? 1 : 0);
}

void RainMapView::runMap()
{
    if (m_table.rows == 0)
        return;
    core::TsneOptions options;
    options.perplexity = m_perplexity->value();
    options.iterations = m_iterations->value();
    options.seed = quint64(m_seed->value());
    options.reportEvery = 25;
    m_mapping = true;
    m_run->setEnabled(false);
    m_stop->setEnabled(true);
    m_embedding.clear();
    setStatus(tr("Mapping %1 points …").arg(m_table.rows));
    auto *job = core::startTask(
        this,
        [table = m_table, options, pca = m_projection->currentIndex() == 1](
            core::JobContext &context) {
            return core::mapFeatureTable(table, options, pca, context);
        },
        [this](const core::TaskJob<core::TsneResult> &finished) {
            if (finished.requestId() == m_request)
                showMap(finished.result());
        },
        ++m_request);
    connect(
        job, &core::Job::resultPublished, this, [this](quint64 request, const QVariant &partial) {
            if (request != m_request)
                return;
            const auto snapshot = partial.value<core::TsneSnapshot>();
            m_embedding = snapshot.embedding;
            m_kl = snapshot.kl;
            drawEmbedding();
            setStatus(tr("%1 points · iteration %2 of %3 · KL %4")
                          .arg(m_table.rows)
                          .arg(snapshot.iteration)
                          .arg(m_iterations->value())
                          .arg(snapshot.kl, 0, 'f', 4));
        });
    cancelOnNewRequest(job);
}

void RainMapView::showMap(const core::TsneResult &result)
{
    m_mapping = false;
    m_run->setEnabled(true);
    m_stop->setEnabled(false);
    if (!result.error.isEmpty()) {
        setStatus(tr("Cannot map %1: %2").arg(m_origin, result.error));
        return;
    }
    m_embedding = result.embedding;
    m_kl = result.kl;
    drawEmbedding();
    const bool pca = m_projection->currentIndex() == 1;
    setStatus(pca ? tr("%1 points · PCA").arg(m_table.rows)
                  : tr("%1 points · %2 iterations%3 · KL %4 · %5 s")
                        .arg(m_table.rows)
                        .arg(result.iterations)
                        .arg(result.cancelled ? tr(" (stopped)") : QString())
                        .arg(result.kl, 0, 'f', 4)
                        .arg(result.seconds, 0, 'f', 1));
    Q_EMIT mapFinished();
}

void RainMapView::cancelOnNewRequest(core::Job *job)
{
    // One piece of work at a time: a newer load or map replaces the one in flight.
    if (m_current)
        m_current->cancel();
    m_current = job;
}

void RainMapView::stopMap()
{
    if (m_current)
        m_current->cancel();
}

void RainMapView::drawEmbedding()
{
    QVector<QVector<double>> xs(m_groups.size()), ys(m_groups.size());
    const int n = int(m_embedding.size() / 2);
    for (int i = 0; i < n && i < m_groupOf.size(); ++i) {
        xs[m_groupOf[i]] << m_embedding[2 * size_t(i)];
        ys[m_groupOf[i]] << m_embedding[2 * size_t(i) + 1];
    }
    // Keep each group's visibility across redraws.
    QHash<QString, bool> visible;
    for (int g = 0; g < m_plot->graphCount(); ++g)
        visible.insert(m_plot->graph(g)->name(), m_plot->graph(g)->visible());
    m_plot->clearGraphs();
    for (int g = 0; g < m_groups.size(); ++g) {
        QCPGraph *graph = m_plot->addGraph();
        graph->setName(m_groups[g].isEmpty() ? tr("(no group)") : m_groups[g]);
        graph->setLineStyle(QCPGraph::lsNone);
        const QColor colour = categoryColour(g);
        graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, colour, colour, 5));
        graph->setData(xs[g], ys[g]);
        graph->setVisible(visible.value(graph->name(), true));
    }
    if (n > 0) {
        m_plot->rescaleAxes(true); // visible groups only, so none is hidden by the range
        m_plot->xAxis->scaleRange(1.08); // a margin: no point drawn on the frame
        m_plot->yAxis->scaleRange(1.08);
    }
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void RainMapView::equaliseScale()
{
    const QRect rect = m_plot->axisRect()->rect();
    if (rect.width() <= 0 || rect.height() <= 0 || m_embedding.empty())
        return;
    const double ux = m_plot->xAxis->range().size() / rect.width();
    const double uy = m_plot->yAxis->range().size() / rect.height();
    if (ux > uy)
        m_plot->yAxis->setRange(
            m_plot->yAxis->range().center(), ux * rect.height(), Qt::AlignCenter);
    else
        m_plot->xAxis->setRange(
            m_plot->xAxis->range().center(), uy * rect.width(), Qt::AlignCenter);
}

bool RainMapView::groupVisible(const QString &group) const
{
    for (int g = 0; g < m_plot->graphCount(); ++g)
        if (m_plot->graph(g)->name() == group)
            return m_plot->graph(g)->visible();
    return false;
}

void RainMapView::setGroupVisible(const QString &group, bool visible)
{
    for (int g = 0; g < m_plot->graphCount(); ++g) {
        QCPGraph *graph = m_plot->graph(g);
        if (graph->name() != group)
            continue;
        graph->setVisible(visible);
        if (QCPPlottableLegendItem *item = m_plot->legend->itemWithPlottable(graph))
            item->setTextColor(visible ? palette().color(QPalette::Text)
                                       : palette().color(QPalette::Disabled, QPalette::Text));
    }
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

int RainMapView::pointAt(QPoint pos, double radius) const
{
    int best = -1;
    double bestDistance = radius * radius;
    const int n = int(m_embedding.size() / 2);
    for (int i = 0; i < n && i < m_groupOf.size(); ++i) {
        if (!m_plot->graph(m_groupOf[i])->visible())
            continue;
        const double px = m_plot->xAxis->coordToPixel(m_embedding[2 * size_t(i)]);
        const double py = m_plot->yAxis->coordToPixel(m_embedding[2 * size_t(i) + 1]);
        const double d = (px - pos.x()) * (px - pos.x()) + (py - pos.y()) * (py - pos.y());
        if (d <= bestDistance) {
            bestDistance = d;
            best = i;
        }
    }
    return best;
}

void RainMapView::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        stylePlot(m_plot, palette());
        for (const QString &group : std::as_const(m_groups))
            setGroupVisible(group, groupVisible(group)); // legend text: enabled or greyed
    }
}

bool RainMapView::eventFilter(QObject *watched, QEvent *event)
{
    if (watched != m_plot || m_embedding.empty())
        return QWidget::eventFilter(watched, event);
    const int source = int(m_table.carriedNames.indexOf(QStringLiteral("source")));
    const int crop = int(m_table.carriedNames.indexOf(QStringLiteral("crop")));
    auto field = [&](int point, int column) {
        return column >= 0 ? m_table.carried[point].value(column) : QString();
    };
    if (event->type() == QEvent::Leave) {
        m_hoverPopup->hide();
        return QWidget::eventFilter(watched, event);
    }
    if (event->type() != QEvent::MouseButtonPress && event->type() != QEvent::MouseMove
        && event->type() != QEvent::MouseButtonRelease
        && event->type() != QEvent::MouseButtonDblClick)
        return QWidget::eventFilter(watched, event);
    const auto *mouse = static_cast<QMouseEvent *>(event);
    if (event->type() == QEvent::MouseButtonPress && mouse->button() == Qt::LeftButton
        && (mouse->modifiers() & Qt::ShiftModifier)) {
        // The lasso: a drawn polygon instead of a pan.
        m_plot->setInteraction(QCP::iRangeDrag, false);
        m_lasso = { mouse->position() };
        if (!m_lassoCurve) {
            m_lassoCurve = new QCPCurve(m_plot->xAxis, m_plot->yAxis);
            m_lassoCurve->setPen(QPen(palette().color(QPalette::Highlight), 1.5, Qt::DashLine));
            m_lassoCurve->removeFromLegend();
        }
        return true;
    }
    if (event->type() == QEvent::MouseMove && !m_lasso.isEmpty()) {
        m_lasso << mouse->position();
        QVector<double> xs, ys;
        for (const QPointF &p : std::as_const(m_lasso)) {
            xs << m_plot->xAxis->pixelToCoord(p.x());
            ys << m_plot->yAxis->pixelToCoord(p.y());
        }
        m_lassoCurve->setData(xs, ys);
        m_plot->replot(QCustomPlot::rpQueuedReplot);
        return true;
    }
    if (event->type() == QEvent::MouseButtonRelease && !m_lasso.isEmpty()) {
        selectInside(m_lasso);
        m_lasso.clear();
        m_lassoCurve->data()->clear();
        m_plot->setInteraction(QCP::iRangeDrag, true);
        m_plot->replot(QCustomPlot::rpQueuedReplot);
        return true;
    }
    const int point = pointAt(mouse->position().toPoint());
    if (event->type() == QEvent::MouseMove) {
        // The hover: the point's rain layer (when extracted from a checkpoint) and its origin.
        if (point < 0) {
            m_hoverPopup->hide();
            return QWidget::eventFilter(watched, event);
        }
        m_hoverText->setText(
            tr("%1\n%2\ncrop %3")
                .arg(m_table.groups[point], field(point, source), field(point, crop)));
        const bool image = point < m_thumbnails.size() && !m_thumbnails[point].isNull();
        m_hoverImage->setVisible(image);
        if (image)
            m_hoverImage->setPixmap(QPixmap::fromImage(m_thumbnails[point]));
        m_hoverPopup->adjustSize();
        m_hoverPopup->move(mouse->globalPosition().toPoint() + QPoint(14, 14));
        m_hoverPopup->show();
    } else if (event->type() == QEvent::MouseButtonDblClick && point >= 0 && source >= 0) {
        Q_EMIT sampleActivated(m_checkpoint, field(point, source), field(point, crop));
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

QVector<int> RainMapView::selectInside(const QPolygonF &pixels)
{
    QVector<int> selected;
    const int n = int(m_embedding.size() / 2);
    for (int i = 0; i < n && i < m_groupOf.size(); ++i) {
        if (!m_plot->graph(m_groupOf[i])->visible())
            continue;
        const QPointF p(m_plot->xAxis->coordToPixel(m_embedding[2 * size_t(i)]),
            m_plot->yAxis->coordToPixel(m_embedding[2 * size_t(i) + 1]));
        if (pixels.containsPoint(p, Qt::OddEvenFill))
            selected << i;
    }
    m_selection->clear();
    const int source = int(m_table.carriedNames.indexOf(QStringLiteral("source")));
    for (int i : std::as_const(selected)) {
        auto *item = new QListWidgetItem(m_table.groups[i], m_selection);
        if (i < m_thumbnails.size())
            item->setIcon(QPixmap::fromImage(m_thumbnails[i]));
        if (source >= 0)
            item->setToolTip(m_table.carried[i].value(source));
    }
    m_selection->setVisible(!selected.isEmpty());
    setStatus(tr("%n point(s) in the lasso", nullptr, int(selected.size())));
    return selected;
}

int RainMapView::selectedCount() const
{
    return m_selection->count();
}

void RainMapView::measureHistory()
{
    if (m_runId.isEmpty()) {
        setStatus(tr("%1 belongs to no run of this workspace").arg(m_checkpoint));
        return;
    }
    core::DomainGapHistoryRequest request;
    request.workspace = m_workspace;
    request.run = m_runId;
    request.extractor = m_extractor->currentData().toString();
    request.samples = m_samples->value();
    request.seed = quint64(m_seed->value());
    m_measure->setEnabled(false);
    setStatus(tr("Measuring the domain gap at every checkpoint of run %1 …").arg(m_runId));
    m_history->measure(request);
}

QString RainMapView::gapText() const
{
    return m_gap;
}

QString RainMapView::status() const
{
    return m_status->text();
}

void RainMapView::setStatus(const QString &text)
{
    m_status->setText(text);
}

QString RainMapView::exportMap(const QString &path) const
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (m_embedding.empty())
        return tr("%1: there is no map to export yet").arg(QDir::toNativeSeparators(path));
    bool ok = false;
    if (suffix == QLatin1String("csv"))
        return core::writeMap(path, m_table, m_embedding);
    if (suffix == QLatin1String("png"))
        ok = m_plot->savePng(path, 0, 0, 2.0);
    else if (suffix == QLatin1String("pdf"))
        ok = m_plot->savePdf(path);
    else
        return tr("%1: choose .csv, .png or .pdf").arg(QDir::toNativeSeparators(path));
    return ok ? QString() : tr("%1: cannot write the file").arg(QDir::toNativeSeparators(path));
}

void RainMapView::chooseExport()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export the Map"), m_workspace, tr("CSV (*.csv);;PNG image (*.png);;PDF (*.pdf)"));
    if (path.isEmpty())
        return;
    const QString error = exportMap(path);
    setStatus(error.isEmpty() ? tr("Exported %1").arg(QDir::toNativeSeparators(path)) : error);
}

} // namespace pluvia::widgets
