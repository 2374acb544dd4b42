// SPDX-License-Identifier: GPL-3.0-or-later
// The workspace's datasets as a list: name, kind, contents, note and location. Selecting one
// emits datasetActivated with its entry; the owner decides what to show. Dropping folders on it
// asks the owner to add them as datasets (folderDropped), dropping videos to import them as
// time-lapse scenes (videoDropped).
#pragma once

#include "core/workspace/workspace.h"

#include <QWidget>

class QTreeWidget;
class QLineEdit;

namespace pluvia::widgets {

class DatasetListWidget : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY(DatasetListWidget)

public:
    explicit DatasetListWidget(QWidget *parent = nullptr);

    void setDatasets(const QVector<core::DatasetEntry> &datasets);
    int datasetCount() const;
    // Makes row `index` current (emitting datasetActivated); ignored when out of range.
    void selectDataset(int index);

Q_SIGNALS:
    void datasetActivated(const pluvia::core::DatasetEntry &entry);
    void folderDropped(const QString &folder);
    void videoDropped(const QString &video);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void applyFilter(const QString &text);

    QLineEdit *m_filter;
    QTreeWidget *m_tree;
    QVector<core::DatasetEntry> m_datasets;
};

} // namespace pluvia::widgets
