// SPDX-License-Identifier: GPL-3.0-or-later
// A run's stored preview read back (what a click on the loss plot shows) equals the preview the
// run sent while training, to the precision of the files (8-bit images, 16-bit signed layers).
#include "core/inference/decomposition.h"
#include "core/training/training_run.h"

#include "support/engine_fixtures.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest/QtTest>

using namespace pluvia;

class TestStoredPreview : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

private Q_SLOTS:
    void readBackEqualsTheSentPreview()
    {
        const QString dataset
            = test::makePairedDataset(m_dir.filePath(QStringLiteral("data")), 4, 96, 72, 3);
        const QString ws = m_dir.filePath(QStringLiteral("ws"));
        core::RunRequest request = test::tinySupervisedRun(ws, dataset, 10);
        request.engine.previewEvery = 5;
        core::TrainingRun run(request);
        QSignalSpy previews(&run, &core::TrainingRun::previewReady);
        run.start();
        QVERIFY(test::waitForFinish(run));
        core::PreviewEvent sent;
        for (const QList<QVariant> &signal : previews)
            if (signal.first().value<core::PreviewEvent>().step == 5)
                sent = signal.first().value<core::PreviewEvent>();
        QVERIFY(!sent.layers.isEmpty());

        const core::DecomposeResult stored = core::storedPreview(ws, run.runId(), 7); // 5 ≤ 7 < 10
        QVERIFY2(stored.ok(), qPrintable(stored.error));
        QCOMPARE(stored.preview.step, qint64(5));
        QCOMPARE(stored.preview.layers.size(), sent.layers.size());
        for (int i = 0; i < sent.layers.size(); ++i) {
            const core::PreviewLayer &a = sent.layers[i], &b = stored.preview.layers[i];
            QCOMPARE(b.name, a.name);
            QCOMPARE(b.isSigned, a.isSigned);
            QCOMPARE(b.values.size(), a.values.size());
            // 8-bit: half a level; 16-bit signed in [−1, 1]: a level of 2/65535.
            const float tolerance = a.isSigned ? 2.f / 65535.f : 0.5f / 255.f + 1e-6f;
            float worst = 0.f;
            for (qsizetype k = 0; k < a.values.size(); ++k)
                worst = std::max(worst,
                    std::abs(std::clamp(a.values[k], a.isSigned ? -1.f : 0.f, 1.f) - b.values[k]));
            QVERIFY2(
                worst <= tolerance, qPrintable(QStringLiteral("%1: %2").arg(a.name).arg(worst)));
        }
        const core::DecomposeResult earlier = core::storedPreview(ws, run.runId(), 4);
        QVERIFY(earlier.ok() && earlier.preview.step < 5); // the preview of the start
        QVERIFY(!core::storedPreview(ws, run.runId(), -1).ok()); // nothing before the start
    }
};

QTEST_GUILESS_MAIN(TestStoredPreview)
#include "test_stored_preview.moc"
