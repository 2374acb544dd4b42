// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/main_window.h"

#include "app/gui/about_dialog.h"
#include "app/gui/input_limits.h"
#include "app/gui/language.h"
#include "app/gui/theme.h"
#include "core/catalogue/starter_models.h"
#include "core/data/dataset.h"
#include "core/image/image_info.h"
#include "core/inference/derainer.h"
#include "core/jobs/job.h"
#include "core/runtime/compute_runtime.h"
#include "core/store/run_store.h"
#include "core/training/training_runs.h"
#include "core/workspace/demo_workspace.h"
#include "core/workspace/workspace.h"
#include "widgets/compare_panel.h"
#include "widgets/dataset_browser.h"
#include "widgets/dataset_list_widget.h"
#include "widgets/dataset_summary_widget.h"
#include "widgets/derain_queue.h"
#include "widgets/export_dialog.h"
#include "widgets/layer_viewer.h"
#include "widgets/loss_plot.h"
#include "widgets/rain_map_view.h"
#include "widgets/runs_table.h"
#include "widgets/temporal_consistency_view.h"
#include "widgets/training_panel.h"

#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDateTime>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPointer>
#include <QScrollArea>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTimer>

#include <memory>

namespace pluvia::app {

namespace {
const QString kLastWorkspaceKey = QStringLiteral("workspace/last");
const QString kRecentWorkspacesKey = QStringLiteral("workspace/recent");
constexpr int kRecentWorkspaces = 8;
const QString kGeometryKey = QStringLiteral("window/geometry");
const QString kStateKey = QStringLiteral("window/state");
} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_datasetList(new widgets::DatasetListWidget(this))
    , m_summary(new widgets::DatasetSummaryWidget(this))
    , m_layerViewer(new widgets::LayerViewer(this))
    , m_rainMap(new widgets::RainMapView(this))
    , m_trainingRuns(new core::TrainingRuns(this))
    , m_training(new widgets::TrainingPanel(m_trainingRuns, this))
    , m_lossPlot(new widgets::LossPlot(this))
    , m_runs(new widgets::RunsTable(this))
    , m_derain(new widgets::DerainQueue(this))
    , m_browser(new widgets::DatasetBrowser(this))
    , m_sequence(new widgets::TemporalConsistencyView(this))
    , m_compare(new widgets::ComparePanel(this))
    , m_runLabel(new QLabel(this))
    , m_log(new QPlainTextEdit(this))
    , m_workspaceLabel(new QLabel(this))
    , m_runtimeLabel(new QLabel(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    m_derainers = std::make_shared<core::DerainerSlot>();
    setWindowTitle(tr("Pluvia"));
    setWindowIcon(QIcon(QStringLiteral(":/pluvia/pluvia.svg")));

    auto *datasetDock = new QDockWidget(tr("Datasets"), this);
    datasetDock->setObjectName(QStringLiteral("datasetDock")); // needed by saveState()
    datasetDock->setWidget(m_datasetList);
    addDockWidget(Qt::LeftDockWidgetArea, datasetDock);

    m_log->setReadOnly(true);
    m_log->setMaximumBlockCount(5000);
    auto *logDock = new QDockWidget(tr("Log"), this);
    logDock->setObjectName(QStringLiteral("logDock"));
    logDock->setWidget(m_log);
    addDockWidget(Qt::BottomDockWidgetArea, logDock);

    auto *summaryDock = new QDockWidget(tr("Dataset"), this);
    summaryDock->setObjectName(QStringLiteral("summaryDock"));
    summaryDock->setWidget(m_summary);
    connect(m_summary, &widgets::DatasetSummaryWidget::swapSidesRequested, this,
        &MainWindow::swapDatasetSides);
    addDockWidget(Qt::LeftDockWidgetArea, summaryDock);

    auto *mapDock = new QDockWidget(tr("Rain-feature map"), this);
    mapDock->setObjectName(QStringLiteral("rainMapDock"));
    mapDock->setWidget(m_rainMap);
    addDockWidget(Qt::BottomDockWidgetArea, mapDock);
    tabifyDockWidget(logDock, mapDock);
    auto *lossDock = new QDockWidget(tr("Loss plots"), this);
    lossDock->setObjectName(QStringLiteral("lossDock"));
    lossDock->setWidget(m_lossPlot);
    addDockWidget(Qt::BottomDockWidgetArea, lossDock);
    tabifyDockWidget(logDock, lossDock);
    auto *runsDock = new QDockWidget(tr("Runs"), this);
    runsDock->setObjectName(QStringLiteral("runsDock"));
    runsDock->setWidget(m_runs);
    addDockWidget(Qt::BottomDockWidgetArea, runsDock);
    tabifyDockWidget(logDock, runsDock);
    auto *browserDock = new QDockWidget(tr("Browse"), this);
    browserDock->setObjectName(QStringLiteral("browserDock"));
    browserDock->setWidget(m_browser);
    addDockWidget(Qt::BottomDockWidgetArea, browserDock);
    tabifyDockWidget(logDock, browserDock);
    auto *compareDock = new QDockWidget(tr("Compare"), this);
    compareDock->setObjectName(QStringLiteral("compareDock"));
    compareDock->setWidget(m_compare);
    addDockWidget(Qt::BottomDockWidgetArea, compareDock);
    tabifyDockWidget(logDock, compareDock);
    connect(m_compare, &widgets::ComparePanel::cellChosen, this, &MainWindow::showComparisonCell);
    connect(m_browser, &widgets::DatasetBrowser::sampleActivated, this, &MainWindow::showSample);
    connect(
        m_lossPlot, &widgets::LossPlot::stepClicked, this, [this](const QString &run, qint64 step) {
            if (!m_workspace)
                return;
            showLayers([folder = m_workspace->folder(), run,
                           step] { return core::storedPreview(folder, run, step); },
                [this](const core::DecomposeResult &result) {
                    if (!result.ok())
                        appendLog(result.error);
                });
        });
    connect(m_lossPlot, &widgets::LossPlot::allRunsRequested, this, [this] {
        if (!m_workspace)
            return;
        core::startTask(
            this,
            [folder = m_workspace->folder()](core::JobContext &) {
                QStringList ids;
                QString error;
                if (std::unique_ptr<core::RunStore> store = core::RunStore::open(folder, &error))
                    for (const core::RunRecord &run : store->runs())
                        ids << run.id;
                return ids;
            },
            [this](const core::TaskJob<QStringList> &job) {
                for (const QString &id : job.result())
                    plotRun(id);
            });
    });
    connect(m_runs, &widgets::RunsTable::runActivated, this, [this, lossDock](const QString &id) {
        plotRun(id);
        lossDock->raise();
    });
    connect(m_runs, &widgets::RunsTable::resumeRequested, this, &MainWindow::resumeRun);

    auto *trainingDock = new QDockWidget(tr("Training"), this);
    trainingDock->setObjectName(QStringLiteral("trainingDock"));
    auto *trainingScroll = new QScrollArea(this); // the form is taller than most screens
    trainingScroll->setWidgetResizable(true);
    trainingScroll->setWidget(m_training);
    trainingDock->setWidget(trainingScroll);
    addDockWidget(Qt::LeftDockWidgetArea, trainingDock);
    tabifyDockWidget(summaryDock, trainingDock);
    auto *derainDock = new QDockWidget(tr("Derain"), this);
    derainDock->setObjectName(QStringLiteral("derainDock"));
    derainDock->setWidget(m_derain);
    addDockWidget(Qt::LeftDockWidgetArea, derainDock);
    tabifyDockWidget(summaryDock, derainDock);
    summaryDock->raise();
    connect(m_derain, &widgets::DerainQueue::imageActivated, this, &MainWindow::decomposeImage);
    auto *sequenceDock = new QDockWidget(tr("Time-lapse"), this);
    sequenceDock->setObjectName(QStringLiteral("sequenceDock"));
    sequenceDock->setWidget(m_sequence);
    addDockWidget(Qt::BottomDockWidgetArea, sequenceDock);
    tabifyDockWidget(mapDock, sequenceDock);
    browserDock->raise(); // first start: the selected dataset's images
    QStringList starterProblems;
    const QVector<core::StarterModel> starters = core::starterModels(&starterProblems);
    m_derain->setStarterModels(starters);
    m_sequence->setStarterModels(starters);
    for (const QString &problem : std::as_const(starterProblems))
        appendLog(tr("Starter models: %1").arg(problem));
    connect(m_runs, &widgets::RunsTable::checkpointChosen, this,
        [this, derainDock, mapDock, compareDock](
            const QString &checkpoint, widgets::RunsTable::CheckpointUse use) {
            switch (use) {
            case widgets::RunsTable::CheckpointUse::Derain:
                m_derain->setCheckpoint(checkpoint);
                m_sequence->setCheckpoint(checkpoint);
                derainDock->raise();
                break;
            case widgets::RunsTable::CheckpointUse::RainMap:
                m_rainMap->extractFromCheckpoint(checkpoint);
                mapDock->raise();
                break;
            case widgets::RunsTable::CheckpointUse::ExportWeights:
                exportPytorchWeights(checkpoint);
                break;
            case widgets::RunsTable::CheckpointUse::Compare:
                m_compare->addCheckpoint(checkpoint);
                compareDock->raise();
                break;
            }
        });
    connectTrainingRuns();
    connect(m_rainMap, &widgets::RainMapView::sampleActivated, this,
        [this](const QString &checkpoint, const QString &source, const QString &crop) {
            appendLog(tr("Map point: %1, crop %2").arg(QDir::toNativeSeparators(source), crop));
            if (!checkpoint.isEmpty())
                decomposeImage(checkpoint, source);
        });

    // The layer viewer is the heart of the workbench: what an image decomposes into.
    setCentralWidget(m_layerViewer);

    statusBar()->addWidget(m_workspaceLabel, 1);
    statusBar()->addPermanentWidget(m_runLabel);
    statusBar()->addPermanentWidget(m_runtimeLabel);
    m_runtimeLabel->setText(tr("Device: CPU · threads: %1").arg(core::computeThreads()));

    createActions();

    connect(m_datasetList, &widgets::DatasetListWidget::datasetActivated, this,
        &MainWindow::inspectDataset);
    connect(m_datasetList, &widgets::DatasetListWidget::folderDropped, this,
        &MainWindow::addDroppedFolder);
    connect(
        m_datasetList, &widgets::DatasetListWidget::videoDropped, this, &MainWindow::importVideo);

    m_defaultLayout = saveState();
    QSettings settings;
    restoreGeometry(settings.value(kGeometryKey).toByteArray());
    if (!restoreState(settings.value(kStateKey).toByteArray())) {
        // The default layout: the layer viewer gets most of the window. Dock sizes apply once
        // the window has its size, hence after the first layout pass.
        QTimer::singleShot(0, this, [this, datasetDock, logDock] {
            resizeDocks({ datasetDock }, { width() * 3 / 10 }, Qt::Horizontal);
            resizeDocks({ logDock }, { height() / 4 }, Qt::Vertical);
        });
    }
    if (!settings.contains(kGeometryKey))
        resize(1280, 800);
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions()
{
    QMenu *fileMenu = menuBar()->addMenu(tr("&File"));
    QAction *open = fileMenu->addAction(tr("&Open Workspace…"), this, &MainWindow::chooseWorkspace);
    open->setShortcut(QKeySequence::Open);
    QMenu *recent = fileMenu->addMenu(tr("Open &Recent"));
    // Filled when shown, so it lists the workspaces opened since, and only those that still exist.
    connect(recent, &QMenu::aboutToShow, this, [this, recent] {
        recent->clear();
        for (const QString &folder : QSettings().value(kRecentWorkspacesKey).toStringList())
            if (QFileInfo(folder).isDir())
                recent->addAction(QDir::toNativeSeparators(folder), this,
                    [this, folder] { openWorkspace(folder); });
        if (recent->isEmpty())
            recent->addAction(tr("(none yet)"))->setEnabled(false);
    });
    fileMenu->addAction(tr("Open &Demo Workspace"), this, &MainWindow::openDemoWorkspace);
    fileMenu->addSeparator();
    QAction *addDataset = fileMenu->addAction(tr("&Add Dataset…"), this, [this] {
        const QString folder = QFileDialog::getExistingDirectory(
            this, tr("Add a Dataset"), m_workspace ? m_workspace->folder() : QDir::homePath());
        if (!folder.isEmpty())
            addDroppedFolder(folder);
    });
    addDataset->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A));
    addDataset->setToolTip(tr("Inspect a folder and register it as a dataset (as dropping it)"));
    QAction *importVideoAction
        = fileMenu->addAction(tr("Import &Video as Time-Lapse…"), this, [this] {
              const QString video = QFileDialog::getOpenFileName(this, tr("Import a Video"),
                  m_workspace ? m_workspace->folder() : QDir::homePath(),
                  tr("Videos (%1)").arg(core::videoNameFilters().join(QLatin1Char(' '))));
              if (!video.isEmpty())
                  importVideo(video);
          });
    importVideoAction->setToolTip(
        tr("Extract a video's frames into a time-lapse dataset (as dropping the video on the "
           "dataset list)"));
    QAction *derainImages = fileMenu->addAction(tr("Derain &Images…"), this, [this] {
        const QStringList files = QFileDialog::getOpenFileNames(this, tr("Derain Images"),
            QString(), tr("Images (%1)").arg(core::imageNameFilters().join(QLatin1Char(' '))));
        if (files.isEmpty())
            return;
        m_derain->addInputs(files);
        if (auto *dock = findChild<QDockWidget *>(QStringLiteral("derainDock")))
            dock->raise();
    });
    derainImages->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D));
    fileMenu->addSeparator();
    QAction *decompose
        = fileMenu->addAction(tr("&Decompose Image…"), this, &MainWindow::chooseImageToDecompose);
    decompose->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_D));
    decompose->setToolTip(tr("Derain one image with a checkpoint and inspect O, B and R"));
    QAction *exportAction = fileMenu->addAction(
        tr("&Export Generated Dataset…"), this, &MainWindow::openExportDialog);
    exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    fileMenu->addSeparator();
    InputLimits::addActions(fileMenu, this);
    fileMenu->addSeparator();
    QAction *quit = fileMenu->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *runMenu = menuBar()->addMenu(tr("&Run"));
    QAction *startRun
        = runMenu->addAction(tr("&Start Training"), m_training, &widgets::TrainingPanel::start);
    startRun->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    QAction *pauseRun = runMenu->addAction(
        tr("&Pause / Resume"), m_training, &widgets::TrainingPanel::togglePause);
    pauseRun->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
    QAction *stopRun = runMenu->addAction(tr("S&top"), m_training, &widgets::TrainingPanel::stop);
    stopRun->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T));
    runMenu->addSeparator();
    QAction *resumeSelected = runMenu->addAction(
        tr("&Resume Selected Run"), this, [this] { resumeRun(m_runs->selectedRun()); });
    resumeSelected->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    resumeSelected->setToolTip(tr("Continue the run selected in Runs from its last checkpoint"));
    // Enabled by what the panel and the Runs table allow when the menu opens; the shortcuts
    // act through the same checks (start() and resumeRun() refuse what they cannot do).
    connect(
        runMenu, &QMenu::aboutToShow, this, [this, startRun, pauseRun, stopRun, resumeSelected] {
            startRun->setEnabled(m_training->canStart());
            pauseRun->setEnabled(!m_trainingRuns->isEmpty());
            stopRun->setEnabled(!m_trainingRuns->isEmpty());
            resumeSelected->setEnabled(m_runs->canResumeSelected());
        });

    QMenu *viewMenu = menuBar()->addMenu(tr("&View"));
    for (QDockWidget *dock : findChildren<QDockWidget *>())
        viewMenu->addAction(dock->toggleViewAction());
    viewMenu->addSeparator();
    QAction *reset = viewMenu->addAction(tr("&Reset Layout"), this, [this] {
        restoreState(m_defaultLayout);
        for (QDockWidget *dock : findChildren<QDockWidget *>())
            dock->show();
    });
    reset->setToolTip(tr("Put every panel back where it was on first start"));
    QMenu *themeMenu = viewMenu->addMenu(tr("&Theme"));
    auto *themes = new QActionGroup(this);
    // The theme in use, which --theme may have chosen without changing the setting.
    const Theme current = appliedTheme();
    for (const Theme theme : { Theme::Light, Theme::Dark }) {
        QAction *action = themeMenu->addAction(
            theme == Theme::Light ? tr("&Light") : tr("&Dark"), this, [theme] {
                applyTheme(theme);
                QSettings().setValue(QStringLiteral("view/theme"), themeName(theme));
            });
        action->setCheckable(true);
        action->setChecked(theme == current);
        themes->addAction(action);
    }

    // Applied at the next start: every widget would otherwise have to rebuild its texts.
    QMenu *languageMenu = viewMenu->addMenu(tr("&Language"));
    auto *languages = new QActionGroup(this);
    const QString chosen = QSettings().value(QStringLiteral("view/language")).toString();
    QVector<Language> choices { { QStringLiteral("system"), tr("System Default") } };
    choices += availableLanguages();
    for (const Language &language : std::as_const(choices)) {
        QAction *action = languageMenu->addAction(language.nativeName, this, [this, language] {
            QSettings().setValue(QStringLiteral("view/language"), language.code);
            statusBar()->showMessage(
                tr("The language changes when Pluvia starts again: %1").arg(language.nativeName));
        });
        action->setCheckable(true);
        action->setChecked(language.code == chosen
            || (chosen.isEmpty() && language.code == QLatin1String("system")));
        action->setData(language.code);
        languages->addAction(action);
    }

    QMenu *helpMenu = menuBar()->addMenu(tr("&Help"));
    helpMenu->addAction(tr("&About Pluvia"), this, [this] { AboutDialog(this).exec(); });
    helpMenu->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
}

