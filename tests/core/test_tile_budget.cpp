// SPDX-License-Identifier: GPL-3.0-or-later
// The derain job's memory: the meter charges its own thread's LibTorch allocations and enforces
// a limit as an out-of-memory error; the tile size for a budget is the hand-computed one; the
// measured memory model predicts the peak of a tile size it was not fitted on; and an image that
// runs out of memory is derained again with smaller tiles, giving the whole-image result.
#include "core/checkpoint/checkpoint_p.h"
#include "core/inference/derain_request.h"
#include "core/inference/tile_budget_p.h"
#include "core/inference/tiled_inference_p.h"
#include "core/runtime/memory_meter_p.h"
#include "core/store/run_store.h"
#include "models/framework/method_registry.h"

#include "support/engine_fixtures.h"
#include "support/test_support.h"

#include <QtTest/QtTest>

#include <opencv2/imgcodecs.hpp>
#include <torch/torch.h>

#include <thread>

using namespace pluvia;
using namespace pluvia::core;

class TestTileBudget : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void meterChargesItsThread()
    {
        MemoryMeter meter;
        {
            const at::Tensor a = torch::empty({ 1000 }); // 4000 bytes of float
            QCOMPARE(meter.currentBytes(), qint64(4000));
            std::thread([] { (void)torch::empty({ 5000 }); }).join(); // another thread's
            QCOMPARE(meter.currentBytes(), qint64(4000));
        }
        QCOMPARE(meter.currentBytes(), qint64(0));
        QCOMPARE(meter.peakBytes(), qint64(4000));
        meter.resetPeak();
        QCOMPARE(meter.peakBytes(), qint64(0));
    }

    void limitIsAnOutOfMemoryError()
    {
        MemoryMeter meter(1 << 20);
        bool thrown = false;
        try {
            (void)torch::empty({ 1 << 19 }); // 2 MiB
        } catch (const std::exception &e) {
            thrown = true;
            QVERIFY2(isOutOfMemory(e), e.what());
        }
        QVERIFY(thrown);
        QCOMPARE(meter.currentBytes(), qint64(0));
        QCOMPARE(torch::ones({ 1000 }).sum().item<float>(), 1000.0f); // small ones still fit
        QVERIFY(!isOutOfMemory(std::runtime_error("shape mismatch")));
    }

    void tileForABudget()
    {
        // Alignment 8, receptive radius 20 → margin 24; blend 32: minimum 2·24 + 32 + 8 = 88.
        const models::InferenceGeometry geometry { 8, 20 };
        QCOMPARE(minimumTileSize(geometry, 32), 88);
        const InferenceMemory memory { 1e6, 1000.0, 0 };
        // 100 × 100 image: 13 float channels of stitching = 520,000 bytes.
        QCOMPARE(stitchingBytes(100, 100, 0), 520000.0);
        QCOMPARE(stitchingBytes(100, 100, 2), 680000.0);
        const double budget = 520000.0 + 1e6 + 1000.0 * 300 * 300;
        QCOMPARE(tileSizeForBudget(memory, budget, 100, 100, geometry, 32), 296); // 300 ↓ 8
        QCOMPARE(tileSizeForBudget(memory, 1e6, 100, 100, geometry, 32), 88); // nothing left
        QCOMPARE(tileSizeForBudget(memory, 1e15, 100, 100, geometry, 32), kMaxAutoTile);
        // Halving after running out of memory: from the whole image, then down to the minimum.
        QCOMPARE(smallerTileSize(0, 600, 1000, geometry, 32), 496); // 500 ↓ 8
        QCOMPARE(smallerTileSize(4000, 600, 1000, geometry, 32), 496); // capped by the image
        QCOMPARE(smallerTileSize(120, 600, 1000, geometry, 32), 88);
        QCOMPARE(smallerTileSize(88, 600, 1000, geometry, 32), 0);
    }

    // Fitted on 128² and 256² probes, the model predicts the peak at 384².
    void memoryModelPredictsAnotherSize()
    {
        const auto *description = models::findMethod("supervised");
        models::Params params;
        QVERIFY(models::resolveParams(*description, "quick", {}, &params).empty());
        std::string error;
        auto method = models::createMethod("supervised", params, c10::Device("cpu"), 5, &error);
        QVERIFY2(method, error.c_str());
        const InferenceMemory memory = measureInferenceMemory(*method, false);
        QVERIFY(memory.bytesPerPixel > 12.0); // at least the input, B and R: 3 floats each
        torch::NoGradGuard noGrad;
        MemoryMeter meter;
        const at::Tensor tile = torch::full({ 1, 3, 384, 384 }, 0.5f);
        (void)method->derain(tile, false);
        const double measured = double(meter.peakBytes());
        const double predicted = memory.fixedBytes + memory.bytesPerPixel * 384.0 * 384.0;
        qInfo("%.1f bytes per pixel, %.0f fixed; at 384²: predicted %.2f MB, measured %.2f MB",
            memory.bytesPerPixel, memory.fixedBytes, predicted / 1e6, measured / 1e6);
        QVERIFY(std::abs(predicted - measured) < 0.1 * measured);
    }

    // With a limit the whole image cannot meet, the job retries with smaller tiles and writes
    // what the unlimited whole-image job writes (up to the tiles' seams, < 1/255 inside); with a
    // limit no tile meets, the image is a problem named with its file.
    void outOfMemoryRetriesWithSmallerTiles()
    {
        QTemporaryDir dir;
        const QString checkpoint = test::tinyTrainedModel(dir.path(), 2, 3, 2).checkpoint;
        QVERIFY(QFileInfo::exists(checkpoint));
        QString error;
        const QString input = dir.filePath(QStringLiteral("photo.png"));
        cv::Mat picture;
        test::texturedImage(360, 300, 11).convertTo(picture, CV_8UC3, 255.0);
        QVERIFY(cv::imwrite(input.toStdString(), picture));

        DerainRequest request;
        request.checkpoint = checkpoint;
        request.inputs = { input };
        request.tileSize = 0;
        request.outFolder = dir.filePath(QStringLiteral("whole"));
        const DerainReport whole = derainImages(request);
        QVERIFY2(whole.ok() && whole.problems.isEmpty(), qPrintable(whole.problems.join(';')));
        QCOMPARE(whole.files.front().tileSize, 0);
        QCOMPARE(whole.files.front().retries, 0);

        // The whole image's peak under the job's own meter, to set a limit below it.
        qint64 wholePeak = 0;
        {
            CheckpointInfo info;
            auto method
                = loadMethodFromCheckpoint(checkpoint, QStringLiteral("cpu"), &info, &error);
            QVERIFY2(method, qPrintable(error));
            MemoryMeter meter;
            QVERIFY(derainTiled(*method, torch::rand({ 3, 300, 360 }), TileOptions { 0, 32 }, {}));
            wholePeak = meter.peakBytes();
        }
        request.memoryLimitBytes = wholePeak * 6 / 10;
        request.outFolder = dir.filePath(QStringLiteral("limited"));
        const DerainReport limited = derainImages(request);
        QVERIFY2(
            limited.ok() && limited.problems.isEmpty(), qPrintable(limited.problems.join(';')));
        const DerainedFile &file = limited.files.front();
        qInfo("whole-image peak %.2f MB; limit %.2f MB: %d retries, then %d px tiles (%d tiles)",
            wholePeak / 1e6, request.memoryLimitBytes / 1e6, file.retries, file.tileSize,
            file.tiles);
        QVERIFY(file.retries >= 1);
        QVERIFY(file.tileSize > 0 && file.tileSize < 360);
        QVERIFY(file.tiles > 1);
        const cv::Mat a = cv::imread(whole.files.front().outputs.front().toStdString());
        const cv::Mat b = cv::imread(file.outputs.front().toStdString());
        QCOMPARE(a.size(), b.size());
        cv::Mat difference;
        cv::absdiff(a, b, difference);
        double worst = 0.0;
        cv::minMaxLoc(difference.reshape(1), nullptr, &worst);
        QVERIFY2(worst <= 1.0, qPrintable(QString::number(worst)));

        request.memoryLimitBytes = 64 * 1024;
        request.outFolder = dir.filePath(QStringLiteral("hopeless"));
        const DerainReport hopeless = derainImages(request);
        QCOMPARE(hopeless.files.size(), 0);
        QCOMPARE(hopeless.problems.size(), 1);
        QVERIFY2(hopeless.problems.front().contains(QStringLiteral("photo.png"))
                && hopeless.problems.front().contains(QStringLiteral("out of memory"))
                && hopeless.problems.front().contains(QStringLiteral("smallest tile")),
            qPrintable(hopeless.problems.front()));
    }
};

QTEST_GUILESS_MAIN(TestTileBudget)
#include "test_tile_budget.moc"
