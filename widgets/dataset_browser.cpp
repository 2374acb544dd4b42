// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/dataset_browser.h"

#include "core/data/thumbnail_cache.h"
#include "core/jobs/job.h"
#include "widgets/thumbnail_model.h"

#include <QComboBox>
#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QPushButton>
#include <QSlider>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QSplitter>
#include <QTimer>
#include <QVBoxLayout>

namespace pluvia::widgets {

namespace {

constexpr int kThumbnailSide = 128;

} // namespace

DatasetBrowser::DatasetBrowser(QWidget *parent)
    : QWidget(parent)
    , m_model(new ThumbnailModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_view(new QListView(this))
    , m_filter(new QLineEdit(this))
    , m_jump(new QSpinBox(this))
    , m_count(new QLabel(this))
    , m_problems(new QListWidget(this))
    , m_problem(new QLabel(this))
    , m_player(new QWidget(this))
    , m_scene(new QComboBox(this))
    , m_frame(new QSlider(Qt::Horizontal, this))
    , m_play(new QPushButton(tr("Play"), this))
    , m_playTimer(new QTimer(this))
    , m_frameImage(new QLabel(this))
{
    m_playTimer->setInterval(200); // 5 frames per second
    connect(m_playTimer, &QTimer::timeout, this, [this] {
        m_frame->setValue(m_frame->value() >= m_frame->maximum() ? 0 : m_frame->value() + 1);
    });
    connect(m_play, &QPushButton::clicked, this, [this] { setPlaying(!m_playTimer->isActive()); });
    connect(m_scene, &QComboBox::currentIndexChanged, this, [this](int scene) {
        if (scene >= 0 && scene < m_scenes.size()) {
            m_frame->setMaximum(std::max(0, int(m_scenes[scene].frames.size()) - 1));
            showFrame(scene, 0);
        }
    });
    connect(m_frame, &QSlider::valueChanged, this,
        [this](int frame) { showFrame(m_scene->currentIndex(), frame); });
    m_frameImage->setMinimumSize(256, 160);
    m_frameImage->setAlignment(Qt::AlignCenter);
    auto *playerControls = new QHBoxLayout;
    playerControls->addWidget(m_scene);
    playerControls->addWidget(m_frame, 1);
    playerControls->addWidget(m_play);
    auto *playerLayout = new QVBoxLayout(m_player);
    playerLayout->setContentsMargins(0, 0, 0, 0);
    playerLayout->addLayout(playerControls);
    playerLayout->addWidget(m_frameImage);
    m_player->hide();
    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_view->setModel(m_proxy);
    m_view->setViewMode(QListView::IconMode);
    m_view->setResizeMode(QListView::Adjust);
    m_view->setMovement(QListView::Static);
    m_view->setUniformItemSizes(true); // virtualised: only the shown rows are asked for
    m_view->setLayoutMode(QListView::Batched);
    m_view->setBatchSize(200);
    m_view->setIconSize(QSize(3 * kThumbnailSide + 4, kThumbnailSide));
    m_view->setGridSize(QSize(kThumbnailSide + 24, kThumbnailSide + 36));
    m_view->setWordWrap(true);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    connect(m_view, &QListView::doubleClicked, this, [this](const QModelIndex &index) {
        Q_EMIT sampleActivated(index.data(ThumbnailModel::ImageRole).toString(),
            index.data(ThumbnailModel::CleanRole).toString());
    });
    m_filter->setPlaceholderText(tr("Filter by name"));
    m_filter->setClearButtonEnabled(true);
    connect(m_filter, &QLineEdit::textChanged, this, &DatasetBrowser::setFilter);
    m_jump->setPrefix(tr("item "));
    m_jump->setMinimum(1);
    auto *go = new QPushButton(tr("Go"), this);
    connect(go, &QPushButton::clicked, this, [this] { jumpTo(m_jump->value()); });
    connect(m_problems, &QListWidget::currentTextChanged, m_problem, &QLabel::setText);
    m_problem->setWordWrap(true);
    m_problem->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *top = new QHBoxLayout;
    top->addWidget(m_filter, 1);
    top->addWidget(m_jump);
    top->addWidget(go);
    top->addWidget(m_count);
    auto *problems = new QWidget(this);
    auto *problemsLayout = new QVBoxLayout(problems);
    problemsLayout->setContentsMargins(0, 0, 0, 0);
    problemsLayout->addWidget(new QLabel(tr("Problems (skipped files)"), problems));
    problemsLayout->addWidget(m_problems, 1);
    problemsLayout->addWidget(m_problem);
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_view);
    split->addWidget(problems);
    split->setStretchFactor(0, 4);
    split->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_player);
    layout->addWidget(split, 1);
    updateCount();
}

