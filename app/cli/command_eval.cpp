// SPDX-License-Identifier: GPL-3.0-or-later
// pluvia-cli eval: PSNR / SSIM of derained images against ground truth and NIQE without it, per
// image and mean, every number labelled with the convention that produced it
// (core/metrics/metric_options.h, core/metrics/niqe.h).
#include "app/cli/cli_command.h"
#include "app/cli/command_line.h"
#include "app/cli/console_progress.h"

#include "core/atomic_file.h"
#include "core/csv_text.h"
#include "core/metrics/evaluation.h"
#include "core/metrics/temporal_consistency.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include <algorithm>
#include <cmath>

namespace pluvia::cli {

namespace {

const QString kCommand = QStringLiteral("eval");

// Fixed decimals for the table; CSV and JSON carry full precision.
QString formatValue(double value, int decimals)
{
    if (std::isnan(value))
        return QStringLiteral("-");
    if (std::isinf(value))
        return value > 0 ? QStringLiteral("inf") : QStringLiteral("-inf");
    return QString::number(value, 'f', decimals);
}

QString fullPrecision(double value)
{
    if (std::isnan(value))
        return {};
    if (std::isinf(value))
        return value > 0 ? QStringLiteral("inf") : QStringLiteral("-inf");
    return QString::number(value, 'g', 12);
}

// JSON has no infinity: identical images give the string "inf", missing values null.
QJsonValue jsonNumber(double value)
{
    if (std::isnan(value))
        return QJsonValue::Null;
    if (std::isinf(value))
        return value > 0 ? QStringLiteral("inf") : QStringLiteral("-inf");
    return value;
}

QString writeCsv(const QString &path, const core::EvalReport &report)
{
    QByteArray bytes;
    QTextStream out(&bytes);
    out << "name,prediction";
    if (report.groundTruth)
        out << ",ground_truth," << core::csvField(report.psnrConvention) << ','
            << core::csvField(report.ssimConvention);
    if (report.niqe)
        out << ',' << core::csvField(report.niqeConvention);
    out << ",error\n";
    for (const core::EvalRow &row : report.rows) {
        out << core::csvField(row.name) << ',' << core::csvField(row.predictionPath);
        if (report.groundTruth)
            out << ',' << core::csvField(row.groundTruthPath) << ',' << fullPrecision(row.psnr)
                << ',' << fullPrecision(row.ssim);
        if (report.niqe)
            out << ',' << fullPrecision(row.niqe);
        out << ',' << core::csvField(row.error) << '\n';
    }
    out << "mean (" << report.measured << " images),";
    if (report.groundTruth)
        out << ",," << fullPrecision(report.meanPsnr) << ',' << fullPrecision(report.meanSsim);
    if (report.niqe)
        out << ',' << fullPrecision(report.meanNiqe);
    out << ",\n";
    out.flush();
    return core::writeFileAtomically(path, bytes);
}

QJsonArray shiftJson(const std::array<double, 3> &shift)
{
    return { shift[0], shift[1], shift[2] };
}

QJsonObject toJson(const core::EvalReport &report, const QString &predDir, const QString &gtDir)
{
    QJsonArray rows;
    for (const core::EvalRow &row : report.rows) {
        QJsonObject object { { QStringLiteral("name"), row.name },
            { QStringLiteral("prediction"), row.predictionPath },
            { QStringLiteral("ground_truth"), row.groundTruthPath },
            { QStringLiteral("psnr"), jsonNumber(row.psnr) },
            { QStringLiteral("ssim"), jsonNumber(row.ssim) },
            { QStringLiteral("mean_shift_rgb"), shiftJson(row.meanShift) } };
        if (report.niqe)
            object.insert(QStringLiteral("niqe"), jsonNumber(row.niqe));
        if (!row.ok())
            object.insert(QStringLiteral("error"), row.error);
        rows.append(object);
    }
    QJsonObject object {
        { QStringLiteral("pred"), predDir },
        { QStringLiteral("gt"), gtDir },
        { QStringLiteral("channel"), core::metricChannelKey(report.metrics.channel) },
        { QStringLiteral("matlab_downsample"), report.metrics.matlabDownsample },
        { QStringLiteral("psnr_convention"), report.psnrConvention },
        { QStringLiteral("ssim_convention"), report.ssimConvention },
        { QStringLiteral("rows"), rows },
        { QStringLiteral("measured"), report.measured },
        { QStringLiteral("mean_psnr"), jsonNumber(report.meanPsnr) },
        { QStringLiteral("mean_psnr_finite"), jsonNumber(report.meanPsnrFinite) },
        { QStringLiteral("mean_ssim"), jsonNumber(report.meanSsim) },
        { QStringLiteral("mean_shift_rgb"), shiftJson(report.meanShift) },
        { QStringLiteral("problems"), QJsonArray::fromStringList(report.problems) },
        { QStringLiteral("seconds"), report.seconds },
    };
    if (report.niqe) {
        object.insert(QStringLiteral("niqe_convention"), report.niqeConvention);
        object.insert(QStringLiteral("mean_niqe"), jsonNumber(report.meanNiqe));
        object.insert(QStringLiteral("niqe_measured"), report.niqeMeasured);
    }
    return object;
}

// The table's cells of one row: PSNR and SSIM where there is ground truth, then NIQE if asked.
QString rowCells(const core::EvalReport &report, double psnr, double ssim, double niqe)
{
    QString cells;
    if (report.groundTruth)
        cells += QStringLiteral("  %1  %2")
                     .arg(formatValue(psnr, 4), 10)
                     .arg(formatValue(ssim, 6), 10);
    if (report.niqe)
        cells += QStringLiteral("  %1").arg(formatValue(niqe, 4), 10);
    return cells;
}

void printTable(const core::EvalReport &report)
{
    QTextStream out(stdout);
    if (report.groundTruth)
        out << "PSNR: " << report.psnrConvention << '\n'
            << "SSIM: " << report.ssimConvention << '\n';
    if (report.niqe)
        out << "NIQE: " << report.niqeConvention << '\n';
    out << '\n';
    int nameWidth = 12;
    for (const core::EvalRow &row : report.rows)
        nameWidth = std::max(nameWidth, int(row.name.size()));
    const QString psnrHeader = core::psnrName(report.metrics);
    const QString ssimHeader = core::ssimName(report.metrics);
    out << QStringLiteral("%1").arg(QStringLiteral("image"), -nameWidth);
    if (report.groundTruth)
        out << QStringLiteral("  %1  %2").arg(psnrHeader, 10).arg(ssimHeader, 10);
    if (report.niqe)
        out << QStringLiteral("  %1").arg(core::niqeName(report.niqePlane), 10);
    out << '\n';
    for (const core::EvalRow &row : report.rows) {
        out << QStringLiteral("%1").arg(row.name, -nameWidth)
            << rowCells(report, row.psnr, row.ssim, row.niqe);
        if (!row.ok())
            out << "  (skipped)";
        out << '\n';
    }
    out << QStringLiteral("%1").arg(QStringLiteral("mean (%1)").arg(report.measured), -nameWidth)
        << rowCells(report, report.meanPsnr, report.meanSsim, report.meanNiqe) << '\n';
    if (report.niqe && report.niqeMeasured < report.measured)
        out << QStringLiteral("(NIQE mean over the %1 images it is defined for)\n")
                   .arg(report.niqeMeasured);
    if (std::isinf(report.meanPsnr) && !std::isnan(report.meanPsnrFinite))
        out << QStringLiteral(
            "(identical pairs give PSNR inf; mean %1 over the finite values: %2 dB)\n")
                   .arg(psnrHeader, formatValue(report.meanPsnrFinite, 4));
    if (report.measured > 0 && report.groundTruth)
        out << QStringLiteral("mean colour shift (prediction − ground truth, of 255): R %1, G %2, "
                              "B %3\n")
                   .arg(report.meanShift[0], 0, 'f', 2)
                   .arg(report.meanShift[1], 0, 'f', 2)
                   .arg(report.meanShift[2], 0, 'f', 2);
    out << QStringLiteral("%1 of %2 %3 measured in %4 s\n")
               .arg(report.measured)
               .arg(report.rows.size())
               .arg(report.groundTruth ? QStringLiteral("pairs") : QStringLiteral("images"))
               .arg(report.seconds, 0, 'f', 1);
}

} // namespace

int runEval(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "PSNR and SSIM of derained images (--pred) against ground truth (--gt), paired by file "
        "stem (a prediction \"<stem>_<suffix>\" also matches \"<stem>\"). Defaults follow "
        "PReNet's MATLAB scripts: Y of MATLAB's rgb2ycbcr, PSNR with peak 1, SSIM by ssim.m "
        "(2009) with its automatic downsampling. --niqe adds NIQE (no reference; lower is "
        "better), which alone needs no --gt: for photographs of real rain."));
    parser.addHelpOption();
    const QCommandLineOption predOption(QStringLiteral("pred"),
        QStringLiteral("Folder of derained images."), QStringLiteral("DIR"));
    const QCommandLineOption gtOption(QStringLiteral("gt"),
        QStringLiteral("Folder of ground-truth images."), QStringLiteral("DIR"));
    const QCommandLineOption channelOption(QStringLiteral("channel"),
        QStringLiteral("y (MATLAB rgb2ycbcr Y, default) or rgb (mean over channels)."),
        QStringLiteral("y|rgb"), QStringLiteral("y"));
    const QCommandLineOption noDownsampleOption(QStringLiteral("no-downsample"),
        QStringLiteral("SSIM without ssim.m's automatic downsampling (scikit-image's numbers)."));
    const QCommandLineOption csvOption(QStringLiteral("csv"),
        QStringLiteral("Also write the table to this CSV file."), QStringLiteral("FILE"));
    const QCommandLineOption jsonOption
        = makeJsonOption(QStringLiteral("Print JSON instead of the table."));
    const QCommandLineOption sequenceOption(QStringLiteral("sequence"),
        QStringLiteral("Instead of --gt: a time-lapse dataset whose frames --pred holds as "
                       "derain --sequence writes them (<scene>/<frame>.png); each frame is "
                       "scored against its scene's clean background."),
        QStringLiteral("DATASET"));
    const QCommandLineOption threadsOption(QStringLiteral("threads"),
        QStringLiteral("Images measured in parallel (default: one per core)."), QStringLiteral("N"),
        QStringLiteral("0"));
    const QCommandLineOption niqeOption(QStringLiteral("niqe"),
        QStringLiteral("Also score each prediction by NIQE (Mittal et al. 2013, the authors' "
                       "MATLAB release and pristine model; lower is better). Without --gt and "
                       "--sequence, NIQE alone."));
    const QCommandLineOption niqeChannelOption(QStringLiteral("niqe-channel"),
        QStringLiteral("The plane NIQE reads: y (MATLAB rgb2ycbcr Y on 8 bits, default, as "
                       "BasicSR) or grey (MATLAB rgb2gray)."),
        QStringLiteral("y|grey"), QStringLiteral("y"));
    parser.addOptions({ predOption, gtOption, sequenceOption, channelOption, noDownsampleOption,
        niqeOption, niqeChannelOption, csvOption, jsonOption, threadsOption });
    // eval rejects positional arguments with its own hint, below.
    if (const auto done = parseCommandLine(parser, kCommand, arguments, Positionals::Keep))
        return *done;
    if (!parser.positionalArguments().isEmpty())
        return usageError(kCommand,
            QStringLiteral("unexpected argument \"%1\"; use --pred DIR --gt DIR")
                .arg(parser.positionalArguments().constFirst()));
    const bool withoutReference = !parser.isSet(gtOption) && !parser.isSet(sequenceOption);
    if (!parser.isSet(predOption) || (parser.isSet(gtOption) && parser.isSet(sequenceOption))
        || (withoutReference && !parser.isSet(niqeOption)))
        return usageError(kCommand,
            QStringLiteral("--pred DIR and one of --gt DIR, --sequence DATASET or --niqe are "
                           "required"));

    core::EvalOptions options;
    if (!core::parseMetricChannel(parser.value(channelOption), &options.metrics.channel))
        return usageError(kCommand,
            QStringLiteral("--channel \"%1\" is not one of: y, rgb")
                .arg(parser.value(channelOption)));
    options.metrics.matlabDownsample = !parser.isSet(noDownsampleOption);
    options.niqe = parser.isSet(niqeOption);
    if (!core::parseNiqePlane(parser.value(niqeChannelOption), &options.niqePlane))
        return usageError(kCommand,
            QStringLiteral("--niqe-channel \"%1\" is not one of: y, grey")
                .arg(parser.value(niqeChannelOption)));
    if (!readWholeNumber(parser, threadsOption, 0, &options.threads).isEmpty())
        return usageError(kCommand,
            QStringLiteral("--threads \"%1\" is not a count >= 0")
                .arg(parser.value(threadsOption)));

    const QString predDir = parser.value(predOption);
    const QString gtDir
        = parser.isSet(gtOption) ? parser.value(gtOption) : parser.value(sequenceOption);
    core::Dataset sequence;
    if (parser.isSet(sequenceOption)) {
        core::InspectOptions inspect;
        inspect.kind = core::DatasetKind::TimeLapse;
        const core::DatasetInspection inspection = core::inspectDataset(gtDir, inspect);
        if (!inspection.ok())
            return failure(kCommand, inspection.error);
        sequence = inspection.dataset;
    }
    ConsoleProgress progress(QStringLiteral("eval"));
    const core::EvalReport report = withoutReference
        ? core::evaluateWithoutReference(predDir, options, progress.callback())
        : parser.isSet(sequenceOption)
        ? core::evaluateSequence(predDir, sequence, options, progress.callback())
        : core::evaluateFolders(predDir, gtDir, options, progress.callback());
    progress.finish();
    if (!report.ok())
        return failure(kCommand, report.error);

    QTextStream err(stderr);
    for (const QString &problem : report.problems)
        err << "pluvia-cli eval: warning: " << QDir::toNativeSeparators(problem) << '\n';
    err.flush();

    // Sequences: how much the derained frames still change over time, beside the rainy ones.
    QVector<core::SceneConsistency> consistency;
    if (parser.isSet(sequenceOption)) {
        QStringList problems;
        consistency = core::sequenceConsistency(predDir, sequence, &problems);
        for (const QString &problem : std::as_const(problems))
            err << "pluvia-cli eval: warning: " << QDir::toNativeSeparators(problem) << '\n';
        err.flush();
    }
    double inputStd = 0.0, outputStd = 0.0;
    for (const core::SceneConsistency &scene : std::as_const(consistency)) {
        inputStd += scene.inputStd / double(consistency.size());
        outputStd += scene.outputStd / double(consistency.size());
    }
    if (parser.isSet(jsonOption)) {
        QJsonObject object = toJson(report, predDir, gtDir);
        if (!consistency.isEmpty()) {
            QJsonArray scenes;
            for (const core::SceneConsistency &scene : std::as_const(consistency))
                scenes.append(QJsonObject { { QStringLiteral("scene"), scene.scene },
                    { QStringLiteral("frames"), scene.frames },
                    { QStringLiteral("temporal_std_input"), scene.inputStd },
                    { QStringLiteral("temporal_std_output"), scene.outputStd } });
            object.insert(QStringLiteral("temporal_consistency"), scenes);
            object.insert(QStringLiteral("mean_temporal_std_input"), inputStd);
            object.insert(QStringLiteral("mean_temporal_std_output"), outputStd);
        }
        QTextStream(stdout) << QJsonDocument(object).toJson();
    } else {
        printTable(report);
        if (!consistency.isEmpty())
            QTextStream(stdout) << QStringLiteral(
                "temporal std per pixel (of 255, mean over %1 scenes): rainy frames %2, "
                "derained %3\n")
                                       .arg(consistency.size())
                                       .arg(inputStd, 0, 'f', 2)
                                       .arg(outputStd, 0, 'f', 2);
    }

    if (parser.isSet(csvOption)) {
        const QString csvError = writeCsv(parser.value(csvOption), report);
        if (!csvError.isEmpty())
            return failure(kCommand, csvError);
    }
    if (report.measured == 0)
        return failure(kCommand,
            QStringLiteral("no %1 could be measured (%2 problems listed above)")
                .arg(withoutReference ? QStringLiteral("image") : QStringLiteral("image pair"))
                .arg(report.problems.size()));
    return kExitOk;
}

} // namespace pluvia::cli
