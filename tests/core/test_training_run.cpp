// SPDX-License-Identifier: GPL-3.0-or-later
// The engine as its owners drive it: a TrainingRun on its own thread, its events, controls,
// checkpoints, exact resume, the NaN guard and failures inside a step.
#include "core/inference/derain_request.h"
#include "core/metrics/evaluation.h"
#include "core/store/run_store.h"
#include "core/training/training_run.h"
#include "models/framework/method_registry.h"

#include "support/engine_fixtures.h"
#include "support/test_support.h"

#include "core/image/image_io_p.h"

#include <QDir>
#include <QElapsedTimer>
#include <QSemaphore>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest/QtTest>

#include <torch/torch.h>

#include <atomic>
#include <cmath>

using namespace pluvia;
using namespace pluvia::core;

namespace {

// Permits for the probe method's steps when it runs gated: the test decides when each step runs.
QSemaphore g_gate;
std::atomic<bool> g_nanFired { false };
std::atomic<bool> g_throwFired { false };

// A real, tiny method that lets the test drive the engine: one 3×3 convolution trained with L1
// on synthetic pairs. Its parameters make step `nan_at` report NaN once, step `throw_at` throw
// once, and (gated) each step wait for a permit from the test.
class ProbeMethod : public models::Method
{
public:
    static models::MethodDescription describe()
    {
        models::MethodDescription d;
        d.id = "probe";
        d.name = "Engine probe (tests only)";
        d.paper = "none";
        d.summary = "one convolution, for engine tests";
        d.roles = { { "synthetic_paired", models::DataKind::Paired,
            models::RoleContent::RainyAndClean, true, "", "pairs" } };
        d.networks = { "conv" };
        d.schema.integer("batch_size", 2, 1, 64, "data", "", "")
            .integer("crop_size", 32, 8, 256, "data", "", "")
            .integer("epochs", 1, 1, 1000, "optimisation", "", "")
            .integer("nan_at", -1, -1, 1000000, "probe", "", "")
            .integer("throw_at", -1, -1, 1000000, "probe", "", "")
            .flag("gated", false, "probe", "", "");
        d.presets = { { "paper", "", {} }, { "quick", "", {} } };
        return d;
    }

    ProbeMethod(const models::Params &params, c10::Device device, std::uint64_t seed)
        : Method(params, device, seed)
        , m_conv(torch::nn::Conv2dOptions(3, 3, 3).padding(1))
    {
        addNetwork("conv", *m_conv);
        addOptimiser("adam", { "conv" }, 1e-3, models::Schedule::constant(1.0),
            adam(torch::optim::AdamOptions(1e-3)));
    }

    const models::MethodDescription &description() const override
    {
        static const models::MethodDescription d = describe();
        return d;
    }

    models::StepObjective objective(
        const models::TrainingBatch &batch, const models::StepContext &) override
    {
        const auto &data = batch.at("synthetic_paired");
        return { { { "l1", torch::l1_loss(m_conv->forward(data.rainy), data.clean), 1.0 } },
            { "conv" } };
    }

    models::StepResult trainStep(
        const models::TrainingBatch &batch, const models::StepContext &context) override
    {
        if (params().flag("gated") && !g_gate.tryAcquire(1, 30000))
            throw std::runtime_error("probe: no permit within 30 s");
        if (context.step == params().integer("throw_at") && !g_throwFired.exchange(true))
            throw std::runtime_error("probe failure at step " + std::to_string(context.step + 1));
        const torch::Tensor loss = objective(batch, context).terms.front().value;
        optimiser("adam").zero_grad();
        loss.backward();
        optimiser("adam").step();
        torch::Tensor value = loss.detach();
        if (context.step == params().integer("nan_at") && !g_nanFired.exchange(true))
            value = torch::full({}, std::nan(""));
        return { { { "l1", value, 1.0 }, { "total", value, 1.0 } }, {} };
    }

