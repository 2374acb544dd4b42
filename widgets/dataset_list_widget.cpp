// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/dataset_list_widget.h"

#include "core/data/video_import.h"

#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileInfo>
#include <QHeaderView>
#include <QLineEdit>
#include <QMimeData>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace pluvia::widgets {

namespace {
enum Column { NameColumn, KindColumn, ContentColumn, NoteColumn, PathColumn, ColumnCount };

QString kindLabel(core::DatasetKind kind)
{
    switch (kind) {
    case core::DatasetKind::Paired:
        return DatasetListWidget::tr("Paired");
    case core::DatasetKind::Unpaired:
        return DatasetListWidget::tr("Unpaired");
    case core::DatasetKind::TimeLapse:
        return DatasetListWidget::tr("Time-lapse");
    }
    return {};
}
} // namespace

DatasetListWidget::DatasetListWidget(QWidget *parent)
    : QWidget(parent)
    , m_filter(new QLineEdit(this))
    , m_tree(new QTreeWidget(this))
{
    setAcceptDrops(true);
    m_tree->setObjectName(QStringLiteral("datasetTree"));
    m_filter->setPlaceholderText(tr("Filter datasets by name"));
    m_filter->setClearButtonEnabled(true);
    m_tree->setColumnCount(ColumnCount);
    m_tree->setHeaderLabels({ tr("Name"), tr("Kind"), tr("Contents"), tr("Note"), tr("Location") });
    m_tree->setRootIsDecorated(false);
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->header()->setSectionResizeMode(NameColumn, QHeaderView::ResizeToContents);
    m_tree->header()->setSectionResizeMode(KindColumn, QHeaderView::ResizeToContents);
    m_tree->header()->setSectionResizeMode(ContentColumn, QHeaderView::ResizeToContents);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_filter);
    layout->addWidget(m_tree);

    connect(m_filter, &QLineEdit::textChanged, this, &DatasetListWidget::applyFilter);
    connect(m_tree, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *item) {
        if (!item)
            return;
        const int index = item->data(NameColumn, Qt::UserRole).toInt();
        if (index >= 0 && index < m_datasets.size())
            Q_EMIT datasetActivated(m_datasets[index]);
    });
}

void DatasetListWidget::setDatasets(const QVector<core::DatasetEntry> &datasets)
{
    m_datasets = datasets;
    m_tree->clear();
    for (int i = 0; i < datasets.size(); ++i) {
        const core::DatasetEntry &entry = datasets[i];
        auto *item = new QTreeWidgetItem(m_tree);
        item->setText(NameColumn, entry.name);
        item->setData(NameColumn, Qt::UserRole, i);
        item->setText(KindColumn, kindLabel(entry.kind));
        item->setText(
            ContentColumn, entry.content ? core::imageContentName(*entry.content) : QString());
        item->setText(NoteColumn, entry.note);
        item->setToolTip(NoteColumn, entry.note);
        item->setText(PathColumn, QDir::toNativeSeparators(entry.path));
        item->setToolTip(PathColumn, QDir::toNativeSeparators(entry.path));
    }
    applyFilter(m_filter->text());
}

int DatasetListWidget::datasetCount() const
{
    return m_datasets.size();
}

void DatasetListWidget::selectDataset(int index)
{
    if (index >= 0 && index < m_tree->topLevelItemCount())
        m_tree->setCurrentItem(m_tree->topLevelItem(index));
}

void DatasetListWidget::applyFilter(const QString &text)
{
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_tree->topLevelItem(i);
        item->setHidden(!item->text(NameColumn).contains(text, Qt::CaseInsensitive));
    }
}

namespace {

bool isFolder(const QUrl &url)
{
    return url.isLocalFile() && QFileInfo(url.toLocalFile()).isDir();
}

bool isVideo(const QUrl &url)
{
    return url.isLocalFile() && QFileInfo(url.toLocalFile()).isFile()
        && core::hasVideoSuffix(url.toLocalFile());
}

} // namespace

void DatasetListWidget::dragEnterEvent(QDragEnterEvent *event)
{
    for (const QUrl &url : event->mimeData()->urls())
        if (isFolder(url) || isVideo(url)) {
            event->acceptProposedAction();
            return;
        }
}

void DatasetListWidget::dropEvent(QDropEvent *event)
{
    for (const QUrl &url : event->mimeData()->urls()) {
        if (isFolder(url))
            Q_EMIT folderDropped(url.toLocalFile());
        else if (isVideo(url))
            Q_EMIT videoDropped(url.toLocalFile());
    }
    event->acceptProposedAction();
}

} // namespace pluvia::widgets