QString MainWindow::demoWorkspaceFolder()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
        .filePath(QStringLiteral("demo-workspace"));
}

bool MainWindow::openWorkspace(const QString &folder)
{
    QString error;
    auto workspace = core::Workspace::open(folder, &error);
    if (!workspace) {
        appendLog(tr("Cannot open workspace: %1").arg(error));
        QMessageBox::warning(
            this, tr("Open Workspace"), tr("Cannot open the workspace.\n\n%1").arg(error));
        return false;
    }
    m_workspace = std::move(workspace);
    m_datasetList->setDatasets(m_workspace->datasets());
    m_rainMap->setWorkspace(m_workspace->folder());
    m_runs->setWorkspace(m_workspace->folder());
    m_training->setWorkspace(m_workspace->folder(), m_workspace->datasets());
    m_compare->setWorkspace(m_workspace->folder(), m_workspace->datasets());
    m_datasetList->selectDataset(0);
    m_workspaceLabel->setText(
        tr("Workspace: %1").arg(QDir::toNativeSeparators(m_workspace->folder())));
    setWindowTitle(tr("%1 — Pluvia").arg(QFileInfo(m_workspace->folder()).fileName()));
    appendLog(tr("Opened workspace %1 (datasets: %2)")
                  .arg(QDir::toNativeSeparators(m_workspace->folder()))
                  .arg(m_datasetList->datasetCount()));
    QSettings settings;
    settings.setValue(kLastWorkspaceKey, m_workspace->folder());
    QStringList recent = settings.value(kRecentWorkspacesKey).toStringList();
    recent.removeAll(m_workspace->folder());
    recent.prepend(m_workspace->folder());
    settings.setValue(kRecentWorkspacesKey, recent.mid(0, kRecentWorkspaces));
    Q_EMIT workspaceOpened(m_workspace->folder());
    return true;
}

