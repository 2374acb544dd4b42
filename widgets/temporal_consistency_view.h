// SPDX-License-Identifier: GPL-3.0-or-later
// The temporal-consistency view (issue 15): one scene of a time-lapse dataset derained frame by
// frame in the background (by a checkpoint, a starter model or a temporal baseline; progress
// shown, Cancel stops between two frames and keeps what was derained); then a frame slider and
// playback through O_t, B_t and R_t in a layer viewer that keeps its zoom and readout as the
// frame changes; the temporal standard deviation of O beside that of B (one colour scale, in a
// second layer viewer with its own readout) with both means; and each frame's PSNR/SSIM against
// the scene's clean background with the temporal mean's and median's as reference lines.
// Nothing of the derain runs on the GUI thread. The frames' layers wait in a temporary folder
// (scene_sequence.h) and are read, off the GUI thread, when a frame is shown.
#pragma once

#include "core/catalogue/starter_models.h"
#include "core/inference/derainer.h"
#include "core/inference/scene_sequence.h"
#include "core/jobs/job.h"

#include <QPointer>
#include <QWidget>

#include <memory>

class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSlider;
class QTemporaryDir;
class QTimer;
class QToolButton;

namespace pluvia::widgets {

class FrameScorePlot;
class LayerViewer;

class TemporalConsistencyView : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY(TemporalConsistencyView)

public:
    explicit TemporalConsistencyView(QWidget *parent = nullptr);
    ~TemporalConsistencyView() override; // cancels the sequence in flight

    // The scenes of a time-lapse dataset; an empty list says the dataset shown is not one.
    void setScenes(const QString &dataset, const QVector<core::DatasetScene> &scenes);
    int sceneCount() const { return int(m_scenes.size()); }
    void setStarterModels(const QVector<core::StarterModel> &models);
    void setCheckpoint(const QString &checkpoint); // adds it to the choices and chooses it
    void chooseScene(int index);
    // Chooses a model by its file, or a baseline by its name ("temporal-median"); false if absent.
    bool chooseSource(const QString &checkpointOrBaseline);

    void start(); // derains the chosen scene with the chosen model
    void cancel();
    bool isRunning() const { return m_job != nullptr; }

    void showSequence(const core::SceneSequence &sequence);
    // Clamped to the frames derained; the frame viewer shows it once its layers are read.
    void showFrame(int index);
    int currentFrame() const;
    int frameCount() const { return int(m_sequence.frames.size()); }
    void setPlaying(bool on);
    bool isPlaying() const;

    LayerViewer *frameViewer() const { return m_frames; }
    LayerViewer *stdViewer() const { return m_std; }
    FrameScorePlot *scorePlot() const { return m_scores; }
    QString consistencyText() const; // the line under the std maps
    QString statusText() const; // progress, or what the last sequence ended with

Q_SIGNALS:
    void frameProgress(qint64 done, qint64 total); // as frames of the sequence in flight finish
    void sequenceFinished();
    void frameShown(int index); // its layers are in the frame viewer

private:
    void finishSequence(const core::SceneSequence &sequence);
    void showFrameLayers(int index, const core::DecomposeResult &layers);
    void updateButtons();

    QComboBox *m_scene;
    QComboBox *m_source;
    QPushButton *m_start;
    QPushButton *m_cancel;
    QProgressBar *m_progress;
    QLabel *m_status;
    LayerViewer *m_frames;
    QSlider *m_slider;
    QToolButton *m_play;
    QLabel *m_frameLabel;
    QTimer *m_playback;
    LayerViewer *m_std;
    QLabel *m_consistency;
    FrameScorePlot *m_scores;

    QVector<core::DatasetScene> m_scenes;
    core::SceneSequence m_sequence;
    std::shared_ptr<QTemporaryDir> m_cache; // the shown sequence's layers; jobs share it
    int m_wantedFrame = -1; // the frame whose layers are being read, or shown
    int m_shownFrame = -1; // the frame whose layers the frame viewer shows
    QPointer<core::Job> m_job;
    std::shared_ptr<core::DerainerSlot> m_derainers = std::make_shared<core::DerainerSlot>();
};

} // namespace pluvia::widgets
