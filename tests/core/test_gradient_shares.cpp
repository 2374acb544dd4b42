// SPDX-License-Identifier: GPL-3.0-or-later
// Gradient shares of a checkpoint: the supervised baseline's one term is its whole gradient, and
// its norm is the one backward() leaves in the network's .grad on the same crops; a missing
// checkpoint is named.
#include "core/analysis/gradient_shares.h"
#include "core/checkpoint/checkpoint_p.h"
#include "core/training/role_data_p.h"

#include "support/engine_fixtures.h"

#include <QtTest/QtTest>

#include <torch/torch.h>

#include <cmath>

using namespace pluvia;
using namespace pluvia::core;

class TestGradientShares : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void supervisedTermIsTheWholeGradient()
    {
        QTemporaryDir dir;
        const test::TinyModel model = test::tinyTrainedModel(dir.path(), 2, 5, 2);
        const QString checkpoint = model.checkpoint;
        QVERIFY(QFileInfo::exists(checkpoint));
        GradientSharesRequest request;
        request.checkpoint = checkpoint;
        request.data = { { QStringLiteral("synthetic_paired"), model.dataset } };
        request.batches = 1;
        request.batchSize = 2;
        const GradientSharesReport report = measureGradientShares(request);
        QVERIFY2(report.ok(), qPrintable(report.error));
        QCOMPARE(report.method, QStringLiteral("supervised"));
        QCOMPARE(report.stage, QStringLiteral("train"));
        QCOMPARE(report.networks, QStringList({ QStringLiteral("F") }));
        QCOMPARE(report.terms, QStringList({ QStringLiteral("l1"), QStringLiteral("total") }));
        QCOMPARE(report.shares.at(0).at(0), 1.0);
        QCOMPARE(report.norms.at(1).at(0), report.norms.at(0).at(0)); // total = 1 · l1

        // The reference: the same crops, backward(), and the norm of the parameters' .grad.
        CheckpointInfo info;
        QString error;
        const auto method
            = loadMethodFromCheckpoint(checkpoint, QStringLiteral("cpu"), &info, &error);
        QVERIFY2(method, qPrintable(error));
        QVector<ResolvedRole> roles;
        QStringList notes;
        const int crop = int(method->params().integer("crop_size"));
        QVERIFY2(resolveRoles(
                     method->description(), request.data, { {}, crop, {} }, &roles, &notes, &error),
            qPrintable(error));
        LoaderOptions loader;
        loader.batchSize = 2;
        loader.cropSize = crop;
        loader.horizontalFlip = false;
        loader.workerThreads = 1;
        RoleLoaders loaders(roles, loader);
        models::TrainingBatch batch;
        QStringList problems;
        QVERIFY2(loaders.next(&batch, &problems, &error), qPrintable(error));
        const models::TrainingPlan plan { info.totalSteps, 1 };
        const models::StepObjective objective
            = method->objective(batch, models::stepContext(method->stages(plan), plan, info.step));
        objective.terms.at(0).value.backward();
        double squares = 0.0;
        for (const at::Tensor &p : method->networks().at(0).second->parameters())
            squares += p.grad().to(torch::kFloat64).pow(2).sum().item<double>();
        QVERIFY(squares > 0.0);
        QVERIFY2(
            std::abs(std::sqrt(squares) - report.norms.at(0).at(0)) < 1e-6 * std::sqrt(squares),
            qPrintable(QStringLiteral("%1 vs %2").arg(std::sqrt(squares)).arg(report.norms[0][0])));
    }

    void missingCheckpointIsNamed()
    {
        GradientSharesRequest request;
        request.checkpoint = QStringLiteral("/nonexistent/run/step-00000010.pt");
        const GradientSharesReport report = measureGradientShares(request);
        QVERIFY(!report.ok());
        QVERIFY2(report.error.contains(request.checkpoint), qPrintable(report.error));
    }
};

QTEST_GUILESS_MAIN(TestGradientShares)
#include "test_gradient_shares.moc"
