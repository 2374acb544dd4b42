// SPDX-License-Identifier: GPL-3.0-or-later
// pluvia-cli tsne as a user runs it: maps of given feature vectors, broken feature files, and
// the domain gap tracked over a run's checkpoints.
#include "core/analysis/domain_gap_history.h"
#include "core/store/run_store.h"

#include "support/cli_runner.h"
#include "support/engine_fixtures.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTextStream>
#include <QtTest/QtTest>

#include <cmath>
#include <random>

using pluvia::test::CliResult;
using pluvia::test::runCli;
using namespace pluvia::core;

namespace {

// `perGroup` points of each of two groups in 8-D, written as CSV with group, source and eight
// feature columns, the groups' rows interleaved. `separation` is the distance between the groups'
// centres in units of their (unit) standard deviation.
void writeFeatures(const QString &path, int perGroup, float separation, unsigned seed)
{
    std::mt19937 rng(seed);
    std::normal_distribution<float> normal(0.f, 1.f);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Text));
    QTextStream out(&file);
    out << "group,source";
    for (int k = 0; k < 8; ++k)
        out << ",f" << k;
    out << '\n';
    for (int i = 0; i < 2 * perGroup; ++i) {
        const bool real = i % 2 == 1;
        out << (real ? "real decomposed" : "synthetic decomposed") << ",img" << i << ".png";
        for (int k = 0; k < 8; ++k)
            out << ',' << normal(rng) + (real && k == 0 ? separation : 0.f);
        out << '\n';
    }
}

QJsonObject lastJsonLine(const QString &text)
{
    return QJsonDocument::fromJson(
        text.split(QLatin1Char('\n'), Qt::SkipEmptyParts).last().toUtf8())
        .object();
}

QStringList readLines(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return {};
    return QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

} // namespace