void MainWindow::openDemoWorkspace()
{
    const QString folder = demoWorkspaceFolder();
    if (QFileInfo::exists(QDir(folder).filePath(core::Workspace::databaseFileName()))) {
        openWorkspace(folder);
        return;
    }
    if (m_buildingDemo)
        return;
    m_buildingDemo = true;
    appendLog(tr("Building the demo workspace in %1 …").arg(QDir::toNativeSeparators(folder)));
    m_workspaceLabel->setText(tr("Building the demo workspace…"));

    core::startTask(
        this,
        [folder](core::JobContext &context) {
            return core::buildDemoWorkspace(
                folder, core::DemoOptions {}, context.progressCallback());
        },
        [this, folder](const core::TaskJob<core::DemoReport> &job) {
            const core::DemoReport &report = job.result();
            m_buildingDemo = false;
            if (!report.error.isEmpty()) {
                appendLog(tr("Demo workspace failed: %1").arg(report.error));
                m_workspaceLabel->setText(tr("Demo workspace failed"));
                return;
            }
            for (const QString &note : report.notes)
                appendLog(note);
            openWorkspace(folder);
        });
}

// With the Derain tab's model (a starter model until the user chooses a checkpoint there); a
// checkpoint is asked for only when there is none.
void MainWindow::chooseImageToDecompose()
{
    const QString start = m_workspace ? m_workspace->folder() : QDir::homePath();
    const QString image = QFileDialog::getOpenFileName(this, tr("Choose a Rainy Image"), start,
        tr("Images (%1)").arg(core::imageNameFilters().join(QLatin1Char(' '))));
    if (image.isEmpty())
        return;
    QString checkpoint = m_derain->checkpoint();
    if (checkpoint.isEmpty()) {
        checkpoint = QFileDialog::getOpenFileName(
            this, tr("Choose a Checkpoint"), start, tr("Pluvia checkpoints (*.pt)"));
        if (checkpoint.isEmpty())
            return;
        m_derain->setCheckpoint(checkpoint);
    }
    decomposeImage(checkpoint, image);
}

