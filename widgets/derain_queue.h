// SPDX-License-Identifier: GPL-3.0-or-later
// Derain photos: a queue of images (picked, or dropped as files and folders) derained one after
// the other with a checkpoint (whose method and parameters the checkpoint itself names) or, until
// the user chooses one, a starter model (a demo model shipped with Pluvia), each
// with its own progress and time; Cancel stops between two tiles of the current image and leaves
// the rest of the queue pending. B goes to the chosen folder (and R to its rain/ sub-folder when
// asked); outputs that already exist are skipped or overwritten only when the user says so.
// Each done image shows the NIQE of its input and of its B (no reference needed; lower is better).
// Double-clicking a done image opens its decomposition in the layer viewer (imageActivated).
// A time-lapse dataset queues its frames in the sequence's layout (<out>/<scene>/<frame>.png);
// they can also be derained by the temporal mean or median of their scene (whole scenes).
// The work runs off the GUI thread; the GUI is only told about progress.
#pragma once

#include "core/catalogue/starter_models.h"
#include "core/data/dataset.h"
#include "core/inference/derainer.h"
#include "core/jobs/job.h"

#include <QWidget>

#include <memory>

class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace pluvia::widgets {

class DerainQueue : public QWidget
{
    Q_OBJECT

public:
    explicit DerainQueue(QWidget *parent = nullptr);
    ~DerainQueue() override; // cancels the image in flight (it ends after its current tile)

    // The models offered before the user chooses a checkpoint; the first is chosen when no
    // checkpoint is.
    void setStarterModels(const QVector<core::StarterModel> &models);
    void setCheckpoint(const QString &checkpoint); // adds it to the choices and chooses it
    // The chosen checkpoint or starter model's file; "" if none or a baseline is chosen.
    QString checkpoint() const;
    QString modelLabel() const; // how the choice is shown
    void setOutputFolder(const QString &folder);
    void addInputs(const QStringList &filesOrFolders); // folders: their images, recursively
    // Every frame of a time-lapse dataset, each written to <out>/<scene>/<frame>.png.
    void addSequence(const core::Dataset &timeLapse);
    // Inspects `folder` as a time-lapse dataset off the GUI thread, then adds its frames (or
    // says in the summary line why it cannot).
    void addSequenceFolder(const QString &folder);
    // Chooses the temporal mean or median ("temporal-median") instead of a model; false if
    // there is no such baseline.
    bool chooseBaseline(const QString &name);
    void setSaveRain(bool on);
    // What to do with outputs that exist: ask (the default), skip or overwrite them.
    enum class Existing { Ask, Skip, Overwrite };
    void setExisting(Existing policy);

    void start();
    void cancel();
    bool isRunning() const { return m_running; }

    int count() const;
    QString status(
        int row) const; // "pending", "running", "done", "skipped", "cancelled", "failed: …"
    QString output(int row) const; // B written for that row
    // NIQE of that row's input and B, "7.31 → 5.02" (lower is better); "–" where NIQE is
    // undefined (under 96×96 px, the tooltip says); "" until the row is done.
    QString niqe(int row) const;

Q_SIGNALS:
    void queueFinished();
    void sequenceAdded(int frames); // addSequenceFolder's frames are in the queue
    void imageActivated(const QString &checkpoint, const QString &image);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void finishItem(const core::DerainFileResult &result);
    void finishQueue(const core::DerainReport &report);
    void markRunning(); // the first image still waiting is the one in flight
    void updateButtons();
    QTreeWidgetItem *itemFor(const QString &input, const QString &state) const;
    static core::DerainTarget targetOf(const QTreeWidgetItem *item); // where its B goes
    bool hasModel() const; // a checkpoint or a baseline is chosen
    // The queued time-lapse scenes with frames still pending; the plain images pending fail
    // (a baseline derains scenes, not single images).
    core::Dataset pendingScenes();

    QString m_outFolder;
    Existing m_existing = Existing::Ask;
    bool m_running = false;
    bool m_overwrite = false; // decided for this start
    // Loaded once per checkpoint and shared with the job in flight.
    std::shared_ptr<core::DerainerSlot> m_derainers = std::make_shared<core::DerainerSlot>();
    core::Job *m_job = nullptr;
    quint64 m_requests = 0;
    QTreeWidget *m_list;
    QComboBox *m_model; // item data: the model file, or a baseline's name in kBaselineRole
    QVector<core::DatasetScene> m_scenes; // of the queued sequences; items name theirs by index
    QLabel *m_outLabel;
    QCheckBox *m_saveRain;
    QPushButton *m_start;
    QPushButton *m_cancelButton;
    QLabel *m_summary;
};

} // namespace pluvia::widgets
