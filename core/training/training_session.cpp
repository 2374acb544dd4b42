// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/training/training_session_p.h"

#include "core/catalogue/method_catalog.h"
#include "core/catalogue/method_params_p.h"
#include "core/checkpoint/checkpoint_p.h"
#include "core/error_text.h"
#include "core/runtime/compute_runtime.h"
#include "core/workspace/workspace.h"
#include "models/framework/method_registry.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>

#include <torch/torch.h>

#include <cmath>
#include <sstream>

namespace pluvia::core {

namespace {

// Smoothing of the step time for images/s and ETA: an exponential moving average with
// TensorBoard's debiasing, so the first steps are not pulled towards zero.
constexpr double kStepTimeSmoothing = 0.9;
// Preview images are cut to their centre: a preview costs at most one such tile.
constexpr int kPreviewMaxSide = 512;

double now()
{
    return double(QDateTime::currentMSecsSinceEpoch()) / 1000.0;
}

QString q(const std::string &s)
{
    return QString::fromStdString(s);
}

// Checkpoint files of a run, newest first (names carry the zero-padded step).
QStringList checkpointFiles(const QString &folder)
{
    QStringList files = QDir(folder).entryList(
        { QStringLiteral("step-*.pt") }, QDir::Files, QDir::Name | QDir::Reversed);
    for (QString &file : files)
        file = QDir(folder).filePath(file);
    return files;
}

// The sample previews show unless the user picks one: the first validation pair, else the first
// training pair, else the first rainy image, else the first frame of a scene.
QString defaultPreviewSample(const QVector<ResolvedRole> &roles, QString *clean)
{
    for (const bool validation : { true, false }) {
        for (const ResolvedRole &role : roles) {
            if (role.isValidation() == validation && !role.pairs.isEmpty()) {
                *clean = role.pairs.front().clean;
                return role.pairs.front().rainy;
            }
        }
    }
    for (const ResolvedRole &role : roles) {
        if (role.content == models::RoleContent::Rainy && !role.images.isEmpty())
            return role.images.front();
        if (!role.scenes.isEmpty()) {
            *clean = role.scenes.front().background;
            return role.scenes.front().frames.front();
        }
    }
    return {};
}

// The clean image paired with `rainy` in any role, or "".
QString cleanPartner(const QVector<ResolvedRole> &roles, const QString &rainy)
{
    for (const ResolvedRole &role : roles)
        for (const DatasetPair &pair : role.pairs)
            if (pair.rainy == rainy)
                return pair.clean;
    return {};
}

} // namespace

TrainingSession::TrainingSession(std::function<void(QString)> storeError,
    std::function<bool(const QString &status)> setupProgress)
    : m_storeError(std::move(storeError))
    , m_setupProgress(std::move(setupProgress))
{ }

TrainingSession::~TrainingSession()
{
    // The writer commits what is pending before the loaders and method go.
    m_writer.reset();
}

QString TrainingSession::runFolder() const
{
    return QDir(m_workspace).filePath(QStringLiteral("runs/") + m_record.id);
}

QString TrainingSession::checkpointPath(qint64 step) const
{
    return QDir(runFolder())
        .filePath(QStringLiteral("checkpoints/step-%1.pt").arg(step, 8, 10, QLatin1Char('0')));
}

QString TrainingSession::stageName() const
{
    if (m_stages.empty() || !m_method)
        return {};
    return q(m_stages[size_t(models::stageIndexAt(m_stages, m_step))].name);
}

void TrainingSession::log(const QString &line)
{
    m_log << line;
}

QStringList TrainingSession::takeLog()
{
    return std::exchange(m_log, {});
}

QVector<MetricPoint> TrainingSession::takeNewPoints()
{
    return std::exchange(m_newPoints, {});
}

bool TrainingSession::prepare(
    const models::MethodDescription &description, const models::Params &params, QString *error)
{
    std::string createError;
    m_method = models::createMethod(description.id, params,
        torch::Device(m_record.device.toStdString()), m_record.seed, &createError);
    if (!m_method) {
        *error = q(createError);
        return false;
    }
    QString teacher;
    if (!attachTeacher(m_method.get(), m_record.device, &teacher, error))
        return false;
    if (!teacher.isEmpty())
        log(QStringLiteral("teacher: %1").arg(teacher));
    try {
        m_method->prepareTraining();
    } catch (const std::exception &e) {
        *error = firstLineOf(e.what());
        return false;
    }
    if (description.notices)
        for (const std::string &notice : description.notices(params))
            log(QStringLiteral("note: %1").arg(q(notice)));
    LoaderOptions loader;
    loader.batchSize = int(params.integer("batch_size"));
    loader.cropSize = int(params.integer("crop_size"));
    loader.seed = m_record.seed;
    loader.workerThreads = m_options.loaderThreads;
    if (description.schema.find("random_flip"))
        loader.horizontalFlip = params.flag("random_flip");
    m_loaders = std::make_unique<RoleLoaders>(m_roles, loader);
    if (!m_loaders->error().isEmpty()) {
        *error = m_loaders->error();
        return false;
    }
    m_plan.stepsPerEpoch = m_loaders->stepsPerEpoch();
    m_plan.totalSteps
        = m_options.steps > 0 ? m_options.steps : params.integer("epochs") * m_plan.stepsPerEpoch;
    m_stages = m_method->stages(m_plan);
    if (m_options.timeLimitSeconds > 0)
        m_timePlan.emplace(m_options.timeLimitSeconds, m_plan.totalSteps);
    for (const ResolvedRole &role : m_roles) {
        if (!role.isValidation())
            continue;
        m_validation = loadValidationSet(role.pairs, m_options.validationImages);
        for (const QString &problem : m_validation->problems)
            log(QStringLiteral("validation: skipped %1").arg(problem));
    }
    return true;
}

bool TrainingSession::startNew(const RunRequest &request, QString *error)
{
    m_workspace = QFileInfo(request.workspace).absoluteFilePath();
    const models::MethodDescription *description = models::findMethod(request.method.toStdString());
    QJsonObject paramsJson;
    if (const QString e
        = resolveMethodParameters(request.method, request.preset, request.overrides, &paramsJson);
        !e.isEmpty()) {
        *error = e;
        return false;
    }
    models::Params params;
    paramsFromJson(*description, paramsJson, &params, error, nullptr);
    if (const QString e = checkComputeDevice(request.device); !e.isEmpty()) {
        *error = e;
        return false;
    }
    if (const QString e = checkEngineOptions(request.engine); !e.isEmpty()) {
        *error = e;
        return false;
    }
    m_options = request.engine;
    // Creates the workspace's folders and store when they do not exist yet.
    if (!Workspace::open(m_workspace, error))
        return false;
    auto store = RunStore::open(m_workspace, error);
    if (!store)
        return false;
    QStringList notes;
    if (!resolveRoles(*description, request.data,
            { m_workspace, int(params.integer("crop_size")), m_setupProgress }, &m_roles, &notes,
            error))
        return false;
    for (const QString &note : notes)
        log(note);

    m_record.experiment = request.experiment;
    m_record.method = request.method;
    m_record.preset = request.preset.isEmpty() ? QStringLiteral("paper") : request.preset;
    m_record.params = paramsJson;
    for (const ResolvedRole &role : m_roles)
        m_record.roles.push_back(role.record);
    m_record.options = engineOptionsToJson(m_options);
    m_record.seed = request.seed;
    m_record.device = request.device;
    m_record.threads = computeThreads();
    m_record.status = RunStatus::Running;
    m_record.pluviaVersion = QStringLiteral(PLUVIA_VERSION);
    m_record.libtorch = libtorchDescription();
    m_record.note = request.note;
    if (!prepare(*description, params, error))
        return false;
    if (!m_options.initWeights.isEmpty()) {
        CheckpointInfo init;
        if (!loadInitialNetworks(m_options.initWeights, m_method.get(), &init, error))
            return false;
        log(QStringLiteral("networks start from %1 (%2, step %3)")
                .arg(QDir::toNativeSeparators(m_options.initWeights),
                    init.runId.isEmpty() ? QStringLiteral("a model")
                                         : QStringLiteral("run ") + init.runId)
                .arg(init.step));
    }
    m_record.totalSteps = m_plan.totalSteps;
    if (const QString e = store->createRun(&m_record); !e.isEmpty()) {
        *error = e;
        return false;
    }
    m_writer = std::make_unique<StoreWriter>(m_workspace, m_record.id, m_storeError);
    recordEvent(QStringLiteral("start"),
        QStringLiteral("%1 (%2) on %3, %4 threads, seed %5, %6 steps (%7 per epoch)")
            .arg(m_record.method, m_record.preset, m_record.device)
            .arg(m_record.threads)
            .arg(m_record.seed)
            .arg(m_plan.totalSteps)
            .arg(m_plan.stepsPerEpoch));
    // A checkpoint before the first step: resume and rollback always have a starting point.
    if (const QString e = checkpoint(QStringLiteral("start")); !e.isEmpty()) {
        *error = e;
        return false;
    }
    return true;
}

bool TrainingSession::restoreLatest(QString *error)
{
    const QStringList files
        = checkpointFiles(QDir(runFolder()).filePath(QStringLiteral("checkpoints")));
    for (const QString &file : files) {
        CheckpointInfo info;
        QString problem;
        if (!restoreCheckpoint(file, m_method.get(), &info, &problem)) {
            log(QStringLiteral("skipping %1").arg(problem));
            continue;
        }
        if (info.networksOnly) {
            log(QStringLiteral("skipping %1: an exported model holds only networks, no "
                               "optimiser state to resume from")
                    .arg(QDir::toNativeSeparators(file)));
            continue;
        }
        // Another run's checkpoint placed in this folder would jump the step and leave a gap
        // (or a repeat) in every series; the run's identity must match.
        if (info.runId != m_record.id || info.params != m_record.params) {
            log(QStringLiteral("skipping %1: it belongs to %2, not to this run (%3)")
                    .arg(QDir::toNativeSeparators(file),
                        info.runId != m_record.id
                            ? QStringLiteral("run %1").arg(info.runId)
                            : QStringLiteral("the same run with other parameters"),
                        m_record.id));
            continue;
        }
        m_step = info.step;
        m_loaders->seek(info.loaderPosition);
        m_lastCheckpointStep = info.step;
        return true;
    }
    *error = QStringLiteral("%1: no readable checkpoint")
                 .arg(QDir::toNativeSeparators(
                     QDir(runFolder()).filePath(QStringLiteral("checkpoints"))));
    return false;
}

bool TrainingSession::resumeStored(const ResumeRequest &request, QString *error)
{
    m_workspace = QFileInfo(request.workspace).absoluteFilePath();
    auto store = RunStore::open(m_workspace, error);
    if (!store)
        return false;
    const std::optional<RunRecord> record = store->run(request.runId, error);
    if (!record)
        return false;
    m_record = *record;
    if ((record->status == RunStatus::Running || record->status == RunStatus::Paused)
        && record->pid != QCoreApplication::applicationPid()) {
        *error = QStringLiteral("run %1 is being trained by process %2 on %3; stop it first")
                     .arg(record->id)
                     .arg(record->pid)
                     .arg(record->host);
        return false;
    }
    const models::MethodDescription *description = models::findMethod(record->method.toStdString());
    if (!description) {
        *error = QStringLiteral("run %1 was trained with method '%2', which this Pluvia lacks")
                     .arg(record->id, record->method);
        return false;
    }
    models::Params params;
    QString warning;
    if (!paramsFromJson(*description, record->params, &params, error, &warning))
        return false;
    if (!warning.isEmpty())
        log(warning);
    m_options = engineOptionsFromJson(record->options);
    if (request.steps > 0)
        m_options.steps = request.steps;
    if (!request.device.isEmpty())
        m_record.device = request.device;
    if (const QString e = checkComputeDevice(m_record.device); !e.isEmpty()) {
        *error = e;
        return false;
    }
    m_record.threads = computeThreads();
    QStringList notes;
    if (!reresolveRoles(*description, record->roles,
            { m_workspace, int(params.integer("crop_size")), m_setupProgress }, &m_roles, &notes,
            error))
        return false;
    for (const QString &note : notes)
        log(note);
    if (!prepare(*description, params, error) || !restoreLatest(error))
        return false;
    if (m_step >= m_plan.totalSteps) {
        *error = QStringLiteral("run %1 has completed its %2 steps; give a larger step count to "
                                "train further")
                     .arg(record->id)
                     .arg(m_plan.totalSteps);
        return false;
    }
    for (const ArtifactRecord &artifact :
        store->artifacts(m_record.id, QStringLiteral("checkpoint")))
        if (QFile::exists(artifact.path) && artifact.step <= m_step)
            m_checkpoints.push_back(artifact);
    for (const ArtifactRecord &artifact : store->artifacts(m_record.id, QStringLiteral("best"))) {
        m_best = artifact;
        m_bestPsnr = artifact.value;
    }
    m_writer = std::make_unique<StoreWriter>(m_workspace, m_record.id, m_storeError);
    // Steps done after the checkpoint (their metrics reached the store, their state did not).
    const QVector<qint64> logged
        = store->series(m_record.id, QStringLiteral("perf/step_seconds")).steps;
    const qint64 step = m_step,
                 lost = logged.isEmpty() ? 0 : std::max<qint64>(0, logged.back() - m_step);
    m_writer->post([id = m_record.id, step, options = engineOptionsToJson(m_options)](RunStore &s) {
        QString e = s.deleteMetricsAfter(id, step);
        return e.isEmpty() ? s.claimRun(id, options) : e;
    });
    recordEvent(QStringLiteral("resume"),
        QStringLiteral("from the checkpoint at step %1%2, on %3 with %4 threads")
            .arg(step)
            .arg(lost > 0 ? QStringLiteral(" (%1 later steps were lost and are redone)").arg(lost)
                          : QString())
            .arg(m_record.device)
            .arg(m_record.threads));
    setStatus(RunStatus::Running);
    return true;
}

models::TrainingBatch TrainingSession::nextBatch()
{
    models::TrainingBatch batch;
    QStringList problems;
    QString error;
    if (!m_loaders->next(&batch, &problems, &error))
        throw std::runtime_error(error.toStdString());
    for (const QString &problem : problems) {
        if (!m_reportedProblems.contains(problem)) {
            m_reportedProblems << problem;
            log(QStringLiteral("skipped while loading: %1").arg(problem));
        }
    }
    return batch;
}

StepEvent TrainingSession::runStep(QString *nonFiniteTerm)
{
    QElapsedTimer timer;
    timer.start();
    const models::TrainingBatch batch = nextBatch();
    const models::StepContext context = models::stepContext(m_stages, m_plan, m_step);
    m_method->prepareStep(context);
    const models::StepResult result = m_method->trainStep(batch, context);

    StepEvent event;
    event.runId = m_record.id;
    event.totalSteps = m_plan.totalSteps;
    event.stage = q(context.stage.name);
    const bool logThisStep
        = (m_step + 1) % m_options.logEvery == 0 || m_step + 1 == m_plan.totalSteps;
    for (const models::LossTerm &term : result.losses) {
        // Reading the value synchronises a GPU: done only on logged steps (and for the NaN guard,
        // which needs it on every logged step).
        if (!logThisStep)
            break;
        const double value = term.value.item<double>();
        event.losses.push_back({ q(term.name), value, term.weight });
        if (!std::isfinite(value)) {
            *nonFiniteTerm = q(term.name);
            event.step = m_step + 1;
            return event;
        }
    }
    ++m_step;
    event.step = m_step;
    event.stepSeconds = timer.nsecsElapsed() * 1e-9;
    m_stepSecondsTotal += event.stepSeconds;
    m_smoothedStepSeconds = kStepTimeSmoothing * m_smoothedStepSeconds
        + (1.0 - kStepTimeSmoothing) * event.stepSeconds;
    m_smoothingWeight = kStepTimeSmoothing * m_smoothingWeight + (1.0 - kStepTimeSmoothing);
    const double smoothed = m_smoothedStepSeconds / m_smoothingWeight;
    const double batchSize
        = double(m_record.params.value(QStringLiteral("batch_size")).toInteger());
    event.imagesPerSecond = smoothed > 0 ? batchSize / smoothed : 0.0;
    event.etaSeconds = smoothed * double(m_plan.totalSteps - m_step);

    if (logThisStep) {
        const double wall = now();
        QVector<MetricPoint> points;
        auto add = [&](const QString &key, double value) {
            points.push_back({ key, m_step, wall, value });
        };
        for (const LossValue &loss : event.losses) {
            add(QStringLiteral("loss/") + loss.name, loss.value);
            if (loss.weight != 1.0)
                add(QStringLiteral("weighted/") + loss.name, loss.value * loss.weight);
        }
        for (const auto &[name, lr] : m_method->learningRates())
            add(QStringLiteral("lr/") + q(name), lr);
        add(QStringLiteral("perf/step_seconds"), event.stepSeconds);
        add(QStringLiteral("perf/images_per_second"), event.imagesPerSecond);
        m_newPoints += points;
        m_writer->append(std::move(points));
    }
    return event;
}

void TrainingSession::observeTrainingTime(double seconds)
{
    if (!m_timePlan || m_step == 0)
        return;
    if (!m_stagesProbed) {
        m_stagesProbed = true;
        probeStageCosts();
    }
    std::vector<double> starts;
    for (const models::Stage &stage : m_stages)
        starts.push_back(double(stage.startStep) / double(m_plan.totalSteps));
    const int stage = models::stageIndexAt(m_stages, m_step - 1);
    const std::optional<qint64> total = m_timePlan->observe(m_step, stage, seconds, starts);
    if (!total)
        return;
    const qint64 before = m_plan.totalSteps;
    m_plan.totalSteps = *total;
    m_stages = m_method->stages(m_plan);
    // A resume continues this plan, and the run card's re-run line reproduces it.
    m_options.steps = *total;
    m_writer->post([id = m_record.id, options = engineOptionsToJson(m_options)](
                       RunStore &s) { return s.claimRun(id, options); });
    setStatus(m_record.status, m_record.error);
    recordEvent(QStringLiteral("plan"),
        QStringLiteral("%1 s per step in stage '%2': %3 steps fit the time limit of %4 s (the "
                       "plan had %5); stages and schedules now span %3 steps")
            .arg(m_timePlan->stageCosts()[size_t(stage)], 0, 'g', 3)
            .arg(q(m_stages[size_t(std::min<size_t>(size_t(stage), m_stages.size() - 1))].name))
            .arg(*total)
            .arg(m_options.timeLimitSeconds)
            .arg(before));
}

// A run with a time limit and several stages would otherwise learn what a later stage costs only
// when it gets there, too late for the plan: JRGR's joint stage costs about four times its
// pre-training, so a plan made from the pre-training's speed alone spends most of the limit in it.
// The probe runs real steps of every stage on the next batches, then restores the method's complete
// state (networks, optimisers, pools, generator) and the loaders' position, so the run goes on
// exactly as it would have.
void TrainingSession::probeStageCosts()
{
    constexpr int kProbeSteps = 3; // the first one warms up and is not timed
    if (m_stages.size() < 2)
        return;
    std::stringstream snapshot;
    {
        torch::serialize::OutputArchive archive;
        m_method->save(archive);
        archive.save_to(snapshot);
    }
    const qint64 position = m_loaders->position();
    std::vector<double> costs;
    QStringList shown;
    for (size_t s = 0; s < m_stages.size(); ++s) {
        const qint64 step = std::min(m_stages[s].startStep, m_plan.totalSteps - 1);
        const models::StepContext context { step, m_plan, int(s), m_stages[s], false };
        m_method->prepareStep(context);
        QElapsedTimer timer;
        for (int i = 0; i < kProbeSteps; ++i) {
            if (i == 1)
                timer.start();
            const models::StepResult result = m_method->trainStep(nextBatch(), context);
            if (i + 1 == kProbeSteps && !result.losses.empty())
                result.losses.front().value.item<double>(); // waits for a GPU to finish
        }
        costs.push_back(timer.nsecsElapsed() * 1e-9 / (kProbeSteps - 1));
        shown << QStringLiteral("'%1' %2 s").arg(q(m_stages[s].name)).arg(costs.back(), 0, 'g', 3);
    }
    torch::serialize::InputArchive archive;
    archive.load_from(snapshot, m_method->device());
    m_method->load(archive);
    m_loaders->seek(position);
    m_timePlan->setProbedCosts(costs);
    recordEvent(QStringLiteral("plan"),
        QStringLiteral("probed seconds per step: %1 (state restored after the probe)")
            .arg(shown.join(QStringLiteral(", "))));
}

bool TrainingSession::rollback(QString *error)
{
    const qint64 failedAt = m_step;
    if (!restoreLatest(error))
        return false;
    const qint64 step = m_step;
    m_writer->post(
        [id = m_record.id, step](RunStore &s) { return s.deleteMetricsAfter(id, step); });
    recordEvent(QStringLiteral("rollback"),
        QStringLiteral("restored the checkpoint at step %1 after the failure at step %2")
            .arg(step)
            .arg(failedAt + 1));
    return true;
}

ArtifactRecord TrainingSession::recordArtifact(
    const QString &kind, const QString &path, const QString &note, double value)
{
    ArtifactRecord artifact;
    artifact.runId = m_record.id;
    artifact.kind = kind;
    artifact.path = path;
    artifact.step = m_step;
    artifact.value = value;
    artifact.note = note;
    // A best checkpoint replaces the record of the previous one (same file).
    m_writer->post([artifact](RunStore &s) mutable {
        const QString e = s.removeArtifact(artifact.runId, artifact.path);
        return e.isEmpty() ? s.addArtifact(&artifact) : e;
    });
    return artifact;
}

CheckpointInfo TrainingSession::currentCheckpointInfo() const
{
    CheckpointInfo info;
    info.runId = m_record.id;
    info.method = m_record.method;
    info.preset = m_record.preset;
    info.params = m_record.params;
    info.seed = m_record.seed;
    info.step = m_step;
    info.totalSteps = m_plan.totalSteps;
    info.stage = models::stageIndexAt(m_stages, m_step);
    info.loaderPosition = m_loaders->position();
    info.device = m_record.device;
    info.pluviaVersion = QStringLiteral(PLUVIA_VERSION);
    info.libtorch = libtorchDescription();
    info.created = QDateTime::currentDateTimeUtc();
    return info;
}

QString TrainingSession::checkpoint(const QString &reason)
{
    if (m_lastCheckpointStep == m_step)
        return {};
    // Metrics up to this step reach the store before the checkpoint exists, so a resume from it
    // never finds a gap in the curves.
    m_writer->flush();
    const QString path = checkpointPath(m_step);
    if (const QString e = saveCheckpoint(path, currentCheckpointInfo(), *m_method); !e.isEmpty())
        return e;
    m_lastCheckpointStep = m_step;
    m_checkpoints.push_back(recordArtifact(QStringLiteral("checkpoint"), path, reason));
    setStatus(m_record.status, m_record.error); // the store's step follows the checkpoints
    while (m_checkpoints.size() > m_options.keepLast) {
        const ArtifactRecord old = m_checkpoints.takeFirst();
        QFile::remove(old.path);
        m_writer->post([old](RunStore &s) { return s.removeArtifact(old.runId, old.path); });
    }
    return {};
}

bool TrainingSession::checkpointDue() const
{
    return m_step % m_options.checkpointEvery == 0;
}

bool TrainingSession::validationDue() const
{
    if (!m_validation || m_validation->rainy.isEmpty())
        return false;
    const int every
        = m_options.validateEvery > 0 ? m_options.validateEvery : m_options.checkpointEvery;
    return m_step % every == 0 || m_step == m_plan.totalSteps;
}

bool TrainingSession::previewDue() const
{
    return m_options.previewEvery > 0 && m_step % m_options.previewEvery == 0;
}

std::optional<ValidationEvent> TrainingSession::validateNow(QString *error)
{
    if (!m_validation || m_validation->rainy.isEmpty())
        return std::nullopt;
    const ValidationResult result
        = validate(*m_method, *m_validation, TileOptions { m_options.tileSize, 32 });
    ValidationEvent event;
    event.runId = m_record.id;
    event.step = m_step;
    event.images = result.images;
    event.psnr = result.psnr;
    event.ssim = result.ssim;
    event.psnrLabel = psnrConvention(validationMetricOptions());
    event.ssimLabel = ssimConvention(validationMetricOptions());
    const double wall = now();
    QVector<MetricPoint> points = { { QStringLiteral("val/psnr_y"), m_step, wall, result.psnr },
        { QStringLiteral("val/ssim_y"), m_step, wall, result.ssim } };
    m_newPoints += points;
    m_writer->append(points);
    if (result.images > 0 && result.psnr > m_bestPsnr) {
        const QString path = QDir(runFolder()).filePath(QStringLiteral("checkpoints/best.pt"));
        if (const QString e = saveCheckpoint(path, currentCheckpointInfo(), *m_method);
            !e.isEmpty()) {
            *error = e;
            return event;
        }
        m_bestPsnr = result.psnr;
        event.best = true;
        recordArtifact(QStringLiteral("best"), path, event.psnrLabel, result.psnr);
    }
    return event;
}

PreviewEvent TrainingSession::previewNow(const QString &sample, QString *error)
{
    QString clean;
    const QString rainy = sample.isEmpty() ? defaultPreviewSample(m_roles, &clean) : sample;
    if (!sample.isEmpty())
        clean = cleanPartner(m_roles, sample);
    PreviewEvent event = makePreview(*m_method, rainy, clean, kPreviewMaxSide,
        TileOptions { m_options.tileSize, 32, true }, error);
    event.runId = m_record.id;
    event.step = m_step;
    if (event.layers.isEmpty())
        return event;
    const QString folder
        = QDir(runFolder())
              .filePath(QStringLiteral("samples/step-%1").arg(m_step, 8, 10, QLatin1Char('0')));
    if (const QString e = savePreview(event, folder); !e.isEmpty()) {
        *error = e;
        return event;
    }
    recordArtifact(QStringLiteral("sample"), folder, rainy);
    return event;
}

void TrainingSession::setStatus(RunStatus status, const QString &reason)
{
    m_record.status = status;
    m_record.error = reason;
    if (!m_writer)
        return;
    m_writer->post([id = m_record.id, status, step = m_step, total = m_plan.totalSteps, reason](
                       RunStore &s) { return s.updateRun(id, status, step, total, reason); });
}

void TrainingSession::recordEvent(const QString &kind, const QString &message)
{
    log(QStringLiteral("%1: %2").arg(kind, message));
    if (!m_writer)
        return;
    const RunEvent event { m_step, now(), kind, message };
    m_writer->post([id = m_record.id, event](RunStore &s) { return s.addEvent(id, event); });
}

void TrainingSession::flushStore()
{
    if (m_writer)
        m_writer->flush();
}

QString TrainingSession::loggingCostSummary() const
{
    if (!m_writer || m_stepSecondsTotal <= 0.0)
        return {};
    const double caller = m_writer->appendSeconds(), writer = m_writer->writerCpuSeconds();
    return QStringLiteral("metric logging: %1 points; %2 ms on the training thread (%3% of step "
                          "time), %4 ms CPU in the store writer (%5%)")
        .arg(m_writer->pointsWritten())
        .arg(caller * 1e3, 0, 'f', 1)
        .arg(100.0 * caller / m_stepSecondsTotal, 0, 'f', 3)
        .arg(writer * 1e3, 0, 'f', 1)
        .arg(100.0 * writer / m_stepSecondsTotal, 0, 'f', 3);
}

} // namespace pluvia::core
