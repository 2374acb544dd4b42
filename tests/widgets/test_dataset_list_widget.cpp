// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/dataset_list_widget.h"

#include <QLineEdit>
#include <QSignalSpy>
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
                     QStringLiteral("/w/datasets/s"), QStringLiteral("rainy+clean"), {}, {} },
            { 2, QStringLiteral("real_rainy"), DatasetKind::Unpaired,
                QStringLiteral("/w/datasets/r"), QStringLiteral("rainy"), {}, {} },
            { 3, QStringLiteral("timelapse"), DatasetKind::TimeLapse,
                QStringLiteral("/w/datasets/t"), QStringLiteral("frames"), {}, {} } };
    }

private Q_SLOTS:
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
