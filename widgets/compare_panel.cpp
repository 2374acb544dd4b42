// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/compare_panel.h"

#include "core/analysis/comparison_store.h"
#include "core/analysis/comparison_table.h"
#include "core/atomic_file.h"
#include "core/jobs/job.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

#include <cmath>

namespace pluvia::widgets {

namespace {

constexpr int kPathRole = Qt::UserRole;

// "run 20261207-…/step-00002000.pt" for a checkpoint of a workspace run, else the file's name.
QString checkpointLabel(const QString &checkpoint)
{
    const QFileInfo file(checkpoint);
    const QString folder = file.dir().dirName();
    if (folder == QLatin1String("checkpoints"))
        return QStringLiteral("%1/%2").arg(
            QFileInfo(file.dir().absolutePath()).dir().dirName(), file.fileName());
    return file.fileName();
}

} // namespace

ComparePanel::ComparePanel(QWidget *parent)
    : QWidget(parent)
    , m_saved(new QComboBox(this))
    , m_name(new QLineEdit(this))
    , m_rows(new QListWidget(this))
    , m_tests(new QListWidget(this))
    , m_niqe(new QCheckBox(tr("NIQE (no reference; lower is better)"), this))
    , m_run(new QPushButton(tr("Run"), this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
    , m_exportTable(new QPushButton(tr("Export table…"), this))
    , m_exportFigure(new QPushButton(tr("Export figure…"), this))
    , m_progress(new QProgressBar(this))
    , m_status(new QLabel(this))
    , m_table(new QTableWidget(this))
{
    qRegisterMetaType<core::ComparisonResult>();
    m_saved->setPlaceholderText(tr("Saved comparisons"));
    m_saved->setToolTip(tr("Reopen a comparison saved in this workspace (outputs are cached)"));
    m_name->setText(QStringLiteral("comparison"));
    m_name->setToolTip(tr("Saved as comparisons/<name>/ in the workspace"));
    m_rows->setToolTip(tr("Checkpoints compared, one row each after the rainy input; add them "
                          "here or with Runs → Add to comparison"));
    m_tests->setToolTip(tr("The test sets: PSNR-Y / SSIM-Y where a set has ground truth"));
    auto *addRow = new QPushButton(tr("Add checkpoint…"), this);
    auto *removeRow = new QPushButton(tr("Remove"), this);
    connect(addRow, &QPushButton::clicked, this, [this] {
        for (const QString &file : QFileDialog::getOpenFileNames(this, tr("Add Checkpoints"),
                 m_workspace, tr("Pluvia checkpoints and models (*.pt)")))
            addCheckpoint(file);
    });
    connect(removeRow, &QPushButton::clicked, this, [this] { delete m_rows->currentItem(); });
    connect(m_run, &QPushButton::clicked, this, &ComparePanel::start);
    connect(m_cancel, &QPushButton::clicked, this, &ComparePanel::cancel);
    connect(m_exportTable, &QPushButton::clicked, this, &ComparePanel::exportTable);
    connect(m_exportFigure, &QPushButton::clicked, this, &ComparePanel::exportFigure);
    connect(m_saved, &QComboBox::activated, this,
        [this](int index) { open(m_saved->itemText(index)); });
    connect(m_table, &QTableWidget::cellDoubleClicked, this, [this](int row, int column) {
        if (row >= m_result.rows.size() || column >= m_columns.size())
            return;
        const int test = m_columns[column].first;
        if (m_result.images.value(test).isEmpty()
            || core::comparisonOutput(m_result, row, test, m_result.images[test].first()).isEmpty())
            return;
        Q_EMIT cellChosen(row, test);
    });

    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setToolTip(tr("PSNR-Y dB / SSIM-Y (higher is better) and NIQE (lower is better); "
                           "the best of each column in bold. Double-click a cell to see that "
                           "row's output as layers"));
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_progress->setTextVisible(true);
    m_progress->setVisible(false);
    m_cancel->setEnabled(false);
    m_exportTable->setEnabled(false);
    m_exportFigure->setEnabled(false);
    m_status->setWordWrap(true);

    auto *rowButtons = new QHBoxLayout;
    rowButtons->addWidget(addRow);
    rowButtons->addWidget(removeRow);
    auto *runButtons = new QHBoxLayout;
    runButtons->addWidget(m_run);
    runButtons->addWidget(m_cancel);
    auto *form = new QFormLayout;
    form->addRow(tr("Saved"), m_saved);
    form->addRow(tr("Name"), m_name);
    auto *setup = new QWidget(this);
    auto *setupLayout = new QVBoxLayout(setup);
    setupLayout->setContentsMargins(0, 0, 0, 0);
    setupLayout->addLayout(form);
    setupLayout->addWidget(new QLabel(tr("Rows (checkpoints)"), setup));
    setupLayout->addWidget(m_rows, 1);
    setupLayout->addLayout(rowButtons);
    setupLayout->addWidget(new QLabel(tr("Test sets"), setup));
    setupLayout->addWidget(m_tests, 1);
    setupLayout->addWidget(m_niqe);
    setupLayout->addLayout(runButtons);
    setupLayout->addWidget(m_progress);

    auto *exportButtons = new QHBoxLayout;
    exportButtons->addWidget(m_status, 1);
    exportButtons->addWidget(m_exportTable);
    exportButtons->addWidget(m_exportFigure);
    auto *results = new QWidget(this);
    auto *resultsLayout = new QVBoxLayout(results);
    resultsLayout->setContentsMargins(0, 0, 0, 0);
    resultsLayout->addWidget(m_table, 1);
    resultsLayout->addLayout(exportButtons);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(setup);
    splitter->addWidget(results);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 3);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter);
}

ComparePanel::~ComparePanel() = default;

void ComparePanel::setWorkspace(const QString &folder, const QVector<core::DatasetEntry> &datasets)
{
    m_workspace = folder;
    m_datasets = datasets;
    m_tests->clear();
    for (const core::DatasetEntry &entry : datasets) {
        auto *item = new QListWidgetItem(entry.name, m_tests);
        item->setData(kPathRole, entry.path);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Unchecked);
        item->setToolTip(QDir::toNativeSeparators(entry.path));
    }
    reloadSaved();
}

