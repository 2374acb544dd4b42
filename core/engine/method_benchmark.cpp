// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/engine/method_benchmark.h"

#include "core/compute_runtime.h"
#include "core/engine/method_catalog.h"
#include "core/engine/method_params_p.h"
#include "core/store/store_writer_p.h"
#include "models/method/method_registry.h"
#include "models/method/random_batch.h"

#include <QElapsedTimer>
#include <QTemporaryDir>

#include <torch/torch.h>

#include <algorithm>
#include <cmath>

namespace pluvia::core {

namespace {

void synchronize(const torch::Device &device)
{
    if (device.is_cuda())
        torch::zeros({ 1 }, torch::TensorOptions().device(device)).cpu();
}

struct Timing {
    double median = 0.0;
    double min = 0.0;
};

Timing timeMs(const torch::Device &device, int repeats, const std::function<void()> &work)
{
    work(); // warm-up: allocator, algorithm selection
    synchronize(device);
    std::vector<double> times;
    for (int i = 0; i < repeats; ++i) {
        QElapsedTimer timer;
        timer.start();
        work();
        synchronize(device);
        times.push_back(timer.nsecsElapsed() * 1e-6);
    }
    std::sort(times.begin(), times.end());
    return { times[times.size() / 2], times.front() };
}

QString shapeText(int n, int side)
{
    return QStringLiteral("%1x3x%2x%2").arg(n).arg(side);
}

// The points a step of `method` logs: every loss term (weighted ones twice), each learning rate,
// and the two throughput values.
QVector<MetricPoint> stepPoints(const models::StepResult &result, const models::Method &method)
{
    QVector<MetricPoint> points;
    for (const models::LossTerm &term : result.losses) {
        points.push_back({ QString::fromStdString("loss/" + term.name), 0, 0.0, 0.0 });
        if (term.weight != 1.0)
            points.push_back({ QString::fromStdString("weighted/" + term.name), 0, 0.0, 0.0 });
    }
    for (const auto &[name, lr] : method.learningRates())
        points.push_back({ QString::fromStdString("lr/" + name), 0, 0.0, lr });
    points.push_back({ QStringLiteral("perf/step_seconds"), 0, 0.0, 0.0 });
    points.push_back({ QStringLiteral("perf/images_per_second"), 0, 0.0, 0.0 });
    return points;
}

// What logging a step's points costs through the real store writer, in a scratch workspace.
BenchmarkResult loggingCost(const QString &methodId, const QVector<MetricPoint> &pointsPerStep,
    double stepMs, const QString &device)
{
    constexpr int kSteps = 5000;
    BenchmarkResult result;
    result.method = methodId;
    result.preset = QStringLiteral("quick");
    result.task = QStringLiteral("metric_logging");
    result.shape
        = QStringLiteral("%1 points/step x %2 steps").arg(pointsPerStep.size()).arg(kSteps);
    result.device = device;
    result.threads = computeThreads();
    result.repeats = kSteps;
    QTemporaryDir scratch;
    QString error;
    auto store = RunStore::open(scratch.path(), &error);
    RunRecord record;
    record.method = methodId;
    record.preset = QStringLiteral("quick");
    record.device = device;
    if (!store || !store->createRun(&record).isEmpty()) {
        result.note = QStringLiteral("no scratch store: %1").arg(error);
        return result;
    }
    QElapsedTimer wall;
    wall.start();
    double writerCpu = 0.0, appendSeconds = 0.0;
    {
        StoreWriter writer(scratch.path(), record.id, [&](const QString &e) { error = e; });
        for (int step = 1; step <= kSteps; ++step) {
            QVector<MetricPoint> points = pointsPerStep;
            for (MetricPoint &point : points) {
                point.step = step;
                point.wallTime = 1.7e9 + step;
                point.value = 1.0 / step;
            }
            writer.append(std::move(points));
        }
        writer.flush();
        writerCpu = writer.writerCpuSeconds();
        appendSeconds = writer.appendSeconds();
    }
    const double appendMs = appendSeconds * 1e3 / kSteps, writerMs = writerCpu * 1e3 / kSteps;
    result.medianMs = appendMs;
    result.minMs = appendMs;
    result.note = QStringLiteral("per step: %1 ms on the training thread (%2% of a %3 ms step), "
                                 "%4 ms CPU in the writer thread (%5%)%6")
                      .arg(appendMs, 0, 'f', 4)
                      .arg(100.0 * appendMs / stepMs, 0, 'f', 3)
                      .arg(stepMs, 0, 'f', 1)
                      .arg(writerMs, 0, 'f', 4)
                      .arg(100.0 * writerMs / stepMs, 0, 'f', 3)
                      .arg(error.isEmpty() ? QString() : QStringLiteral("; store error: ") + error);
    return result;
}

} // namespace

QString runMethodBenchmarks(
    const BenchmarkOptions &options, const std::function<void(const BenchmarkResult &)> &onResult)
{
    if (const QString e = checkComputeDevice(options.device); !e.isEmpty())
        return e;
    const torch::Device device(options.device.toStdString());
    QStringList methods = options.methods;
    if (methods.isEmpty())
        for (const std::string &id : models::methodIds())
            methods << QString::fromStdString(id);
    for (const QString &id : methods) {
        const models::MethodDescription *description = models::findMethod(id.toStdString());
        if (!description)
            return QStringLiteral("unknown method '%1'").arg(id);
        for (const QString &preset : options.presets) {
            if (!description->preset(preset.toStdString()))
                continue; // e.g. reference-code exists for two methods only
            models::Params params;
            const std::string problem
                = models::resolveParams(*description, preset.toStdString(), {}, &params);
            if (!problem.empty())
                return QString::fromStdString(problem);
            std::string createError;
            auto method = models::createMethod(description->id, params, device, 0, &createError);
            if (!method)
                return QString::fromStdString(createError);
            const int n = int(params.integer("batch_size")),
                      side = int(params.integer("crop_size"));
            const models::TrainingBatch batch = models::randomBatch(*description, n, side, device);
            const models::TrainingPlan plan { 1000000, 1000 };
            const auto stages = method->stages(plan);
            models::StepResult last;
            // The last stage is the method's representative step (JRGR's joint training, not its
            // pre-training).
            int64_t step = stages.back().startStep;
            const Timing train = timeMs(device, options.repeats, [&] {
                const models::StepContext context { step, plan, method->stageIndexAt(stages, step),
                    false };
                method->prepareStep(stages, context);
                last = method->trainStep(batch, context);
                for (const models::LossTerm &term : last.losses)
                    term.value.item<double>(); // what the engine reads every logged step
                ++step;
            });
            BenchmarkResult result { id, preset, QStringLiteral("train_step"), shapeText(n, side),
                options.device, computeThreads(), train.median, train.min, options.repeats, {} };
            onResult(result);
            if (preset == QLatin1String("quick"))
                onResult(loggingCost(id, stepPoints(last, *method), train.median, options.device));

            const at::Tensor image = torch::rand({ 1, 3, options.derainSide, options.derainSide });
            const Timing derain = timeMs(
                device, options.repeats, [&] { method->derain(image, false).background.cpu(); });
            onResult({ id, preset, QStringLiteral("derain"), shapeText(1, options.derainSide),
                options.device, computeThreads(), derain.median, derain.min, options.repeats, {} });
        }
    }
    return {};
}

} // namespace pluvia::core
