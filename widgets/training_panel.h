// SPDX-License-Identifier: GPL-3.0-or-later
// The training panel: a method from the registry, a dataset of the right kind for each of its
// data roles, the hyperparameter form generated from its schema, steps and seed. Start hands a
// run to core's registry of active runs (core::TrainingRuns; each run trains on its own thread,
// the panel never waits on it); several runs may train at once, each listed under "Active run",
// and Pause, Resume and Stop act on the one chosen there, whose step, stage, images/s and ETA
// the progress line shows. The runs' events reach the plots, the viewer and the log from the
// registry, not through this form.
#pragma once

#include "core/training/training_events.h"
#include "core/workspace/workspace.h"

#include <QWidget>

class QComboBox;
class QFormLayout;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace pluvia::core {
class TrainingRuns;
}

namespace pluvia::widgets {

class ParameterForm;
class SchedulePlot;

class TrainingPanel : public QWidget
{
    Q_OBJECT

public:
    explicit TrainingPanel(core::TrainingRuns *runs, QWidget *parent = nullptr);
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
    // parameters are the run's); false when that run is already active.
    bool resumeRun(const QString &runId);
    // On the run chosen under "Active run":
    void pause();
    void resume();
    void togglePause(); // what the Pause / Resume button does
    void stop();
    bool canStart() const; // the roles and parameters are complete
    QString runId() const; // of the chosen active run ("" before its id is known)
    QString progressText() const;

    // A run's progress as the panel and the status bar show it.
    static QString runProgressText(const core::StepEvent &event);

private:
    void rebuildRoles();
    void updateSchedule();
    void updateButtons();
    void connectRuns(); // follows the registry's runs
    quint64 chosenRun() const; // the handle chosen under "Active run"; 0 for none
    int choiceOf(quint64 handle) const;
    void showRun(quint64 handle); // its last progress in the bar and status line

    core::TrainingRuns *m_runs;
    QString m_workspace;
    QVector<core::DatasetEntry> m_datasets;
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