void ComparePanel::reloadSaved()
{
    QStringList problems;
    m_saved->clear();
    for (const core::SavedComparison &saved : core::savedComparisons(m_workspace, &problems))
        m_saved->addItem(saved.name);
    m_saved->setCurrentIndex(-1);
    if (!problems.isEmpty())
        m_status->setText(problems.join(QLatin1Char('\n')));
}

void ComparePanel::addCheckpoint(const QString &checkpoint)
{
    if (checkpoints().contains(checkpoint))
        return;
    auto *item = new QListWidgetItem(checkpointLabel(checkpoint), m_rows);
    item->setData(kPathRole, checkpoint);
    item->setToolTip(QDir::toNativeSeparators(checkpoint));
}

void ComparePanel::setName(const QString &name)
{
    m_name->setText(name);
}

void ComparePanel::setTestChecked(const QString &dataset, bool checked)
{
    for (int i = 0; i < m_tests->count(); ++i)
        if (m_tests->item(i)->text() == dataset)
            m_tests->item(i)->setCheckState(checked ? Qt::Checked : Qt::Unchecked);
}

void ComparePanel::setNiqe(bool niqe)
{
    m_niqe->setChecked(niqe);
}

void ComparePanel::open(const QString &name)
{
    for (const core::SavedComparison &saved : core::savedComparisons(m_workspace, nullptr)) {
        if (saved.name != name)
            continue;
        m_name->setText(saved.name);
        m_rows->clear();
        for (const QString &checkpoint : saved.checkpoints)
            addCheckpoint(checkpoint);
        for (int i = 0; i < m_tests->count(); ++i)
            m_tests->item(i)->setCheckState(Qt::Unchecked);
        QStringList missing;
        for (const core::ComparisonTestSet &test : saved.tests) {
            bool found = false;
            for (int i = 0; i < m_tests->count(); ++i)
                if (m_tests->item(i)->data(kPathRole).toString() == test.dataset) {
                    m_tests->item(i)->setCheckState(Qt::Checked);
                    found = true;
                }
            if (!found) { // a set no longer registered in the workspace: offered again
                auto *item = new QListWidgetItem(test.name, m_tests);
                item->setData(kPathRole, test.dataset);
                item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
                item->setCheckState(Qt::Checked);
            }
        }
        m_niqe->setChecked(saved.niqe);
        start();
        m_saved->setCurrentText(saved.name);
        return;
    }
}

