// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/runs_table.h"

#include "core/jobs/job.h"
#include "core/store/run_store.h"
#include "core/training/run_card.h"

#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>

#include <cmath>

namespace pluvia::widgets {

struct RunsTable::Row {
    core::RunRecord record;
    QVector<core::ArtifactRecord> checkpoints;
    double bestPsnr = std::nan("");
    double ssimAtBest = std::nan("");
    QString card;
};

namespace {

constexpr int kIdRole = Qt::UserRole + 1;
constexpr int kCardRole = Qt::UserRole + 2;
constexpr int kStatusRole = Qt::UserRole + 3;
constexpr int kCheckpointsRole = Qt::UserRole + 4; // QStringList: "path\tlabel", newest first
constexpr int kPathRole = Qt::UserRole + 5;

} // namespace

RunsTable::RunsTable(QWidget *parent)
    : QWidget(parent)
    , m_model(new QStandardItemModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_filter(new QLineEdit(this))
    , m_view(new QTableView(this))
    , m_card(new QPlainTextEdit(this))
    , m_status(new QLabel(this))
    , m_resume(new QPushButton(tr("Resume"), this))
    , m_checkpoints(new QListWidget(this))
{
    m_model->setHorizontalHeaderLabels({ tr("Run"), tr("Method"), tr("Preset"), tr("Status"),
        tr("Started"), tr("Steps"), tr("Best PSNR-Y"), tr("SSIM-Y"), tr("Note") });
    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterKeyColumn(-1); // every column
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setSortRole(Qt::UserRole); // numbers sort as numbers
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(Started, Qt::DescendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_filter->setPlaceholderText(tr("Filter runs (any column)"));
    m_filter->setClearButtonEnabled(true);
    connect(m_filter, &QLineEdit::textChanged, this, &RunsTable::setFilter);
    m_card->setReadOnly(true);
    m_card->setPlaceholderText(tr("Select a run to see its reproducibility card."));
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        [this](const QModelIndex &current) {
            m_card->setPlainText(current.isValid()
                    ? m_proxy->index(current.row(), Run).data(kCardRole).toString()
                    : QString());
            m_resume->setEnabled(canResumeSelected());
            m_checkpoints->clear();
            if (!current.isValid())
                return;
            const QStringList entries
                = m_proxy->index(current.row(), Run).data(kCheckpointsRole).toStringList();
            for (const QString &entry : entries) {
                auto *item
                    = new QListWidgetItem(entry.section(QLatin1Char('\t'), 1), m_checkpoints);
                item->setData(kPathRole, entry.section(QLatin1Char('\t'), 0, 0));
                item->setToolTip(entry.section(QLatin1Char('\t'), 0, 0));
            }
        });
    m_checkpoints->setToolTip(tr("The run's checkpoints; double-click one to derain with it"));
    connect(m_checkpoints, &QListWidget::itemDoubleClicked, this, [this](QListWidgetItem *item) {
        Q_EMIT checkpointChosen(item->data(kPathRole).toString(), CheckpointUse::Derain);
    });
    auto *useForDerain = new QPushButton(tr("Derain with it"), this);
    auto *useForMap = new QPushButton(tr("Rain-feature map"), this);
    auto *addToComparison = new QPushButton(tr("Add to comparison"), this);
    addToComparison->setToolTip(tr("A row of the Compare tab's results table"));
    auto *exportWeights = new QPushButton(tr("Export weights…"), this);
    exportWeights->setToolTip(
        tr("Write the checkpoint's networks as a PyTorch state dict (torch.load reads it)"));
    for (auto [button, use] : { std::pair { useForDerain, CheckpointUse::Derain },
             std::pair { useForMap, CheckpointUse::RainMap },
             std::pair { addToComparison, CheckpointUse::Compare },
             std::pair { exportWeights, CheckpointUse::ExportWeights } })
        connect(button, &QPushButton::clicked, this, [this, use = use] {
            if (QListWidgetItem *item = m_checkpoints->currentItem())
                Q_EMIT checkpointChosen(item->data(kPathRole).toString(), use);
        });
    connect(m_view, &QTableView::doubleClicked, this, [this](const QModelIndex &index) {
        Q_EMIT runActivated(m_proxy->index(index.row(), Run).data(kIdRole).toString());
    });
    auto *refresh = new QPushButton(tr("Refresh"), this);
    connect(refresh, &QPushButton::clicked, this, &RunsTable::reload);
    m_resume->setToolTip(tr("Continue the selected run from its last checkpoint"));
    m_resume->setEnabled(false);
    connect(m_resume, &QPushButton::clicked, this, [this] {
        if (canResumeSelected())
            Q_EMIT resumeRequested(selectedRun());
    });
    auto *top = new QHBoxLayout;
    top->addWidget(m_filter, 1);
    top->addWidget(m_resume);
    top->addWidget(refresh);
    auto *checkpointPane = new QWidget(this);
    auto *checkpointButtons = new QGridLayout; // two by two: the pane is narrow
    checkpointButtons->addWidget(useForDerain, 0, 0);
    checkpointButtons->addWidget(useForMap, 0, 1);
    checkpointButtons->addWidget(addToComparison, 1, 0);
    checkpointButtons->addWidget(exportWeights, 1, 1);
    auto *checkpointLayout = new QVBoxLayout(checkpointPane);
    checkpointLayout->setContentsMargins(0, 0, 0, 0);
    checkpointLayout->addWidget(new QLabel(tr("Checkpoints"), checkpointPane));
    checkpointLayout->addWidget(m_checkpoints, 1);
    checkpointLayout->addLayout(checkpointButtons);
    auto *details = new QSplitter(Qt::Horizontal, this);
    details->addWidget(m_card);
    details->addWidget(checkpointPane);
    details->setStretchFactor(0, 3);
    details->setStretchFactor(1, 1);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_view);
    split->addWidget(details);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(split, 1);
    layout->addWidget(m_status);
}

void RunsTable::setWorkspace(const QString &folder)
{
    m_workspace = folder;
    reload();
}

void RunsTable::reload()
{
    if (m_workspace.isEmpty())
        return;
    const quint64 request = ++m_request;
    const QString workspace = m_workspace;
    core::startTask(
        this,
        [workspace](core::JobContext &) {
            QVector<Row> rows;
            QString error;
            std::unique_ptr<core::RunStore> store = core::RunStore::open(workspace, &error);
            if (!store)
                return rows;
            for (const core::RunRecord &record : store->runs()) {
                Row row;
                row.record = record;
                row.checkpoints = store->artifacts(record.id, QStringLiteral("checkpoint"));
                const core::MetricSeries psnr
                    = store->series(record.id, QStringLiteral("val/psnr_y"));
                const core::MetricSeries ssim
                    = store->series(record.id, QStringLiteral("val/ssim_y"));
                for (int i = 0; i < psnr.values.size(); ++i) {
                    if (std::isnan(row.bestPsnr) || psnr.values[i] > row.bestPsnr) {
                        row.bestPsnr = psnr.values[i];
                        const qsizetype at = ssim.steps.indexOf(psnr.steps[i]);
                        row.ssimAtBest = at >= 0 ? ssim.values[at] : std::nan("");
                    }
                }
                row.card = core::runCard(record, workspace);
                rows << row;
            }
            return rows;
        },
        [this, request](const core::TaskJob<QVector<Row>> &job) {
            if (request == m_request)
                show(job.result());
        });
}

void RunsTable::show(const QVector<Row> &rows)
{
    m_model->removeRows(0, m_model->rowCount());
    for (const Row &row : rows) {
        const core::RunRecord &r = row.record;
        auto item = [](const QString &text, const QVariant &sortKey) {
            auto *i = new QStandardItem(text);
            i->setData(sortKey, Qt::UserRole);
            return i;
        };
        auto number = [&](double v, int decimals) {
            return std::isnan(v) ? item(QStringLiteral("—"), -1e300)
                                 : item(QString::number(v, 'f', decimals), v);
        };
        QList<QStandardItem *> items = { item(r.id, r.id), item(r.method, r.method),
            item(r.preset.isEmpty() ? QStringLiteral("paper") : r.preset, r.preset),
            item(core::runStatusName(r.status), core::runStatusName(r.status)),
            item(r.created.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")), r.created),
            item(tr("%1 / %2").arg(r.step).arg(r.totalSteps), r.step), number(row.bestPsnr, 2),
            number(row.ssimAtBest, 4), item(r.note, r.note) };
        items[Run]->setData(r.id, kIdRole);
        items[Run]->setData(row.card, kCardRole);
        items[Run]->setData(int(r.status), kStatusRole);
        // Why a run paused, stopped or failed (a full disk, a NaN loss): shown, not only logged.
        if (!r.error.isEmpty()) {
            items[Status]->setText(tr("%1: %2").arg(core::runStatusName(r.status), r.error));
            items[Status]->setToolTip(r.error);
        }
        QStringList checkpoints;
        for (auto it = row.checkpoints.crbegin(); it != row.checkpoints.crend(); ++it)
            checkpoints << it->path + QLatin1Char('\t')
                    + (it->note.isEmpty() ? tr("step %1").arg(it->step)
                                          : tr("step %1 (%2)").arg(it->step).arg(it->note));
        items[Run]->setData(checkpoints, kCheckpointsRole);
        m_model->appendRow(items);
    }
    m_status->setText(tr("%n run(s)", nullptr, int(rows.size())));
    m_resume->setEnabled(canResumeSelected());
    m_view->resizeColumnsToContents();
    Q_EMIT loaded();
}

void RunsTable::setFilter(const QString &text)
{
    if (m_filter->text() != text)
        m_filter->setText(text);
    m_proxy->setFilterFixedString(text);
}

QString RunsTable::selectedRun() const
{
    const QModelIndex current = m_view->selectionModel()->currentIndex();
    return current.isValid() ? m_proxy->index(current.row(), Run).data(kIdRole).toString()
                             : QString();
}

bool RunsTable::canResumeSelected() const
{
    const QModelIndex current = m_view->selectionModel()->currentIndex();
    if (!current.isValid())
        return false;
    const auto status
        = core::RunStatus(m_proxy->index(current.row(), Run).data(kStatusRole).toInt());
    return status == core::RunStatus::Stopped || status == core::RunStatus::Failed
        || status == core::RunStatus::Interrupted;
}

int RunsTable::visibleRows() const
{
    return m_proxy->rowCount();
}

QString RunsTable::cell(int row, int column) const
{
    return m_proxy->index(row, column).data().toString();
}

void RunsTable::sortByColumn(int column, Qt::SortOrder order)
{
    m_view->sortByColumn(column, order);
}

void RunsTable::selectRow(int row)
{
    m_view->selectRow(row);
    m_view->setCurrentIndex(m_proxy->index(row, Run));
}

QStringList RunsTable::checkpoints() const
{
    QStringList paths;
    for (int i = 0; i < m_checkpoints->count(); ++i)
        paths << m_checkpoints->item(i)->data(kPathRole).toString();
    return paths;
}

QString RunsTable::card() const
{
    return m_card->toPlainText();
}

} // namespace pluvia::widgets