class TestCliTsne : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase() { QVERIFY(QFileInfo(qEnvironmentVariable("PLUVIA_CLI")).isExecutable()); }

    // Separated groups: k-NN domain accuracy 1, the map keeps input order and carried columns.
    // Identical distributions: accuracy near chance and MMD² near 0.
    void featuresInMapAndGap_data()
    {
        QTest::addColumn<float>("separation");
        QTest::addColumn<double>("minAccuracy");
        QTest::addColumn<double>("maxAccuracy");
        QTest::newRow("separated") << 12.f << 0.99 << 1.0;
        QTest::newRow("same distribution") << 0.f << 0.3 << 0.7;
    }
    void featuresInMapAndGap()
    {
        QFETCH(float, separation);
        QFETCH(double, minAccuracy);
        QFETCH(double, maxAccuracy);
        const QString features = m_dir.filePath(QStringLiteral("features.csv"));
        const QString map = m_dir.filePath(QStringLiteral("map.csv"));
        writeFeatures(features, 100, separation, 5);
        const CliResult result = runCli({ QStringLiteral("tsne"), QStringLiteral("--features-in"),
            features, QStringLiteral("--out"), map, QStringLiteral("--iterations"),
            QStringLiteral("400"), QStringLiteral("--json") });
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        const QJsonObject summary = lastJsonLine(result.out);
        QCOMPARE(summary[QStringLiteral("points")].toInt(), 200);
        QCOMPARE(summary[QStringLiteral("dimensions")].toInt(), 8);
        QVERIFY(std::isfinite(summary[QStringLiteral("kl")].toDouble()));
        const QJsonObject gap = summary[QStringLiteral("domain_gap")].toObject();
        const double accuracy = gap[QStringLiteral("knn_accuracy")].toDouble();
        const double mmd2 = gap[QStringLiteral("mmd2")].toDouble();
        qInfo("separation %.0f: k-NN domain accuracy %.3f, MMD² %.4f", double(separation), accuracy,
            mmd2);
        QVERIFY2(accuracy >= minAccuracy && accuracy <= maxAccuracy,
            qPrintable(QString::number(accuracy)));
        if (separation == 0.f)
            QVERIFY2(std::abs(mmd2) < 0.02, qPrintable(QString::number(mmd2)));
        else
            QVERIFY2(mmd2 > 0.5, qPrintable(QString::number(mmd2)));

        const QStringList lines = readLines(map);
        QCOMPARE(lines.size(), 201);
        QCOMPARE(lines.front(), QStringLiteral("x,y,group,source"));
        for (int i = 0; i < 200; ++i) {
            const QStringList fields = lines[i + 1].split(QLatin1Char(','));
            QCOMPARE(fields.size(), 4);
            QCOMPARE(fields[3], QStringLiteral("img%1.png").arg(i)); // input order
            QCOMPARE(fields[2],
                i % 2 ? QStringLiteral("real decomposed") : QStringLiteral("synthetic decomposed"));
            QVERIFY(std::isfinite(fields[0].toDouble()) && std::isfinite(fields[1].toDouble()));
        }
    }

    // A broken cell is named by file, line and column, and the existing map is left as it was.
    void brokenFeatureFile()
    {
        const QString features = m_dir.filePath(QStringLiteral("broken.csv"));
        const QString map = m_dir.filePath(QStringLiteral("kept.csv"));
        writeFeatures(features, 10, 5.f, 1);
        QStringList lines = readLines(features);
        lines[4].replace(lines[4].lastIndexOf(QLatin1Char(',')), 1000, QStringLiteral(",abc"));
        QFile file(features);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Text));
        file.write(lines.join(QLatin1Char('\n')).toUtf8());
        file.close();
        QFile kept(map);
        QVERIFY(kept.open(QIODevice::WriteOnly));
        kept.write("x,y\n1,2\n");
        kept.close();
        const CliResult result = runCli({ QStringLiteral("tsne"), QStringLiteral("--features-in"),
            features, QStringLiteral("--out"), map });
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.err.contains(QDir::toNativeSeparators(features))
                && result.err.contains(
                    QStringLiteral("line 5, column 10 (f7): 'abc' is not a finite number")),
            qPrintable(result.err));
        QCOMPARE(readLines(map), QStringList({ QStringLiteral("x,y"), QStringLiteral("1,2") }));
    }

    // `--run` measures the gap at every checkpoint on the same crops, records it in the run's
    // series, and agrees with `--checkpoint` on the same checkpoint and seed.
    void gapHistoryOfARun()
    {
        const QString dataset
            = pluvia::test::makePairedDataset(m_dir.filePath(QStringLiteral("data")), 6, 96, 72, 5);
        const QString ws = m_dir.filePath(QStringLiteral("ws"));
        CliResult result = runCli(pluvia::test::tinyJrgrTrainArguments(ws, dataset, 32, 4)
            + QStringList { QStringLiteral("--checkpoint-every"), QStringLiteral("2") });
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        const QString run = lastJsonLine(result.out)[QStringLiteral("run_id")].toString();

        const QString maps = m_dir.filePath(QStringLiteral("maps"));
        result = runCli({ QStringLiteral("tsne"), QStringLiteral("--workspace"), ws,
            QStringLiteral("--run"), run.left(10), QStringLiteral("--samples"),
            QStringLiteral("16"), QStringLiteral("--perplexity"), QStringLiteral("10"),
            QStringLiteral("--out"), maps, QStringLiteral("--json") });
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        const QJsonObject history = lastJsonLine(result.out);
        QCOMPARE(history[QStringLiteral("run")].toString(), run);
        const QJsonArray rows = history[QStringLiteral("checkpoints")].toArray();
        QVector<qint64> steps;
        for (const QJsonValue &row : rows) {
            steps << row[QStringLiteral("step")].toInteger();
            const double accuracy = row[QStringLiteral("knn_accuracy")].toDouble();
            QVERIFY(accuracy >= 0.0 && accuracy <= 1.0);
            // JRGR's four groups of Fig. 8, 16 crops each.
            QCOMPARE(row[QStringLiteral("points")].toInt(), 64);
            QCOMPARE(readLines(row[QStringLiteral("map")].toString()).size(), 65);
        }
        QCOMPARE(steps, QVector<qint64>({ 0, 2, 4 }));

        QString error;
        auto store = RunStore::open(ws, &error);
        QVERIFY2(store, qPrintable(error));
        const MetricSeries recorded = store->series(run, QStringLiteral("domain_gap/knn_accuracy"));
        QCOMPARE(recorded.steps, steps);
        for (int i = 0; i < rows.size(); ++i)
            QCOMPARE(recorded.values[i], rows[i][QStringLiteral("knn_accuracy")].toDouble());
        // What the map view reads back for its history chart.
        const pluvia::core::RecordedDomainGap read = pluvia::core::recordedDomainGap(ws, run);
        QCOMPARE(read.steps, QVector<double>({ 0.0, 2.0, 4.0 }));
        for (int i = 0; i < rows.size(); ++i)
            QCOMPARE(read.knnAccuracy[i], rows[i][QStringLiteral("knn_accuracy")].toDouble());

        // The same checkpoint and seed through --checkpoint (the run's datasets given by hand).
        const QJsonObject last = rows.last().toObject();
        result = runCli({ QStringLiteral("tsne"), QStringLiteral("--checkpoint"),
            last[QStringLiteral("checkpoint")].toString(), QStringLiteral("--data"),
            QStringLiteral("synthetic_paired=") + dataset, QStringLiteral("--data"),
            QStringLiteral("real_rainy=") + dataset + QStringLiteral("/rain"),
            QStringLiteral("--samples"), QStringLiteral("16"), QStringLiteral("--perplexity"),
            QStringLiteral("10"), QStringLiteral("--out"),
            m_dir.filePath(QStringLiteral("one.csv")), QStringLiteral("--json") });
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        const QJsonObject gap = lastJsonLine(result.out)[QStringLiteral("domain_gap")].toObject();
        QCOMPARE(gap[QStringLiteral("knn_accuracy")].toDouble(),
            last[QStringLiteral("knn_accuracy")].toDouble());
        QCOMPARE(gap[QStringLiteral("mmd2")].toDouble(), last[QStringLiteral("mmd2")].toDouble());
        // Every point names the file and crop it came from, the unpaired real rain's too (the
        // map view opens a point's image from them).
        const QStringList mapped = readLines(m_dir.filePath(QStringLiteral("one.csv")));
        QCOMPARE(mapped.first(), QStringLiteral("x,y,group,source,crop"));
        for (const QString &line : mapped.mid(1)) {
            const QStringList fields = line.split(QLatin1Char(','));
            QVERIFY2(fields.size() == 5 && fields[3].startsWith(dataset)
                    && QFileInfo::exists(fields[3])
                    && fields[4].split(QLatin1Char(' ')).size() >= 3,
                qPrintable(line));
        }

        // A network layer's activations as features: D_Or's penultimate layer has
        // disc_channels · min(2^disc_layers, 8) = 16 · 8 channels in the quick preset.
        const QString layerFeatures = m_dir.filePath(QStringLiteral("layer-features.csv"));
        QStringList layerArguments = { QStringLiteral("tsne"), QStringLiteral("--checkpoint"),
            last[QStringLiteral("checkpoint")].toString(), QStringLiteral("--data"),
            QStringLiteral("synthetic_paired=") + dataset, QStringLiteral("--data"),
            QStringLiteral("real_rainy=") + dataset + QStringLiteral("/rain"),
            QStringLiteral("--samples"), QStringLiteral("16"), QStringLiteral("--perplexity"),
            QStringLiteral("10"), QStringLiteral("--features"),
            QStringLiteral("layer:D_Or.penultimate"), QStringLiteral("--features-out"),
            layerFeatures, QStringLiteral("--out"), m_dir.filePath(QStringLiteral("layer.csv")) };
        result = runCli(layerArguments);
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        const QStringList featureLines = readLines(layerFeatures);
        QCOMPARE(featureLines.size(), 65);
        const QStringList header = featureLines.first().split(QLatin1Char(','));
        QCOMPARE(header.filter(QStringLiteral("D_Or.penultimate_")).size(), 128);
        layerArguments[layerArguments.indexOf(QStringLiteral("layer:D_Or.penultimate"))]
            = QStringLiteral("layer:F_r.bottleneck");
        result = runCli(layerArguments);
        QVERIFY(result.exitCode != 0);
        QVERIFY2(result.err.contains(QStringLiteral("layer:F_r.bottleneck"))
                && result.err.contains(QStringLiteral("D_Or.penultimate, D_Os.penultimate")),
            qPrintable(result.err));

        result = runCli({ QStringLiteral("tsne"), QStringLiteral("--run"), run });
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(
            result.err.contains(QStringLiteral("--run needs --workspace")), qPrintable(result.err));
    }
};

QTEST_GUILESS_MAIN(TestCliTsne)
#include "test_cli_tsne.moc"
