// SPDX-License-Identifier: GPL-3.0-or-later
// Tiled inference: the tiling's geometry, and tiled = whole-image results for the baseline
// network (seams must be invisible), and cancel between tiles.
#include "core/inference/tiled_inference_p.h"
#include "models/framework/method_registry.h"
#include "models/networks/unet.h"

#include "support/test_support.h"

#include <QtTest/QtTest>

#include <torch/torch.h>

using namespace pluvia::core;

namespace {

std::unique_ptr<pluvia::models::Method> baseline()
{
    const auto *description = pluvia::models::findMethod("supervised");
    pluvia::models::Params params;
    if (!pluvia::models::resolveParams(*description, "paper", {}, &params).empty())
        return nullptr;
    std::string error;
    auto method = pluvia::models::createMethod("supervised", params, c10::Device("cpu"), 5, &error);
    // Centre the untrained output in (0, 1), so clamping B cannot hide differences.
    torch::NoGradGuard noGrad;
    for (auto &item : method->networks()[0].second->named_parameters())
        if (item.key() == "head.bias")
            item.value().fill_(0.5);
    return method;
}

} // namespace

class TestTiledInference : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void plan_data()
    {
        QTest::addColumn<int>("length");
        QTest::addColumn<int>("tile");
        QTest::addColumn<int>("margin");
        QTest::addColumn<int>("blend");
        QTest::addColumn<int>("alignment");
        QTest::newRow("fits in one tile") << 300 << 512 << 64 << 32 << 8;
        QTest::newRow("odd length") << 1001 << 256 << 64 << 32 << 8;
        QTest::newRow("4000 px photo") << 4000 << 512 << 64 << 32 << 8;
        QTest::newRow("tile raised to fit margins") << 700 << 100 << 64 << 32 << 8;
        QTest::newRow("no alignment") << 333 << 96 << 10 << 8 << 1;
        QTest::newRow("length just over a tile") << 513 << 512 << 64 << 32 << 8;
    }
    void plan()
    {
        QFETCH(int, length);
        QFETCH(int, tile);
        QFETCH(int, margin);
        QFETCH(int, blend);
        QFETCH(int, alignment);
        const std::vector<TileSpan> spans = planTiles(length, tile, margin, blend, alignment);
        QVERIFY(!spans.empty());
        QCOMPARE(spans.front().start, 0);
        QCOMPARE(spans.back().end, length);
        std::vector<double> coverage(size_t(length), 0.0);
        for (size_t i = 0; i < spans.size(); ++i) {
            const TileSpan &s = spans[i];
            QCOMPARE(s.start % alignment, 0);
            QVERIFY(s.start < s.end && s.end <= length);
            // Context margins on every cut edge; none needed on the image border.
            QCOMPARE(s.useStart, s.start == 0 ? 0 : s.start + margin);
            QCOMPARE(s.useEnd, s.end == length ? length : s.end - margin);
            if (i > 0)
                QVERIFY2(s.start > spans[i - 1].start, "tiles must advance");
            for (int x = s.start; x < s.end; ++x)
                coverage[size_t(x)] += tileWeight(s, x, length, blend);
        }
        for (int x = 0; x < length; ++x)
            QVERIFY2(
                coverage[size_t(x)] > 0.0, qPrintable(QStringLiteral("pixel %1 uncovered").arg(x)));
    }

    // The acceptance test of the issue: tiled equals whole-image within 1e-3 away from the outer
    // border, for the baseline's 64-channel U-Net, on an odd-sized image several tiles wide.
    void tiledEqualsWhole()
    {
        auto method = baseline();
        QVERIFY(method);
        const cv::Mat picture = pluvia::test::texturedImage(470, 300, 3);
        const at::Tensor image = torch::from_blob(picture.data, { 300, 470, 3 }, torch::kFloat32)
                                     .permute({ 2, 0, 1 })
                                     .clone();
        const auto whole = derainTiled(*method, image, TileOptions { 0, 32 }, {});
        int tiles = 0;
        const auto tiled
            = derainTiled(*method, image, TileOptions { 256, 32 }, [&](int done, int total) {
                  tiles = total;
                  return done <= total;
              });
        QVERIFY(whole && tiled);
        QVERIFY2(tiles >= 6, qPrintable(QString::number(tiles)));
        const at::Tensor b = whole->background[0];
        const double inRange = ((b > 0.0) & (b < 1.0)).to(torch::kFloat64).mean().item<double>();
        QVERIFY2(inRange > 0.9, qPrintable(QString::number(inRange))); // not saturated
        QVERIFY(b.std().item<double>() > 1e-3); // and not constant
        using torch::indexing::Slice;
        const int border = 8;
        const at::Tensor difference = (tiled->background[0] - b).abs();
        const double interior
            = difference.index({ Slice(), Slice(border, -border), Slice(border, -border) })
                  .max()
                  .item<double>();
        QVERIFY2(interior <= 1e-3, qPrintable(QString::number(interior)));
        qInfo("max |tiled - whole|: %.3g inside an %d px border, %.3g overall", interior, border,
            difference.max().item<double>());
        // R = O − B holds for the stitched result too.
        QVERIFY((tiled->background[0] + tiled->rain[0] - image).abs().max().item<double>() < 1e-6);
    }

    void cancelBetweenTiles()
    {
        auto method = baseline();
        const at::Tensor image = torch::rand({ 3, 200, 520 });
        int calls = 0;
        const auto result
            = derainTiled(*method, image, TileOptions { 192, 32 }, [&](int done, int) {
                  ++calls;
                  return done < 2;
              });
        QVERIFY(!result);
        QCOMPARE(calls, 2);
    }
};

QTEST_GUILESS_MAIN(TestTiledInference)
#include "test_tiled_inference.moc"
