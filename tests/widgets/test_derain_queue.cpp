// SPDX-License-Identifier: GPL-3.0-or-later
// The derain queue: images derained one after the other agree exactly with the folder derain
// job, Cancel stops between tiles and leaves the image pending, and existing outputs are skipped
// or overwritten only when asked.
#include "core/inference/derain_request.h"
#include "core/store/run_store.h"
#include "core/training/training_run.h"
#include "widgets/derain_queue.h"

#include "support/engine_fixtures.h"
#include "support/test_support.h"

#include <QComboBox>
#include <QDir>
#include <QImage>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest/QtTest>

using namespace pluvia;
using pluvia::widgets::DerainQueue;

class TestDerainQueue : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    test::TinyModel m_model;

private Q_SLOTS:
    void initTestCase()
    {
        m_model = test::tinyTrainedModel(m_dir.path(), 4, 9, 4);
        QVERIFY(QFileInfo::exists(m_model.checkpoint));
    }

    // Every image of the folder derained through the queue equals the folder job's output.
    void queueMatchesTheFolderJob()
    {
        const QString reference = m_dir.filePath(QStringLiteral("reference"));
        core::DerainRequest request;
        request.checkpoint = m_model.checkpoint;
        request.inputs = { m_model.rainy };
        request.outFolder = reference;
        QVERIFY(core::derainImages(request).ok());

        DerainQueue queue;
        const QString out = m_dir.filePath(QStringLiteral("queue"));
        queue.setCheckpoint(m_model.checkpoint);
        queue.setOutputFolder(out);
        queue.addInputs({ m_model.rainy });
        QCOMPARE(queue.count(), 4);
        QSignalSpy finished(&queue, &DerainQueue::queueFinished);
        queue.start();
        QVERIFY(finished.wait(60000));
        for (int row = 0; row < queue.count(); ++row) {
            QCOMPARE(queue.status(row), QStringLiteral("done"));
            const QString b = queue.output(row);
            QVERIFY2(QFileInfo::exists(b), qPrintable(b));
            QCOMPARE(test::fileDigest(b),
                test::fileDigest(QDir(reference).filePath(QFileInfo(b).fileName())));
            // The NIQE column: the input's score and B's, each as the metric scores the file.
            const core::NiqeScore input
                = core::niqeOfFile(QDir(m_model.rainy).filePath(QFileInfo(b).fileName()));
            const core::NiqeScore output = core::niqeOfFile(b);
            QVERIFY2(input.ok() && output.ok(), qPrintable(input.error + output.error));
            QCOMPARE(queue.niqe(row),
                QStringLiteral("%1 → %2").arg(input.value, 0, 'f', 2).arg(output.value, 0, 'f', 2));
        }

        // Again into the same folder: skipped when told to, nothing rewritten.
        const QDateTime before = QFileInfo(queue.output(0)).lastModified();
        DerainQueue again;
        again.setCheckpoint(m_model.checkpoint);
        again.setOutputFolder(out);
        again.setExisting(DerainQueue::Existing::Skip);
        again.addInputs({ m_model.rainy });
        QSignalSpy done(&again, &DerainQueue::queueFinished);
        again.start();
        QVERIFY(done.wait(60000));
        for (int row = 0; row < again.count(); ++row)
            QCOMPARE(again.status(row), QStringLiteral("skipped"));
        QCOMPARE(QFileInfo(queue.output(0)).lastModified(), before);
    }

    // Images of a folder keep their path below it: same-named images in two sub-folders give
    // two outputs.
    void subFoldersKeepTheirImagesApart()
    {
        const QString input = m_dir.filePath(QStringLiteral("nested"));
        const QStringList rainy = QDir(m_model.rainy).entryList(QDir::Files, QDir::Name);
        QVERIFY(rainy.size() >= 2);
        for (const auto &[sub, source] : { std::pair { "day", 0 }, std::pair { "night", 1 } }) {
            QDir().mkpath(input + QLatin1Char('/') + QLatin1String(sub));
            QVERIFY(QFile::copy(QDir(m_model.rainy).filePath(rainy[source]),
                input + QLatin1Char('/') + QLatin1String(sub) + QStringLiteral("/photo.png")));
        }
        DerainQueue queue;
        const QString out = m_dir.filePath(QStringLiteral("nested-out"));
        queue.setCheckpoint(m_model.checkpoint);
        queue.setOutputFolder(out);
        queue.addInputs({ input });
        QCOMPARE(queue.count(), 2);
        QSignalSpy finished(&queue, &DerainQueue::queueFinished);
        queue.start();
        QVERIFY(finished.wait(60000));
        QCOMPARE(queue.status(0), QStringLiteral("done"));
        QCOMPARE(queue.status(1), QStringLiteral("done"));
        QCOMPARE(queue.output(0), QDir(out).filePath(QStringLiteral("day/photo.png")));
        QCOMPARE(queue.output(1), QDir(out).filePath(QStringLiteral("night/photo.png")));
        QVERIFY(test::fileDigest(queue.output(0)) != test::fileDigest(queue.output(1)));
    }

    // Until the user chooses a checkpoint, the first starter model is the one used; a chosen
    // checkpoint comes first and stays chosen when the starter models are listed again. Each is
    // shown with its card's label, or its name alone when the card has none.
    void offersStarterModelsUntilACheckpointIsChosen()
    {
        DerainQueue queue;
        QCOMPARE(queue.checkpoint(), QString());
        const core::StarterModel first { QStringLiteral("alpha"), QStringLiteral("supervised"),
            QStringLiteral("/models/alpha.pt"),
            QJsonObject { { QStringLiteral("label"), QStringLiteral("demo model, of a test") } } };
        const core::StarterModel second { QStringLiteral("beta"), QStringLiteral("jrgr"),
            QStringLiteral("/models/beta.pt"), {} };
        queue.setStarterModels({ first, second });
        QCOMPARE(queue.checkpoint(), first.path);
        QVERIFY(queue.modelLabel().startsWith(QLatin1String("alpha")));
        QVERIFY(queue.modelLabel().endsWith(QLatin1String("demo model, of a test")));
        queue.setCheckpoint(second.path);
        QCOMPARE(queue.modelLabel(), QStringLiteral("beta"));
        queue.setCheckpoint(first.path);
        queue.setCheckpoint(m_model.checkpoint);
        QCOMPARE(queue.checkpoint(), m_model.checkpoint);
        queue.setStarterModels({ second });
        QCOMPARE(queue.checkpoint(), m_model.checkpoint);
        queue.setCheckpoint(second.path); // choosing a listed model again does not add it twice
        QCOMPARE(queue.checkpoint(), second.path);
        queue.setCheckpoint(m_model.checkpoint);
        // The checkpoint, beta, and the temporal mean and median (offered last).
        QCOMPARE(queue.findChild<QComboBox *>()->count(), 4);
        QVERIFY(queue.chooseBaseline(QStringLiteral("temporal-median")));
        QCOMPARE(queue.checkpoint(), QString());
        QVERIFY(queue.findChild<QComboBox *>()->currentIndex() == 3);
    }

    // A time-lapse dataset's frames go to <out>/<scene>/<frame>.png, by a model or by the
    // temporal median of their scene; a plain image queued beside them fails with the median
    // (it has no scene) and the median's B is the scene's clean background, as worked out.
    void sequencesKeepTheirLayout()
    {
        const QString root = m_dir.filePath(QStringLiteral("timelapse"));
        for (const QString &scene : { QStringLiteral("dawn"), QStringLiteral("dusk") }) {
            QDir().mkpath(root + QLatin1Char('/') + scene);
            QImage background(16, 16, QImage::Format_RGB888);
            background.fill(QColor(51, 102, 153));
            QVERIFY(background.save(QStringLiteral("%1/%2/background.png").arg(root, scene)));
            for (int f = 0; f < 3; ++f) {
                QImage frame = background;
                for (int y = 0; y < 16; ++y)
                    frame.setPixelColor(2 * f + 1, y, Qt::white);
                QVERIFY(frame.save(QStringLiteral("%1/%2/%3.png").arg(root, scene).arg(f)));
            }
        }
        for (const QString &model : { QStringLiteral("median"), QStringLiteral("checkpoint") }) {
            DerainQueue queue;
            const QString out = m_dir.filePath(QStringLiteral("sequence-") + model);
            queue.setOutputFolder(out);
            QSignalSpy added(&queue, &DerainQueue::sequenceAdded);
            queue.addSequenceFolder(root);
            QVERIFY(added.wait(20000));
            QCOMPARE(added.first().first().toInt(), 6);
            queue.addInputs({ m_model.rainy + QStringLiteral("/")
                + QDir(m_model.rainy).entryList(QDir::Files).first() });
            if (model == QLatin1String("median"))
                QVERIFY(queue.chooseBaseline(QStringLiteral("temporal-median")));
            else
                queue.setCheckpoint(m_model.checkpoint);
            QSignalSpy finished(&queue, &DerainQueue::queueFinished);
            queue.start();
            QVERIFY(finished.wait(60000));
            for (int row = 0; row < 6; ++row)
                QCOMPARE(queue.status(row), QStringLiteral("done"));
            QCOMPARE(queue.status(6),
                model == QLatin1String("median") ? QStringLiteral("failed")
                                                 : QStringLiteral("done"));
            for (const QString &scene : { QStringLiteral("dawn"), QStringLiteral("dusk") })
                for (int f = 0; f < 3; ++f)
                    QVERIFY(
                        QFileInfo::exists(QStringLiteral("%1/%2/%3.png").arg(out, scene).arg(f)));
            if (model == QLatin1String("median")) {
                const QImage b(out + QStringLiteral("/dusk/1.png"));
                QCOMPARE(b.pixelColor(3, 5), QColor(51, 102, 153)); // the streak is gone
            }
        }
    }

    // Cancel stops the queue between tiles: the image in flight goes back to pending, with no
    // output written for it, and the rest stay pending.
    void cancelStopsBetweenTiles()
    {
        DerainQueue queue;
        const QString out = m_dir.filePath(QStringLiteral("cancelled"));
        queue.setCheckpoint(m_model.checkpoint);
        queue.setOutputFolder(out);
        queue.addInputs({ m_model.rainy });
        QSignalSpy finished(&queue, &DerainQueue::queueFinished);
        queue.start();
        queue.cancel(); // before the first tile ends
        QVERIFY(finished.wait(60000));
        QVERIFY(!queue.isRunning());
        for (int row = 0; row < queue.count(); ++row)
            QCOMPARE(queue.status(row), QStringLiteral("pending"));
        QVERIFY(QDir(out).entryList(QDir::Files).isEmpty());
    }
};

QTEST_MAIN(TestDerainQueue)
#include "test_derain_queue.moc"
