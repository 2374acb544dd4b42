// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/about_dialog.h"
#include "app/gui/main_window.h"
#include "core/workspace/workspace.h"
#include "support/test_support.h"

#include <opencv2/imgcodecs.hpp>

#include "widgets/dataset_summary_widget.h"

#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QtTest/QtTest>

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
        {
            QString error;
            auto workspace = pluvia::core::Workspace::open(dir.path(), &error);
            QVERIFY(workspace->addDataset(
                { 0, QStringLiteral("pairs"), pluvia::core::DatasetKind::Paired, root, {}, {}, {} },
                &error));
        }
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
