// SPDX-License-Identifier: GPL-3.0-or-later
// PyTorch weights in and out, checked against PyTorch itself (tests/data/pytorch_weights.py with
// Debian's python3-torch): Pluvia's exported state dict loads strictly into the PyTorch networks
// of bench/jrgr_reference.py and gives the outputs Pluvia's networks give; files written as
// guyii54/JRGR writes them (pix2pix's nested unet_128 built in PyTorch, not from Pluvia's names)
// derain and generate in Pluvia as the public code computes; export then import keeps a model
// exactly; and bad input is named.
#include "core/catalogue/method_catalog.h"
#include "core/catalogue/method_params_p.h"
#include "core/checkpoint/checkpoint_p.h"
#include "core/checkpoint/weights_export.h"
#include "core/checkpoint/weights_import.h"
#include "models/framework/method_registry.h"
#include "models/framework/state_dict_file.h"
#include "models/framework/state_dict_writer.h"
#include "models/networks/patch_discriminator.h"
#include "models/networks/pix2pix_unet.h"
#include "models/networks/resnet_generator.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest/QtTest>

#include <torch/torch.h>

using namespace pluvia;

namespace {

// Small networks, so that PyTorch and Pluvia run them in a moment.
const QStringList kSmall = { QStringLiteral("base_channels=8"), QStringLiteral("disc_channels=8") };

QString python()
{
    const QString configured = qEnvironmentVariable("PLUVIA_TORCH_PYTHON");
    return configured.isEmpty() ? QStringLiteral("/usr/bin/python3") : configured;
}

// Runs tests/data/pytorch_weights.py; "" or what went wrong.
QString runScript(const QStringList &arguments)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(python(),
        QStringList { QDir(qEnvironmentVariable("PLUVIA_SOURCE_DIR"))
                          .filePath(QStringLiteral("tests/data/pytorch_weights.py")) }
            + arguments);
    if (!process.waitForFinished(240000) || process.exitCode() != 0)
        return QStringLiteral("pytorch_weights.py %1 failed: %2")
            .arg(arguments.join(QLatin1Char(' ')), QString::fromUtf8(process.readAll()));
    return {};
}

std::unique_ptr<models::Method> makeJrgr(const QStringList &overrides, quint64 seed)
{
    QJsonObject json;
    if (!core::resolveMethodParameters(
            QStringLiteral("jrgr"), QStringLiteral("reference-code"), overrides, &json)
             .isEmpty())
        return nullptr;
    models::Params params;
    QString error;
    if (!core::paramsFromJson(*models::findMethod("jrgr"), json, &params, &error, nullptr))
        return nullptr;
    std::string createError;
    return models::createMethod("jrgr", params, torch::kCPU, seed, &createError);
}

// A JRGR reference-code model with seeded networks, written as a Pluvia model file.
QString writeModel(const QString &path, quint64 seed)
{
    std::unique_ptr<models::Method> method = makeJrgr(kSmall, seed);
    if (!method)
        return {};
    // Training-like BatchNorm statistics, so that evaluation mode is exercised.
    torch::manual_seed(int64_t(seed));
    {
        torch::NoGradGuard noGrad;
        for (const auto &[name, module] : method->networks())
            for (auto &[key, tensor] : models::moduleTensors(*module))
                if (key.find("running_mean") != std::string::npos)
                    tensor.uniform_(-0.2, 0.2);
                else if (key.find("running_var") != std::string::npos)
                    tensor.uniform_(0.5, 1.5);
    }
    core::CheckpointInfo info;
    info.method = QStringLiteral("jrgr");
    info.preset = QStringLiteral("reference-code");
    core::resolveMethodParameters(info.method, info.preset, kSmall, &info.params);
    info.seed = seed;
    info.networksOnly = true;
    return core::saveCheckpoint(path, info, *method).isEmpty() ? path : QString();
}

std::unique_ptr<models::Method> loadModel(const QString &path)
{
    core::CheckpointInfo info;
    QString error;
    auto method = core::loadMethodFromCheckpoint(path, QStringLiteral("cpu"), &info, &error);
    if (!method)
        qWarning("%s", qPrintable(error));
    return method;
}

void writeTensors(const QString &path, const models::NamedTensors &tensors)
{
    const std::vector<char> bytes = models::stateDictFileBytes(tensors);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(bytes.data(), qint64(bytes.size())), qint64(bytes.size()));
}

