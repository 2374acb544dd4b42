// SPDX-License-Identifier: GPL-3.0-or-later
// Exported models: networks only (smaller than the checkpoint), no run identity or time, the
// same derained pixels as the checkpoint they came from, byte-identical for identical training,
// refused where a checkpoint is needed, and clear errors for bad input.
#include "core/catalogue/method_catalog.h"
#include "core/catalogue/method_params_p.h"
#include "core/checkpoint/checkpoint_info.h"
#include "core/checkpoint/checkpoint_p.h"
#include "core/checkpoint/model_export.h"
#include "core/inference/derain_request.h"

#include "models/framework/method_registry.h"
#include "support/engine_fixtures.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QtTest/QtTest>

using namespace pluvia;

namespace {

QByteArray contents(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// Derains every image of `rainy` with `model` into `out`; the written files' contents by name.
QMap<QString, QByteArray> derained(const QString &model, const QString &rainy, const QString &out)
{
    core::DerainRequest request;
    request.checkpoint = model;
    request.inputs = { rainy };
    request.outFolder = out;
    const core::DerainReport report = core::derainImages(request);
    if (!report.ok())
        qWarning("%s", qPrintable(report.error));
    QMap<QString, QByteArray> files;
    for (const QString &name : QDir(out).entryList(QDir::Files))
        files.insert(name, contents(QDir(out).filePath(name)));
    return files;
}

} // namespace

class TestModelExport : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_dataset;
    QString m_checkpoint;

private Q_SLOTS:
    void initTestCase()
    {
        m_dataset = test::makePairedDataset(m_dir.filePath(QStringLiteral("data")), 4, 96, 80, 5);
        m_checkpoint = test::trainedCheckpoint(
            test::tinySupervisedRun(m_dir.filePath(QStringLiteral("ws")), m_dataset, 6));
        QVERIFY(QFileInfo::exists(m_checkpoint));
    }

    void keepsWhatInferenceNeeds()
    {
        const QString model = m_dir.filePath(QStringLiteral("model.pt"));
        const core::ModelExportReport report = core::exportModel(m_checkpoint, model);
        QVERIFY2(report.ok(), qPrintable(report.error));
        QCOMPARE(report.method, QStringLiteral("supervised"));
        QCOMPARE(report.step, 6);
        QCOMPARE(report.bytes, QFileInfo(model).size());
        // Adam keeps two moments per parameter: the networks are about a third of the state.
        QVERIFY2(report.bytes < QFileInfo(m_checkpoint).size() / 2,
            qPrintable(
                QStringLiteral("%1 of %2").arg(report.bytes).arg(QFileInfo(m_checkpoint).size())));

        QString error;
        const std::optional<core::CheckpointInfo> source
            = core::readCheckpointInfo(m_checkpoint, &error);
        const std::optional<core::CheckpointInfo> info = core::readCheckpointInfo(model, &error);
        QVERIFY2(source && info, qPrintable(error));
        QVERIFY(!source->networksOnly && info->networksOnly);
        QVERIFY(!source->runId.isEmpty() && info->runId.isEmpty());
        QVERIFY(source->created.isValid() && !info->created.isValid());
        QCOMPARE(info->method, source->method);
        QCOMPARE(info->params, source->params);
        QCOMPARE(info->step, source->step);
        QCOMPARE(info->seed, source->seed);

        // The same pixels as the checkpoint it came from.
        const auto fromCheckpoint = derained(m_checkpoint, m_dataset + QStringLiteral("/rain"),
            m_dir.filePath(QStringLiteral("out-checkpoint")));
        const auto fromModel = derained(model, m_dataset + QStringLiteral("/rain"),
            m_dir.filePath(QStringLiteral("out-model")));
        QCOMPARE(fromModel.size(), 4);
        QCOMPARE(fromModel, fromCheckpoint);
    }