void ComparePanel::start()
{
    if (isRunning())
        return;
    core::SavedComparison saved;
    saved.name = m_name->text().trimmed();
    saved.checkpoints = checkpoints();
    for (int i = 0; i < m_tests->count(); ++i)
        if (m_tests->item(i)->checkState() == Qt::Checked)
            saved.tests.append(
                { m_tests->item(i)->text(), m_tests->item(i)->data(kPathRole).toString() });
    saved.niqe = m_niqe->isChecked();
    QString refusal;
    if (m_workspace.isEmpty())
        refusal = tr("Open a workspace first.");
    else if (saved.tests.isEmpty())
        refusal = tr("Tick at least one test set.");
    else
        refusal = core::saveComparison(m_workspace, saved);
    if (!refusal.isEmpty()) {
        m_status->setText(refusal);
        return;
    }
    reloadSaved();
    m_saved->setCurrentText(saved.name);
    core::ComparisonRequest request;
    request.checkpoints = saved.checkpoints;
    request.tests = saved.tests;
    request.niqe = saved.niqe;
    request.outFolder = core::comparisonFolder(m_workspace, saved.name);
    m_status->setText(tr("Comparing %n row(s) on %1 …", nullptr, int(saved.checkpoints.size()) + 1)
                          .arg(QStringList([&] {
                              QStringList names;
                              for (const core::ComparisonTestSet &test : saved.tests)
                                  names << test.name;
                              return names;
                          }())
                                   .join(QStringLiteral(", "))));
    m_table->clear();
    m_table->setRowCount(0);
    setRunning(true);
    auto *job = core::startTask(
        this,
        [request](core::JobContext &context) mutable {
            request.progress = context.progressCallback();
            request.rowFinished = [&context](const core::ComparisonResult &sofar, int) {
                context.publish(QVariant::fromValue(sofar));
            };
            core::ComparisonResult result = core::runComparison(request);
            if (result.ok())
                if (const QString error = core::writeComparisonReports(result); !error.isEmpty())
                    result.problems << error;
            return result;
        },
        [this](const core::TaskJob<core::ComparisonResult> &job) {
            setRunning(false);
            const core::ComparisonResult &result = job.result();
            if (job.outcome() == core::JobOutcome::Cancelled || result.cancelled) {
                m_status->setText(tr("Cancelled; run again to go on (finished outputs are kept)."));
                Q_EMIT finished(false);
                return;
            }
            if (!result.error.isEmpty()) {
                m_status->setText(result.error);
                Q_EMIT finished(false);
                return;
            }
            showResult(result);
            QString text = tr("%1 rows in %2 s; saved in %3")
                               .arg(result.rows.size())
                               .arg(result.seconds, 0, 'f', 1)
                               .arg(QDir::toNativeSeparators(result.outFolder));
            for (const QString &problem : result.problems)
                text += QLatin1Char('\n') + problem;
            m_status->setText(text);
            Q_EMIT finished(true);
        });
    m_job = job;
    connect(job, &core::Job::resultPublished, this, [this](quint64, const QVariant &partial) {
        showResult(partial.value<core::ComparisonResult>());
    });
    connect(job, &core::Job::progressChanged, this, [this](const core::JobProgress &progress) {
        m_progress->setMaximum(int(std::max<qint64>(progress.total, 1)));
        m_progress->setValue(int(progress.done));
    });
}

void ComparePanel::cancel()
{
    if (m_job)
        m_job->cancel();
}

void ComparePanel::setRunning(bool running)
{
    m_run->setEnabled(!running);
    m_cancel->setEnabled(running);
    m_progress->setVisible(running);
    m_progress->setValue(0);
    m_exportTable->setEnabled(!running && !m_result.rows.isEmpty());
    m_exportFigure->setEnabled(!running && !m_result.rows.isEmpty());
}

