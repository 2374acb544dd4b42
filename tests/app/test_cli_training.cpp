// SPDX-License-Identifier: GPL-3.0-or-later
// pluvia-cli's engine commands as a user runs them, in real child processes: methods, train,
// runs, export, derain, resume after kill -9.
#include "core/runtime/compute_runtime.h"
#include "core/store/run_store.h"

#include "support/cli_runner.h"
#include "support/engine_fixtures.h"
#include "support/tensorboard_reader.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest/QtTest>

#include <cmath>

using pluvia::test::CliResult;
using pluvia::test::runCli;
using namespace pluvia::core;

namespace {

// A U-Net small enough to take milliseconds per step.
const QStringList kTinyNetwork
    = { QStringLiteral("--preset"), QStringLiteral("quick"), QStringLiteral("--set"),
          QStringLiteral("batch_size=2"), QStringLiteral("--set"), QStringLiteral("crop_size=48"),
          QStringLiteral("--set"), QStringLiteral("width_multiplier=0.125"),
          QStringLiteral("--set"), QStringLiteral("unet_levels=3") };

QStringList trainArguments(const QString &workspace, const QString &dataset, int steps)
{
    return QStringList { QStringLiteral("train"), QStringLiteral("--workspace"), workspace,
        QStringLiteral("--method"), QStringLiteral("supervised"), QStringLiteral("--data"),
        QStringLiteral("synthetic_paired=") + dataset, QStringLiteral("--steps"),
        QString::number(steps), QStringLiteral("--seed"), QStringLiteral("3"),
        QStringLiteral("--preview-every"), QStringLiteral("0"), QStringLiteral("--loader-threads"),
        QStringLiteral("1") }
    + kTinyNetwork;
}

QVector<double> lossSeries(const QString &workspace, const QString &run, QVector<qint64> *steps)
{
    QString error;
    auto store = RunStore::open(workspace, &error);
    const MetricSeries series = store->series(run, QStringLiteral("loss/l1"));
    *steps = series.steps;
    return series.values;
}

} // namespace

