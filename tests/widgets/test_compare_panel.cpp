// SPDX-License-Identifier: GPL-3.0-or-later
// The Compare tab: it refuses to run without a test set, runs a comparison off the GUI thread
// with the table filling as rows finish, shows the rainy input's PSNR-Y / SSIM-Y as computed
// from the files directly, marks the best cells, saves the comparison in the workspace with its
// table and figure, reopens it from a fresh panel, and a double-click on a cell names that row's
// output.
#include "core/analysis/comparison_layers.h"
#include "core/analysis/comparison_store.h"
#include "core/data/dataset.h"
#include "core/image/image_io_p.h"
#include "core/metrics/image_metrics_p.h"
#include "widgets/compare_panel.h"

#include "support/engine_fixtures.h"

#include <QDir>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest/QtTest>

using namespace pluvia;
using widgets::ComparePanel;

class TestComparePanel : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    test::TinyModel m_model;
    QString m_workspace;
    QVector<core::DatasetEntry> m_datasets;

private Q_SLOTS:
    void initTestCase()
    {
        m_model = test::tinyTrainedModel(m_dir.filePath(QStringLiteral("model")), 3, 21, 4);
        QVERIFY(QFileInfo::exists(m_model.checkpoint));
        m_workspace = m_dir.filePath(QStringLiteral("model/ws"));
        core::DatasetEntry pairs;
        pairs.name = QStringLiteral("pairs");
        pairs.kind = core::DatasetKind::Paired;
        pairs.path = m_model.dataset;
        m_datasets = { pairs };
    }

    void refusesWithoutATestSet()
    {
        ComparePanel panel;
        panel.setWorkspace(m_workspace, m_datasets);
        panel.addCheckpoint(m_model.checkpoint);
        panel.start();
        QVERIFY(!panel.isRunning());
        QVERIFY2(panel.statusText().contains(QStringLiteral("test set")),
            qPrintable(panel.statusText()));
    }

    void runsSavesAndReopens()
    {
        ComparePanel panel;
        panel.setWorkspace(m_workspace, m_datasets);
        panel.addCheckpoint(m_model.checkpoint);
        panel.addCheckpoint(m_model.checkpoint); // kept once
        QCOMPARE(panel.checkpoints(), QStringList { m_model.checkpoint });
        panel.setName(QStringLiteral("tiny"));
        panel.setTestChecked(QStringLiteral("pairs"), true);
        QSignalSpy finished(&panel, &ComparePanel::finished);
        panel.start();
        QVERIFY(panel.isRunning());
        QVERIFY(finished.wait(240000));
        QCOMPARE(finished.first().first().toBool(), true);
        QCOMPARE(panel.tableRows(), 2); // the rainy input, the checkpoint
        QCOMPARE(panel.tableColumns(), 2); // PSNR-Y and SSIM-Y of the one test set

        // The input row's cell: the mean PSNR-Y / SSIM-Y of the rainy files against the clean.
        const core::DatasetInspection pairs
            = core::inspectDataset(m_model.dataset, core::InspectOptions {});
        double psnr = 0.0, ssim = 0.0;
        for (const core::DatasetPair &pair : pairs.dataset.pairs) {
            const core::ImageComparison scores
                = core::compareImages(core::readImage(pair.rainy).pixels,
                    core::readImage(pair.clean).pixels, core::MetricOptions {});
            psnr += scores.psnr / double(pairs.dataset.pairs.size());
            ssim += scores.ssim / double(pairs.dataset.pairs.size());
        }
        QCOMPARE(panel.cellText(0, 0), QString::number(psnr, 'f', 2));
        QCOMPARE(panel.cellText(0, 1), QString::number(ssim, 'f', 4));
        QCOMPARE(
            panel.cellText(1, 0), QString::number(panel.result().rows[1].cells[0].psnr, 'f', 2));
        // Exactly one row holds the best PSNR unless they tie; the bold cell is that row.
        const auto &rows = panel.result().rows;
        const int better = rows[1].cells[0].psnr > rows[0].cells[0].psnr ? 1 : 0;
        QVERIFY(panel.cellIsBest(better, 0));

        const QString folder = core::comparisonFolder(m_workspace, QStringLiteral("tiny"));
        for (const char *file : { "comparison.json", "results.md", "results.csv", "results.latex",
                 "results.json", "figure.png", "figure.pdf" })
            QVERIFY2(QFileInfo::exists(QDir(folder).filePath(QLatin1String(file))), file);
        QCOMPARE(panel.savedNames(), QStringList { QStringLiteral("tiny") });

        QSignalSpy chosen(&panel, &ComparePanel::cellChosen);
        auto *table = panel.findChild<QTableWidget *>();
        QVERIFY(table);
        Q_EMIT table->cellDoubleClicked(1, 1);
        QCOMPARE(chosen.count(), 1);
        QCOMPARE(chosen.first().at(0).toInt(), 1);
        QCOMPARE(chosen.first().at(1).toInt(), 0); // the test set of the SSIM column
        // Its layers: O the rainy image, B the checkpoint's output, R = O − B, then the other
        // row (the rainy input itself) and the ground truth.
        const core::DecomposeResult layers = core::comparisonLayers(panel.result(), 1, 0, 0);
        QVERIFY2(layers.ok(), qPrintable(layers.error));
        QStringList names;
        for (const core::PreviewLayer &layer : layers.preview.layers)
            names << layer.name;
        QCOMPARE(names,
            QStringList({ QStringLiteral("O"), QStringLiteral("B"), QStringLiteral("R"),
                QStringLiteral("rainy input"), QStringLiteral("B_gt") }));
        const core::ComparisonImage &first = panel.result().images[0].first();
        const QImage output(core::comparisonOutput(panel.result(), 1, 0, first));
        QCOMPARE(layers.preview.layers[1].display.convertToFormat(QImage::Format_RGB888),
            output.convertToFormat(QImage::Format_RGB888));
        QCOMPARE(layers.preview.layers[4].display.convertToFormat(QImage::Format_RGB888),
            QImage(first.groundTruth).convertToFormat(QImage::Format_RGB888));

        // A fresh panel lists it and reopens it: the same rows and the same numbers.
        ComparePanel reopened;
        reopened.setWorkspace(m_workspace, m_datasets);
        QCOMPARE(reopened.savedNames(), QStringList { QStringLiteral("tiny") });
        QSignalSpy again(&reopened, &ComparePanel::finished);
        reopened.open(QStringLiteral("tiny"));
        QVERIFY(again.wait(240000));
        QCOMPARE(reopened.checkpoints(), QStringList { m_model.checkpoint });
        QCOMPARE(reopened.cellText(0, 0), panel.cellText(0, 0));
        QCOMPARE(reopened.cellText(1, 0), panel.cellText(1, 0));
        QCOMPARE(reopened.cellText(1, 1), panel.cellText(1, 1));
    }
};

QTEST_MAIN(TestComparePanel)
#include "test_compare_panel.moc"
