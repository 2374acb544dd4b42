// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/thumbnail_model.h"

#include "core/data/thumbnail_cache.h"

#include <QDir>
#include <QPointer>

namespace pluvia::widgets {

ThumbnailModel::ThumbnailModel(QObject *parent)
    : QAbstractListModel(parent)
{
    m_pool.setMaxThreadCount(std::max(2, QThread::idealThreadCount()));
}

ThumbnailModel::~ThumbnailModel()
{
    m_pool.clear();
    m_pool.waitForDone();
}

void ThumbnailModel::setItems(
    const QVector<BrowserItem> &items, const QString &cacheFolder, int side)
{
    beginResetModel();
    m_pool.clear(); // drop the queued thumbnails of the previous list
    ++m_generation;
    m_items = items;
    m_cacheFolder = cacheFolder;
    m_side = side;
    m_thumbnails.clear();
    m_requested.clear();
    m_placeholder = QPixmap(side, side * 3 / 4);
    m_placeholder.fill(Qt::transparent);
    endResetModel();
}

int ThumbnailModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_items.size());
}

QVariant ThumbnailModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_items.size())
        return {};
    const BrowserItem &item = m_items[index.row()];
    switch (role) {
    case Qt::DisplayRole:
        return item.label;
    case Qt::ToolTipRole:
        return item.clean.isEmpty()
            ? QDir::toNativeSeparators(item.image)
            : tr("%1\n%2\n(rainy | clean | R = O − B)")
                  .arg(QDir::toNativeSeparators(item.image), QDir::toNativeSeparators(item.clean));
    case Qt::DecorationRole: {
        const auto it = m_thumbnails.constFind(index.row());
        if (it != m_thumbnails.cend())
            return *it;
        request(index.row());
        return m_placeholder;
    }
    case ImageRole:
        return item.image;
    case CleanRole:
        return item.clean;
    default:
        return {};
    }
}

void ThumbnailModel::request(int row) const
{
    if (m_requested.contains(row))
        return;
    m_requested.insert(row);
    const BrowserItem item = m_items[row];
    const QString cache = m_cacheFolder;
    const int side = m_side;
    const quint64 generation = m_generation;
    QPointer<ThumbnailModel> self(const_cast<ThumbnailModel *>(this));
    m_pool.start([self, item, cache, side, generation, row] {
        const QImage image = core::loadThumbnail(item.image, item.clean, side, cache);
        QMetaObject::invokeMethod(
            self.data(),
            [self, image, generation, row] {
                if (!self || generation != self->m_generation)
                    return; // a newer list replaced this one
                self->m_thumbnails.insert(row, QPixmap::fromImage(image));
                const QModelIndex index = self->index(row);
                Q_EMIT self->dataChanged(index, index, { Qt::DecorationRole });
                Q_EMIT self->thumbnailLoaded(row);
            },
            Qt::QueuedConnection);
    });
}

} // namespace pluvia::widgets
