// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/training/training_run.h"

#include "core/training/training_worker_p.h"

#include <QThread>

namespace pluvia::core {

struct TrainingRun::Private {
    std::shared_ptr<RunControl> control = std::make_shared<RunControl>();
    QThread thread;
    std::unique_ptr<TrainingWorker> worker;
    QString runId;
    RunStatus status = RunStatus::Created;
    bool started = false;
    bool finished = false;
};

namespace {

void registerEventTypes()
{
    static const bool registered = [] {
        qRegisterMetaType<StepEvent>();
        qRegisterMetaType<ValidationEvent>();
        qRegisterMetaType<PreviewEvent>();
        qRegisterMetaType<RunError>();
        qRegisterMetaType<RunStatus>();
        qRegisterMetaType<QVector<MetricPoint>>();
        return true;
    }();
    Q_UNUSED(registered);
}

} // namespace

TrainingRun::TrainingRun(RunRequest request, QObject *parent)
    : RunEventSignals(parent)
    , d(std::make_unique<Private>())
{
    registerEventTypes();
    d->worker = std::make_unique<TrainingWorker>(std::move(request), d->control);
    connectWorker();
}

TrainingRun::TrainingRun(ResumeRequest request, QObject *parent)
    : RunEventSignals(parent)
    , d(std::make_unique<Private>())
{
    registerEventTypes();
    d->worker = std::make_unique<TrainingWorker>(std::move(request), d->control);
    connectWorker();
}

void TrainingRun::connectWorker()
{
    TrainingRun *run = this;
    TrainingWorker *worker = d->worker.get();
    Private *d = this->d.get();
    worker->moveToThread(&d->thread);
    QObject::connect(worker, &RunEventSignals::runCreated, run, [run, d](const QString &id) {
        d->runId = id;
        Q_EMIT run->runCreated(id);
    });
    QObject::connect(worker, &RunEventSignals::statusChanged, run, [run, d](RunStatus status) {
        d->status = status;
        Q_EMIT run->statusChanged(status);
    });
    // Passed on unchanged, signal to signal, queued into the owner's thread.
    QObject::connect(worker, &RunEventSignals::stepCompleted, run, &RunEventSignals::stepCompleted);
    QObject::connect(worker, &RunEventSignals::metricsLogged, run, &RunEventSignals::metricsLogged);
    QObject::connect(
        worker, &RunEventSignals::validationCompleted, run, &RunEventSignals::validationCompleted);
    QObject::connect(worker, &RunEventSignals::previewReady, run, &RunEventSignals::previewReady);
    QObject::connect(worker, &RunEventSignals::logLine, run, &RunEventSignals::logLine);
    QObject::connect(worker, &RunEventSignals::errorOccurred, run, &RunEventSignals::errorOccurred);
    QObject::connect(worker, &RunEventSignals::finished, run, [run, d](RunStatus status) {
        d->status = status;
        d->finished = true;
        d->thread.quit();
        Q_EMIT run->finished(status);
    });
}

TrainingRun::~TrainingRun()
{
    stop();
    d->thread.quit();
    d->thread.wait();
}

void TrainingRun::start()
{
    if (d->started)
        return;
    d->started = true;
    d->thread.setObjectName(QStringLiteral("pluvia-training"));
    d->thread.start();
    QMetaObject::invokeMethod(d->worker.get(), &TrainingWorker::run, Qt::QueuedConnection);
}

void TrainingRun::pause()
{
    d->control->pauseRequested = true;
}

void TrainingRun::resume()
{
    {
        std::lock_guard<std::mutex> lock(d->control->mutex);
        d->control->pauseRequested = false;
    }
    d->control->wake.notify_all();
}

void TrainingRun::stop()
{
    {
        std::lock_guard<std::mutex> lock(d->control->mutex);
        d->control->stopRequested = true;
    }
    d->control->wake.notify_all();
}

void TrainingRun::requestPreview(const QString &rainyImage)
{
    {
        std::lock_guard<std::mutex> lock(d->control->mutex);
        d->control->previewSample = rainyImage;
    }
    d->control->previewRequested = true;
}

QString TrainingRun::runId() const
{
    return d->runId;
}

RunStatus TrainingRun::status() const
{
    return d->status;
}

bool TrainingRun::isFinished() const
{
    return d->finished;
}

} // namespace pluvia::core
