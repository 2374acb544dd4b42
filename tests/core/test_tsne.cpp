// SPDX-License-Identifier: GPL-3.0-or-later
// t-SNE, PCA and the map-quality and domain-gap measures, on data of known structure.
#include "core/analysis/embedding_quality.h"
#include "core/analysis/tsne.h"

#include <QtTest/QtTest>

#include <cmath>
#include <random>

using namespace pluvia::core;

namespace {

struct Data {
    std::vector<float> points;
    std::vector<int> labels;
    int n = 0;
    int dims = 0;
};

// `clusters` isotropic Gaussians (σ = 1) in `dims` dimensions, centres 10 apart on random axes.
Data gaussianClusters(int clusters, int perCluster, int dims, unsigned seed)
{
    std::mt19937 rng(seed);
    std::normal_distribution<float> normal(0.f, 1.f);
    Data d;
    d.n = clusters * perCluster;
    d.dims = dims;
    std::vector<std::vector<float>> centres(
        size_t(clusters), std::vector<float>(size_t(dims), 0.f));
    for (int c = 0; c < clusters; ++c)
        for (int k = 0; k < dims; ++k)
            centres[size_t(c)][size_t(k)] = 10.f * normal(rng) / std::sqrt(2.f);
    for (int c = 0; c < clusters; ++c)
        for (int i = 0; i < perCluster; ++i) {
            for (int k = 0; k < dims; ++k)
                d.points.push_back(centres[size_t(c)][size_t(k)] + normal(rng));
            d.labels.push_back(c);
        }
    return d;
}

// A swiss roll: (t cos t, h, t sin t) for t in [1.5π, 4.5π], labelled by six segments of t.
Data swissRoll(int n, unsigned seed)
{
    std::mt19937 rng(seed);
    std::uniform_real_distribution<float> uniform(0.f, 1.f);
    Data d;
    d.n = n;
    d.dims = 3;
    for (int i = 0; i < n; ++i) {
        const float u = uniform(rng);
        const float t = 1.5f * 3.14159265f * (1.f + 2.f * u);
        d.points.insert(d.points.end(), { t * std::cos(t), 21.f * uniform(rng), t * std::sin(t) });
        d.labels.push_back(std::min(5, int(u * 6.f)));
    }
    return d;
}

} // namespace

