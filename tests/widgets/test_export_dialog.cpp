// SPDX-License-Identifier: GPL-3.0-or-later
// The export dialog: a preview of four generated images with their rain layers that writes
// nothing to the output folder, variants with their own seeds, each a dataset with a manifest,
// and Cancel that leaves no manifest behind.
#include "core/store/run_store.h"
#include "core/training/training_run.h"
#include "widgets/export_dialog.h"

#include "support/engine_fixtures.h"
#include "support/test_support.h"

#include <QDir>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest/QtTest>

using namespace pluvia;
using pluvia::widgets::ExportDialog;

class TestExportDialog : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_checkpoint;
    QString m_clean;

private Q_SLOTS:
    void initTestCase()
    {
        const QString dataset
            = test::makePairedDataset(m_dir.filePath(QStringLiteral("data")), 6, 96, 72, 4);
        m_clean = m_dir.filePath(QStringLiteral("data/clean"));
        core::RunRequest request;
        request.workspace = m_dir.filePath(QStringLiteral("ws"));
        request.method = QStringLiteral("jrgr");
        request.preset = QStringLiteral("quick");
        request.overrides = { QStringLiteral("crop_size=32"), QStringLiteral("unet_levels=2") };
        request.data = { { QStringLiteral("synthetic_paired"), dataset },
            { QStringLiteral("real_rainy"), dataset + QStringLiteral("/rain") } };
        request.engine.steps = 2;
        request.engine.previewEvery = 0;
        request.engine.loaderThreads = 1;
        m_checkpoint = test::trainedCheckpoint(request);
        QVERIFY(QFileInfo::exists(m_checkpoint));
    }

    void previewThenVariants()
    {
        ExportDialog dialog;
        const QString out = m_dir.filePath(QStringLiteral("export"));
        dialog.setCheckpoint(m_checkpoint);
        dialog.setCleanFolder(m_clean);
        dialog.setOutputFolder(out);
        dialog.setVariants(2);
        dialog.setSeed(5);
        QSignalSpy preview(&dialog, &ExportDialog::previewReady);
        dialog.preview();
        QVERIFY(preview.wait(60000));
        QCOMPARE(dialog.previewCount(), 4);
        QVERIFY2(!QFileInfo::exists(out), "the preview writes nothing to the output folder");

        QSignalSpy exported(&dialog, &ExportDialog::datasetExported);
        QSignalSpy finished(&dialog, &ExportDialog::exportFinished);
        dialog.exportAll();
        QVERIFY(finished.wait(60000));
        QCOMPARE(finished.first().first().toBool(), true);
        QCOMPARE(exported.count(), 2);
        QStringList firstImages;
        for (int v = 0; v < 2; ++v) {
            const QString folder = exported.at(v).at(0).toString();
            QCOMPARE(folder, QDir(out).filePath(QStringLiteral("variant-%1").arg(v + 1)));
            QVERIFY(QFileInfo::exists(exported.at(v).at(1).toString())); // the manifest
            const QStringList rain
                = QDir(folder + QStringLiteral("/rain")).entryList(QDir::Files, QDir::Name);
            QCOMPARE(rain.size(), 6);
            firstImages << folder + QStringLiteral("/rain/") + rain.front();
        }
        // Each variant has its own seed, hence its own rain.
        QVERIFY(test::fileDigest(firstImages[0]) != test::fileDigest(firstImages[1]));
    }

    void cancelLeavesNoDataset()
    {
        ExportDialog dialog;
        const QString out = m_dir.filePath(QStringLiteral("cancelled"));
        dialog.setCheckpoint(m_checkpoint);
        dialog.setCleanFolder(m_clean);
        dialog.setOutputFolder(out);
        QSignalSpy finished(&dialog, &ExportDialog::exportFinished);
        dialog.exportAll();
        dialog.cancel();
        QVERIFY(finished.wait(60000));
        QCOMPARE(finished.first().first().toBool(), false);
        QVERIFY(!QFileInfo::exists(out + QStringLiteral("/manifest.json")));
        QVERIFY2(
            dialog.status().contains(QStringLiteral("Cancelled")), qPrintable(dialog.status()));
    }
};

QTEST_MAIN(TestExportDialog)
#include "test_export_dialog.moc"
