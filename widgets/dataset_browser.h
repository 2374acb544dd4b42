// SPDX-License-Identifier: GPL-3.0-or-later
// The dataset browser: the inspected dataset as a virtualised grid of thumbnails (made on worker
// threads and cached on disk): a paired sample is one item showing rainy | clean | R = O − B,
// unpaired images and time-lapse frames one item each (labelled scene · frame). Filter by name,
// jump to an index, and the inspection's problems (unreadable, unmatched, too small, ...) listed;
// clicking one shows its file and reason (problem files are not in the grid: they were skipped).
// Double-clicking an item asks for its layers in the layer viewer (sampleActivated). A
// time-lapse dataset also gets a player: a scene, a frame slider and playback (5 frames/s), the
// frames decoded off the GUI thread.
#pragma once

#include "core/data/dataset.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QSlider;
class QTimer;
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
    // The time-lapse player (also for tests).
    bool playerVisible() const;
    void showFrame(int scene, int frame);
    QString shownFrame() const { return m_playerFrame; } // the file on screen, "" before any
    void setPlaying(bool on);
    ThumbnailModel *model() const { return m_model; }
    QListView *view() const { return m_view; }

Q_SIGNALS:
    void sampleActivated(const QString &image, const QString &clean);

Q_SIGNALS:
    void frameShown(const QString &file);

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
    QVector<core::DatasetScene> m_scenes;
    QString m_cacheFolder;
    QWidget *m_player;
    QComboBox *m_scene;
    QSlider *m_frame;
    QPushButton *m_play;
    QTimer *m_playTimer;
    QLabel *m_frameImage;
    QString m_playerFrame;
    quint64 m_frameRequest = 0;
};

} // namespace pluvia::widgets