    models::DerainOutput derain(const at::Tensor &rainy, bool) override
    {
        torch::NoGradGuard noGrad;
        const torch::Tensor b = m_conv->forward(rainy).clamp(0, 1);
        return { b, rainy - b, {} };
    }
    std::vector<models::RainFeatureGroup> rainFeatures(const models::TrainingBatch &) override
    {
        return {};
    }
    models::InferenceGeometry inferenceGeometry() const override { return { 1, 1 }; }

private:
    torch::nn::Conv2d m_conv;
};

RunRequest probeRun(
    const QString &workspace, const QString &dataset, qint64 steps, QStringList overrides)
{
    RunRequest request;
    request.workspace = workspace;
    request.method = QStringLiteral("probe");
    request.overrides = overrides;
    request.data.insert(QStringLiteral("synthetic_paired"), dataset);
    request.engine.steps = steps;
    request.engine.previewEvery = 0;
    request.engine.loaderThreads = 1;
    request.engine.checkpointEvery = 4;
    return request;
}

std::unique_ptr<RunStore> openStore(const QString &workspace)
{
    QString error;
    auto store = RunStore::open(workspace, &error);
    if (!store)
        qWarning("%s", qPrintable(error));
    return store;
}

} // namespace

class TestTrainingRun : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_dataset;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_dataset = test::makePairedDataset(m_dir.filePath(QStringLiteral("data")), 6, 96, 72, 11);
        models::registerMethod(ProbeMethod::describe(),
            [](const models::Params &params, c10::Device device, std::uint64_t seed) {
                return std::make_unique<ProbeMethod>(params, device, seed);
            });
    }

    void init()
    {
        g_nanFired = false;
        g_throwFired = false;
        g_gate.acquire(g_gate.available());
    }

    // A run records what it was, every loss every step, and its checkpoints; events arrive.
    void runRecordsEverything()
    {
        const QString ws = m_dir.filePath(QStringLiteral("ws-record"));
        RunRequest request = test::tinySupervisedRun(ws, m_dataset, 12);
        request.engine.checkpointEvery = 5;
        request.engine.keepLast = 2;
        TrainingRun run(request);
        QSignalSpy created(&run, &TrainingRun::runCreated);
        QSignalSpy steps(&run, &TrainingRun::stepCompleted);
        QSignalSpy points(&run, &TrainingRun::metricsLogged);
        run.start();
        QVERIFY(test::waitForFinish(run));
        QCOMPARE(run.status(), RunStatus::Finished);
        QCOMPARE(created.size(), 1);
        QVERIFY(!steps.isEmpty());
        const StepEvent last = steps.last().at(0).value<StepEvent>();
        QCOMPARE(last.step, qint64(12));
        QCOMPARE(last.totalSteps, qint64(12));
        QCOMPARE(last.losses.size(), 2);
        QVERIFY(last.imagesPerSecond > 0);
        // Every logged point reached the observers, despite throttling.
        qint64 lossPoints = 0;
        for (const auto &signal : points)
            for (const MetricPoint &p : signal.at(0).value<QVector<MetricPoint>>())
                lossPoints += p.key == QLatin1String("loss/l1");
        QCOMPARE(lossPoints, qint64(12));

        auto store = openStore(ws);
        const auto record = store->run(run.runId());
        QVERIFY(record);
        QCOMPARE(record->status, RunStatus::Finished);
        QCOMPARE(record->step, qint64(12));
        QCOMPARE(record->params.value(QStringLiteral("crop_size")).toInt(), 48);
        QCOMPARE(record->roles.size(), 1);
        QCOMPARE(record->roles[0].items, 6);
        QCOMPARE(record->roles[0].contentHash.size(), 64); // SHA-256 in hex
        const MetricSeries l1 = store->series(run.runId(), QStringLiteral("loss/l1"));
        QCOMPARE(l1.steps.size(), 12);
        QCOMPARE(l1.steps.front(), qint64(1));
        QCOMPARE(l1.steps.back(), qint64(12));
        QCOMPARE(store->series(run.runId(), QStringLiteral("lr/adam/F")).values.back(), 5e-4);
        // keep_last 2: the checkpoints at 10 and 12 (finish) remain, 0 and 5 were removed.
        QStringList steps2;
        for (const ArtifactRecord &a :
            store->artifacts(run.runId(), QStringLiteral("checkpoint"))) {
            QVERIFY2(QFile::exists(a.path), qPrintable(a.path));
            steps2 << QString::number(a.step);
        }
        QCOMPARE(steps2, QStringList({ QStringLiteral("10"), QStringLiteral("12") }));
        const QDir checkpoints(store->runFolder(run.runId()) + QStringLiteral("/checkpoints"));
        QCOMPARE(checkpoints.entryList({ QStringLiteral("*.pt") }, QDir::Files).size(), 2);
    }

    // On the CPU, a run stopped at some step and resumed produces exactly the losses of an
    // uninterrupted run with the same seed, from the next step on.
    void resumedRunMatchesUninterrupted()
    {
        const qint64 total = 40;
        const QString wsA = m_dir.filePath(QStringLiteral("ws-a")),
                      wsB = m_dir.filePath(QStringLiteral("ws-b"));
        {
            TrainingRun a(test::tinySupervisedRun(wsA, m_dataset, total));
            a.start();
            QVERIFY(test::waitForFinish(a));
            QCOMPARE(a.status(), RunStatus::Finished);
        }
        QString runB;
        {
            TrainingRun b(test::tinySupervisedRun(wsB, m_dataset, total));
            connect(&b, &TrainingRun::stepCompleted, &b, [&b](const StepEvent &e) {
                if (e.step >= 9)
                    b.stop();
            });
            b.start();
            QVERIFY(test::waitForFinish(b));
            QCOMPARE(b.status(), RunStatus::Stopped);
            runB = b.runId();
        }
        auto storeB = openStore(wsB);
        const qint64 stoppedAt = storeB->run(runB)->step;
        QVERIFY2(stoppedAt >= 9 && stoppedAt < total, qPrintable(QString::number(stoppedAt)));
        {
            TrainingRun resumed(ResumeRequest { wsB, runB, 0, {} });
            resumed.start();
            QVERIFY(test::waitForFinish(resumed));
            QCOMPARE(resumed.status(), RunStatus::Finished);
        }
        auto storeA = openStore(wsA);
        const QString runA = storeA->runs().front().id;
        for (const QString &key : { QStringLiteral("loss/l1"), QStringLiteral("lr/adam/F") }) {
            const MetricSeries a = storeA->series(runA, key), b = storeB->series(runB, key);
            QCOMPARE(b.steps, a.steps);
            QCOMPARE(a.steps.size(), int(total));
            for (qsizetype i = 0; i < a.values.size(); ++i)
                QVERIFY2(a.values[i] == b.values[i],
                    qPrintable(QStringLiteral("%1 differs at step %2: %3 vs %4")
                                   .arg(key)
                                   .arg(a.steps[i])
                                   .arg(a.values[i], 0, 'g', 17)
                                   .arg(b.values[i], 0, 'g', 17)));
        }
        bool sawResume = false;
        for (const RunEvent &e : storeB->events(runB))
            sawResume = sawResume || (e.kind == QLatin1String("resume") && e.step == stoppedAt);
        QVERIFY(sawResume);
    }

    // Stop while the data is still being checked and hashed (issue 18: SIGTERM was ignored for
    // minutes there): the run ends stopped without a step, and no run is recorded.
    void stopDuringSetupEndsAtOnce()
    {
        const QString ws = m_dir.filePath(QStringLiteral("ws-setup-stop"));
        TrainingRun run(test::tinySupervisedRun(ws, m_dataset, 10));
        QSignalSpy lines(&run, &TrainingRun::logLine);
        QSignalSpy created(&run, &TrainingRun::runCreated);
        run.start();
        run.stop();
        QVERIFY(test::waitForFinish(run, 10000));
        QCOMPARE(run.status(), RunStatus::Stopped);
        QCOMPARE(created.size(), 0);
        QVERIFY(!lines.isEmpty());
        QCOMPARE(lines.last().at(0).toString(), QStringLiteral("stopped before training began"));
        QVERIFY(openStore(ws)->runs().isEmpty());
    }

    // Pause takes effect after the step in flight: at most one more step, then a checkpoint.
    void pauseTakesEffectWithinOneStep()
    {
        const QString ws = m_dir.filePath(QStringLiteral("ws-pause"));
        RunRequest request = probeRun(ws, m_dataset, 1000, { QStringLiteral("gated=true") });
        request.engine.checkpointEvery = 1000; // the only checkpoints: start, pause, stop
        TrainingRun run(request);
        run.start();
        g_gate.release(3);
        QDeadlineTimer deadline(30000);
        while (g_gate.available() > 0 && !deadline.hasExpired())
            QTest::qWait(2);
        QCOMPARE(g_gate.available(), 0); // the third step has its permit
        run.pause();
        g_gate.release(10);
        QVERIFY(test::waitForStatus(run, RunStatus::Paused));
        auto store = openStore(ws);
        const qint64 pausedAt = store->run(run.runId())->step;
        QVERIFY2(pausedAt == 3 || pausedAt == 4, qPrintable(QString::number(pausedAt)));
        QCOMPARE(g_gate.available(), int(10 - (pausedAt - 3)));
        bool checkpointed = false;
        for (const ArtifactRecord &a : store->artifacts(run.runId(), QStringLiteral("checkpoint")))
            checkpointed = checkpointed || (a.step == pausedAt && a.note == QLatin1String("pause"));
        QVERIFY(checkpointed);

        // Resumed, it runs again; stopped, it ends with a checkpoint of where it stopped.
        run.resume();
        QVERIFY(test::waitForStatus(run, RunStatus::Running));
        run.stop();
        g_gate.release(100);
        QVERIFY(test::waitForFinish(run));
        QCOMPARE(run.status(), RunStatus::Stopped);
        const auto record = store->run(run.runId());
        QCOMPARE(record->status, RunStatus::Stopped);
        const auto checkpoints = store->artifacts(run.runId(), QStringLiteral("checkpoint"));
        QCOMPARE(checkpoints.back().step, record->step);
        QCOMPARE(checkpoints.back().note, QStringLiteral("stop"));
    }

    // A NaN loss pauses the run with an error naming the term and the step; resuming restarts
    // from the latest checkpoint and the run completes with a clean series.
    void nonFiniteLossPausesAndRollsBack()
    {
        const QString ws = m_dir.filePath(QStringLiteral("ws-nan"));
        TrainingRun run(probeRun(ws, m_dataset, 12, { QStringLiteral("nan_at=6") }));
        QSignalSpy errors(&run, &TrainingRun::errorOccurred);
        run.start();
        QVERIFY(test::waitForStatus(run, RunStatus::Paused));
        QCOMPARE(errors.size(), 1);
        const RunError error = errors.at(0).at(0).value<RunError>();
        QCOMPARE(error.code, QStringLiteral("non-finite-loss"));
        QCOMPARE(error.term, QStringLiteral("l1"));
        QVERIFY2(error.message.contains(QStringLiteral("'l1' is NaN at step 7")),
            qPrintable(error.message));
        run.resume();
        QVERIFY(test::waitForFinish(run));
        QCOMPARE(run.status(), RunStatus::Finished);

        auto store = openStore(ws);
        const MetricSeries l1 = store->series(run.runId(), QStringLiteral("loss/l1"));
        QCOMPARE(l1.steps.size(), 12);
        for (qsizetype i = 0; i < l1.steps.size(); ++i) {
            QCOMPARE(l1.steps[i], qint64(i + 1));
            QVERIFY(std::isfinite(l1.values[i]));
        }
        QStringList kinds;
        for (const RunEvent &e : store->events(run.runId()))
            kinds << e.kind + QLatin1Char('@') + QString::number(e.step);
        QVERIFY2(
            kinds.contains(QStringLiteral("rollback@4")), qPrintable(kinds.join(QLatin1Char(' '))));
    }

    // An exception inside a step becomes an error event and a paused run, never a crash.
    void exceptionInStepPauses()
    {
        const QString ws = m_dir.filePath(QStringLiteral("ws-throw"));
        TrainingRun run(probeRun(ws, m_dataset, 12, { QStringLiteral("throw_at=2") }));
        QSignalSpy errors(&run, &TrainingRun::errorOccurred);
        run.start();
        QVERIFY(test::waitForStatus(run, RunStatus::Paused));
        QCOMPARE(errors.size(), 1);
        const RunError error = errors.at(0).at(0).value<RunError>();
        QCOMPARE(error.code, QStringLiteral("step-failed"));
        QVERIFY2(error.message.contains(QStringLiteral("probe failure at step 3")),
            qPrintable(error.message));
        run.stop();
        QVERIFY(test::waitForFinish(run));
        QCOMPARE(run.status(), RunStatus::Stopped);
        auto store = openStore(ws);
        QCOMPARE(store->run(run.runId())->error, QStringLiteral("stopped after a failed step"));
    }

    // Validation on a schedule keeps the best checkpoint; its PSNR equals what deraining the
    // validation images with best.pt and evaluating the written files (another code path:
    // checkpoint reload, the derain job, 8-bit files, folder evaluation) measures.
    void validationKeepsBestCheckpoint()
    {
        const QString ws = m_dir.filePath(QStringLiteral("ws-val"));
        RunRequest request = test::tinySupervisedRun(ws, m_dataset, 20);
        request.data.insert(QStringLiteral("validation"), m_dataset);
        TrainingRun run(request);
        QSignalSpy validations(&run, &TrainingRun::validationCompleted);
        run.start();
        QVERIFY(test::waitForFinish(run));
        QCOMPARE(validations.size(), 4); // steps 5, 10, 15, 20
        auto store = openStore(ws);
        const MetricSeries psnr = store->series(run.runId(), QStringLiteral("val/psnr_y"));
        QCOMPARE(psnr.steps, QVector<qint64>({ 5, 10, 15, 20 }));
        const auto best = store->artifacts(run.runId(), QStringLiteral("best"));
        QCOMPARE(best.size(), 1);
        QCOMPARE(best[0].value, *std::max_element(psnr.values.begin(), psnr.values.end()));

        DerainRequest derain;
        derain.checkpoint = best[0].path;
        derain.inputs = { m_dataset + QStringLiteral("/rain") };
        derain.outFolder = m_dir.filePath(QStringLiteral("val-derained"));
        const DerainReport report = derainImages(derain);
        QVERIFY2(report.ok(), qPrintable(report.error));
        QCOMPARE(report.files.size(), 6);
        const EvalReport eval
            = evaluateFolders(derain.outFolder, m_dataset + QStringLiteral("/norain"), {});
        QCOMPARE(eval.measured, 6);
        // The files are 8-bit, the validation measured float B: quantisation moves PSNR by
        // about 1e-3 dB at this level.
        QVERIFY2(std::abs(eval.meanPsnr - best[0].value) < 0.01,
            qPrintable(QStringLiteral("%1 vs %2").arg(eval.meanPsnr).arg(best[0].value)));
    }

    // "Preview this sample": the chosen image, decomposed, with its ground truth, stored.
    void previewOfAChosenSample()
    {
        const QString ws = m_dir.filePath(QStringLiteral("ws-preview"));
        TrainingRun run(probeRun(ws, m_dataset, 1000, { QStringLiteral("gated=true") }));
        QSignalSpy previews(&run, &TrainingRun::previewReady);
        run.start();
        g_gate.release(1);
        const QString sample = m_dataset + QStringLiteral("/rain/img3.png");
        run.requestPreview(sample);
        g_gate.release(2);
        QDeadlineTimer deadline(30000);
        PreviewEvent chosen;
        while (chosen.sample != sample && !deadline.hasExpired()) {
            QTest::qWait(5);
            for (const auto &signal : previews)
                if (signal.at(0).value<PreviewEvent>().sample == sample)
                    chosen = signal.at(0).value<PreviewEvent>();
        }
        QCOMPARE(chosen.sample, sample);
        QStringList names;
        for (const PreviewLayer &layer : chosen.layers)
            names << layer.name;
        QCOMPARE(names,
            QStringList({ QStringLiteral("O"), QStringLiteral("B"), QStringLiteral("R"),
                QStringLiteral("B_gt"), QStringLiteral("R_gt") }));
        const PreviewLayer &o = chosen.layers[0], &b = chosen.layers[1], &r = chosen.layers[2];
        QCOMPARE(o.width, 96);
        QCOMPARE(o.height, 72);
        QVERIFY(r.isSigned && !o.isSigned);
        QVERIFY(!r.display.isNull());
        float worst = 0.0f;
        for (qsizetype i = 0; i < o.values.size(); ++i)
            worst = std::max(worst, std::abs(b.values[i] + r.values[i] - o.values[i]));
        QVERIFY2(worst < 1e-6f, qPrintable(QString::number(worst)));
        const QString folder = openStore(ws)->runFolder(run.runId())
            + QStringLiteral("/samples/step-%1").arg(chosen.step, 8, 10, QLatin1Char('0'));
        QVERIFY2(QFile::exists(folder + QStringLiteral("/R.png")), qPrintable(folder));
        run.stop();
        g_gate.release(100);
        QVERIFY(test::waitForFinish(run));
    }

    // A damaged newest checkpoint (truncated by a full disk, say) is skipped with a message
    // naming it; the run resumes from the one before.
    void resumeSkipsDamagedCheckpoint()
    {
        const QString ws = m_dir.filePath(QStringLiteral("ws-damaged"));
        QString id;
        {
            TrainingRun run(test::tinySupervisedRun(ws, m_dataset, 12)); // checkpoints 0, 5, 10, 12
            run.start();
            QVERIFY(test::waitForFinish(run));
            id = run.runId();
        }
        auto store = openStore(ws);
        const QString newest = store->artifacts(id, QStringLiteral("checkpoint")).back().path;
        QVERIFY(newest.endsWith(QLatin1String("step-00000012.pt")));
        QFile file(newest);
        QVERIFY(file.open(QIODevice::ReadWrite));
        QVERIFY(file.resize(file.size() / 2));
        file.close();
        TrainingRun resumed(ResumeRequest { ws, id, 14, {} });
        QSignalSpy log(&resumed, &TrainingRun::logLine);
        resumed.start();
        QVERIFY(test::waitForFinish(resumed));
        QCOMPARE(resumed.status(), RunStatus::Finished);
        QStringList lines;
        for (const auto &line : log)
            lines << line.at(0).toString();
        const QString all = lines.join(QLatin1Char('\n'));
        QVERIFY2(
            all.contains(QStringLiteral("skipping ")) && all.contains(newest), qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("resume: from the checkpoint at step 10")),
            qPrintable(all));
        QCOMPARE(store->series(id, QStringLiteral("loss/l1")).steps.size(), 14);
    }

    // A time limit plans the run for the steps it reaches (a "plan" event shrinks the total from
    // 1,000,000), and the run ends on that plan, or, should it still run over, is stopped
    // (resumably) by the limit itself.
    void timeLimitPlansAndStopsTheRun()
    {
        const QString ws = m_dir.filePath(QStringLiteral("ws-time"));
        RunRequest request = test::tinySupervisedRun(ws, m_dataset, 1000000);
        // Long enough for the first measurement window (23 tiny steps) on a loaded machine.
        request.engine.timeLimitSeconds = 5.0;
        TrainingRun run(request);
        QElapsedTimer clock;
        clock.start();
        run.start();
        QVERIFY(test::waitForFinish(run));
        auto store = openStore(ws);
        const auto record = store->run(run.runId());
        QVERIFY(record->step > 0 && record->totalSteps < 1000000);
        bool planned = false, limited = false;
        for (const RunEvent &e : store->events(run.runId())) {
            planned = planned || e.kind == QLatin1String("plan");
            limited = limited || (e.kind == QLatin1String("time-limit") && e.step == record->step);
        }
        QVERIFY(planned);
        if (run.status() == RunStatus::Finished)
            QCOMPARE(record->step, record->totalSteps);
        else
            QVERIFY(run.status() == RunStatus::Stopped && limited);
        QVERIFY2(clock.elapsed() < 30000, qPrintable(QString::number(clock.elapsed())));
    }

    // A time-limited run with two stages (tiny JRGR) probes both at its start and restores its
    // state afterwards: every loss of every step equals the same run's without a time limit.
    void stageProbeLeavesTheRunAsItWas()
    {
        const auto jrgr = [this](const QString &ws, double limit) {
            RunRequest request = test::tinySupervisedRun(ws, m_dataset, 8);
            request.method = QStringLiteral("jrgr");
            request.overrides = { QStringLiteral("crop_size=48"), QStringLiteral("unet_levels=2"),
                QStringLiteral("batch_size=2") };
            request.data.insert(QStringLiteral("real_rainy"), m_dataset + QStringLiteral("/rain"));
            request.engine.timeLimitSeconds = limit;
            TrainingRun run(request);
            run.start();
            const bool finished = test::waitForFinish(run);
            return std::make_pair(finished && run.status() == RunStatus::Finished, run.runId());
        };
        const QString wsPlain = m_dir.filePath(QStringLiteral("ws-probe-plain"));
        const QString wsLimited = m_dir.filePath(QStringLiteral("ws-probe-limited"));
        const auto [plainDone, plain] = jrgr(wsPlain, 0.0);
        const auto [limitedDone, limited] = jrgr(wsLimited, 3600.0);
        QVERIFY(plainDone && limitedDone);
        auto storePlain = openStore(wsPlain);
        auto storeLimited = openStore(wsLimited);
        bool probed = false;
        for (const RunEvent &e : storeLimited->events(limited))
            probed = probed
                || (e.kind == QLatin1String("plan") && e.message.contains(QLatin1String("probed"))
                    && e.message.contains(QLatin1String("'joint'")));
        QVERIFY(probed);
        int compared = 0;
        for (const QString &key : storePlain->metricKeys(plain)) {
            if (!key.startsWith(QLatin1String("loss/")))
                continue;
            const MetricSeries a = storePlain->series(plain, key);
            const MetricSeries b = storeLimited->series(limited, key);
            QCOMPARE(b.steps, a.steps);
            for (qsizetype i = 0; i < a.values.size(); ++i, ++compared)
                QVERIFY2(a.values[i] == b.values[i],
                    qPrintable(QStringLiteral("%1 differs at step %2").arg(key).arg(a.steps[i])));
        }
        QVERIFY2(compared > 40, qPrintable(QString::number(compared)));
    }

    // Resuming over data that changed says so.
    void resumeNoticesChangedData()
    {
        const QString data = test::makePairedDataset(
            m_dir.filePath(QStringLiteral("data-changing")), 4, 64, 64, 3);
        const QString ws = m_dir.filePath(QStringLiteral("ws-changed"));
        QString id;
        {
            TrainingRun run(test::tinySupervisedRun(ws, data, 6));
            run.start();
            QVERIFY(test::waitForFinish(run));
            id = run.runId();
        }
        QCOMPARE(
            writeImage(data + QStringLiteral("/norain/img0.png"), test::texturedImage(64, 64, 99)),
            QString());
        TrainingRun resumed(ResumeRequest { ws, id, 8, {} });
        QSignalSpy log(&resumed, &TrainingRun::logLine);
        resumed.start();
        QVERIFY(test::waitForFinish(resumed));
        QCOMPARE(resumed.status(), RunStatus::Finished);
        bool warned = false;
        for (const auto &line : log)
            warned = warned
                || line.at(0).toString().contains(QStringLiteral("changed since the run started"));
        QVERIFY(warned);
        QCOMPARE(openStore(ws)->run(id)->options.value(QStringLiteral("steps")).toInt(), 8);
    }

    void setupErrors_data()
    {
        QTest::addColumn<QString>("method");
        QTest::addColumn<QString>("role");
        QTest::addColumn<QString>("dataset"); // "paired", "clean" (an unpaired folder) or a path
        QTest::addColumn<QString>("mentions");
        QTest::newRow("unknown method") << "nope"
                                        << "synthetic_paired"
                                        << "paired"
                                        << "allowed: supervised";
        QTest::newRow("unknown role")
            << "supervised"
            << "real_rainy"
            << "paired"
            << "no data role 'real_rainy'; allowed: synthetic_paired, validation";
        QTest::newRow("missing required role")
            << "supervised"
            << "validation"
            << "paired"
            << "role synthetic_paired (a paired dataset) is required";
        QTest::newRow("wrong kind") << "supervised"
                                    << "synthetic_paired"
                                    << "clean"
                                    << "role synthetic_paired needs a paired dataset";
        QTest::newRow("missing folder") << "supervised"
                                        << "synthetic_paired"
                                        << "/no/such/data"
                                        << "/no/such/data";
    }
    void setupErrors()
    {
        QFETCH(QString, method);
        QFETCH(QString, role);
        QFETCH(QString, dataset);
        QFETCH(QString, mentions);
        const QString ws = m_dir.filePath(QStringLiteral("ws-errors"));
        RunRequest request = test::tinySupervisedRun(ws, m_dataset, 5);
        request.method = method;
        request.data.clear();
        const QString path = dataset == QLatin1String("paired") ? m_dataset
            : dataset == QLatin1String("clean") ? m_dir.filePath(QStringLiteral("data/clean"))
                                                : dataset;
        request.data.insert(role, path);
        TrainingRun run(request);
        QSignalSpy errors(&run, &TrainingRun::errorOccurred);
        run.start();
        QVERIFY(test::waitForFinish(run));
        QCOMPARE(run.status(), RunStatus::Failed);
        QCOMPARE(errors.size(), 1);
        const RunError error = errors.at(0).at(0).value<RunError>();
        QCOMPARE(error.code, QStringLiteral("setup"));
        QVERIFY2(error.message.contains(mentions), qPrintable(error.message));
        // Nothing half-registered (the workspace may not even exist yet).
        if (QFile::exists(ws + QStringLiteral("/pluvia.db")))
            QVERIFY(openStore(ws)->runs().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestTrainingRun)
#include "test_training_run.moc"