QString MainWindow::derainModel() const
{
    return m_derain->checkpoint();
}

QString MainWindow::lastDecomposeModel() const
{
    const QString last = QSettings().value(QStringLiteral("layers/lastCheckpoint")).toString();
    return !last.isEmpty() && QFileInfo(last).isFile() ? last : derainModel();
}

void MainWindow::decomposeImage(const QString &checkpoint, const QString &image)
{
    core::DecomposeRequest request;
    request.checkpoint = checkpoint;
    request.rainy = image;
    appendLog(tr("Decomposing %1 with %2 …")
                  .arg(QDir::toNativeSeparators(image), QDir::toNativeSeparators(checkpoint)));
    showLayers(
        [request, derainers = m_derainers] {
            core::DecomposeResult result;
            const std::shared_ptr<core::Derainer> derainer
                = derainers->get(request.checkpoint, request.device, &result.error);
            return derainer ? derainer->decompose(request) : result;
        },
        [this, checkpoint](const core::DecomposeResult &result) {
            if (!result.ok()) {
                appendLog(tr("Cannot decompose: %1").arg(result.error));
                return;
            }
            QSettings().setValue(
                QStringLiteral("layers/lastCheckpoint"), QFileInfo(checkpoint).absoluteFilePath());
            appendLog(tr("Decomposed %1 (%2, step %3): largest |O − (B + R)| %4")
                          .arg(QDir::toNativeSeparators(result.preview.sample), result.method)
                          .arg(result.preview.step)
                          .arg(m_layerViewer->residualMax(), 0, 'g', 3));
        });
}

