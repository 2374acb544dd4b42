// SPDX-License-Identifier: GPL-3.0-or-later
// The items of the dataset browser with their thumbnails made on worker threads: a view asks
// for the decoration of the rows it shows (a virtualised list view asks for nothing else), the
// model answers with a placeholder and queues the thumbnail (core::loadThumbnail, cached on
// disk), and signals dataChanged when it arrives. Results of an older item list are dropped.
#pragma once

#include <QAbstractListModel>
#include <QHash>
#include <QPixmap>
#include <QSet>
#include <QThreadPool>

namespace pluvia::widgets {

struct BrowserItem {
    QString label; // shown under the thumbnail, and filtered on
    QString image; // rainy image, unpaired image or frame
    QString clean; // paired: the clean image, else ""
};

class ThumbnailModel : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role { ImageRole = Qt::UserRole + 1, CleanRole };

    explicit ThumbnailModel(QObject *parent = nullptr);
    ~ThumbnailModel() override; // waits for the thumbnails in flight (one decode each)

    void setItems(const QVector<BrowserItem> &items, const QString &cacheFolder, int side);
    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    int loadedCount() const { return int(m_thumbnails.size()); }

Q_SIGNALS:
    void thumbnailLoaded(int row);

private:
    void request(int row) const;

    QVector<BrowserItem> m_items;
    QString m_cacheFolder;
    int m_side = 128;
    quint64 m_generation = 0;
    mutable QHash<int, QPixmap> m_thumbnails;
    mutable QSet<int> m_requested;
    mutable QThreadPool m_pool;
    QPixmap m_placeholder;
};

} // namespace pluvia::widgets
