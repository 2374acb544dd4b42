// SPDX-License-Identifier: GPL-3.0-or-later
// Pluvia's main window: menus, the dataset list of the open workspace, the training panel, the
// loss plots, the layer viewer, the rain-feature map, a log dock, and the status bar. Workspace
// preparation (building the demo workspace on first start) runs on a worker thread; the window
// stays responsive.
#pragma once

#include "core/data/video_import.h"
#include "core/workspace/workspace.h"

#include <QMainWindow>

#include "core/workspace/workspace.h"
#include <functional>
#include <memory>

class QLabel;
class QPlainTextEdit;

namespace pluvia::core {
enum class DatasetKind;
enum class ImageContent;
class DerainerSlot;
class TrainingRuns;
class Workspace;
struct DecomposeResult;
} // namespace pluvia::core
namespace pluvia::widgets {
class DatasetListWidget;
class DatasetBrowser;
class DatasetSummaryWidget;
class TemporalConsistencyView;
class ComparePanel;
class DerainQueue;
class LayerViewer;
class LossPlot;
class RainMapView;
class RunsTable;
class TrainingPanel;
} // namespace pluvia::widgets

namespace pluvia::app {

class MainWindow : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY(MainWindow)

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Opens `folder` as the workspace (creating its store if needed) and lists its datasets.
    bool openWorkspace(const QString &folder);
    // Opens the demo workspace, building it first (off the GUI thread) when it does not exist.
    void openDemoWorkspace();

    static QString demoWorkspaceFolder();

    // Decomposes `image` with `checkpoint` off the GUI thread and shows it in the layer viewer.
    void decomposeImage(const QString &checkpoint, const QString &image);
    QString derainModel() const; // the Derain tab's checkpoint or starter model ("" if none)
    // The checkpoint of the last decomposition that worked, in any session, while it exists;
    // otherwise derainModel(). What `pluvia IMAGE` decomposes with.
    QString lastDecomposeModel() const;
    // Shows the rain-feature map of a checkpoint: extracts its features, then maps them.
    void showRainMap(const QString &checkpoint);
    // Extracts a video's frames off the GUI thread into the time-lapse dataset `folder`,
    // registered when it is new and then shown; warns when the camera moved.
    void importVideoInto(
        const QString &video, const QString &folder, const core::VideoImportOptions &options);
    // Derains the first scene of the registered time-lapse dataset `dataset` in the Time-lapse
    // tab, with `checkpoint`, or the temporal median when it is "".
    void showSequence(const QString &dataset, const QString &checkpoint);
    // Reopens the workspace's saved comparison `name` in the Compare tab (it runs again; its
    // outputs are cached), then shows its first model's outputs in the layer viewer.
    void showComparison(const QString &name);

Q_SIGNALS:
    void workspaceOpened(const QString &folder);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void chooseWorkspace();
    void inspectDataset(const core::DatasetEntry &entry); // off the GUI thread
    // Pins the inspected dataset's inferred pairs with rainy and clean swapped, and reinspects.
    void swapDatasetSides();
    void chooseImageToDecompose();
    void resumeRun(const QString &runId); // a stored run, from its last checkpoint
    void plotRun(const QString &runId); // every stored series of a run, read off the GUI thread
    void openExportDialog();
    // The first image of a comparison's test set: that row's output beside the other rows'.
    void showComparisonCell(int row, int test);
    // Asks for a file and writes the checkpoint's networks there as a PyTorch state dict, off
    // the GUI thread (pluvia-cli export-weights).
    void exportPytorchWeights(const QString &checkpoint);
    void showSample(const QString &image, const QString &clean); // its own layers, no model
    // Computes layers for the viewer off the GUI thread and shows them, then calls `done`; a
    // request overtaken by a newer one (a decomposition, a sample, a stored preview) is dropped.
    void showLayers(std::function<core::DecomposeResult()> job,
        std::function<void(const core::DecomposeResult &)> done);
    // Adds a dataset to the workspace (under a name not taken yet) and lists it.
    void registerDataset(const QString &folder, const QString &name, core::DatasetKind kind,
        core::ImageContent content, const QString &note);
    // A folder dropped on the dataset list: inspected off the GUI thread, then offered with its
    // detected kind for the user to confirm or edit.
    void addDroppedFolder(const QString &folder);
    // Asks where and how (every k-th frame, at most n), then importVideoInto.
    void importVideo(const QString &video);
    void appendLog(const QString &line);
    void connectTrainingRuns();

    std::unique_ptr<core::Workspace> m_workspace;
    widgets::DatasetListWidget *m_datasetList;
    widgets::DatasetSummaryWidget *m_summary;
    widgets::LayerViewer *m_layerViewer;
    widgets::RainMapView *m_rainMap;
    core::TrainingRuns *m_trainingRuns; // the active runs: plots, viewer, log and close follow it
    widgets::TrainingPanel *m_training;
    widgets::LossPlot *m_lossPlot;
    widgets::RunsTable *m_runs;
    widgets::DerainQueue *m_derain;
    widgets::DatasetBrowser *m_browser;
    widgets::TemporalConsistencyView *m_sequence;
    widgets::ComparePanel *m_compare;
    QLabel *m_runLabel;
    bool m_closeAfterRun = false;
    QByteArray m_defaultLayout; // the docks as built, for View → Reset Layout
    quint64 m_viewerRequest = 0; // the newest request for the layer viewer (showLayers)
    // Decompose's model, loaded once per checkpoint and shared with the job in flight.
    std::shared_ptr<core::DerainerSlot> m_derainers;
    core::DatasetEntry m_inspected; // the dataset whose inspection result is still wanted
    QPlainTextEdit *m_log;
    QLabel *m_workspaceLabel;
    QLabel *m_runtimeLabel;
    bool m_buildingDemo = false;
};

} // namespace pluvia::app