void MainWindow::showLayers(std::function<core::DecomposeResult()> job,
    std::function<void(const core::DecomposeResult &)> done)
{
    core::startTask(
        this, [job = std::move(job)](core::JobContext &) { return job(); },
        [this, done = std::move(done)](const core::TaskJob<core::DecomposeResult> &finished) {
            if (finished.requestId() != m_viewerRequest)
                return; // a newer request for the viewer came after this one
            if (finished.result().ok())
                m_layerViewer->setPreview(finished.result().preview);
            done(finished.result());
        },
        ++m_viewerRequest);
}

void MainWindow::showSequence(const QString &dataset, const QString &checkpoint)
{
    if (!m_workspace)
        return;
    const QVector<core::DatasetEntry> datasets = m_workspace->datasets();
    const auto entry = std::find_if(datasets.cbegin(), datasets.cend(),
        [&dataset](const core::DatasetEntry &e) { return e.name == dataset; });
    if (entry == datasets.cend()) {
        appendLog(tr("No dataset named %1 in this workspace").arg(dataset));
        return;
    }
    if (QDockWidget *dock = findChild<QDockWidget *>(QStringLiteral("sequenceDock"))) {
        dock->show();
        dock->raise();
        resizeDocks({ dock }, { height() * 2 / 3 }, Qt::Vertical);
    }
    core::startTask(
        this,
        [path = entry->path](core::JobContext &context) {
            core::InspectOptions options;
            options.kind = core::DatasetKind::TimeLapse;
            return core::inspectDataset(path, options, context.progressCallback());
        },
        [this, dataset, checkpoint](const core::TaskJob<core::DatasetInspection> &job) {
            if (!job.result().ok()) {
                appendLog(tr("Cannot read %1: %2").arg(dataset, job.result().error));
                return;
            }
            m_sequence->setScenes(dataset, job.result().dataset.scenes);
            if (checkpoint.isEmpty())
                m_sequence->chooseSource(
                    core::temporalBaselineName(core::TemporalBaseline::Median));
            else
                m_sequence->setCheckpoint(checkpoint);
            m_sequence->start();
        });
}

