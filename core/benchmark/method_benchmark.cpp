// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/benchmark/method_benchmark.h"

#include "core/catalogue/method_catalog.h"
#include "core/catalogue/method_params_p.h"
#include "core/error_text.h"
#include "core/runtime/compute_runtime.h"
#include "core/runtime/memory_meter_p.h"
#include "core/store/store_writer_p.h"
#include "models/framework/method_registry.h"
#include "models/framework/random_batch.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>

#include <torch/torch.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <thread>
#include <unistd.h>

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
    const size_t middle = times.size() / 2; // the median as Python's statistics.median takes it
    return { times.size() % 2 ? times[middle] : 0.5 * (times[middle - 1] + times[middle]),
        times.front() };
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

// Resident memory of this process, bytes (Linux /proc; 0 elsewhere).
double residentBytes()
{
    QFile statm(QStringLiteral("/proc/self/statm"));
    if (!statm.open(QIODevice::ReadOnly))
        return 0.0;
    const QList<QByteArray> fields = statm.readAll().split(' ');
    return fields.size() > 1 ? fields[1].toDouble() * double(sysconf(_SC_PAGESIZE)) : 0.0;
}

// The peak resident memory `work` adds, sampled every 2 ms from another thread.
double peakGrowthBytes(const std::function<void()> &work)
{
    const double baseline = residentBytes();
    std::atomic<bool> done { false };
    std::atomic<double> peak { baseline };
    std::thread sampler([&] {
        while (!done) {
            const double now = residentBytes();
            if (now > peak)
                peak = now;
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
        }
    });
    work();
    done = true;
    sampler.join();
    return std::max(0.0, peak - baseline);
}

void benchmarkPreset(const models::MethodDescription &description, const QString &preset,
    const BenchmarkOptions &options, const torch::Device &device,
    const std::function<void(const BenchmarkResult &)> &onResult)
{
    const QString id = QString::fromStdString(description.id);
    models::Params params;
    std::vector<std::string> overrides;
    for (const QString &setting : options.settings)
        overrides.push_back(setting.toStdString());
    std::string createError
        = models::resolveParams(description, preset.toStdString(), overrides, &params);
    auto method = createError.empty()
        ? models::createMethod(description.id, params, device, 0, &createError)
        : nullptr;
    const int n = int(params.integer("batch_size")), side = int(params.integer("crop_size"));
    BenchmarkResult result { id, preset, QStringLiteral("train_step"), shapeText(n, side),
        options.device, computeThreads(), 0.0, 0.0, options.repeats, {} };
    if (!method) {
        result.note = QStringLiteral("not measured: %1").arg(QString::fromStdString(createError));
        onResult(result);
        return;
    }
    const models::TrainingPlan plan { 1000000, 1000 };
    const auto stages = method->stages(plan);
    // The last stage is the method's representative step (JRGR's joint training, not its
    // pre-training).
    int64_t step = stages.back().startStep;
    models::StepResult last;
    auto trainStep = [&](const models::TrainingBatch &batch) {
        const models::StepContext context = models::stepContext(stages, plan, step, false);
        method->prepareStep(context);
        last = method->trainStep(batch, context);
        for (const models::LossTerm &term : last.losses)
            term.value.item<double>(); // what the engine reads every logged step
        ++step;
    };
    const int cycle = method->stepCycle();
    try {
        // On the CPU a step too large for the memory would end in the kernel's OOM killer:
        // estimate it from a step on one image first (activations grow with the batch).
        if (device.is_cpu() && n > 1) {
            const models::TrainingBatch one = models::randomBatch(description, 1, side, device);
            const double needed = peakGrowthBytes([&] {
                for (int i = 0; i < cycle; ++i)
                    trainStep(one);
            }) * n;
            const double available = double(availableSystemMemory());
            if (available > 0 && needed > 0.9 * available) {
                result.note = QStringLiteral("not measured: a step needs about %1 GiB (a step on "
                                             "one image, times the batch), %2 GiB are available")
                                  .arg(needed / double(1 << 30), 0, 'f', 1)
                                  .arg(available / double(1 << 30), 0, 'f', 1);
            }
        }
        if (result.note.isEmpty()) {
            const models::TrainingBatch batch = models::randomBatch(description, n, side, device);
            const Timing train = timeMs(device, options.repeats, [&] {
                for (int i = 0; i < cycle; ++i)
                    trainStep(batch);
            });
            if (cycle > 1)
                result.note = QStringLiteral("one cycle of %1 steps").arg(cycle);
            result.medianMs = train.median;
            result.minMs = train.min;
        }
        onResult(result);
        if (preset == QLatin1String("quick") && result.medianMs > 0)
            onResult(loggingCost(
                id, stepPoints(last, *method), result.medianMs / cycle, options.device));
        const at::Tensor image = torch::rand({ 1, 3, options.derainSide, options.derainSide });
        const Timing derain = timeMs(
            device, options.repeats, [&] { method->derain(image, false).background.cpu(); });
        onResult({ id, preset, QStringLiteral("derain"), shapeText(1, options.derainSide),
            options.device, computeThreads(), derain.median, derain.min, options.repeats, {} });
    } catch (const std::exception &e) {
        result.note = QStringLiteral("failed: %1").arg(firstLineOf(e.what()));
        onResult(result);
    }
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
                continue; // e.g. reference-code exists for some methods only
            benchmarkPreset(*description, preset, options, device, onResult);
        }
    }
    return {};
}

} // namespace pluvia::core