void ComparePanel::showResult(const core::ComparisonResult &result)
{
    m_result = result;
    // A column per test set and metric, as a paper's table: PSNR and SSIM where the set has
    // ground truth, NIQE where asked.
    m_columns.clear();
    QStringList headers;
    const QString names[] = { tr("PSNR-Y ↑"), tr("SSIM-Y ↑"), tr("NIQE ↓") };
    for (int t = 0; t < result.tests.size(); ++t)
        for (int metric = 0; metric < 3; ++metric)
            if (metric == 2 ? result.niqe : result.testHasGroundTruth.value(t)) {
                m_columns.append({ t, metric });
                headers << result.tests[t].name + QLatin1Char('\n') + names[metric];
            }
    m_table->setColumnCount(int(m_columns.size()));
    m_table->setHorizontalHeaderLabels(headers);
    m_table->setRowCount(int(result.rows.size()));
    QStringList rowHeaders;
    for (const core::ComparisonRow &row : result.rows)
        rowHeaders << (row.kind == core::ComparisonRowKind::Checkpoint
                ? tr("%1, step %2").arg(row.label).arg(row.step)
                : row.label);
    m_table->setVerticalHeaderLabels(rowHeaders);
    for (int column = 0; column < m_columns.size(); ++column) {
        const auto [t, metric] = m_columns[column];
        const QVector<int> best = core::bestRows(result, t, metric);
        for (int r = 0; r < result.rows.size(); ++r) {
            const core::ComparisonCell cell = result.rows[r].cells.value(t);
            const double value = metric == 0 ? cell.psnr : metric == 1 ? cell.ssim : cell.niqe;
            const QString text = !std::isnan(value)      ? QString::number(value, 'f',
                                     metric == 1       ? 4
                                              : metric == 0 ? 2
                                                            : 3)
                : !cell.measured && !cell.note.isEmpty() ? cell.note
                                                         : QStringLiteral("—");
            auto *item = new QTableWidgetItem(text);
            item->setTextAlignment(Qt::AlignCenter);
            item->setToolTip(cell.note);
            if (best.contains(r)) {
                QFont font = item->font();
                font.setBold(true);
                item->setFont(font);
            }
            m_table->setItem(r, column, item);
        }
    }
    m_table->resizeRowsToContents();
}

void ComparePanel::exportTable()
{
    QString filter;
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Table"),
        QDir(m_result.outFolder).filePath(QStringLiteral("results.md")),
        tr("Markdown (*.md);;CSV (*.csv);;LaTeX (*.latex *.tex);;JSON (*.json)"), &filter);
    if (path.isEmpty())
        return;
    QString key = QFileInfo(path).suffix().toLower();
    if (key == QLatin1String("tex"))
        key = QStringLiteral("latex");
    core::TableFormat format = core::TableFormat::Markdown;
    core::parseTableFormat(key, &format);
    if (const QString error
        = core::writeFileAtomically(path, core::comparisonTable(m_result, format).toUtf8());
        !error.isEmpty())
        m_status->setText(error);
    else
        m_status->setText(tr("Table written to %1").arg(QDir::toNativeSeparators(path)));
}

void ComparePanel::exportFigure()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Figure"),
        QDir(m_result.outFolder).filePath(QStringLiteral("figure.png")),
        tr("PNG image (*.png);;PDF page (*.pdf)"));
    if (path.isEmpty())
        return;
    const bool pdf = QFileInfo(path).suffix().toLower() == QLatin1String("pdf");
    const QString source
        = QDir(m_result.outFolder)
              .filePath(pdf ? QStringLiteral("figure.pdf") : QStringLiteral("figure.png"));
    QFile::remove(path);
    if (!QFile::copy(source, path))
        m_status->setText(tr("%1: cannot write the figure").arg(QDir::toNativeSeparators(path)));
    else
        m_status->setText(tr("Figure written to %1").arg(QDir::toNativeSeparators(path)));
}

QStringList ComparePanel::checkpoints() const
{
    QStringList paths;
    for (int i = 0; i < m_rows->count(); ++i)
        paths << m_rows->item(i)->data(kPathRole).toString();
    return paths;
}

QStringList ComparePanel::savedNames() const
{
    QStringList names;
    for (int i = 0; i < m_saved->count(); ++i)
        names << m_saved->itemText(i);
    return names;
}

bool ComparePanel::isRunning() const
{
    return m_job && m_job->isRunning();
}

int ComparePanel::tableRows() const
{
    return m_table->rowCount();
}

int ComparePanel::tableColumns() const
{
    return m_table->columnCount();
}

QString ComparePanel::cellText(int row, int column) const
{
    const QTableWidgetItem *item = m_table->item(row, column);
    return item ? item->text() : QString();
}

bool ComparePanel::cellIsBest(int row, int column) const
{
    const QTableWidgetItem *item = m_table->item(row, column);
    return item && item->font().bold();
}

QString ComparePanel::statusText() const
{
    return m_status->text();
}

} // namespace pluvia::widgets
