// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/about_dialog.h"
#include "app/gui/import_video_dialog.h"
#include "app/gui/main_window.h"
#include "core/store/run_store.h"
#include "core/workspace/workspace.h"
#include "support/engine_fixtures.h"
#include "support/test_support.h"

#include <opencv2/imgcodecs.hpp>

#include "core/training/training_runs.h"
#include "widgets/dataset_summary_widget.h"
#include "widgets/layer_viewer.h"
#include "widgets/parameter_form.h"
#include "widgets/temporal_consistency_view.h"
#include "widgets/training_panel.h"

#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QtTest/QtTest>

namespace {

// Registers the paired dataset `root` as `name` in the workspace at `folder`.
bool registerPairs(const QString &folder, const QString &name, const QString &root)
{
    QString error;
    const auto workspace = pluvia::core::Workspace::open(folder, &error);
    return workspace
        && workspace->addDataset(
            { 0, name, pluvia::core::DatasetKind::Paired, root, {}, {}, {} }, &error);
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void opensWorkspaceAndListsItsDatasets()
    {
        QTemporaryDir dir;
        {
            QString error;
            auto workspace = pluvia::core::Workspace::open(dir.path(), &error);
            QVERIFY2(workspace, qPrintable(error));
            QVERIFY(
                workspace->addDataset({ 0, QStringLiteral("a"), pluvia::core::DatasetKind::Paired,
                                          dir.filePath(QStringLiteral("datasets/a")), {}, {}, {} },
                    &error));
            QVERIFY(
                workspace->addDataset({ 0, QStringLiteral("b"), pluvia::core::DatasetKind::Unpaired,
                                          dir.filePath(QStringLiteral("datasets/b")), {}, {}, {} },
                    &error));
        }
        pluvia::app::MainWindow window;
        QSignalSpy opened(&window, &pluvia::app::MainWindow::workspaceOpened);
        QVERIFY(window.openWorkspace(dir.path()));
        QCOMPARE(opened.count(), 1);
        auto *tree = window.findChild<QTreeWidget *>(QStringLiteral("datasetTree"));
        QVERIFY(tree);
        QCOMPARE(tree->topLevelItemCount(), 2);
        QVERIFY(window.windowTitle().contains(QFileInfo(dir.path()).fileName()));
    }

    // File → Open Recent lists the workspaces opened, newest first, once each.
    void recentWorkspaces()
    {
        QTemporaryDir a, b;
        pluvia::app::MainWindow window;
        QVERIFY(window.openWorkspace(a.path()));
        QVERIFY(window.openWorkspace(b.path()));
        QVERIFY(window.openWorkspace(a.path()));
        QMenu *recent = nullptr;
        for (QMenu *menu : window.findChildren<QMenu *>())
            if (menu->title() == QStringLiteral("Open &Recent"))
                recent = menu;
        QVERIFY(recent);
        Q_EMIT recent->aboutToShow();
        QStringList listed;
        for (QAction *action : recent->actions())
            listed << action->text();
        QCOMPARE(listed.mid(0, 2),
            QStringList(
                { QDir::toNativeSeparators(a.path()), QDir::toNativeSeparators(b.path()) }));
        QCOMPARE(listed.count(QDir::toNativeSeparators(a.path())), 1);
    }

    // Selecting a dataset inspects it off the GUI thread and shows what it holds, problems
    // included: 3 matched pairs and one rainy image without its clean partner.
    void selectingADatasetShowsItsInspection()
    {
        QTemporaryDir dir;
        const QString root = dir.filePath(QStringLiteral("datasets/pairs"));
        QDir().mkpath(root + QStringLiteral("/rain"));
        QDir().mkpath(root + QStringLiteral("/norain"));
        for (int i = 0; i < 4; ++i) {
            cv::Mat image;
            pluvia::test::texturedImage(40, 30, i).convertTo(image, CV_8UC3, 255.0);
            const std::string name = "/" + std::to_string(i) + ".png";
            QVERIFY(
                cv::imwrite(QString(root + QStringLiteral("/rain")).toStdString() + name, image));
            if (i < 3)
                QVERIFY(cv::imwrite(
                    QString(root + QStringLiteral("/norain")).toStdString() + name, image));
        }
        QVERIFY(registerPairs(dir.path(), QStringLiteral("pairs"), root));
        pluvia::app::MainWindow window;
        QVERIFY(window.openWorkspace(dir.path()));
        auto *tree = window.findChild<QTreeWidget *>(QStringLiteral("datasetTree"));
        tree->setCurrentItem(tree->topLevelItem(0));
        auto *summary = window.findChild<pluvia::widgets::DatasetSummaryWidget *>();
        QVERIFY(summary);
        QTRY_COMPARE_WITH_TIMEOUT(summary->problemCount(), 1, 10000);
        QString text;
        for (QLabel *label : summary->findChildren<QLabel *>())
            text += label->text();
        QVERIFY2(text.contains(QStringLiteral("pairs: 3")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("40–40 × 30–30")), qPrintable(text));
    }

    // A pairing inferred from two sibling folders is shown with its reason, and the swap button
    // pins the other reading in a manifest that the reinspection then follows.
    void inferredPairingIsShownAndSwapped()
    {
        QTemporaryDir dir;
        const QString root = dir.filePath(QStringLiteral("datasets/crops"));
        for (const char *side : { "inputcrop", "cleancrop" }) {
            QDir().mkpath(root + QLatin1Char('/') + QLatin1String(side));
            for (int i = 0; i < 2; ++i) {
                cv::Mat image;
                pluvia::test::texturedImage(40, 30, i).convertTo(image, CV_8UC3, 255.0);
                QVERIFY(cv::imwrite(QStringLiteral("%1/%2/%3.png")
                                        .arg(root, QLatin1String(side))
                                        .arg(i)
                                        .toStdString(),
                    image));
            }
        }
        QVERIFY(registerPairs(dir.path(), QStringLiteral("crops"), root));
        pluvia::app::MainWindow window;
        QVERIFY(window.openWorkspace(dir.path()));
        auto *tree = window.findChild<QTreeWidget *>(QStringLiteral("datasetTree"));
        tree->setCurrentItem(tree->topLevelItem(0));
        auto *summary = window.findChild<pluvia::widgets::DatasetSummaryWidget *>();
        QTRY_VERIFY_WITH_TIMEOUT(summary->canSwapSides(), 10000);
        const auto summaryText = [summary] {
            QString text;
            for (QLabel *label : summary->findChildren<QLabel *>())
                text += label->text();
            return text;
        };
        QVERIFY2(
            summaryText().contains(QStringLiteral("rainy: inputcrop/")), qPrintable(summaryText()));
        QVERIFY(summary->dataset().pairs[0].rainy.contains(QStringLiteral("/inputcrop/")));
        QPushButton *swap = nullptr;
        for (QPushButton *button : summary->findChildren<QPushButton *>())
            if (button->isVisibleTo(summary))
                swap = button;
        QVERIFY(swap);
        swap->click();
        QTRY_VERIFY_WITH_TIMEOUT(summary->dataset().layout == QLatin1String("manifest"), 10000);
        QVERIFY(QFileInfo::exists(root + QStringLiteral("/manifest.json")));
        QVERIFY(summary->dataset().pairs[0].rainy.contains(QStringLiteral("/cleancrop/")));
        QVERIFY(!summary->canSwapSides());
    }

    // A video imported from the GUI becomes a registered time-lapse dataset whose scene the
    // Time-lapse tab offers.
    void importedVideoBecomesATimeLapseDataset()
    {
        QTemporaryDir dir;
        const QString video = dir.filePath(QStringLiteral("yard.avi"));
        QVERIFY(pluvia::test::writeStillVideo(video, 6, 64, 48));
        pluvia::app::MainWindow window;
        QVERIFY(window.openWorkspace(dir.filePath(QStringLiteral("ws"))));
        const QString folder = dir.filePath(QStringLiteral("ws/datasets/videos"));
        window.importVideoInto(video, folder, { 2, 0, {} });
        auto *tree = window.findChild<QTreeWidget *>(QStringLiteral("datasetTree"));
        QTRY_COMPARE_WITH_TIMEOUT(tree->topLevelItemCount(), 1, 20000);
        QCOMPARE(tree->topLevelItem(0)->text(0), QStringLiteral("videos"));
        QCOMPARE(tree->topLevelItem(0)->text(1), QStringLiteral("Time-lapse"));
        auto *view = window.findChild<pluvia::widgets::TemporalConsistencyView *>();
        QVERIFY(view);
        QTRY_COMPARE_WITH_TIMEOUT(view->sceneCount(), 1, 20000);
        QCOMPARE(
            QDir(folder + QStringLiteral("/yard")).entryList({ QStringLiteral("*.png") }).size(),
            3);
    }

    void menusOfferWorkspaceAndHelpActions()
    {
        pluvia::app::MainWindow window;
        QStringList actions;
        for (QAction *menu : window.menuBar()->actions())
            for (QAction *action : menu->menu()->actions())
                actions << action->text().remove(QLatin1Char('&'));
        QVERIFY2(
            actions.contains(QStringLiteral("Open Workspace…")), qPrintable(actions.join(u',')));
        QVERIFY(actions.contains(QStringLiteral("Open Demo Workspace")));
        QVERIFY(actions.contains(QStringLiteral("About Pluvia")));
        for (const char *action : { "Start Training", "Pause / Resume", "Stop",
                 "Resume Selected Run", "Add Dataset…", "Import Video as Time-Lapse…",
                 "Derain Images…", "Decompose Image…", "Export Generated Dataset…" })
            QVERIFY2(actions.contains(QString::fromUtf8(action)), action);
    }

    // Closing the window while a run trains asks first. "No" keeps the window and the run; "Yes"
    // stops the run after its step, writes its checkpoint (the run can be resumed), then closes.
    void closingWhileTrainingAsksAndStopsCleanly()
    {
        QTemporaryDir dir;
        const QString dataset
            = pluvia::test::makePairedDataset(dir.filePath(QStringLiteral("data")), 4, 96, 72, 2);
        QVERIFY(pluvia::test::workspaceWithPairs(dir.path(), dataset));
        pluvia::app::MainWindow window;
        QVERIFY(window.openWorkspace(dir.path()));
        window.show();
        auto *panel = window.findChild<pluvia::widgets::TrainingPanel *>();
        QVERIFY(panel);
        QVERIFY(panel->setMethod(QStringLiteral("supervised")));
        QVERIFY(panel->setRoleDataset(QStringLiteral("synthetic_paired"), QStringLiteral("pairs")));
        panel->form()->applyPreset(QStringLiteral("quick"));
        for (const QString &setting : pluvia::test::tinySupervisedOverrides())
            QVERIFY(panel->form()->setValue(setting.section(u'=', 0, 0), setting.section(u'=', 1)));
        QVERIFY2(panel->form()->isValid(), qPrintable(panel->form()->error()));
        panel->setSteps(1000000);
        auto *runs = window.findChild<pluvia::core::TrainingRuns *>();
        QVERIFY(runs);
        QSignalSpy metrics(runs, &pluvia::core::TrainingRuns::metricsLogged);
        QSignalSpy finished(runs, &pluvia::core::TrainingRuns::runFinished);
        panel->start();
        QVERIFY(!runs->isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(metrics.count() > 0, 30000);

        // Answers the question the close asks with `button`, and records its text.
        QString asked;
        auto answer = [&asked](QMessageBox::StandardButton button) {
            QTimer::singleShot(0, [&asked, button] {
                auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
                if (!box)
                    return;
                asked = box->text();
                box->button(button)->click();
            });
        };
        answer(QMessageBox::No);
        QVERIFY(!window.close());
        QVERIFY2(asked.contains(QStringLiteral("Runs training: 1.")), qPrintable(asked));
        QVERIFY(window.isVisible());
        QVERIFY(!runs->isEmpty());
        QVERIFY(finished.isEmpty());

        asked.clear();
        answer(QMessageBox::Yes);
        window.close();
        QVERIFY(!asked.isEmpty());
        QVERIFY(finished.wait(60000) || !finished.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(!window.isVisible(), 10000);
        const auto status = finished.front().front().value<pluvia::core::RunStatus>();
        QCOMPARE(status, pluvia::core::RunStatus::Stopped);
        QString error;
        auto store = pluvia::core::RunStore::open(dir.path(), &error);
        QVERIFY2(store, qPrintable(error));
        QCOMPARE(store->runs().size(), 1);
        const QString runId = store->runs().front().id;
        const auto checkpoints = store->artifacts(runId, QStringLiteral("checkpoint"));
        QVERIFY(!checkpoints.isEmpty());
        QVERIFY(QFileInfo::exists(checkpoints.back().path));
        const auto record = store->run(runId);
        QVERIFY(record);
        QCOMPARE(record->status, pluvia::core::RunStatus::Stopped);
        qInfo("closed after stopping at %s",
            qPrintable(QFileInfo(checkpoints.back().path).fileName()));
    }

    // A decomposition asked for while the workspace opens is what the viewer ends with: the
    // first pair the dataset inspection would show is not put in its place, whichever finishes
    // first. The checkpoint is remembered for the next start on an image.
    void decompositionIsNotReplacedByTheFirstSample()
    {
        QTemporaryDir dir;
        const QString dataset
            = pluvia::test::makePairedDataset(dir.filePath(QStringLiteral("data")), 4, 96, 72, 4);
        const QString checkpoint = pluvia::test::trainedCheckpoint(
            pluvia::test::tinySupervisedRun(dir.filePath(QStringLiteral("ws")), dataset, 2));
        QVERIFY(QFileInfo::exists(checkpoint));
        QVERIFY(pluvia::test::workspaceWithPairs(dir.filePath(QStringLiteral("ws")), dataset));
        const QString photo = QDir(dataset + QStringLiteral("/rain"))
                                  .entryInfoList(QDir::Files)
                                  .last()
                                  .absoluteFilePath();
        pluvia::app::MainWindow window;
        QVERIFY(window.openWorkspace(dir.filePath(QStringLiteral("ws"))));
        window.decomposeImage(checkpoint, photo);
        auto *viewer = window.findChild<pluvia::widgets::LayerViewer *>();
        QVERIFY(viewer);
        QTRY_COMPARE_WITH_TIMEOUT(viewer->sample(), photo, 30000);
        QTest::qWait(1000); // the inspection has long finished by now
        QCOMPARE(viewer->sample(), photo);

        // What `pluvia IMAGE` decomposes with: the checkpoint that just worked, while it exists.
        QCOMPARE(window.lastDecomposeModel(), QFileInfo(checkpoint).absoluteFilePath());
        QVERIFY(QFile::remove(checkpoint));
        QCOMPARE(window.lastDecomposeModel(), window.derainModel());
    }

    // The import dialog's defaults: the dataset folder it was given, the video's name as the
    // scene, every frame, at most 300; what the user types comes back as the options.
    void importDialogDefaultsAndChoices()
    {
        pluvia::app::ImportVideoDialog dialog(
            QStringLiteral("/videos/street.mp4"), QStringLiteral("/ws/datasets/videos"));
        QCOMPARE(dialog.datasetFolder(), QStringLiteral("/ws/datasets/videos"));
        pluvia::core::VideoImportOptions options = dialog.options();
        QCOMPARE(options.sceneName, QStringLiteral("street"));
        QCOMPARE(options.every, 1);
        QCOMPARE(options.maxFrames, 300);
        const QList<QSpinBox *> spins = dialog.findChildren<QSpinBox *>();
        QCOMPARE(spins.size(), 2);
        spins[0]->setValue(5);
        spins[1]->setValue(0);
        options = dialog.options();
        QCOMPARE(options.every, 5);
        QCOMPARE(options.maxFrames, 0); // shown as "all"
        QCOMPARE(spins[1]->text(), QStringLiteral("all"));
    }

    void aboutBoxNamesThePapers()
    {
        pluvia::app::AboutDialog about;
        QString text;
        for (QLabel *label : about.findChildren<QLabel *>())
            text += label->text();
        for (const char *title : { "Closing the Loop", "DerainCycleGAN",
                 "Rain Direction Regularizer", "Time-Lapse Data" })
            QVERIFY2(text.contains(QLatin1String(title)), title);
        QVERIFY(text.contains(QLatin1String("GNU General Public License")));
    }
};

QTEST_MAIN(TestMainWindow)
#include "test_main_window.moc"
