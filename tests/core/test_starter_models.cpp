// SPDX-License-Identifier: GPL-3.0-or-later
// The starter models shipped in resources/models: each card names its model file and method,
// each model is an exported model of that method, all together fit in 20 MB, and each removes
// rain from the demo workspace's test split (its PSNR-Y above the rainy input's, measured here
// with the evaluation code, not read from the card).
#include "core/catalogue/starter_models.h"
#include "core/checkpoint/checkpoint_info.h"
#include "core/inference/derain_request.h"
#include "core/metrics/evaluation.h"
#include "core/workspace/demo_workspace.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QtTest/QtTest>

#include <cmath>

using namespace pluvia;

class TestStarterModels : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cardsNameTheirModels()
    {
        QCOMPARE(QFileInfo(core::starterModelsFolder()).canonicalFilePath(),
            QFileInfo(
                qEnvironmentVariable("PLUVIA_SOURCE_DIR") + QStringLiteral("/resources/models"))
                .canonicalFilePath());
        QStringList problems;
        const QVector<core::StarterModel> models = core::starterModels(&problems);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
        QStringList names;
        for (const core::StarterModel &model : models)
            names << model.name;
        QStringList byName = names;
        byName.sort();
        QCOMPARE(byName,
            (QStringList { QStringLiteral("deraincyclegan"), QStringLiteral("jrgr"),
                QStringLiteral("supervised"), QStringLiteral("timelapse"),
                QStringLiteral("udrdr") }));
        // The best on the demo test split first: what the Derain tab uses by default.
        for (int i = 1; i < models.size(); ++i)
            QVERIFY2(models[i - 1].card[QStringLiteral("test")][QStringLiteral("psnr_y")].toDouble()
                    >= models[i].card[QStringLiteral("test")][QStringLiteral("psnr_y")].toDouble(),
                qPrintable(names.join(QLatin1Char(' '))));
        qint64 bytes = 0;
        for (const core::StarterModel &model : models) {
            QString error;
            const std::optional<core::CheckpointInfo> info
                = core::readCheckpointInfo(model.path, &error);
            QVERIFY2(info, qPrintable(error));
            QCOMPARE(info->method, model.method);
            QVERIFY(info->networksOnly);
            QCOMPARE(model.card.value(QStringLiteral("name")).toString(), model.name);
            QCOMPARE(model.card.value(QStringLiteral("model_bytes")).toInteger(),
                QFileInfo(model.path).size());
            QVERIFY(!model.card.value(QStringLiteral("command")).toArray().isEmpty());
            QVERIFY(!model.card.value(QStringLiteral("data")).toObject().isEmpty());
            bytes += QFileInfo(model.path).size();
        }
        QVERIFY2(bytes <= 20 * 1024 * 1024, qPrintable(QString::number(bytes)));
    }

    void unknownNameListsTheModels()
    {
        QString error;
        QVERIFY(!core::findStarterModel(QStringLiteral("nosuch"), &error));
        QVERIFY2(error.contains(QLatin1String("nosuch")) && error.contains(QLatin1String("jrgr"))
                && error.contains(QLatin1String("udrdr")),
            qPrintable(error));
        QVERIFY(core::findStarterModel(QStringLiteral("jrgr"), &error));
    }

    // A damaged folder: each bad card is named with its problem, the good model still listed.
    void brokenCardsAreReportedAndSkipped()
    {
        QTemporaryDir folder;
        QVERIFY(folder.isValid());
        const auto write = [&](const QString &name, const QByteArray &bytes) {
            QFile file(folder.filePath(name));
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(bytes);
        };
        write(QStringLiteral("good.json"), R"({"method": "supervised", "name": "good"})");
        write(QStringLiteral("good.pt"), "model bytes");
        write(QStringLiteral("cut.json"), R"({"method": "jrgr", )");
        write(QStringLiteral("cut.pt"), "model bytes");
        write(QStringLiteral("list.json"), "[1, 2]");
        write(QStringLiteral("list.pt"), "model bytes");
        write(QStringLiteral("lonely.json"), R"({"method": "udrdr"})");
        write(QStringLiteral("orphan.pt"), "a model without a card is not offered");
        QStringList problems;
        const QVector<core::StarterModel> models = core::starterModelsIn(folder.path(), &problems);
        QCOMPARE(models.size(), 1);
        QCOMPARE(models.front().name, QStringLiteral("good"));
        QCOMPARE(models.front().method, QStringLiteral("supervised"));
        QCOMPARE(models.front().path, folder.filePath(QStringLiteral("good.pt")));
        QCOMPARE(problems.size(), 3);
        QVERIFY2(problems[0].startsWith(folder.filePath(QStringLiteral("cut.json")))
                && problems[0].contains(QLatin1String("not a training card")),
            qPrintable(problems[0]));
        QCOMPARE(problems[1],
            folder.filePath(QStringLiteral("list.json"))
                + QStringLiteral(": not a training card: not a JSON object"));
        QCOMPARE(problems[2],
            folder.filePath(QStringLiteral("lonely.pt"))
                + QStringLiteral(": missing (its card is lonely.json)"));
        QVERIFY(core::starterModelsIn(QString(), &problems).isEmpty());
        QCOMPARE(problems.size(), 3);
    }

    // Cards with a test score come best first, ties and cards without one by name; the label is
    // the card's.
    void orderedBestFirst()
    {
        QTemporaryDir folder;
        QVERIFY(folder.isValid());
        const auto write = [&](const QString &name, const QByteArray &card) {
            QFile json(folder.filePath(name + QStringLiteral(".json")));
            QVERIFY(json.open(QIODevice::WriteOnly));
            json.write(card);
            QFile model(folder.filePath(name + QStringLiteral(".pt")));
            QVERIFY(model.open(QIODevice::WriteOnly));
            model.write("model bytes");
        };
        write(QStringLiteral("a"), R"({"method": "jrgr", "test": {"psnr_y": 19.5}})");
        write(
            QStringLiteral("b"), R"({"method": "udrdr", "label": "demo", "test": {"psnr_y": 21}})");
        write(QStringLiteral("c"), R"({"method": "supervised"})");
        write(QStringLiteral("d"), R"({"method": "jrgr", "test": {"psnr_y": 19.5}})");
        const QVector<core::StarterModel> models = core::starterModelsIn(folder.path());
        QStringList names;
        for (const core::StarterModel &model : models)
            names << model.name;
        QCOMPARE(names,
            (QStringList { QStringLiteral("b"), QStringLiteral("a"), QStringLiteral("d"),
                QStringLiteral("c") }));
        QCOMPARE(models[0].label(), QStringLiteral("demo"));
        QCOMPARE(models[0].testPsnr(), 21.0);
        QVERIFY(models[1].label().isEmpty());
        QVERIFY(std::isnan(models[3].testPsnr()));
    }

    // Trained on the demo built from the photographs, so measured on that demo.
    void eachRemovesRainFromTheDemoTestSplit()
    {
        if (!QDir(core::defaultDemoBackgroundsFolder()).exists())
            QSKIP("the demo photographs (mate-backgrounds) are not installed");
        QTemporaryDir dir;
        const core::DemoReport demo = core::buildDemoWorkspace(dir.path(), core::DemoOptions(), {});
        QVERIFY2(demo.ok(), qPrintable(demo.error));
        const QString test = dir.filePath(QStringLiteral("datasets/real_rainy_test"));
        const core::EvalReport input = core::evaluateFolders(test + QStringLiteral("/rain"),
            test + QStringLiteral("/norain"), core::EvalOptions(), {});
        QVERIFY2(input.error.isEmpty(), qPrintable(input.error));
        QCOMPARE(input.measured, 16);
        for (const core::StarterModel &model : core::starterModels()) {
            core::DerainRequest request;
            request.checkpoint = model.path;
            request.inputs = { test + QStringLiteral("/rain") };
            request.outFolder = dir.filePath(QStringLiteral("out/") + model.name);
            const core::DerainReport derained = core::derainImages(request);
            QVERIFY2(derained.ok(), qPrintable(derained.error));
            const core::EvalReport scored = core::evaluateFolders(
                request.outFolder, test + QStringLiteral("/norain"), core::EvalOptions(), {});
            QCOMPARE(scored.measured, 16);
            qInfo("%s: %.2f dB (input %.2f dB)", qPrintable(model.name), scored.meanPsnr,
                input.meanPsnr);
            QVERIFY2(scored.meanPsnr > input.meanPsnr + 0.1, qPrintable(model.name));
            // The card's figure is what this measures.
            QCOMPARE(qRound(scored.meanPsnr * 100),
                qRound(model.card.value(QStringLiteral("test"))
                           .toObject()
                           .value(QStringLiteral("psnr_y"))
                           .toDouble()
                    * 100));
        }
    }
};

QTEST_GUILESS_MAIN(TestStarterModels)
#include "test_starter_models.moc"
