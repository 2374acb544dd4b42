// SPDX-License-Identifier: GPL-3.0-or-later
// The training panel: a method from the registry, a dataset of the right kind for each of its
// data roles, the hyperparameter form generated from its schema, steps and seed; Start, Pause,
// Resume and Stop drive a core::TrainingRun (its own thread; the panel never waits on it), and
// a progress line shows step, stage, images/s and ETA. Losses, previews and log lines are passed
// on for the loss plot, the layer viewer and the log.
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
    void setSteps(int steps);

    void start();
    // Continues a stored run of the workspace from its last checkpoint (its method, data and
    // parameters are the run's); false while another run is active.
    bool resumeRun(const QString &runId);
    void pause();
    void resume();
    void togglePause(); // what the Pause / Resume button does
    void stop();
    bool canStart() const; // no run active, and the roles and parameters are complete
    bool isRunning() const; // a run exists and has not finished
    QString runId() const;
    QString progressText() const;

Q_SIGNALS:
    void metricsLogged(const QString &runId, const QVector<pluvia::core::MetricPoint> &points);
    void previewReady(const pluvia::core::PreviewEvent &event);
    void logLine(const QString &line);
    void runFinished(pluvia::core::RunStatus status);
    void runStateChanged(const QString &text); // for the status bar

private:
    void rebuildRoles();
    void updateButtons();
    void attach(core::TrainingRun *run); // connects a new run's events and starts it

    QString m_workspace;
    QVector<core::DatasetEntry> m_datasets;
    core::TrainingRun *m_run = nullptr;
    QString m_lastError; // of the current run, shown when it fails
    QComboBox *m_method;
    QLabel *m_paper;
    QFormLayout *m_roles;
    QMap<QString, QComboBox *> m_roleBoxes;
    ParameterForm *m_form;
    QSpinBox *m_steps;
    QSpinBox *m_seed;
    QPushButton *m_start;
    QPushButton *m_pause;
    QPushButton *m_stop;
    QProgressBar *m_progress;
    QLabel *m_status;
};

} // namespace pluvia::widgets