    // Identical training gives an identical file: a second run in another workspace, trained
    // with the same request, exports to the same bytes.
    void identicalTrainingGivesIdenticalBytes()
    {
        const QString again = test::trainedCheckpoint(
            test::tinySupervisedRun(m_dir.filePath(QStringLiteral("ws2")), m_dataset, 6));
        QVERIFY(QFileInfo::exists(again));
        QVERIFY(contents(again) != contents(m_checkpoint)); // run id and time differ
        const QString a = m_dir.filePath(QStringLiteral("a.pt"));
        const QString b = m_dir.filePath(QStringLiteral("b.pt"));
        QVERIFY(core::exportModel(m_checkpoint, a).ok());
        QVERIFY(core::exportModel(again, b).ok());
        QVERIFY(!contents(a).isEmpty());
        QCOMPARE(QCryptographicHash::hash(contents(a), QCryptographicHash::Sha256).toHex(),
            QCryptographicHash::hash(contents(b), QCryptographicHash::Sha256).toHex());
    }

    // A run with initial weights (`train --init`) starts from the model's networks: its step-0
    // checkpoint derains as the model does. A model of other network shapes is refused by name.
    void aRunStartsFromAModel()
    {
        const QString model = m_dir.filePath(QStringLiteral("init-model.pt"));
        QVERIFY(core::exportModel(m_checkpoint, model).ok());
        core::RunRequest request
            = test::tinySupervisedRun(m_dir.filePath(QStringLiteral("ws-init")), m_dataset, 1);
        request.seed = 12345; // another initialisation than the model's run
        request.engine.initWeights = model;
        const QString last = test::trainedCheckpoint(request);
        QVERIFY(QFileInfo::exists(last));
        const QString first = QFileInfo(last).dir().filePath(QStringLiteral("step-00000000.pt"));
        QVERIFY(QFileInfo::exists(first));
        const auto fromModel = derained(model, m_dataset + QStringLiteral("/rain"),
            m_dir.filePath(QStringLiteral("out-init-model")));
        const auto fromStart = derained(first, m_dataset + QStringLiteral("/rain"),
            m_dir.filePath(QStringLiteral("out-init-start")));
        QCOMPARE(fromStart.size(), 4);
        QCOMPARE(fromStart, fromModel);

        QJsonObject json;
        QStringList wider = test::tinySupervisedOverrides();
        wider.replaceInStrings(
            QStringLiteral("width_multiplier=0.125"), QStringLiteral("width_multiplier=0.25"));
        QVERIFY(core::resolveMethodParameters(
            QStringLiteral("supervised"), QStringLiteral("quick"), wider, &json)
                    .isEmpty());
        models::Params params;
        QString error;
        QVERIFY(core::paramsFromJson(
            *models::findMethod("supervised"), json, &params, &error, nullptr));
        std::string createError;
        auto method = models::createMethod("supervised", params, torch::kCPU, 1, &createError);
        QVERIFY(method);
        core::CheckpointInfo info;
        QVERIFY(!core::loadInitialNetworks(model, method.get(), &info, &error));
        QVERIFY2(error.contains(QStringLiteral("init-model.pt: its ")), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("this run's parameters make")), qPrintable(error));
    }

    void badInputNamesTheFile()
    {
        const QString missing = m_dir.filePath(QStringLiteral("missing.pt"));
        core::ModelExportReport report
            = core::exportModel(missing, m_dir.filePath(QStringLiteral("x.pt")));
        QVERIFY(!report.ok());
        QVERIFY2(
            report.error.contains(QDir::toNativeSeparators(missing)), qPrintable(report.error));
        QVERIFY(!QFileInfo::exists(m_dir.filePath(QStringLiteral("x.pt"))));

        const QString garbage = m_dir.filePath(QStringLiteral("garbage.pt"));
        QFile file(garbage);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("not a checkpoint");
        file.close();
        report = core::exportModel(garbage, m_dir.filePath(QStringLiteral("y.pt")));
        QVERIFY(report.error.contains(QLatin1String("garbage.pt")));

        // A destination under a file (not a folder) cannot be written: the error says where.
        QFile plain(m_dir.filePath(QStringLiteral("plain-file")));
        QVERIFY(plain.open(QIODevice::WriteOnly));
        plain.close();
        report = core::exportModel(
            m_checkpoint, m_dir.filePath(QStringLiteral("plain-file/inside.pt")));
        QVERIFY(!report.ok());
        QVERIFY2(report.error.contains(QLatin1String("inside.pt")), qPrintable(report.error));
    }
};

QTEST_GUILESS_MAIN(TestModelExport)
#include "test_model_export.moc"