class TestCliTraining : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_dataset;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(QFileInfo(qEnvironmentVariable("PLUVIA_CLI")).isExecutable());
        m_dataset
            = pluvia::test::makePairedDataset(m_dir.filePath(QStringLiteral("data")), 6, 96, 72, 5);
    }

    void methodsJson()
    {
        const CliResult result = runCli({ QStringLiteral("methods"), QStringLiteral("--json") });
        QCOMPARE(result.exitCode, 0);
        const QJsonArray methods = QJsonDocument::fromJson(result.out.toUtf8()).array();
        QJsonObject supervised;
        for (const QJsonValue &m : methods)
            if (m[QStringLiteral("id")].toString() == QLatin1String("supervised"))
                supervised = m.toObject();
        QVERIFY(!supervised.isEmpty());
        QStringList roles, parameters, presets;
        for (const QJsonValue &r : supervised[QStringLiteral("roles")].toArray())
            roles << r[QStringLiteral("name")].toString();
        for (const QJsonValue &p : supervised[QStringLiteral("parameters")].toArray())
            parameters << p[QStringLiteral("name")].toString();
        for (const QJsonValue &p : supervised[QStringLiteral("presets")].toArray())
            presets << p[QStringLiteral("name")].toString();
        QCOMPARE(roles,
            QStringList({ QStringLiteral("synthetic_paired"), QStringLiteral("validation") }));
        QVERIFY(parameters.contains(QStringLiteral("learning_rate")));
        QCOMPARE(presets, QStringList({ QStringLiteral("paper"), QStringLiteral("quick") }));
        for (const QJsonValue &p : supervised[QStringLiteral("parameters")].toArray())
            if (p[QStringLiteral("name")].toString() == QLatin1String("learning_rate"))
                QCOMPARE(p[QStringLiteral("paper_value")].toDouble(), 1e-4); // JRGR §3.3
    }

    // A device this build or machine cannot use is refused before any work, saying why.
    void unusableDeviceSaysWhy()
    {
        if (pluvia::core::computeDevices().size() > 1)
            QSKIP("this build has a usable GPU");
        const CliResult result
            = runCli(trainArguments(m_dir.filePath(QStringLiteral("ws-cuda")), m_dataset, 2)
                + QStringList { QStringLiteral("--device"), QStringLiteral("cuda") });
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.err.contains(QStringLiteral("no CUDA support")), qPrintable(result.err));
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("ws-cuda/pluvia.db"))));
    }

    // train → runs list/show → export CSV and TensorBoard (parsed back, CRCs checked) → derain.
    void trainListExportDerain()
    {
        const QString ws = m_dir.filePath(QStringLiteral("ws"));
        CliResult result
            = runCli(trainArguments(ws, m_dataset, 12) + QStringList { QStringLiteral("--json") });
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        const QStringList lines = result.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QVERIFY(lines.size() >= 2);
        QVERIFY(lines[0].startsWith(QLatin1String("run ")));
        const QString id = lines[0].mid(4);
        const QJsonObject summary = QJsonDocument::fromJson(lines.last().toUtf8()).object();
        QCOMPARE(summary[QStringLiteral("run_id")].toString(), id);
        QCOMPARE(summary[QStringLiteral("status")].toString(), QStringLiteral("finished"));
        QCOMPARE(summary[QStringLiteral("step")].toInt(), 12);

        result = runCli({ QStringLiteral("runs"), QStringLiteral("--workspace"), ws,
            QStringLiteral("list"), QStringLiteral("--json") });
        QCOMPARE(result.exitCode, 0);
        const QJsonArray runs = QJsonDocument::fromJson(result.out.toUtf8()).array();
        QCOMPARE(runs.size(), 1);
        QCOMPARE(runs[0][QStringLiteral("id")].toString(), id);
        QCOMPARE(runs[0][QStringLiteral("roles")][0][QStringLiteral("items")].toInt(), 6);

        result = runCli({ QStringLiteral("runs"), QStringLiteral("--workspace"), ws,
            QStringLiteral("show"), id.left(15) }); // a unique prefix
        QCOMPARE(result.exitCode, 0);
        QVERIFY(result.out.contains(QStringLiteral("re-run: pluvia-cli train")));

        const QString csv = m_dir.filePath(QStringLiteral("metrics.csv"));
        result = runCli({ QStringLiteral("runs"), QStringLiteral("--workspace"), ws,
            QStringLiteral("export"), id, QStringLiteral("--csv"), csv });
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        QFile csvFile(csv);
        QVERIFY(csvFile.open(QIODevice::ReadOnly));
        const QStringList rows
            = QString::fromUtf8(csvFile.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(rows.front(), QStringLiteral("key,step,wall_time,value"));
        QMap<qint64, double> csvLoss;
        for (const QString &row : rows.mid(1)) {
            const QStringList cells = row.split(QLatin1Char(','));
            QCOMPARE(cells.size(), 4);
            if (cells[0] == QLatin1String("loss/l1"))
                csvLoss.insert(cells[1].toLongLong(), cells[3].toDouble());
        }
        QCOMPARE(csvLoss.size(), 12);

        const QString tb = m_dir.filePath(QStringLiteral("tb"));
        result = runCli({ QStringLiteral("runs"), QStringLiteral("--workspace"), ws,
            QStringLiteral("export"), id, QStringLiteral("--tensorboard"), tb });
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        const QStringList files
            = QDir(tb).entryList({ QStringLiteral("events.out.tfevents.*") }, QDir::Files);
        QCOMPARE(files.size(), 1);
        QFile eventFile(QDir(tb).filePath(files[0]));
        QVERIFY(eventFile.open(QIODevice::ReadOnly));
        std::vector<QByteArray> records;
        QCOMPARE(pluvia::test::readRecords(eventFile.readAll(), records), QString());
        QCOMPARE(qsizetype(records.size()), rows.size()); // file_version + one event per point
        int tbLoss = 0;
        for (size_t i = 1; i < records.size(); ++i) {
            pluvia::test::Event event;
            QVERIFY(pluvia::test::parseEvent(records[i], event));
            QCOMPARE(event.scalars.size(), size_t(1));
            if (event.scalars[0].tag == QLatin1String("loss/l1")) {
                ++tbLoss;
                QCOMPARE(event.scalars[0].value, float(csvLoss.value(event.step)));
            }
        }
        QCOMPARE(tbLoss, 12);

        // Derain with the run's final checkpoint; refuse to overwrite; skip existing.
        QString error;
        auto store = RunStore::open(ws, &error);
        const QString checkpoint = store->artifacts(id, QStringLiteral("checkpoint")).back().path;
        const QString out = m_dir.filePath(QStringLiteral("derained"));
        const QStringList derain = { QStringLiteral("derain"), QStringLiteral("--checkpoint"),
            checkpoint, QStringLiteral("--out"), out, QStringLiteral("--save-rain"),
            m_dataset + QStringLiteral("/rain") };
        result = runCli(derain);
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        QCOMPARE(QDir(out).entryList({ QStringLiteral("*.png") }, QDir::Files).size(), 6);
        QCOMPARE(QDir(out + QStringLiteral("/rain"))
                     .entryList({ QStringLiteral("*.png") }, QDir::Files)
                     .size(),
            6);
        result = runCli(derain);
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.err.contains(QStringLiteral("exists")), qPrintable(result.err));
        result = runCli(derain + QStringList { QStringLiteral("--skip-existing") });
        QCOMPARE(result.exitCode, 0);
        QVERIFY2(result.out.contains(QStringLiteral("6 skipped")), qPrintable(result.out));

        result = runCli({ QStringLiteral("derain"), QStringLiteral("--checkpoint"), csv,
            QStringLiteral("--out"), m_dir.filePath(QStringLiteral("x")),
            m_dataset + QStringLiteral("/rain") });
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.err.contains(csv)
                && result.err.contains(QStringLiteral("not a readable checkpoint")),
            qPrintable(result.err));
    }

    // JRGR trains from the CLI, then exports a generated rainy dataset that inspection and the
    // engine accept as a paired dataset; a method that cannot generate is refused.
    void jrgrTrainGenerateReuse()
    {
        const QString ws = m_dir.filePath(QStringLiteral("ws-jrgr"));
        CliResult result = runCli(pluvia::test::tinyJrgrTrainArguments(ws, m_dataset, 48, 6));
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        const QJsonObject summary = QJsonDocument::fromJson(
            result.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts).last().toUtf8())
                                        .object();
        QCOMPARE(summary[QStringLiteral("status")].toString(), QStringLiteral("finished"));
        QStringList terms;
        for (const QJsonValue &loss : summary[QStringLiteral("losses")].toArray())
            terms << loss[QStringLiteral("name")].toString();
        QVERIFY2(terms.contains(QStringLiteral("cyc/O_r")) && terms.contains(QStringLiteral("D/B")),
            qPrintable(terms.join(QLatin1Char(' '))));
        QVERIFY2(result.err.contains(QStringLiteral(
                     "role clean_backgrounds: using the clean images of synthetic_paired")),
            qPrintable(result.err));

        QString error;
        auto store = RunStore::open(ws, &error);
        const QString id = summary[QStringLiteral("run_id")].toString();
        const QString checkpoint = store->artifacts(id, QStringLiteral("checkpoint")).back().path;
        const QString out = m_dir.filePath(QStringLiteral("generated"));
        const QStringList generate = { QStringLiteral("generate"), QStringLiteral("--checkpoint"),
            checkpoint, QStringLiteral("--clean"), m_dir.filePath(QStringLiteral("data/clean")),
            QStringLiteral("--out"), out };
        result = runCli(generate);
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        QCOMPARE(QDir(out + QStringLiteral("/rain")).entryList(QDir::Files).size(), 6);
        QFile manifestFile(out + QStringLiteral("/manifest.json"));
        QVERIFY(manifestFile.open(QIODevice::ReadOnly));
        const QJsonObject manifest = QJsonDocument::fromJson(manifestFile.readAll()).object();
        const QJsonObject provenance = manifest[QStringLiteral("provenance")].toObject();
        QCOMPARE(provenance[QStringLiteral("method")].toString(), QStringLiteral("jrgr"));
        QCOMPARE(provenance[QStringLiteral("checkpoint")].toString(), checkpoint);
        QCOMPARE(provenance[QStringLiteral("run_id")].toString(), id);
        QCOMPARE(provenance[QStringLiteral("rain_source")][QStringLiteral("preset")].toString(),
            QStringLiteral("light"));

        result = runCli({ QStringLiteral("dataset"), QStringLiteral("inspect"), out,
            QStringLiteral("--json") });
        QCOMPARE(result.exitCode, 0);
        const QJsonObject inspected = QJsonDocument::fromJson(result.out.toUtf8()).object();
        QCOMPARE(inspected[QStringLiteral("kind")].toString(), QStringLiteral("paired"));
        QCOMPARE(inspected[QStringLiteral("counts")][QStringLiteral("pairs")].toInt(), 6);
        result = runCli(trainArguments(m_dir.filePath(QStringLiteral("ws-on-generated")), out, 2));
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));

        result = runCli(generate); // the folder holds a dataset now
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(
            result.err.contains(QStringLiteral("already holds a dataset")), qPrintable(result.err));
        auto onGenerated
            = RunStore::open(m_dir.filePath(QStringLiteral("ws-on-generated")), &error);
        const QString supervised
            = onGenerated->artifacts(onGenerated->runs().front().id, QStringLiteral("checkpoint"))
                  .back()
                  .path;
        result = runCli({ QStringLiteral("generate"), QStringLiteral("--checkpoint"), supervised,
            QStringLiteral("--clean"), m_dir.filePath(QStringLiteral("data/clean")),
            QStringLiteral("--out"), m_dir.filePath(QStringLiteral("gen2")) });
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.err.contains(QStringLiteral("cannot generate")), qPrintable(result.err));
    }

    // The reproduce line of `runs show` re-runs the run: into another workspace it gives the
    // same loss at every step.
    void reproduceLineRepeatsTheRun()
    {
        const QString first = m_dir.filePath(QStringLiteral("ws-original"));
        CliResult result = runCli(trainArguments(first, m_dataset, 12)
            + QStringList { QStringLiteral("--set"), QStringLiteral("learning_rate=0.0003"),
                QStringLiteral("--checkpoint-every"), QStringLiteral("5") });
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        QString error;
        const QString id = RunStore::open(first, &error)->runs().front().id;
        result = runCli({ QStringLiteral("runs"), QStringLiteral("--workspace"), first,
            QStringLiteral("show"), id, QStringLiteral("--json") });
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        QStringList again;
        for (const QJsonValue &v : QJsonDocument::fromJson(result.out.toUtf8())
                                       .object()[QStringLiteral("reproduce")]
                                       .toArray())
            again << v.toString();
        const QStringList rate = again.filter(QStringLiteral("learning_rate="));
        QVERIFY2(rate.size() == 1 && rate.front().mid(14).toDouble() == 0.0003
                && again.contains(QStringLiteral("--checkpoint-every")),
            qPrintable(again.join(QLatin1Char(' '))));
        const QString second = m_dir.filePath(QStringLiteral("ws-reproduced"));
        again[again.indexOf(QStringLiteral("--workspace")) + 1] = second;
        result = runCli(again);
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        QVector<qint64> steps1, steps2;
        const QVector<double> losses1 = lossSeries(first, id, &steps1);
        const QString id2 = RunStore::open(second, &error)->runs().front().id;
        const QVector<double> losses2 = lossSeries(second, id2, &steps2);
        QCOMPARE(steps2, steps1);
        QCOMPARE(losses2, losses1); // bit-identical
        QCOMPARE(steps1.size(), 12);
    }

    // A PyTorch round trip from the CLI: export-weights, import-weights of that file under the
    // same parameters, then `train --init` from the imported model; its reproduce line keeps
    // --init, and its first checkpoint holds the model's weights (export-weights of both agree).
    void weightsRoundTripAndFineTuning()
    {
        const QString ws = m_dir.filePath(QStringLiteral("ws-weights"));
        CliResult result = runCli(trainArguments(ws, m_dataset, 2));
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        QString error;
        auto store = RunStore::open(ws, &error);
        const QString checkpoint
            = store->artifacts(store->runs().front().id, QStringLiteral("checkpoint")).back().path;
        const QString weights = m_dir.filePath(QStringLiteral("supervised.pth"));
        result = runCli({ QStringLiteral("export-weights"), QStringLiteral("--checkpoint"),
            checkpoint, QStringLiteral("--out"), weights });
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        const QString model = m_dir.filePath(QStringLiteral("imported.pt"));
        QStringList import = { QStringLiteral("import-weights"), QStringLiteral("--method"),
            QStringLiteral("supervised"), QStringLiteral("--weights"), weights,
            QStringLiteral("--out"), model };
        import += kTinyNetwork;
        result = runCli(import);
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        QVERIFY2(result.out.contains(QStringLiteral("← supervised.pth (Pluvia's names")),
            qPrintable(result.out));

        const QString tuned = m_dir.filePath(QStringLiteral("ws-tuned"));
        result = runCli(trainArguments(tuned, m_dataset, 2)
            + QStringList {
                QStringLiteral("--init"), model, QStringLiteral("--seed"), QStringLiteral("9") });
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        const QString printed = result.out + result.err;
        QVERIFY2(printed.contains(QStringLiteral("networks start from")), qPrintable(printed));
        auto tunedStore = RunStore::open(tuned, &error);
        const QString id = tunedStore->runs().front().id;
        result = runCli({ QStringLiteral("runs"), QStringLiteral("--workspace"), tuned,
            QStringLiteral("show"), id, QStringLiteral("--json") });
        QStringList again;
        for (const QJsonValue &v : QJsonDocument::fromJson(result.out.toUtf8())
                                       .object()[QStringLiteral("reproduce")]
                                       .toArray())
            again << v.toString();
        QVERIFY2(again.indexOf(QStringLiteral("--init")) >= 0
                && again.value(again.indexOf(QStringLiteral("--init")) + 1)
                    == QFileInfo(model).absoluteFilePath(),
            qPrintable(again.join(QLatin1Char(' '))));
        const QString start
            = QFileInfo(tunedStore->artifacts(id, QStringLiteral("checkpoint")).front().path)
                  .absoluteFilePath();
        QVERIFY2(start.endsWith(QStringLiteral("step-00000000.pt")), qPrintable(start));
        const QString fromStart = m_dir.filePath(QStringLiteral("start.pth"));
        QCOMPARE(runCli({ QStringLiteral("export-weights"), QStringLiteral("--checkpoint"), start,
                            QStringLiteral("--out"), fromStart })
                     .exitCode,
            0);
        QFile a(weights), b(fromStart);
        QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
        QCOMPARE(b.readAll(), a.readAll()); // the same tensors, byte for byte
    }

    // `compare --saved NAME` keeps a comparison in the workspace (where the Compare tab lists
    // it) and, given alone, runs it again: the same table.
    void savedComparisonRunsAgain()
    {
        const QString ws = m_dir.filePath(QStringLiteral("ws-compare"));
        CliResult result = runCli(trainArguments(ws, m_dataset, 2));
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        QString error;
        const QString id = RunStore::open(ws, &error)->runs().front().id;
        result = runCli({ QStringLiteral("compare"), QStringLiteral("--workspace"), ws,
            QStringLiteral("--saved"), QStringLiteral("tiny"), QStringLiteral("--run"), id,
            QStringLiteral("--test"), QStringLiteral("pairs=") + m_dataset });
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        const QString folder = QDir(ws).filePath(QStringLiteral("comparisons/tiny"));
        QVERIFY(QFileInfo::exists(QDir(folder).filePath(QStringLiteral("comparison.json"))));
        const QString table = result.out.section(QStringLiteral("\n\n"), 0, -2);
        QVERIFY2(table.contains(QStringLiteral("| rainy input |")), qPrintable(result.out));
        result = runCli({ QStringLiteral("compare"), QStringLiteral("--workspace"), ws,
            QStringLiteral("--saved"), QStringLiteral("tiny") });
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        QCOMPARE(result.out.section(QStringLiteral("\n\n"), 0, -2), table);
        result = runCli({ QStringLiteral("compare"), QStringLiteral("--workspace"), ws,
            QStringLiteral("--saved"), QStringLiteral("absent") });
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.err.contains(QStringLiteral("no saved comparison \"absent\"")),
            qPrintable(result.err));
    }

    // UDRDR trains from the CLI, with its own teacher and with another run's model as the
    // teacher (§3.4), and exports x_ref = clean + the rain it finds in real images.
    void udrdrTeacherAndGenerate()
    {
        const QStringList tiny = { QStringLiteral("--preset"), QStringLiteral("quick"),
            QStringLiteral("--set"), QStringLiteral("blocks=1"), QStringLiteral("--set"),
            QStringLiteral("crop_size=32"), QStringLiteral("--steps"), QStringLiteral("4"),
            QStringLiteral("--preview-every"), QStringLiteral("0"), QStringLiteral("--data"),
            QStringLiteral("synthetic_paired=") + m_dataset, QStringLiteral("--data"),
            QStringLiteral("real_rainy=") + m_dataset + QStringLiteral("/rain") };
        const QString ws = m_dir.filePath(QStringLiteral("ws-udrdr"));
        CliResult result
            = runCli(QStringList { QStringLiteral("train"), QStringLiteral("--workspace"), ws,
                         QStringLiteral("--method"), QStringLiteral("udrdr") }
                + tiny);
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        QVERIFY2(result.err.contains(QStringLiteral("direction"))
                && result.err.contains(QStringLiteral("distill/ref")),
            qPrintable(result.err));

        // A supervised run's checkpoint as the teacher.
        result = runCli(trainArguments(ws, m_dataset, 2));
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        QString error;
        auto store = RunStore::open(ws, &error);
        QString teacher;
        for (const RunRecord &run : store->runs())
            if (run.method == QLatin1String("supervised"))
                teacher = store->artifacts(run.id, QStringLiteral("checkpoint")).back().path;
        result
            = runCli(QStringList { QStringLiteral("train"), QStringLiteral("--workspace"), ws,
                         QStringLiteral("--method"), QStringLiteral("udrdr"),
                         QStringLiteral("--set"), QStringLiteral("teacher_checkpoint=") + teacher }
                + tiny);
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        QVERIFY2(result.err.contains(QStringLiteral("teacher: supervised, run")),
            qPrintable(result.err));
        QVERIFY2(!result.err.contains(QStringLiteral("cycle")),
            qPrintable(result.err)); // nothing of F1/F2 trains

        QString udrdr;
        for (const RunRecord &run : store->runs())
            if (run.method == QLatin1String("udrdr") && udrdr.isEmpty())
                udrdr = store->artifacts(run.id, QStringLiteral("checkpoint")).back().path;
        const QString out = m_dir.filePath(QStringLiteral("udrdr-generated"));
        result = runCli({ QStringLiteral("generate"), QStringLiteral("--checkpoint"), udrdr,
            QStringLiteral("--clean"), m_dir.filePath(QStringLiteral("data/clean")),
            QStringLiteral("--out"), out });
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.err.contains(QStringLiteral("--real")), qPrintable(result.err));
        result = runCli({ QStringLiteral("generate"), QStringLiteral("--checkpoint"), udrdr,
            QStringLiteral("--clean"), m_dir.filePath(QStringLiteral("data/clean")),
            QStringLiteral("--real"), m_dataset + QStringLiteral("/rain"), QStringLiteral("--out"),
            out });
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        QCOMPARE(QDir(out + QStringLiteral("/rain")).entryList(QDir::Files).size(), 6);
        QFile manifest(out + QStringLiteral("/manifest.json"));
        QVERIFY(manifest.open(QIODevice::ReadOnly));
        const QJsonObject provenance = QJsonDocument::fromJson(manifest.readAll())
                                           .object()[QStringLiteral("provenance")]
                                           .toObject();
        QCOMPARE(provenance[QStringLiteral("method")].toString(), QStringLiteral("udrdr"));
        QCOMPARE(
            provenance[QStringLiteral("rain_source")][QStringLiteral("images")].toArray().size(),
            6);
    }

    // DerainCycleGAN trains from the CLI on unpaired rainy and clean images; its start says L_p is
    // off without VGG-16 weights; a weights file that is not one stops the run before its first
    // step, naming the file; derain writes the six stage masks and Att.
    void derainCycleGanTrainsAndDerains()
    {
        const QString ws = m_dir.filePath(QStringLiteral("ws-dcg"));
        const QStringList tiny = { QStringLiteral("train"), QStringLiteral("--workspace"), ws,
            QStringLiteral("--method"), QStringLiteral("deraincyclegan"),
            QStringLiteral("--preset"), QStringLiteral("quick"), QStringLiteral("--set"),
            QStringLiteral("attention_features=4"), QStringLiteral("--set"),
            QStringLiteral("generator_channels=4"), QStringLiteral("--set"),
            QStringLiteral("disc_channels=4"), QStringLiteral("--set"),
            QStringLiteral("crop_size=32"), QStringLiteral("--steps"), QStringLiteral("2"),
            QStringLiteral("--preview-every"), QStringLiteral("0"), QStringLiteral("--data"),
            QStringLiteral("real_rainy=") + m_dataset + QStringLiteral("/rain"),
            QStringLiteral("--data"),
            QStringLiteral("clean=") + m_dir.filePath(QStringLiteral("data/clean")) };
        CliResult result = runCli(tiny);
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        QVERIFY2(result.err.contains(QStringLiteral("note: L_p (perceptual loss, eq. 10) is off")),
            qPrintable(result.err));
        QVERIFY2(result.err.contains(QStringLiteral("cc/r"))
                && result.err.contains(QStringLiteral("D/N")),
            qPrintable(result.err));

        const QString notWeights = m_dir.filePath(QStringLiteral("not-vgg.pt"));
        QFile file(notWeights);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("not a state dict");
        file.close();
        result = runCli(tiny
            + QStringList { QStringLiteral("--set"), QStringLiteral("vgg_weights=") + notWeights });
        QVERIFY(result.exitCode != 0);
        QVERIFY2(result.err.contains(notWeights), qPrintable(result.err));

        QString error;
        auto store = RunStore::open(ws, &error);
        QVERIFY2(store, qPrintable(error));
        const QString checkpoint
            = store->artifacts(store->runs().back().id, QStringLiteral("checkpoint")).back().path;
        const QString out = m_dir.filePath(QStringLiteral("dcg-derained"));
        result = runCli({ QStringLiteral("derain"), QStringLiteral("--checkpoint"), checkpoint,
            QStringLiteral("--out"), out, QStringLiteral("--save-intermediates"),
            m_dataset + QStringLiteral("/rain") });
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        // <out>/<intermediate>/<stem>.png for each of the six rainy images.
        for (const QString &name :
            { QStringLiteral("mask_1"), QStringLiteral("mask_4"), QStringLiteral("Att") })
            QCOMPARE(QDir(out + QLatin1Char('/') + name).entryList(QDir::Files).size(), 6);
    }

    // kill -9 loses at most the work since the last checkpoint: resume continues from it, the
    // store stays intact, and the losses equal those of an uninterrupted run.
    // Issue 18: a store with its metrics table dropped made `runs show` list no metrics and
    // `runs export --csv` write a header-only file (exit 0); a 0-byte pluvia.db was re-created
    // empty by `runs list`. Now both are refused, and `workspace check|repair` bring them back.
    void damagedStoreIsRefusedAndRepaired()
    {
        const QString ws = m_dir.filePath(QStringLiteral("ws-repair"));
        CliResult result = runCli(trainArguments(ws, m_dataset, 4));
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        const QString id = result.out.section(QLatin1Char('\n'), 0, 0).mid(4);
        const QString db = QDir(ws).filePath(QStringLiteral("pluvia.db"));
        result = runCli({ QStringLiteral("workspace"), QStringLiteral("check"), ws });
        QVERIFY2(result.exitCode == 0 && result.out.endsWith(QStringLiteral("ok\n")),
            qPrintable(result.out));

        { // the metrics table dropped, as with the sqlite3 tool
            QSqlDatabase raw
                = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("raw"));
            raw.setDatabaseName(db);
            QVERIFY(raw.open() && QSqlQuery(raw).exec(QStringLiteral("DROP TABLE metrics")));
            raw.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("raw"));
        result = runCli({ QStringLiteral("runs"), QStringLiteral("--workspace"), ws,
            QStringLiteral("show"), id });
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(
            result.err.contains(QStringLiteral("the store is damaged (table metrics is missing)")),
            qPrintable(result.err));
        const QString csv = m_dir.filePath(QStringLiteral("repair.csv"));
        result = runCli({ QStringLiteral("runs"), QStringLiteral("--workspace"), ws,
            QStringLiteral("export"), id, QStringLiteral("--csv"), csv });
        QCOMPARE(result.exitCode, 1);
        QVERIFY(!QFileInfo::exists(csv));
        result = runCli({ QStringLiteral("workspace"), QStringLiteral("check"), ws });
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.out.contains(QStringLiteral("damage:   table metrics is missing")),
            qPrintable(result.out));
        result = runCli({ QStringLiteral("workspace"), QStringLiteral("repair"), ws });
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        QVERIFY2(result.out.contains(QStringLiteral("recovered:  runs         1 row(s)\n")),
            qPrintable(result.out));
        QVERIFY2(result.out.contains(
                     QStringLiteral("recovered:  metrics      0 row(s) (lost: no such table")),
            qPrintable(result.out));
        const QString saved
            = result.out.section(QStringLiteral("saved:      "), 1).section(QLatin1Char(' '), 0, 0);
        QVERIFY2(QFileInfo(saved).size() > 0, qPrintable(saved)); // the damaged store, kept
        result = runCli({ QStringLiteral("workspace"), QStringLiteral("check"), ws });
        QVERIFY2(result.exitCode == 0, qPrintable(result.out));

        // The store emptied to 0 bytes: refused, left as it is, then re-indexed from the run's
        // checkpoints by the repair.
        QVERIFY(QFile::resize(db, 0));
        QFile::remove(db + QStringLiteral("-wal"));
        QFile::remove(db + QStringLiteral("-shm"));
        result = runCli(
            { QStringLiteral("runs"), QStringLiteral("--workspace"), ws, QStringLiteral("list") });
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.err.contains(
                     QStringLiteral("the store is empty (0 bytes) but the workspace holds "
                                    "1 run folder(s)")),
            qPrintable(result.err));
        QCOMPARE(QFileInfo(db).size(), 0);
        result = runCli({ QStringLiteral("workspace"), QStringLiteral("repair"), ws });
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        QVERIFY2(result.out.contains(QStringLiteral("re-indexed: %1 from its checkpoints").arg(id)),
            qPrintable(result.out));
        result = runCli({ QStringLiteral("runs"), QStringLiteral("--workspace"), ws,
            QStringLiteral("list"), QStringLiteral("--json") });
        QCOMPARE(result.exitCode, 0);
        const QJsonArray runs = QJsonDocument::fromJson(result.out.toUtf8()).array();
        QCOMPARE(runs.size(), 1);
        QCOMPARE(runs[0][QStringLiteral("id")].toString(), id);
        QCOMPARE(runs[0][QStringLiteral("step")].toInt(), 4); // from the last checkpoint
        QCOMPARE(runs[0][QStringLiteral("status")].toString(), QStringLiteral("finished"));
    }

    // Issue 18: another run's checkpoint placed in a run's folder was resumed from, jumping from
    // step 22 to 60 and leaving steps 23-60 out of every series. It is skipped with its reason and
    // the run continues from its own last checkpoint; each step is in the series exactly once.
    void resumeSkipsAnotherRunsCheckpoint()
    {
        const QString ws = m_dir.filePath(QStringLiteral("ws-identity"));
        CliResult result = runCli(trainArguments(ws, m_dataset, 4));
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        const QString id = result.out.section(QLatin1Char('\n'), 0, 0).mid(4);
        result = runCli(trainArguments(ws, m_dataset, 6));
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        const QString other = result.out.section(QLatin1Char('\n'), 0, 0).mid(4);
        const QString foreign
            = QDir(ws).filePath(QStringLiteral("runs/%1/checkpoints/step-00000006.pt").arg(id));
        QVERIFY(QFile::copy(
            QDir(ws).filePath(QStringLiteral("runs/%1/checkpoints/step-00000006.pt").arg(other)),
            foreign));
        result = runCli({ QStringLiteral("resume"), QStringLiteral("--workspace"), ws, id,
            QStringLiteral("--steps"), QStringLiteral("8") });
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        QVERIFY2(result.err.contains(
                     QStringLiteral("skipping %1: it belongs to run %2, not to this run (%3)")
                         .arg(QDir::toNativeSeparators(foreign), other, id)),
            qPrintable(result.err));
        QVERIFY2(result.err.contains(QStringLiteral("resume: from the checkpoint at step 4")),
            qPrintable(result.err));
        QVector<qint64> steps;
        lossSeries(ws, id, &steps);
        QCOMPARE(steps, (QVector<qint64> { 1, 2, 3, 4, 5, 6, 7, 8 }));
    }

    void resumeAfterKill()
    {
        const int steps = 400;
        const QString ws = m_dir.filePath(QStringLiteral("ws-kill"));
        QProcess child;
        child.start(qEnvironmentVariable("PLUVIA_CLI"),
            trainArguments(ws, m_dataset, steps)
                + QStringList { QStringLiteral("--checkpoint-every"), QStringLiteral("10") });
        QVERIFY(child.waitForStarted());
        QVERIFY(child.waitForReadyRead(60000)); // "run <id>"
        const QString id = QString::fromUtf8(child.readLine()).trimmed().mid(4);
        QVERIFY(!id.isEmpty());
        // Kill it once a checkpoint past step 20 exists.
        QString error;
        auto store = RunStore::open(ws, &error);
        QVERIFY2(store, qPrintable(error));
        QDeadlineTimer deadline(60000);
        qint64 checkpointed = 0;
        while (checkpointed < 20 && !deadline.hasExpired() && child.state() == QProcess::Running) {
            for (const ArtifactRecord &a : store->artifacts(id, QStringLiteral("checkpoint")))
                checkpointed = std::max(checkpointed, a.step);
            QTest::qWait(5);
        }
        QVERIFY2(child.state() == QProcess::Running, "the run ended before it could be killed");
        child.kill(); // SIGKILL
        QVERIFY(child.waitForFinished());
        QCOMPARE(child.exitStatus(), QProcess::CrashExit);
        QCOMPARE(store->run(id)->status, RunStatus::Interrupted);
        QVector<qint64> beforeSteps;
        lossSeries(ws, id, &beforeSteps);
        QVERIFY2(beforeSteps.size() < steps, "the run finished before the kill");

        CliResult result
            = runCli({ QStringLiteral("resume"), QStringLiteral("--workspace"), ws, id });
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        QVERIFY2(result.err.contains(QStringLiteral("resume: from the checkpoint at step")),
            qPrintable(result.err));

        {
            QSqlDatabase db
                = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("check"));
            db.setDatabaseName(ws + QStringLiteral("/pluvia.db"));
            QVERIFY(db.open());
            QSqlQuery query(QStringLiteral("PRAGMA integrity_check"), db);
            QVERIFY(query.next());
            QCOMPARE(query.value(0).toString(), QStringLiteral("ok"));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("check"));
        QCOMPARE(store->run(id)->status, RunStatus::Finished);

        // An uninterrupted run with the same seed, in another process.
        const QString wsClean = m_dir.filePath(QStringLiteral("ws-clean"));
        result = runCli(trainArguments(wsClean, m_dataset, steps));
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        const QString cleanId = result.out.section(QLatin1Char('\n'), 0, 0).mid(4);
        QVector<qint64> resumedSteps, cleanSteps;
        const QVector<double> resumed = lossSeries(ws, id, &resumedSteps);
        const QVector<double> clean = lossSeries(wsClean, cleanId, &cleanSteps);
        QCOMPARE(resumedSteps.size(), steps);
        QCOMPARE(resumedSteps, cleanSteps); // 1..steps, each once
        for (int i = 0; i < steps; ++i)
            QVERIFY2(resumed[i] == clean[i],
                qPrintable(QStringLiteral("step %1: %2 vs %3")
                               .arg(i + 1)
                               .arg(resumed[i], 0, 'g', 17)
                               .arg(clean[i], 0, 'g', 17)));
    }
};

QTEST_GUILESS_MAIN(TestCliTraining)
#include "test_cli_training.moc"