void MainWindow::showRainMap(const QString &checkpoint)
{
    if (QDockWidget *dock = findChild<QDockWidget *>(QStringLiteral("rainMapDock"))) {
        dock->show();
        dock->raise();
        resizeDocks({ dock }, { height() / 2 }, Qt::Vertical);
    }
    auto connection = std::make_shared<QMetaObject::Connection>();
    *connection
        = connect(m_rainMap, &widgets::RainMapView::featuresReady, this, [this, connection] {
              disconnect(*connection);
              m_rainMap->runMap();
          });
    m_rainMap->extractFromCheckpoint(checkpoint);
}

void MainWindow::plotRun(const QString &runId)
{
    if (!m_workspace)
        return;
    core::startTask(
        this,
        [folder = m_workspace->folder(), runId](core::JobContext &) {
            QVector<core::MetricPoint> points;
            QString error;
            std::unique_ptr<core::RunStore> store = core::RunStore::open(folder, &error);
            if (!store)
                return points;
            for (const QString &key : store->metricKeys(runId)) {
                const core::MetricSeries series = store->series(runId, key);
                for (int i = 0; i < series.steps.size(); ++i)
                    points.push_back(
                        { key, series.steps[i], series.wallTimes[i], series.values[i] });
            }
            return points;
        },
        [this, runId](const core::TaskJob<QVector<core::MetricPoint>> &job) {
            m_lossPlot->replaceRun(runId, job.result());
        });
}

