// SPDX-License-Identifier: GPL-3.0-or-later
// The workspace's runs: a table (run, method, preset, status, started, steps, best validation
// PSNR-Y and the SSIM-Y at that step, note) that sorts by any column and filters on any text, and
// under it the selected run's reproducibility card: its datasets with their content hashes,
// seed, device, versions and the exact `pluvia-cli train` line that re-runs it; beside it the
// run's checkpoints (step, note, best PSNR), each usable for deraining, the rain-feature map, a
// row of the Compare tab or a PyTorch export (checkpointChosen). Resume continues
// the selected run from its last checkpoint when it was stopped, failed or interrupted (the
// owner starts it: resumeRequested). The store is read off the GUI thread; reload() refreshes
// (e.g. when a run ends).
#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QSortFilterProxyModel;
class QStandardItemModel;
class QTableView;

namespace pluvia::widgets {

class RunsTable : public QWidget
{
    Q_OBJECT

public:
    explicit RunsTable(QWidget *parent = nullptr);

    void setWorkspace(const QString &folder);
    void reload();
    void setFilter(const QString &text);

    // What the table shows (also for tests): visible rows in view order, column texts.
    int visibleRows() const;
    QString cell(int row, int column) const;
    void sortByColumn(int column, Qt::SortOrder order);
    void selectRow(int row);
    QString card() const;
    QString selectedRun() const; // "" when none
    bool canResumeSelected() const;
    QStringList checkpoints() const; // of the selected run, newest first: their files

    enum Column {
        Run,
        Method,
        Preset,
        Status,
        Started,
        Steps,
        BestPsnr,
        SsimAtBest,
        Note,
        Columns
    };

    // What to do with a checkpoint of the selected run.
    enum class CheckpointUse { Derain, RainMap, Compare, ExportWeights };
    Q_ENUM(CheckpointUse)

Q_SIGNALS:
    void loaded();
    void runActivated(const QString &runId); // double-click
    void resumeRequested(const QString &runId);
    void checkpointChosen(const QString &checkpoint, pluvia::widgets::RunsTable::CheckpointUse use);

private:
    struct Row;
    void show(const QVector<Row> &rows);

    QString m_workspace;
    quint64 m_request = 0;
    QStandardItemModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QLineEdit *m_filter;
    QTableView *m_view;
    QPlainTextEdit *m_card;
    QLabel *m_status;
    QPushButton *m_resume;
    QListWidget *m_checkpoints;
};

} // namespace pluvia::widgets
