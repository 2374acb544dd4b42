// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/dataset_browser.h"

#include "widgets/thumbnail_model.h"

#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QSplitter>
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
{
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

void DatasetBrowser::updateCount()
{
    m_count->setText(m_proxy->rowCount() == m_model->rowCount()
            ? tr("%n item(s)", nullptr, m_model->rowCount())
            : tr("%1 of %2 items").arg(m_proxy->rowCount()).arg(m_model->rowCount()));
}

} // namespace pluvia::widgets