void DatasetBrowser::setInspection(
    const QString &name, const core::DatasetInspection &inspection, const QString &cacheFolder)
{
    QVector<BrowserItem> items;
    const core::Dataset &d = inspection.dataset;
    const QDir root(d.root);
    for (const core::DatasetPair &pair : d.pairs)
        items.push_back({ QFileInfo(pair.rainy).fileName(), pair.rainy, pair.clean });
    for (const QString &image : d.images)
        items.push_back({ root.relativeFilePath(image), image, {} });
    for (const core::DatasetScene &scene : d.scenes)
        for (int i = 0; i < scene.frames.size(); ++i)
            items.push_back({ tr("%1 · %2").arg(scene.name).arg(i + 1), scene.frames[i], {} });
    m_view->setIconSize(
        QSize(d.pairs.isEmpty() ? kThumbnailSide : 3 * kThumbnailSide + 4, kThumbnailSide));
    m_view->setGridSize(d.pairs.isEmpty() ? QSize(kThumbnailSide + 24, kThumbnailSide + 36)
                                          : QSize(3 * kThumbnailSide + 28, kThumbnailSide + 36));
    m_model->setItems(items, cacheFolder, kThumbnailSide);
    m_problems->clear();
    for (const core::DatasetProblem &problem : inspection.problems) {
        auto *entry = new QListWidgetItem(
            tr("%1: %2").arg(core::datasetProblemCodeName(problem.code), problem.message),
            m_problems);
        entry->setToolTip(QDir::toNativeSeparators(problem.path));
    }
    m_jump->setMaximum(std::max(1, int(items.size())));
    setPlaying(false);
    m_scenes = d.scenes;
    m_cacheFolder = cacheFolder;
    m_player->setVisible(!m_scenes.isEmpty());
    {
        const QSignalBlocker block(m_scene);
        m_scene->clear();
        for (const core::DatasetScene &scene : std::as_const(m_scenes))
            m_scene->addItem(scene.name);
    }
    if (!m_scenes.isEmpty()) {
        m_frame->setMaximum(std::max(0, int(m_scenes.front().frames.size()) - 1));
        showFrame(0, 0);
    }
    setToolTip(name);
    updateCount();
}

void DatasetBrowser::setFilter(const QString &text)
{
    if (m_filter->text() != text)
        m_filter->setText(text);
    m_proxy->setFilterFixedString(text);
    updateCount();
}

void DatasetBrowser::jumpTo(int index)
{
    const QModelIndex source = m_model->index(index - 1);
    const QModelIndex shown = m_proxy->mapFromSource(source);
    if (!shown.isValid())
        return;
    m_view->setCurrentIndex(shown);
    m_view->scrollTo(shown, QAbstractItemView::PositionAtCenter);
}

int DatasetBrowser::itemCount() const
{
    return m_model->rowCount();
}

int DatasetBrowser::visibleCount() const
{
    return m_proxy->rowCount();
}

int DatasetBrowser::problemCount() const
{
    return m_problems->count();
}

QString DatasetBrowser::label(int visibleRow) const
{
    return m_proxy->index(visibleRow, 0).data().toString();
}

bool DatasetBrowser::playerVisible() const
{
    return !m_player->isHidden();
}

void DatasetBrowser::setPlaying(bool on)
{
    if (on && !m_scenes.isEmpty())
        m_playTimer->start();
    else
        m_playTimer->stop();
    m_play->setText(m_playTimer->isActive() ? tr("Pause") : tr("Play"));
}

void DatasetBrowser::showFrame(int scene, int frame)
{
    if (scene < 0 || scene >= m_scenes.size() || frame < 0
        || frame >= m_scenes[scene].frames.size())
        return;
    if (m_scene->currentIndex() != scene) {
        const QSignalBlocker block(m_scene);
        m_scene->setCurrentIndex(scene);
        m_frame->setMaximum(std::max(0, int(m_scenes[scene].frames.size()) - 1));
    }
    if (m_frame->value() != frame) {
        const QSignalBlocker block(m_frame);
        m_frame->setValue(frame);
    }
    const QString file = m_scenes[scene].frames[frame];
    const quint64 request = ++m_frameRequest;
    const QString cache = m_cacheFolder;
    core::startTask(
        this,
        [file, cache](
            core::JobContext &) { return core::loadThumbnail(file, QString(), 256, cache); },
        [this, request, file](const core::TaskJob<QImage> &job) {
            if (request != m_frameRequest)
                return; // a later frame is on its way
            m_frameImage->setPixmap(QPixmap::fromImage(job.result()));
            m_frameImage->setToolTip(QDir::toNativeSeparators(file));
            m_playerFrame = file;
            Q_EMIT frameShown(file);
        });
}

void DatasetBrowser::updateCount()
{
    m_count->setText(m_proxy->rowCount() == m_model->rowCount()
            ? tr("%n item(s)", nullptr, m_model->rowCount())
            : tr("%1 of %2 items").arg(m_proxy->rowCount()).arg(m_model->rowCount()));
}

} // namespace pluvia::widgets
