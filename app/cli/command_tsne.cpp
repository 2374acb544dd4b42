// SPDX-License-Identifier: GPL-3.0-or-later
// pluvia-cli tsne: 2-D maps of feature vectors (t-SNE or PCA) and the domain-gap score.
#include "app/cli/cli_command.h"
#include "app/cli/command_line.h"
#include "app/cli/console_progress.h"

#include "core/analysis/domain_gap_history.h"
#include "core/analysis/embedding_quality.h"
#include "core/analysis/feature_table.h"
#include "core/analysis/rain_features.h"
#include "core/analysis/tsne.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

namespace pluvia::cli {

namespace {

// --run: the domain gap at every checkpoint of a run, recorded in its metric series.
int runGapHistory(const QString &command, core::DomainGapHistoryRequest request, bool json)
{
    ConsoleProgress progress(QStringLiteral("checkpoints"));
    request.progress = progress.callback();
    const core::DomainGapHistory history = core::measureDomainGapHistory(request);
    progress.finish();
    if (!history.ok())
        return failure(command, history.error);
    QTextStream out(stdout);
    QJsonArray rows;
    if (!json && !history.checkpoints.isEmpty()) {
        const core::TableDomainGap &first = history.checkpoints.front().gap;
        out << QStringLiteral("run %1: domain gap of %2 vs %3 rain, recorded as domain_gap/* "
                              "(balanced %4-NN accuracy: 0.5 = indistinguishable; MMD² with a "
                              "Gaussian kernel at the median distance)\n")
                   .arg(history.runId, first.domainA, first.domainB)
                   .arg(first.gap.k);
        out << QStringLiteral("%1  %2  %3  %4\n")
                   .arg(QStringLiteral("step"), 10)
                   .arg(QStringLiteral("points"), 6)
                   .arg(QStringLiteral("k-NN acc"), 8)
                   .arg(QStringLiteral("MMD²"), 8);
    }
    for (const core::DomainGapAtCheckpoint &point : history.checkpoints) {
        rows.append(QJsonObject { { QStringLiteral("step"), point.step },
            { QStringLiteral("checkpoint"), point.checkpoint },
            { QStringLiteral("points"), point.points },
            { QStringLiteral("domains"), QJsonArray { point.gap.domainA, point.gap.domainB } },
            { QStringLiteral("knn_accuracy"), point.gap.gap.knnAccuracy },
            { QStringLiteral("mmd2"), point.gap.gap.mmd2 }, { QStringLiteral("map"), point.map } });
        if (!json)
            out << QStringLiteral("%1  %2  %3  %4\n")
                       .arg(point.step, 10)
                       .arg(point.points, 6)
                       .arg(point.gap.gap.knnAccuracy, 8, 'f', 3)
                       .arg(point.gap.gap.mmd2, 8, 'f', 4);
    }
    if (json)
        out << QJsonDocument(QJsonObject { { QStringLiteral("run"), history.runId },
                                 { QStringLiteral("checkpoints"), rows } })
                   .toJson(QJsonDocument::Compact)
            << '\n';
    return kExitOk;
}

} // namespace

int runTsne(const QStringList &arguments)
{
    const QString command = QStringLiteral("tsne");
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Embeds feature vectors in 2-D with t-SNE (exact up to 1000 points, Barnes-Hut above) or "
        "PCA, writes the map as CSV (x, y, group and the input's other text columns, rows in "
        "input order) and prints the domain-gap score of the two largest groups in feature "
        "space: balanced k-NN domain accuracy (0.5 = indistinguishable) and MMD² with a "
        "Gaussian kernel at the median distance. With --run, measures that score at every "
        "checkpoint of a run (the same crops each time), records it in the run's metric series "
        "domain_gap/knn_accuracy and domain_gap/mmd2, and with --out writes one map per "
        "checkpoint into that folder."));
    parser.addHelpOption();
    const QCommandLineOption featuresIn(QStringLiteral("features-in"),
        QStringLiteral("CSV of feature vectors: a header row; a `group` column if present, text "
                       "columns `source` and `crop` carried over, every other column numeric."),
        QStringLiteral("file"));
    const QCommandLineOption out(
        QStringLiteral("out"), QStringLiteral("CSV to write."), QStringLiteral("file"));
    const QCommandLineOption projection(QStringLiteral("projection"),
        QStringLiteral("tsne (default) or pca."), QStringLiteral("name"), QStringLiteral("tsne"));
    const QCommandLineOption perplexity(QStringLiteral("perplexity"),
        QStringLiteral("t-SNE perplexity (default 30)."), QStringLiteral("p"),
        QStringLiteral("30"));
    const QCommandLineOption iterations(QStringLiteral("iterations"),
        QStringLiteral("t-SNE iterations (default 1000)."), QStringLiteral("n"),
        QStringLiteral("1000"));
    const QCommandLineOption method(QStringLiteral("method"),
        QStringLiteral("auto (default), exact or barnes-hut."), QStringLiteral("name"),
        QStringLiteral("auto"));
    const QCommandLineOption theta(QStringLiteral("theta"),
        QStringLiteral("Barnes-Hut opening angle (default 0.5)."), QStringLiteral("t"),
        QStringLiteral("0.5"));
    const QCommandLineOption init(QStringLiteral("init"),
        QStringLiteral("pca (default) or random."), QStringLiteral("name"), QStringLiteral("pca"));
    const QCommandLineOption seed = makeSeedOption();
    const QCommandLineOption threads = makeThreadsOption(
        QStringLiteral("Threads (default: one per core; the map does not depend on it)."),
        QStringLiteral("0"));
    const QCommandLineOption json = makeJsonOption(QStringLiteral("Print the summary as JSON."));
    const QCommandLineOption checkpoint(QStringLiteral("checkpoint"),
        QStringLiteral("Extract rain-layer features with this checkpoint's method instead of "
                       "reading them (needs --data for the method's roles)."),
        QStringLiteral("file"));
    const QCommandLineOption run(QStringLiteral("run"),
        QStringLiteral("The domain gap at every checkpoint of this run (id or prefix; needs "
                       "--workspace; --data defaults to the run's training datasets)."),
        QStringLiteral("id"));
    const QCommandLineOption data(QStringLiteral("data"),
        QStringLiteral("With --checkpoint: a role's dataset, as for training (repeatable)."),
        QStringLiteral("role=path"));
    const QCommandLineOption workspace(QStringLiteral("workspace"),
        QStringLiteral("With --checkpoint: resolves registered dataset names; with --run: the "
                       "run's workspace."),
        QStringLiteral("dir"));
    const QCommandLineOption features(QStringLiteral("features"),
        QStringLiteral("With --checkpoint: raw (the rain layer at 16x16), stats (default: "
                       "orientation and intensity histograms, density, moments), or layer:NAME "
                       "(a network layer's activations; `pluvia-cli methods ID` lists them)."),
        QStringLiteral("name"), QStringLiteral("stats"));
    const QCommandLineOption samples(QStringLiteral("samples"),
        QStringLiteral("With --checkpoint: crops per role (default 128)."), QStringLiteral("n"),
        QStringLiteral("128"));
    const QCommandLineOption featuresOut(QStringLiteral("features-out"),
        QStringLiteral("With --checkpoint: also write the features (as --features-in reads them)."),
        QStringLiteral("file"));
    const QCommandLineOption device = makeDeviceOption();
    parser.addOptions(
        { featuresIn, checkpoint, run, data, workspace, features, samples, featuresOut, device, out,
            projection, perplexity, iterations, method, theta, init, seed, threads, json });
    if (const auto done = parseCommandLine(parser, command, arguments, Positionals::Reject))
        return *done;
    if (int(parser.isSet(featuresIn)) + int(parser.isSet(checkpoint)) + int(parser.isSet(run)) != 1
        || (!parser.isSet(out) && !parser.isSet(run)))
        return usageError(command,
            QStringLiteral("give one of --features-in FILE, --checkpoint FILE (both with --out "
                           "FILE), --run ID"));
    if (parser.isSet(run) && !parser.isSet(workspace))
        return usageError(command, QStringLiteral("--run needs --workspace"));
    core::TsneOptions options;
    bool ok = true, good = false;
    options.perplexity = parser.value(perplexity).toDouble(&good);
    ok = ok && good && options.perplexity > 1;
    options.theta = parser.value(theta).toDouble(&good);
    ok = ok && good && options.theta >= 0;
    // One message names every constraint, in place of each whole number's own.
    ok = ok && readWholeNumber(parser, iterations, 1, &options.iterations).isEmpty()
        && readWholeNumber(parser, seed, 0, &options.seed).isEmpty()
        && readWholeNumber(parser, threads, 0, &options.threads).isEmpty();
    if (!ok)
        return usageError(command,
            QStringLiteral(
                "--perplexity > 1, --iterations >= 1, --theta >= 0, --seed and --threads "
                "whole numbers >= 0"));
    const QString methodName = parser.value(method), initName = parser.value(init),
                  projectionName = parser.value(projection);
    if (methodName == QLatin1String("exact"))
        options.method = core::TsneOptions::Method::Exact;
    else if (methodName == QLatin1String("barnes-hut"))
        options.method = core::TsneOptions::Method::BarnesHut;
    else if (methodName != QLatin1String("auto"))
        return usageError(command, QStringLiteral("--method: auto, exact or barnes-hut"));
    if (initName == QLatin1String("random"))
        options.init = core::TsneOptions::Init::Random;
    else if (initName != QLatin1String("pca"))
        return usageError(command, QStringLiteral("--init: pca or random"));
    if (projectionName != QLatin1String("tsne") && projectionName != QLatin1String("pca"))
        return usageError(command, QStringLiteral("--projection: tsne or pca"));

    QMap<QString, QString> roles;
    if (QString e; !parseDataOptions(parser.values(data), &roles, &e))
        return usageError(command, e);
    const QString extractor = parser.value(features);
    if (extractor != QLatin1String("raw") && extractor != QLatin1String("stats")
        && !extractor.startsWith(QLatin1String("layer:")))
        return usageError(command, QStringLiteral("--features: raw, stats or layer:NAME"));
    int sampleCount = 0;
    if (const QString e = readWholeNumber(parser, samples, 1, &sampleCount); !e.isEmpty())
        return usageError(command, e);
    if (parser.isSet(run)) {
        core::DomainGapHistoryRequest request;
        request.workspace = parser.value(workspace);
        request.run = parser.value(run);
        request.data = roles;
        request.device = parser.value(device);
        request.extractor = extractor;
        request.samples = sampleCount;
        request.seed = options.seed;
        request.mapsFolder = parser.value(out);
        request.tsne = options;
        return runGapHistory(command, request, parser.isSet(json));
    }
    core::FeatureTable table;
    QString input = parser.value(featuresIn);
    if (parser.isSet(checkpoint)) {
        core::RainFeatureRequest request;
        request.checkpoint = parser.value(checkpoint);
        request.workspace = parser.value(workspace);
        request.device = parser.value(device);
        request.extractor = extractor;
        request.seed = options.seed;
        request.samples = sampleCount;
        request.data = roles;
        ConsoleProgress extraction(QStringLiteral("features (batches)"));
        request.progress = [&](qint64 done, qint64 total) {
            extraction.update(done, total);
            return true;
        };
        core::RainFeatureReport report = core::extractRainFeatures(request);
        extraction.finish();
        if (!report.ok())
            return failure(command, report.error);
        table = std::move(report.table);
        input = request.checkpoint;
        if (parser.isSet(featuresOut))
            if (const QString e = core::writeFeatureTable(parser.value(featuresOut), table);
                !e.isEmpty())
                return failure(command, e);
    } else if (const QString e = core::readFeatureTable(input, &table); !e.isEmpty()) {
        return failure(command, e);
    }
    struct {
        std::vector<float> embedding;
        double kl = 0.0;
        bool barnesHut = false;
        double seconds = 0.0;
    } map;
    if (projectionName == QLatin1String("pca")) {
        map.embedding = core::pcaProjection(table.values, table.rows, table.columns, 2);
    } else {
        ConsoleProgress progress(QStringLiteral("t-SNE (iterations)"));
        const core::TsneResult result = core::runTsne(table.values, table.rows, table.columns,
            options, [&](int iteration, double, const std::vector<float> &) {
                progress.update(iteration, options.iterations);
                return true;
            });
        progress.finish();
        if (!result.ok())
            return failure(command, QStringLiteral("%1: %2").arg(input, result.error));
        map.embedding = result.embedding;
        map.kl = result.kl;
        map.barnesHut = result.barnesHut;
        map.seconds = result.seconds;
    }
    if (const QString e = core::writeMap(parser.value(out), table, map.embedding); !e.isEmpty())
        return failure(command, e);
    QJsonObject summary { { QStringLiteral("points"), table.rows },
        { QStringLiteral("dimensions"), table.columns },
        { QStringLiteral("projection"), projectionName },
        { QStringLiteral("out"), parser.value(out) } };
    if (projectionName == QLatin1String("tsne")) {
        summary.insert(QStringLiteral("kl"), map.kl);
        summary.insert(QStringLiteral("barnes_hut"), map.barnesHut);
        summary.insert(QStringLiteral("seconds"), map.seconds);
    }
    QTextStream stdOut(stdout);
    const core::TableDomainGap domains = core::domainGapOfTable(table);
    if (domains.valid) {
        const core::DomainGap &gap = domains.gap;
        summary.insert(QStringLiteral("domain_gap"),
            QJsonObject {
                { QStringLiteral("domains"), QJsonArray { domains.domainA, domains.domainB } },
                { QStringLiteral("knn_accuracy"), gap.knnAccuracy }, { QStringLiteral("k"), gap.k },
                { QStringLiteral("mmd2"), gap.mmd2 },
                { QStringLiteral("bandwidth"), gap.bandwidth } });
        if (!parser.isSet(json))
            stdOut << QStringLiteral(
                "domain gap in feature space, %1 (%2 points) vs %3 (%4 points): "
                "balanced %5-NN accuracy %6 (0.5 = indistinguishable), MMD² %7 "
                "(Gaussian kernel, σ = %8, the median distance)\n")
                          .arg(domains.domainA)
                          .arg(gap.countA)
                          .arg(domains.domainB)
                          .arg(gap.countB)
                          .arg(gap.k)
                          .arg(gap.knnAccuracy, 0, 'f', 3)
                          .arg(gap.mmd2, 0, 'f', 4)
                          .arg(gap.bandwidth, 0, 'g', 4);
    }
    if (parser.isSet(json))
        stdOut << QJsonDocument(summary).toJson(QJsonDocument::Compact) << '\n';
    else
        stdOut << QStringLiteral("wrote %1 (%2 points%3)\n")
                      .arg(parser.value(out))
                      .arg(table.rows)
                      .arg(projectionName == QLatin1String("tsne")
                              ? QStringLiteral(", KL %1, %2, %3 s")
                                    .arg(map.kl, 0, 'f', 4)
                                    .arg(map.barnesHut ? QStringLiteral("Barnes-Hut")
                                                       : QStringLiteral("exact"))
                                    .arg(map.seconds, 0, 'f', 1)
                              : QString());
    return kExitOk;
}

} // namespace pluvia::cli