void MainWindow::showSample(const QString &image, const QString &clean)
{
    showLayers([image, clean] { return core::groundTruthLayers(image, clean); },
        [this](const core::DecomposeResult &result) {
            if (!result.ok())
                appendLog(tr("Cannot show the sample: %1").arg(result.error));
        });
}

void MainWindow::openExportDialog()
{
    auto *dialog = new widgets::ExportDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (m_workspace)
        dialog->setOutputFolder(
            QDir(m_workspace->folder()).filePath(QStringLiteral("datasets/generated")));
    connect(dialog, &widgets::ExportDialog::datasetExported, this,
        [this](const QString &folder, const QString &, const QString &name) {
            registerDataset(folder, name, core::DatasetKind::Paired,
                core::ImageContent::RainyAndClean,
                tr("generated (see its manifest for the provenance)"));
        });
    dialog->show();
}

void MainWindow::connectTrainingRuns()
{
    const core::TrainingRuns *runs = m_trainingRuns;
    connect(runs, &core::TrainingRuns::metricsLogged, m_lossPlot, &widgets::LossPlot::addPoints);
    connect(
        runs, &core::TrainingRuns::previewReady, m_layerViewer, &widgets::LayerViewer::setPreview);
    connect(runs, &core::TrainingRuns::logLine, this,
        [this](const QString &, const QString &line) { appendLog(line); });
    connect(runs, &core::TrainingRuns::errorOccurred, this,
        [this](quint64, const core::RunError &error) { appendLog(error.message); });
    // The status bar follows whichever run reported last.
    connect(runs, &core::TrainingRuns::stepCompleted, this,
        [this](quint64, const core::StepEvent &event) {
            m_runLabel->setText(widgets::TrainingPanel::runProgressText(event));
        });
    connect(runs, &core::TrainingRuns::statusChanged, this,
        [this](quint64 handle, core::RunStatus status) {
            if (const core::ActiveRun *run = m_trainingRuns->find(handle))
                m_runLabel->setText(tr("run %1: %2").arg(run->runId, core::runStatusName(status)));
        });
    connect(runs, &core::TrainingRuns::runFinished, this,
        [this](core::RunStatus status, quint64, const QString &runId) {
            m_runLabel->setText(tr("run %1 ended: %2").arg(runId, core::runStatusName(status)));
            m_runs->reload();
            if (m_closeAfterRun && m_trainingRuns->isEmpty())
                close();
        });
}

