// SPDX-License-Identifier: GPL-3.0-or-later
// pluvia-loader-bench: throughput of the paired loader (decode, 256×256 crop, flip, batch of 16)
// with 1 and 2 worker threads, on ~200 generated 512×384 pairs (PNG and JPEG) or on a dataset
// given with --data. Prints one line per (format, workers): batches/s, pairs/s and crops/s.
#include "core/data/dataset.h"
#include "core/data/paired_loader_p.h"
#include "core/image/image_io_p.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTextStream>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

namespace {

constexpr int kPairs = 200;
constexpr int kWidth = 512;
constexpr int kHeight = 384;

// Blurred noise: compresses about like a photograph, unlike a flat or purely random picture.
cv::Mat benchImage(int seed)
{
    cv::RNG rng(seed);
    cv::Mat noise(kHeight, kWidth, CV_32FC3);
    rng.fill(noise, cv::RNG::UNIFORM, 0.0, 1.0);
    cv::Mat smooth;
    cv::GaussianBlur(noise, smooth, cv::Size(0, 0), 2.0);
    return smooth * 0.7 + noise * 0.3;
}

QString generate(const QString &root, const QString &suffix)
{
    for (int i = 0; i < kPairs; ++i) {
        const QString name = QStringLiteral("%1.%2").arg(i).arg(suffix);
        QDir().mkpath(root + QStringLiteral("/rain"));
        QDir().mkpath(root + QStringLiteral("/norain"));
        QString error
            = pluvia::core::writeImage(root + QStringLiteral("/norain/") + name, benchImage(2 * i));
        if (error.isEmpty())
            error = pluvia::core::writeImage(
                root + QStringLiteral("/rain/") + name, benchImage(2 * i + 1));
        if (!error.isEmpty())
            return error;
    }
    return QString();
}

void run(const QString &label, const QVector<pluvia::core::DatasetPair> &pairs, int batches)
{
    QTextStream out(stdout);
    for (int workers : { 1, 2 }) {
        pluvia::core::LoaderOptions options;
        options.batchSize = 16;
        options.cropSize = 256;
        options.workerThreads = workers;
        options.prefetchBatches = 2 * workers;
        pluvia::core::PairedLoader loader(pairs, options);
        loader.next(); // warm-up: thread start, first allocations, page cache
        QElapsedTimer clock;
        clock.start();
        for (int b = 0; b < batches; ++b) {
            const pluvia::core::PairedBatch batch = loader.next();
            if (!batch.ok()) {
                out << label << ": " << batch.error << '\n';
                return;
            }
        }
        const double seconds = clock.nsecsElapsed() * 1e-9;
        const double pairsPerSecond = batches * options.batchSize / seconds;
        out << QStringLiteral("%1  workers %2: %3 batches/s, %4 pairs/s, %5 crops/s (rainy + "
                              "clean)\n")
                   .arg(label, -5)
                   .arg(workers)
                   .arg(batches / seconds, 0, 'f', 2)
                   .arg(pairsPerSecond, 0, 'f', 1)
                   .arg(2 * pairsPerSecond, 0, 'f', 1);
        out.flush();
    }
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Paired loader throughput (batch 16, 256² crops)."));
    parser.addHelpOption();
    const QCommandLineOption dataOption(QStringLiteral("data"),
        QStringLiteral("A paired dataset to read instead of generated images."),
        QStringLiteral("dir"));
    const QCommandLineOption batchesOption(QStringLiteral("batches"),
        QStringLiteral("Timed batches per measurement (default 25)."), QStringLiteral("n"),
        QStringLiteral("25"));
    parser.addOptions({ dataOption, batchesOption });
    parser.process(app);
    const int batches = std::max(1, parser.value(batchesOption).toInt());
    QTextStream err(stderr);

    QStringList roots, labels;
    QTemporaryDir scratch;
    if (parser.isSet(dataOption)) {
        roots << parser.value(dataOption);
        labels << QStringLiteral("data");
    } else {
        for (const QString &suffix : { QStringLiteral("png"), QStringLiteral("jpg") }) {
            const QString root = scratch.filePath(suffix);
            err << "generating " << kPairs << " " << suffix << " pairs of " << kWidth << "×"
                << kHeight << "...\n";
            err.flush();
            const QString error = generate(root, suffix);
            if (!error.isEmpty()) {
                err << error << '\n';
                return 1;
            }
            roots << root;
            labels << suffix;
        }
    }
    for (int i = 0; i < roots.size(); ++i) {
        const pluvia::core::DatasetInspection inspection = pluvia::core::inspectDataset(
            roots[i], pluvia::core::InspectOptions { {}, 256, true });
        if (!inspection.ok() || inspection.dataset.pairs.isEmpty()) {
            err << roots[i] << ": "
                << (inspection.error.isEmpty() ? QStringLiteral("no usable pairs")
                                               : inspection.error)
                << '\n';
            return 1;
        }
        run(labels[i], inspection.dataset.pairs, batches);
    }
    return 0;
}