class TestTsne : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void recoversStructure_data()
    {
        QTest::addColumn<QString>("data");
        QTest::addColumn<int>("method");
        QTest::newRow("clusters, exact")
            << QStringLiteral("clusters") << int(TsneOptions::Method::Exact);
        QTest::newRow("clusters, Barnes-Hut")
            << QStringLiteral("clusters") << int(TsneOptions::Method::BarnesHut);
        QTest::newRow("swiss roll, exact")
            << QStringLiteral("roll") << int(TsneOptions::Method::Exact);
        QTest::newRow("swiss roll, Barnes-Hut")
            << QStringLiteral("roll") << int(TsneOptions::Method::BarnesHut);
    }
    // Trustworthiness ≥ 0.95 (k = 10) and 2-D nearest-neighbour label accuracy ≥ 0.95.
    void recoversStructure()
    {
        QFETCH(QString, data);
        QFETCH(int, method);
        const Data d = data == QLatin1String("clusters") ? gaussianClusters(5, 80, 20, 1)
                                                         : swissRoll(800, 2);
        TsneOptions options;
        options.method = TsneOptions::Method(method);
        options.iterations = 750;
        const TsneResult result = runTsne(d.points, d.n, d.dims, options);
        QVERIFY2(result.ok(), qPrintable(result.error));
        QCOMPARE(int(result.embedding.size()), 2 * d.n);
        const double trust = trustworthiness(d.points, d.dims, result.embedding, 2, d.n, 10);
        const double accuracy = knnAccuracy(result.embedding, d.n, 2, d.labels, 1);
        qInfo("%s: KL %.3f, trustworthiness %.4f, 1-NN label accuracy %.4f, %.2f s",
            qPrintable(data), result.kl, trust, accuracy, result.seconds);
        QVERIFY2(trust >= 0.95, qPrintable(QString::number(trust)));
        QVERIFY2(accuracy >= 0.95, qPrintable(QString::number(accuracy)));
    }

    // Exact and Barnes–Hut t-SNE reach maps of nearly the same KL (measured exactly for both).
    void exactAndBarnesHutAgree()
    {
        const Data d = gaussianClusters(6, 84, 16, 3); // 504 points
        TsneOptions options;
        options.iterations = 750;
        options.method = TsneOptions::Method::Exact;
        const TsneResult exact = runTsne(d.points, d.n, d.dims, options);
        options.method = TsneOptions::Method::BarnesHut;
        const TsneResult bh = runTsne(d.points, d.n, d.dims, options);
        QVERIFY(exact.ok() && bh.ok());
        QVERIFY(!exact.barnesHut && bh.barnesHut);
        const double klExact
            = tsneKlDivergence(d.points, d.n, d.dims, exact.embedding, 30.0, false);
        const double klBh = tsneKlDivergence(d.points, d.n, d.dims, bh.embedding, 30.0, false);
        qInfo("exact KL %.4f (reported %.4f), Barnes-Hut KL %.4f (estimate %.4f)", klExact,
            exact.kl, klBh, bh.kl);
        QVERIFY2(std::abs(klBh - klExact) / klExact < 0.05,
            qPrintable(QStringLiteral("%1 vs %2").arg(klBh).arg(klExact)));
        QVERIFY(
            std::abs(exact.kl - klExact) < 1e-6 * std::max(1.0, klExact)); // exact reports exactly
    }

    // The same seed gives the same map, for any thread count.
    void deterministic()
    {
        const Data d = gaussianClusters(3, 60, 8, 4);
        TsneOptions options;
        options.iterations = 300;
        options.init = TsneOptions::Init::Random;
        options.seed = 9;
        options.method = TsneOptions::Method::BarnesHut;
        options.threads = 1;
        const TsneResult one = runTsne(d.points, d.n, d.dims, options);
        options.threads = 2;
        const TsneResult two = runTsne(d.points, d.n, d.dims, options);
        QVERIFY(one.embedding == two.embedding);
        options.seed = 10;
        QVERIFY(runTsne(d.points, d.n, d.dims, options).embedding != one.embedding);
    }

    // Progress every k iterations; returning false cancels.
    void progressAndCancel()
    {
        const Data d = gaussianClusters(3, 40, 4, 5);
        TsneOptions options;
        options.iterations = 500;
        options.reportEvery = 25;
        QVector<int> seen;
        const TsneResult result = runTsne(d.points, d.n, d.dims, options,
            [&](int iteration, double kl, const std::vector<float> &embedding) {
                seen << iteration;
                return iteration < 100 && std::isfinite(kl) && embedding.size() == size_t(2 * d.n);
            });
        QVERIFY(result.cancelled);
        QCOMPARE(seen, QVector<int>({ 25, 50, 75, 100 }));
        QCOMPARE(result.iterations, 100);
    }

    void badInputIsNamed()
    {
        const Data d = gaussianClusters(2, 10, 3, 6);
        TsneOptions options;
        options.perplexity = 30;
        const TsneResult result = runTsne(d.points, d.n, d.dims, options);
        QVERIFY2(result.error.contains(QStringLiteral("perplexity 30 is too large for 20 points")),
            qPrintable(result.error));
        std::vector<float> broken = d.points;
        broken[7] = std::nanf("");
        options.perplexity = 5;
        QVERIFY(runTsne(broken, d.n, d.dims, options).error.contains(QStringLiteral("NaN")));
    }

    // PCA finds the axes of largest variance, in order, with fixed signs.
    void pcaProjects()
    {
        std::mt19937 rng(7);
        std::normal_distribution<float> normal(0.f, 1.f);
        std::vector<float> points;
        const int n = 500;
        for (int i = 0; i < n; ++i) // standard deviations 5, 2 and 0.1 along z, x, y
            points.insert(
                points.end(), { 2.f * normal(rng), 0.1f * normal(rng), 5.f * normal(rng) });
        const std::vector<float> p = pcaProjection(points, n, 3, 2);
        double v0 = 0, v1 = 0, c0 = 0;
        for (int i = 0; i < n; ++i) {
            v0 += p[2 * size_t(i)] * p[2 * size_t(i)];
            v1 += p[2 * size_t(i) + 1] * p[2 * size_t(i) + 1];
            c0 += p[2 * size_t(i)] * points[3 * size_t(i) + 2]; // first component ~ z
        }
        QVERIFY2(std::abs(std::sqrt(v0 / n) - 5.0) < 0.4,
            qPrintable(QString::number(std::sqrt(v0 / n))));
        QVERIFY2(std::abs(std::sqrt(v1 / n) - 2.0) < 0.2,
            qPrintable(QString::number(std::sqrt(v1 / n))));
        QVERIFY(std::abs(c0) / n > 20.0); // aligned with z (variance 25)
    }

    void trustworthinessOfTheIdentityIsOne()
    {
        const Data d = gaussianClusters(3, 30, 2, 8);
        QCOMPARE(trustworthiness(d.points, 2, d.points, 2, d.n, 5), 1.0);
    }

    // Two samples of one distribution are indistinguishable; two distant ones fully separable.
    void domainGapSeparatesDomains()
    {
        const Data same = gaussianClusters(1, 400, 10, 9);
        std::vector<int> halves(400);
        for (int i = 0; i < 400; ++i)
            halves[size_t(i)] = i % 2;
        const DomainGap none = domainGap(same.points, 400, 10, halves);
        QVERIFY2(
            std::abs(none.knnAccuracy - 0.5) < 0.08, qPrintable(QString::number(none.knnAccuracy)));
        QVERIFY2(std::abs(none.mmd2) < 0.01, qPrintable(QString::number(none.mmd2)));
        QCOMPARE(none.countA, 200);

        const Data two = gaussianClusters(2, 150, 10, 10);
        const DomainGap far = domainGap(two.points, two.n, 10, two.labels);
        QCOMPARE(far.knnAccuracy, 1.0);
        QVERIFY2(far.mmd2 > 0.5, qPrintable(QString::number(far.mmd2)));
        QVERIFY(far.bandwidth > 0);
    }
};

QTEST_GUILESS_MAIN(TestTsne)
#include "test_tsne.moc"
