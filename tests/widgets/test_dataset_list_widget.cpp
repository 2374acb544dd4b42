// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/dataset_list_widget.h"

#include <QLineEdit>
#include <QMimeData>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QtTest/QtTest>

using pluvia::core::DatasetEntry;
using pluvia::core::DatasetKind;
using pluvia::widgets::DatasetListWidget;

class TestDatasetListWidget : public QObject
{
    Q_OBJECT

    static QVector<DatasetEntry> entries()
    {
        return { { 1, QStringLiteral("synthetic"), DatasetKind::Paired,
                     QStringLiteral("/w/datasets/s"), pluvia::core::ImageContent::RainyAndClean, {},
                     {} },
            { 2, QStringLiteral("real_rainy"), DatasetKind::Unpaired,
                QStringLiteral("/w/datasets/r"), pluvia::core::ImageContent::Rainy, {}, {} },
            { 3, QStringLiteral("timelapse"), DatasetKind::TimeLapse,
                QStringLiteral("/w/datasets/t"), pluvia::core::ImageContent::Frames, {}, {} } };
    }

private Q_SLOTS:
    // Dropping folders (and a file, which is ignored) asks for each folder to be added.
    void droppedFoldersAreOffered()
    {
        QTemporaryDir dir;
        QDir(dir.path()).mkdir(QStringLiteral("rainy"));
        QFile file(dir.filePath(QStringLiteral("note.txt")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        pluvia::widgets::DatasetListWidget list;
        QSignalSpy dropped(&list, &pluvia::widgets::DatasetListWidget::folderDropped);
        QMimeData mime;
        mime.setUrls({ QUrl::fromLocalFile(dir.filePath(QStringLiteral("rainy"))),
            QUrl::fromLocalFile(file.fileName()) });
        QDragEnterEvent enter(QPoint(5, 5), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&list, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(5, 5), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&list, &drop);
        QCOMPARE(dropped.count(), 1);
        QCOMPARE(dropped.first().first().toString(), dir.filePath(QStringLiteral("rainy")));
    }

    // A video (by its suffix, any case) is offered for import; other files are not.
    void droppedVideosAreOffered()
    {
        QTemporaryDir dir;
        const QString video = dir.filePath(QStringLiteral("street.MP4"));
        const QString text = dir.filePath(QStringLiteral("note.txt"));
        for (const QString &path : { video, text }) {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
        }
        pluvia::widgets::DatasetListWidget list;
        QSignalSpy videos(&list, &pluvia::widgets::DatasetListWidget::videoDropped);
        QSignalSpy folders(&list, &pluvia::widgets::DatasetListWidget::folderDropped);
        QMimeData onlyText;
        onlyText.setUrls({ QUrl::fromLocalFile(text) });
        QDragEnterEvent refused(
            QPoint(5, 5), Qt::CopyAction, &onlyText, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&list, &refused);
        QVERIFY(!refused.isAccepted());
        QMimeData mime;
        mime.setUrls({ QUrl::fromLocalFile(text), QUrl::fromLocalFile(video) });
        QDragEnterEvent enter(QPoint(5, 5), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&list, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(5, 5), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&list, &drop);
        QCOMPARE(videos.count(), 1);
        QCOMPARE(videos.first().first().toString(), video);
        QCOMPARE(folders.count(), 0);
    }

    void listsEveryDatasetWithItsKind()
    {
        DatasetListWidget widget;
        widget.setDatasets(entries());
        auto *tree = widget.findChild<QTreeWidget *>();
        QVERIFY(tree);
        QCOMPARE(widget.datasetCount(), 3);
        QCOMPARE(tree->topLevelItemCount(), 3);
        QCOMPARE(tree->topLevelItem(2)->text(0), QStringLiteral("timelapse"));
        QCOMPARE(tree->topLevelItem(2)->text(1), QStringLiteral("Time-lapse"));
        QCOMPARE(tree->topLevelItem(0)->text(1), QStringLiteral("Paired"));
    }

    void filterHidesNonMatchingNames()
    {
        DatasetListWidget widget;
        widget.setDatasets(entries());
        auto *tree = widget.findChild<QTreeWidget *>();
        widget.findChild<QLineEdit *>()->setText(QStringLiteral("RAIN"));
        QVERIFY(!tree->topLevelItem(1)->isHidden()); // real_rainy
        QVERIFY(tree->topLevelItem(0)->isHidden()); // synthetic
        QVERIFY(tree->topLevelItem(2)->isHidden()); // timelapse
    }

    void selectingEmitsTheEntry()
    {
        DatasetListWidget widget;
        widget.setDatasets(entries());
        QSignalSpy spy(&widget, &DatasetListWidget::datasetActivated);
        auto *tree = widget.findChild<QTreeWidget *>();
        tree->setCurrentItem(tree->topLevelItem(1));
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.at(0).at(0).value<DatasetEntry>().name, QStringLiteral("real_rainy"));
    }
};

QTEST_MAIN(TestDatasetListWidget)
#include "test_dataset_list_widget.moc"
