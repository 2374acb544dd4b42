// SPDX-License-Identifier: GPL-3.0-or-later
// The Compare tab: the results table of core/analysis/comparison.h in the GUI. Rows are
// checkpoints (added here or from the Runs table) after the rainy input; columns are the
// workspace's test datasets ticked here, each with a column for PSNR-Y and SSIM-Y (where it has
// ground truth) and NIQE (on request). Run computes it off the GUI thread and the table fills
// row by row, the best of each column in bold. It is
// saved under W/comparisons/<name>/ with its table in every format and its figure, and reopens
// from the list of saved comparisons (the outputs are cached: reopening recomputes the scores
// only). Double-clicking a cell shows the set's first image in the layer viewer: that row's
// output as B beside every other row's (core/analysis/comparison_layers.h; cellChosen).
#pragma once

#include "core/analysis/comparison.h"
#include "core/workspace/workspace.h"

#include <QPointer>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;
class QTableWidget;

namespace pluvia::core {
class Job;
}

namespace pluvia::widgets {

class ComparePanel : public QWidget
{
    Q_OBJECT

public:
    explicit ComparePanel(QWidget *parent = nullptr);
    ~ComparePanel() override;

    // The workspace's folder and its datasets (the test sets offered); lists its saved
    // comparisons.
    void setWorkspace(const QString &folder, const QVector<core::DatasetEntry> &datasets);
    void addCheckpoint(const QString &checkpoint); // a row; a checkpoint already there is kept once
    void setName(const QString &name);
    void setTestChecked(const QString &dataset, bool checked);
    void setNiqe(bool niqe);
    // Saves the comparison and runs it; refused (with the reason in the status line) without a
    // workspace, a row or a test set, or while one runs.
    void start();
    void cancel();
    // Reopens a saved comparison: its rows, test sets and NIQE, and runs it.
    void open(const QString &name);

    // What the panel shows (also for tests).
    QStringList checkpoints() const;
    QStringList savedNames() const;
    bool isRunning() const;
    int tableRows() const;
    int tableColumns() const; // per test set: PSNR and SSIM (with ground truth), NIQE (asked)
    QString cellText(int row, int column) const;
    bool cellIsBest(int row, int column) const;
    QString statusText() const;
    const core::ComparisonResult &result() const { return m_result; }

Q_SIGNALS:
    // A cell with an output was double-clicked: row and test set of result().
    void cellChosen(int row, int test);
    void finished(bool ok);

private:
    void reloadSaved();
    void showResult(const core::ComparisonResult &result);
    void setRunning(bool running);
    void exportTable();
    void exportFigure();

    QString m_workspace;
    QVector<core::DatasetEntry> m_datasets;
    core::ComparisonResult m_result;
    QVector<QPair<int, int>> m_columns; // the table's columns: (test set, metric 0–2)
    QPointer<core::Job> m_job;
    QComboBox *m_saved;
    QLineEdit *m_name;
    QListWidget *m_rows;
    QListWidget *m_tests;
    QCheckBox *m_niqe;
    QPushButton *m_run;
    QPushButton *m_cancel;
    QPushButton *m_exportTable;
    QPushButton *m_exportFigure;
    QProgressBar *m_progress;
    QLabel *m_status;
    QTableWidget *m_table;
};

} // namespace pluvia::widgets