double maxDifference(const at::Tensor &a, const at::Tensor &b)
{
    if (a.sizes() != b.sizes())
        return std::numeric_limits<double>::infinity();
    return (a.to(torch::kDouble) - b.to(torch::kDouble)).abs().max().item<double>();
}

QByteArray contents(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestPytorchWeights : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_model;

    QString path(const QString &name) const { return m_dir.filePath(name); }

private Q_SLOTS:
    void initTestCase()
    {
        torch::set_num_threads(2);
        m_model = writeModel(path(QStringLiteral("model.pt")), 11);
        QVERIFY(!m_model.isEmpty());
        // The files guyii54/JRGR's training writes, for the import and its error cases.
        const QString failure = runScript(
            { QStringLiteral("public"), path(QStringLiteral("public")), QStringLiteral("8") });
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
    }

    void exportedWeightsLoadInPyTorch()
    {
        const QString exported = path(QStringLiteral("all.pth"));
        const core::WeightsExportReport report = core::exportWeights(m_model, exported);
        QVERIFY2(report.ok(), qPrintable(report.error));
        QCOMPARE(report.networks.size(), 7);
        // unet_128 70 tensors ×2, ResNet 140 ×2, PatchGAN (instance norm: no statistics) 10 ×3.
        QCOMPARE(report.tensors, 2 * 70 + 2 * 140 + 3 * 10);

        torch::manual_seed(3);
        const at::Tensor x = torch::rand({ 1, 3, 72, 100 }); // not a multiple of 128: padded
        writeTensors(path(QStringLiteral("input.pt")), { { "x", x } });
        const QString out = path(QStringLiteral("pytorch.pt"));
        const QString failure = runScript({ QStringLiteral("forward"), exported,
            path(QStringLiteral("input.pt")), out, QStringLiteral("8") });
        QVERIFY2(failure.isEmpty(), qPrintable(failure));

        std::unique_ptr<models::Method> method = loadModel(m_model);
        QVERIFY(method);
        models::StateDictFile pytorch(out.toStdString());
        torch::NoGradGuard noGrad;
        for (const auto &[name, module] : method->networks()) {
            if (!pytorch.find(name))
                continue;
            module->eval();
            at::Tensor ours;
            const at::Tensor input = 2 * x - 1; // the reference-code preset's [-1, 1]
            if (auto *unet = dynamic_cast<models::Pix2PixUNetImpl *>(module))
                ours = unet->forward(input);
            else if (auto *resnet = dynamic_cast<models::ResnetGeneratorImpl *>(module))
                ours = resnet->forward(input);
            else if (auto *patch = dynamic_cast<models::PatchDiscriminatorImpl *>(module))
                ours = patch->forward(input);
            QVERIFY2(ours.defined(), name.c_str());
            const double difference = maxDifference(ours, pytorch.read(name));
            qInfo("%s: max |Pluvia − PyTorch| = %.3g", name.c_str(), difference);
            QVERIFY2(difference < 1e-5,
                qPrintable(QStringLiteral("%1: max |Pluvia − PyTorch| = %2")
                               .arg(QString::fromStdString(name))
                               .arg(difference)));
        }
    }

    // Files as guyii54/JRGR writes them: its unet_128 nests its blocks (model.model.1.model.3…),
    // built in PyTorch by the fixture, not derived from Pluvia's names.
    void publicFilesWorkAsInThePublicCode()
    {
        const QString folder = path(QStringLiteral("public"));
        core::WeightsImportRequest request;
        request.method = QStringLiteral("jrgr");
        request.preset = QStringLiteral("reference-code");
        request.overrides = kSmall;
        for (const char *file : { "latest_net_G3.pth", "latest_net_G2.pth", "latest_net_D_Ot.pth" })
            request.sources.append({ QString(), QDir(folder).filePath(QLatin1String(file)) });
        request.out = path(QStringLiteral("imported.pt"));
        const core::WeightsImportReport report = core::importWeights(request);
        QVERIFY2(report.ok(), qPrintable(report.error));
        QCOMPARE(report.imported,
            QStringList({ QStringLiteral("F_r ← latest_net_G3.pth (guyii54/JRGR's G3, 70 tensors)"),
                QStringLiteral("G_r ← latest_net_G2.pth (guyii54/JRGR's G2, 140 tensors)"),
                QStringLiteral("D_Or ← latest_net_D_Ot.pth (guyii54/JRGR's D_Ot, 10 tensors)") }));
        QCOMPARE(report.initialised,
            QStringList({ QStringLiteral("F_s"), QStringLiteral("G_s"), QStringLiteral("D_B"),
                QStringLiteral("D_Os") }));
        QVERIFY(report.unused.isEmpty());

        std::unique_ptr<models::Method> method = loadModel(request.out);
        QVERIFY(method);
        models::StateDictFile expected(
            QDir(folder).filePath(QStringLiteral("expected.pt")).toStdString());
        const at::Tensor x = expected.read("x");
        const double derained
            = maxDifference(method->derain(x, false).background, expected.read("B"));
        QVERIFY2(derained < 1e-5, qPrintable(QString::number(derained)));
        const double generated
            = maxDifference(method->generate(x, expected.read("s")), expected.read("O"));
        qInfo("JRGR public files: derained %.3g, generated %.3g from the public formulas", derained,
            generated);
        QVERIFY2(generated < 1e-5, qPrintable(QString::number(generated)));
    }

    // A checkpoint as OaDsis/DerainCycleGAN saves it: one file of state dicts (its attention
    // network's four gate convolutions become Pluvia's one), optimiser state and counters.
    void derainCycleGanCheckpointWorksAsInThePublicCode()
    {
        const QString folder = path(QStringLiteral("public-deraincyclegan"));
        const QString failure
            = runScript({ QStringLiteral("public-deraincyclegan"), folder, QStringLiteral("8") });
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
        core::WeightsImportRequest request;
        request.method = QStringLiteral("deraincyclegan");
        request.preset = QStringLiteral("reference-code");
        request.overrides = { QStringLiteral("generator_channels=8"),
            QStringLiteral("attention_features=8"), QStringLiteral("disc_channels=8") };
        request.sources
            = { { QString(), QDir(folder).filePath(QStringLiteral("net_best_demo.pth")) } };
        request.out = path(QStringLiteral("deraincyclegan.pt"));
        const core::WeightsImportReport report = core::importWeights(request);
        QVERIFY2(report.ok(), qPrintable(report.error));
        QCOMPARE(report.imported.size(), 5);
        QCOMPARE(report.imported.first(),
            QStringLiteral(
                "U-ARSE ← net_best_demo.pth (OaDsis/DerainCycleGAN's atten, 26 tensors)"));
        QVERIFY(report.initialised.isEmpty());
        // The generators' multi-scale training heads have no counterpart in Pluvia.
        QCOMPARE(report.unused.size(), 8);
        QVERIFY(report.unused.first().contains(QStringLiteral("genA.outframe1")));

        std::unique_ptr<models::Method> method = loadModel(request.out);
        QVERIFY(method);
        models::StateDictFile expected(
            QDir(folder).filePath(QStringLiteral("expected.pt")).toStdString());
        const at::Tensor x = expected.read("x");
        const double derained
            = maxDifference(method->derain(x, false).background, expected.read("B"));
        QVERIFY2(derained < 1e-5, qPrintable(QString::number(derained)));
        const double generated = maxDifference(method->generate(x, {}), expected.read("O"));
        qInfo(
            "DerainCycleGAN public checkpoint: derained %.3g, generated %.3g", derained, generated);
        QVERIFY2(generated < 1e-5, qPrintable(QString::number(generated)));
    }

    // Export then import gives the same networks: the same derained pixels, for every network
    // at once (prefixed names) and for one network (its own names).
    void exportThenImportKeepsTheModel()
    {
        const QString all = path(QStringLiteral("round.pth"));
        QVERIFY(core::exportWeights(m_model, all).ok());
        const QString one = path(QStringLiteral("F_r.pth"));
        QVERIFY(core::exportWeights(m_model, one, QStringLiteral("F_r")).ok());
        for (const auto &source :
            { qMakePair(QString(), all), qMakePair(QStringLiteral("F_r"), one) }) {
            core::WeightsImportRequest request;
            request.method = QStringLiteral("jrgr");
            request.preset = QStringLiteral("reference-code");
            request.overrides = kSmall;
            request.seed = 99; // other initial weights than the model's
            request.sources = { source };
            request.out = path(QStringLiteral("again.pt"));
            const core::WeightsImportReport report = core::importWeights(request);
            QVERIFY2(report.ok(), qPrintable(report.error));
            QCOMPARE(report.initialised.isEmpty(), source.first.isEmpty());
            torch::manual_seed(4);
            const at::Tensor x = torch::rand({ 1, 3, 130, 60 });
            const at::Tensor before = loadModel(m_model)->derain(x, false).background;
            const at::Tensor after = loadModel(request.out)->derain(x, false).background;
            QVERIFY(torch::equal(before, after));
        }
    }

    void importErrorsNameTheFile_data()
    {
        QTest::addColumn<QString>("preset");
        QTest::addColumn<QStringList>("overrides");
        QTest::addColumn<QString>("network");
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("expected");
        const QString g3 = QStringLiteral("public/latest_net_G3.pth");
        const QString rc = QStringLiteral("reference-code");
        QTest::newRow("other width") << rc << QStringList() << QString() << g3
                                     << QStringLiteral("latest_net_G3.pth: model.model.0.weight "
                                                       "(guyii54/JRGR's G3) is [8, 3, 4, 4], but "
                                                       "jrgr's F_r has [64, 3, 4, 4]");
        QTest::newRow("paper's U-Net") << QStringLiteral("paper") << kSmall << QStringLiteral("F_r")
                                       << g3 << QStringLiteral("does not hold jrgr's F_r");
        QTest::newRow("no such network") << rc << kSmall << QStringLiteral("F_x") << g3
                                         << QStringLiteral("jrgr has no network \"F_x\"");
        QTest::newRow("unnamed file") << rc << kSmall << QString() << QStringLiteral("F_r.pth")
                                      << QStringLiteral("name the network: NETWORK=FILE");
        QTest::newRow("not a state dict") << rc << kSmall << QString() << QStringLiteral("model.pt")
                                          << QStringLiteral("is not a PyTorch state dict");
        QTest::newRow("missing") << rc << kSmall << QString() << QStringLiteral("none.pth")
                                 << QStringLiteral("cannot read");
    }

    void importErrorsNameTheFile()
    {
        QFETCH(QString, preset);
        QFETCH(QStringList, overrides);
        QFETCH(QString, network);
        QFETCH(QString, file);
        QFETCH(QString, expected);
        core::WeightsImportRequest request;
        request.method = QStringLiteral("jrgr");
        request.preset = preset;
        request.overrides = overrides;
        request.sources = { { network, path(file) } };
        request.out = path(QStringLiteral("kept.pt"));
        QFile::remove(request.out);
        QVERIFY(QFile::copy(m_model, request.out));
        const core::WeightsImportReport report = core::importWeights(request);
        QVERIFY(!report.ok());
        QVERIFY2(report.error.contains(expected), qPrintable(report.error));
        if (!network.isEmpty() || file != QStringLiteral("none.pth"))
            QVERIFY2(report.error.contains(QFileInfo(file).fileName())
                    || report.error.contains(QStringLiteral("F_x")),
                qPrintable(report.error));
        QCOMPARE(contents(request.out), contents(m_model)); // nothing written over
    }

    void exportErrorsNameTheFile()
    {
        const QString out = path(QStringLiteral("export-kept.pth"));
        QVERIFY(core::exportWeights(m_model, out, QStringLiteral("F_r")).ok());
        const QByteArray before = contents(out);
        core::WeightsExportReport report = core::exportWeights(m_model, out, QStringLiteral("D_X"));
        QVERIFY(!report.ok());
        QVERIFY2(report.error.contains(QStringLiteral("has no network \"D_X\"; its jrgr "
                                                      "networks are F_s, F_r, G_s, G_r, D_B, "
                                                      "D_Os, D_Or")),
            qPrintable(report.error));
        report = core::exportWeights(path(QStringLiteral("absent.pt")), out);
        QVERIFY(!report.ok());
        QVERIFY2(report.error.contains(QStringLiteral("absent.pt")), qPrintable(report.error));
        QCOMPARE(contents(out), before);
    }
};

QTEST_GUILESS_MAIN(TestPytorchWeights)
#include "test_pytorch_weights.moc"
