// SPDX-License-Identifier: GPL-3.0-or-later
// The dataset browser: the inspected dataset as a virtualised grid of thumbnails (made on worker
// threads and cached on disk): a paired sample is one item showing rainy | clean | R = O − B,
// unpaired images and time-lapse frames one item each (labelled scene · frame). Filter by name,
// jump to an index, and the inspection's problems (unreadable, unmatched, too small, ...) listed;
// clicking one shows its file and reason (problem files are not in the grid: they were skipped).
// Double-clicking an item asks for its layers in the layer viewer (sampleActivated).
#pragma once

#include "core/data/dataset.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QListView;
class QListWidget;
class QSortFilterProxyModel;
class QSpinBox;

namespace pluvia::widgets {

class ThumbnailModel;

class DatasetBrowser : public QWidget
{
    Q_OBJECT

public:
    explicit DatasetBrowser(QWidget *parent = nullptr);

    // Shows an inspected dataset; thumbnails are cached under `cacheFolder` ("" for none).
    void setInspection(
        const QString &name, const core::DatasetInspection &inspection, const QString &cacheFolder);
    void setFilter(const QString &text);
    void jumpTo(int index); // 1-based, as shown

    int itemCount() const;
    int visibleCount() const;
    int problemCount() const;
    QString label(int visibleRow) const;
    ThumbnailModel *model() const { return m_model; }
    QListView *view() const { return m_view; }

Q_SIGNALS:
    void sampleActivated(const QString &image, const QString &clean);

private:
    void updateCount();

    ThumbnailModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QListView *m_view;
    QLineEdit *m_filter;
    QSpinBox *m_jump;
    QLabel *m_count;
    QListWidget *m_problems;
    QLabel *m_problem;
};

} // namespace pluvia::widgets
