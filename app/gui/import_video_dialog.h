// SPDX-License-Identifier: GPL-3.0-or-later
// Importing a dropped video as a time-lapse scene: the dataset folder it goes into (the
// workspace's datasets/videos by default, one scene per video), every how many frames to keep,
// and at most how many (300 by default: enough pairs, not a long video's every frame as PNG).
#pragma once

#include "core/data/video_import.h"

#include <QDialog>

class QLineEdit;
class QSpinBox;

namespace pluvia::app {

class ImportVideoDialog : public QDialog
{
    Q_OBJECT

public:
    ImportVideoDialog(
        const QString &video, const QString &datasetFolder, QWidget *parent = nullptr);

    QString datasetFolder() const;
    core::VideoImportOptions options() const;

private:
    QLineEdit *m_folder;
    QLineEdit *m_scene;
    QSpinBox *m_every;
    QSpinBox *m_maxFrames;
};

} // namespace pluvia::app
