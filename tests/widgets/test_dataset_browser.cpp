// SPDX-License-Identifier: GPL-3.0-or-later
// The dataset browser: paired samples as one item (rainy | clean | R), thumbnails made off the
// GUI thread and cached on disk, filtering, problems listed, and a 10,000-image folder.
#include "core/data/dataset.h"
#include "core/data/thumbnail_cache.h"
#include "widgets/dataset_browser.h"
#include "widgets/thumbnail_model.h"

#include "support/engine_fixtures.h"
#include "support/test_support.h"

#include <QElapsedTimer>
#include <QListView>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest/QtTest>

using namespace pluvia;
using pluvia::widgets::DatasetBrowser;

class TestDatasetBrowser : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

private Q_SLOTS:
    void pairedItemsAndCachedThumbnails()
    {
        const QString dataset
            = test::makePairedDataset(m_dir.filePath(QStringLiteral("paired")), 6, 96, 72, 2);
        const core::DatasetInspection inspection = core::inspectDataset(dataset, {});
        QVERIFY2(inspection.ok(), qPrintable(inspection.error));
        const QString cache = m_dir.filePath(QStringLiteral("cache"));
        DatasetBrowser browser;
        browser.resize(1000, 600);
        browser.show();
        QVERIFY(QTest::qWaitForWindowExposed(&browser));
        QSignalSpy loaded(browser.model(), &widgets::ThumbnailModel::thumbnailLoaded);
        browser.setInspection(QStringLiteral("paired"), inspection, cache);
        QCOMPARE(browser.itemCount(), 6); // one item per pair
        for (int row = 0; row < 6; ++row) // as a view scrolled over every item would ask
            browser.model()->index(row).data(Qt::DecorationRole);
        QTRY_COMPARE_WITH_TIMEOUT(browser.model()->loadedCount(), 6, 20000);
        // rainy | clean | R, each scaled to 128 wide.
        const QPixmap thumbnail
            = browser.model()->index(0).data(Qt::DecorationRole).value<QPixmap>();
        QCOMPARE(thumbnail.width(), 3 * 128 + 4);
        QCOMPARE(QDir(cache).entryList(QDir::Files).size(), 6);
        // The cached thumbnail is what a fresh load gives.
        const core::DatasetPair &pair = inspection.dataset.pairs.front();
        QCOMPARE(core::loadThumbnail(pair.rainy, pair.clean, 128, cache),
            core::loadThumbnail(pair.rainy, pair.clean, 128, QString()));

        browser.setFilter(inspection.dataset.pairs[2].rainy.section(QLatin1Char('/'), -1));
        QCOMPARE(browser.visibleCount(), 1);
        browser.setFilter(QString());
        QCOMPARE(browser.visibleCount(), 6);
    }

    // A time-lapse dataset: frames as items, and a player that shows a chosen frame and plays.
    void timeLapsePlayer()
    {
        const QString root = m_dir.filePath(QStringLiteral("timelapse"));
        const int frames[] = { 4, 3 };
        for (int s = 0; s < 2; ++s) {
            const QString scene = QStringLiteral("%1/scene%2").arg(root).arg(s + 1);
            QDir().mkpath(scene);
            for (int f = 0; f < frames[s]; ++f) {
                QImage image(40, 30, QImage::Format_RGB888);
                image.fill(QColor::fromHsv(40 * f, 200, 100 + 60 * s));
                QVERIFY(image.save(QStringLiteral("%1/frame%2.png").arg(scene).arg(f + 1)));
            }
        }
        core::InspectOptions options;
        options.kind = core::DatasetKind::TimeLapse;
        const core::DatasetInspection inspection = core::inspectDataset(root, options);
        QVERIFY2(inspection.ok(), qPrintable(inspection.error));
        DatasetBrowser browser;
        QSignalSpy shown(&browser, &DatasetBrowser::frameShown);
        browser.setInspection(QStringLiteral("timelapse"), inspection, QString());
        QCOMPARE(browser.itemCount(), 7);
        QVERIFY(browser.playerVisible());
        QVERIFY(shown.wait(10000));
        QVERIFY2(browser.shownFrame().endsWith(QStringLiteral("scene1/frame1.png")),
            qPrintable(browser.shownFrame()));
        browser.showFrame(1, 2);
        QTRY_VERIFY_WITH_TIMEOUT(
            browser.shownFrame().endsWith(QStringLiteral("scene2/frame3.png")), 10000);
        browser.setPlaying(true); // 5 frames/s, wrapping round to the scene's first frame
        QTRY_VERIFY_WITH_TIMEOUT(
            browser.shownFrame().endsWith(QStringLiteral("scene2/frame1.png")), 10000);
        browser.setPlaying(false);
    }

    // 10,000 images and one broken file: counts, the problem listed, and how long it takes to
    // show them (reported; the target is 2 s).
    void tenThousandImages()
    {
        const QString folder = m_dir.filePath(QStringLiteral("many"));
        QVERIFY(test::writeManyImages(folder, 10000));
        QFile broken(folder + QStringLiteral("/broken.png"));
        QVERIFY(broken.open(QIODevice::WriteOnly));
        broken.write("not an image");
        broken.close();

        QElapsedTimer clock;
        clock.start();
        core::InspectOptions options;
        options.kind = core::DatasetKind::Unpaired;
        const core::DatasetInspection inspection = core::inspectDataset(folder, options);
        const qint64 inspected = clock.elapsed();
        DatasetBrowser browser;
        browser.resize(1000, 600);
        browser.show();
        browser.setInspection(
            QStringLiteral("many"), inspection, m_dir.filePath(QStringLiteral("cache-many")));
        QCoreApplication::processEvents();
        const qint64 shown = clock.elapsed();
        QCOMPARE(browser.itemCount(), 10000);
        QCOMPARE(browser.problemCount(), 1);
        // Only the visible rows are asked for thumbnails (the view is virtualised).
        QTRY_VERIFY_WITH_TIMEOUT(browser.model()->loadedCount() > 0, 20000);
        QVERIFY2(browser.model()->loadedCount() < 1000,
            qPrintable(QString::number(browser.model()->loadedCount())));
        browser.jumpTo(9000);
        QCOMPARE(browser.view()->currentIndex().data().toString(), QStringLiteral("img_08999.png"));
        qInfo("10,000 images: inspected in %lld ms, shown in %lld ms", inspected, shown);
    }
};

QTEST_MAIN(TestDatasetBrowser)
#include "test_dataset_browser.moc"
