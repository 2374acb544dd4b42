// SPDX-License-Identifier: GPL-3.0-or-later
// The training panel: a method from the registry, a dataset of the right kind for each of its
// data roles, the hyperparameter form generated from its schema, steps and seed. Start begins a
// core::TrainingRun (its own thread; the panel never waits on it); several runs may train at
// once, each listed under "Active run", and Pause, Resume and Stop act on the one chosen there,
// whose step, stage, images/s and ETA the progress line shows. Losses, previews and log lines of
// every run are passed on (with their run id) for the loss plot, the layer viewer and the log.
#pragma once

#include "core/engine/training_events.h"
#include "core/workspace/workspace.h"

#include <QWidget>

class QComboBox;
class QFormLayout;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace pluvia::core {
class TrainingRun;
}

namespace pluvia::widgets {

class ParameterForm;
class SchedulePlot;

class TrainingPanel : public QWidget
{
    Q_OBJECT

public:
    explicit TrainingPanel(QWidget *parent = nullptr);
    ~TrainingPanel() override;

    void setWorkspace(const QString &folder, const QVector<core::DatasetEntry> &datasets);
    bool setMethod(const QString &id);
    // Chooses the dataset (by name) for a role; false when the role or dataset is not offered.
    bool setRoleDataset(const QString &role, const QString &dataset);
    QStringList offeredDatasets(const QString &role) const;
    ParameterForm *form() const { return m_form; }
    SchedulePlot *schedule() const { return m_schedule; }
    void setSteps(int steps);

    void start();
    // Continues a stored run of the workspace from its last checkpoint (its method, data and
    // parameters are the run's); false when that run is already active here.
    bool resumeRun(const QString &runId);
    // On the run chosen under "Active run":
    void pause();
    void resume();
    void togglePause(); // what the Pause / Resume button does
    void stop();
    void stopAll(); // every active run, after its current step
    bool canStart() const; // the roles and parameters are complete
    bool isRunning() const; // some run is active
    int activeRuns() const;
    QString runId() const; // of the chosen active run ("" before its id is known)
    QString progressText() const;

Q_SIGNALS:
    void metricsLogged(const QString &runId, const QVector<pluvia::core::MetricPoint> &points);
    void previewReady(const pluvia::core::PreviewEvent &event);
    void logLine(const QString &line);
    void runFinished(pluvia::core::RunStatus status);
    void runStateChanged(const QString &text); // for the status bar

private:
    void rebuildRoles();
    void updateSchedule();
    void updateButtons();
    // Connects a new run's events and starts it (`resumed`: the stored run it continues).
    void attach(core::TrainingRun *run, const QString &resumed = {});
    core::TrainingRun *chosenRun() const;
    void showRun(core::TrainingRun *run); // its last progress in the bar and status line

    QString m_workspace;
    QVector<core::DatasetEntry> m_datasets;
    // The active runs, and what each last reported (shown when it is chosen).
    struct Active {
        core::TrainingRun *run;
        QString resumed; // the stored run it continues, as asked for ("" for a new run)
        QString status;
        QString lastError; // shown when it fails
        qint64 step = 0;
        qint64 totalSteps = 0;
    };
    QVector<Active> m_active;
    Active *find(const core::TrainingRun *run);
    QComboBox *m_activeChoice;
    QComboBox *m_method;
    QLabel *m_paper;
    QFormLayout *m_roles;
    QMap<QString, QComboBox *> m_roleBoxes;
    ParameterForm *m_form;
    SchedulePlot *m_schedule;
    QSpinBox *m_steps;
    QSpinBox *m_seed;
    QPushButton *m_start;
    QPushButton *m_pause;
    QPushButton *m_stop;
    QProgressBar *m_progress;
    QLabel *m_status;
};

} // namespace pluvia::widgets