void MainWindow::resumeRun(const QString &runId)
{
    if (runId.isEmpty())
        return;
    if (!m_training->resumeRun(runId)) {
        appendLog(tr("Run %1 is already training").arg(runId));
        return;
    }
    appendLog(tr("Resuming run %1 from its last checkpoint").arg(runId));
    plotRun(runId); // its stored curves, which the resumed steps continue
}

void MainWindow::chooseWorkspace()
{
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Open Workspace"),
        m_workspace ? QFileInfo(m_workspace->folder()).absolutePath() : QDir::homePath());
    if (!folder.isEmpty())
        openWorkspace(folder);
}

void MainWindow::appendLog(const QString &line)
{
    m_log->appendPlainText(QStringLiteral("%1  %2").arg(
        QDateTime::currentDateTime().toString(QStringLiteral("HH:mm:ss")), line));
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!m_trainingRuns->isEmpty()) {
        // Never kill a run: stop it after its step (a checkpoint is written), then close.
        if (!m_closeAfterRun
            && QMessageBox::question(this, tr("Quit Pluvia"),
                   tr("Runs training: %n. Stop them after their current step (checkpoints "
                      "are written, and the runs can be resumed) and quit?",
                       nullptr, m_trainingRuns->count()))
                != QMessageBox::Yes) {
            event->ignore();
            return;
        }
        m_closeAfterRun = true;
        m_trainingRuns->stopAll();
        event->ignore();
        return;
    }
    QSettings settings;
    settings.setValue(kGeometryKey, saveGeometry());
    settings.setValue(kStateKey, saveState());
    event->accept();
}

} // namespace pluvia::app
