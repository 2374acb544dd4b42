// SPDX-License-Identifier: GPL-3.0-or-later
// MainWindow's dataset flows: registering a folder in the workspace, inspecting the selected
// dataset off the GUI thread, a dropped folder, a dropped or chosen video imported as a
// time-lapse scene, and swapping an inferred pairing's rainy and clean sides.
#include "app/gui/main_window.h"

#include "app/gui/add_dataset_dialog.h"
#include "app/gui/import_video_dialog.h"
#include "core/data/dataset.h"
#include "core/data/dataset_manifest.h"
#include "core/jobs/job.h"
#include "core/workspace/workspace.h"
#include "widgets/compare_panel.h"
#include "widgets/dataset_browser.h"
#include "widgets/dataset_list_widget.h"
#include "widgets/dataset_summary_widget.h"
#include "widgets/layer_viewer.h"
#include "widgets/temporal_consistency_view.h"
#include "widgets/training_panel.h"

#include <QDir>
#include <QDockWidget>
#include <QFileInfo>
#include <QMessageBox>
#include <QStatusBar>

#include <algorithm>

namespace pluvia::app {

void MainWindow::swapDatasetSides()
{
    core::startTask(
        this,
        [dataset = m_summary->dataset()](
            core::JobContext &) { return core::pinPairedDataset(dataset, true); },
        [this, entry = m_inspected](const core::TaskJob<QString> &job) {
            if (!job.result().isEmpty()) {
                QMessageBox::warning(this, tr("Swap rainy and clean"), job.result());
                return;
            }
            statusBar()->showMessage(tr("%1: rainy and clean swapped in manifest.json (delete "
                                        "it to return to detection)")
                                         .arg(entry.name),
                10000);
            inspectDataset(entry);
        });
}

void MainWindow::inspectDataset(const core::DatasetEntry &entry)
{
    m_summary->showInspecting(entry.name, entry.path);
    m_inspected = entry;
    core::InspectOptions options;
    options.kind = entry.kind;
    core::startTask(
        this,
        [path = entry.path, options](core::JobContext &context) {
            return core::inspectDataset(path, options, context.progressCallback());
        },
        [this, entry](const core::TaskJob<core::DatasetInspection> &job) {
            if (entry.path != m_inspected.path)
                return; // the user has moved on to another dataset
            m_summary->showInspection(entry.name, job.result());
            m_sequence->setScenes(entry.name,
                job.result().dataset.kind == core::DatasetKind::TimeLapse
                    ? job.result().dataset.scenes
                    : QVector<core::DatasetScene> {});
            if (job.result().dataset.kind == core::DatasetKind::TimeLapse)
                if (auto *dock = findChild<QDockWidget *>(QStringLiteral("sequenceDock")))
                    dock->raise();
            m_browser->setInspection(entry.name, job.result(),
                m_workspace ? QDir(m_workspace->folder()).filePath(QStringLiteral(".thumbnails"))
                            : QString());
            // A viewer that nothing was asked of yet shows the first pair's own layers:
            // something to look at at once (never in place of a decomposition on its way).
            const core::Dataset &dataset = job.result().dataset;
            if (m_viewerRequest == 0 && m_layerViewer->layerNames().isEmpty()
                && !dataset.pairs.isEmpty())
                showSample(dataset.pairs.front().rainy, dataset.pairs.front().clean);
        });
}

void MainWindow::registerDataset(const QString &folder, const QString &name, core::DatasetKind kind,
    core::ImageContent content, const QString &note)
{
    if (!m_workspace)
        return;
    QStringList taken;
    for (const core::DatasetEntry &entry : m_workspace->datasets())
        taken << entry.name;
    QString unique = name;
    for (int i = 2; taken.contains(unique); ++i)
        unique = QStringLiteral("%1-%2").arg(name).arg(i);
    QString error;
    if (!m_workspace->addDataset({ 0, unique, kind, folder, content, note, {} }, &error)) {
        appendLog(tr("Cannot register %1: %2").arg(QDir::toNativeSeparators(folder), error));
        return;
    }
    m_datasetList->setDatasets(m_workspace->datasets());
    m_training->setWorkspace(m_workspace->folder(), m_workspace->datasets());
    m_compare->setWorkspace(m_workspace->folder(), m_workspace->datasets());
    appendLog(tr("Registered the dataset %1 (%2)").arg(unique, QDir::toNativeSeparators(folder)));
}

void MainWindow::addDroppedFolder(const QString &folder)
{
    if (!m_workspace)
        return;
    appendLog(tr("Inspecting %1 …").arg(QDir::toNativeSeparators(folder)));
    core::startTask(
        this, [folder](core::JobContext &) { return core::inspectDataset(folder, {}); },
        [this, folder](const core::TaskJob<core::DatasetInspection> &job) {
            const core::DatasetInspection &inspection = job.result();
            if (!inspection.ok()) {
                appendLog(tr("Cannot add %1: %2")
                              .arg(QDir::toNativeSeparators(folder), inspection.error));
                QMessageBox::warning(this, tr("Add a Dataset"), inspection.error);
                return;
            }
            const core::Dataset &d = inspection.dataset;
            AddDatasetDialog dialog(folder, d.kind,
                int(d.pairs.size() + d.images.size() + inspection.frameCount()), this);
            if (dialog.exec() == QDialog::Accepted && !dialog.name().isEmpty())
                registerDataset(folder, dialog.name(), dialog.kind(), dialog.content(), {});
        });
}

void MainWindow::importVideo(const QString &video)
{
    if (!m_workspace) {
        appendLog(tr("Open a workspace before importing %1").arg(QDir::toNativeSeparators(video)));
        return;
    }
    ImportVideoDialog dialog(
        video, QDir(m_workspace->folder()).filePath(QStringLiteral("datasets/videos")), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    importVideoInto(video, dialog.datasetFolder(), dialog.options());
}

void MainWindow::importVideoInto(
    const QString &video, const QString &folder, const core::VideoImportOptions &options)
{
    if (!m_workspace)
        return;
    appendLog(tr("Importing the frames of %1 into %2 …")
                  .arg(QDir::toNativeSeparators(video), QDir::toNativeSeparators(folder)));
    auto *job = core::startTask(
        this,
        [video, folder, options](core::JobContext &context) {
            return core::importVideo(video, folder, options, context.progressCallback());
        },
        [this, video, folder](const core::TaskJob<core::VideoImportReport> &job) {
            const core::VideoImportReport &report = job.result();
            statusBar()->clearMessage();
            if (!report.ok()) {
                appendLog(tr("Cannot import the video: %1").arg(report.error));
                QMessageBox::warning(this, tr("Import a Video"), report.error);
                return;
            }
            appendLog(tr("%1: %n frame(s), camera shift median %2 px, first to last %3 px", nullptr,
                report.frames)
                          .arg(QDir::toNativeSeparators(report.sceneFolder))
                          .arg(report.medianShift, 0, 'f', 2)
                          .arg(report.drift, 0, 'f', 2));
            if (!report.warning.isEmpty()) {
                appendLog(report.warning);
                QMessageBox::warning(this, tr("Import a Video"), report.warning);
            }
            const QVector<core::DatasetEntry> datasets = m_workspace->datasets();
            const bool known = std::any_of(
                datasets.cbegin(), datasets.cend(), [&folder](const core::DatasetEntry &entry) {
                    return QDir(entry.path) == QDir(folder);
                });
            if (!known)
                registerDataset(folder, QFileInfo(folder).fileName(), core::DatasetKind::TimeLapse,
                    core::ImageContent::Frames, tr("frames imported from videos"));
            for (const core::DatasetEntry &entry : m_workspace->datasets())
                if (QDir(entry.path) == QDir(folder))
                    inspectDataset(entry);
        });
    connect(job, &core::Job::progressChanged, this, [this](const core::JobProgress &progress) {
        statusBar()->showMessage(
            tr("Importing a video: frame %1 of %2").arg(progress.done).arg(progress.total));
    });
}

} // namespace pluvia::app
