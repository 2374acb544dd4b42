// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/training/role_data_p.h"

#include "core/catalogue/method_params_p.h"
#include "core/data/content_hash.h"
#include "core/data/paired_loader_p.h"
#include "core/data/timelapse_loader_p.h"
#include "core/data/unpaired_loader_p.h"
#include "core/workspace/workspace.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>

#include <atomic>
#include <memory>

namespace pluvia::core {

namespace {

// SSIM's 11×11 window: validation images must be at least that large.
constexpr int kValidationMinSide = 11;

QString kindNeeded(const models::DataRole &role)
{
    switch (role.kind) {
    case models::DataKind::Paired:
        return QStringLiteral("a paired dataset");
    case models::DataKind::Unpaired:
        return QStringLiteral("an unpaired (or paired) dataset");
    case models::DataKind::TimeLapse:
        return QStringLiteral("a time-lapse dataset");
    }
    return {};
}

// Where `given` points: a registered dataset's path, or the path itself.
QString datasetPath(const QString &given, const QString &workspaceFolder)
{
    if (!workspaceFolder.isEmpty() && !QFileInfo::exists(given)) {
        QString ignored;
        if (auto workspace = Workspace::open(workspaceFolder, &ignored))
            for (const DatasetEntry &entry : workspace->datasets())
                if (entry.name == given)
                    return entry.path;
    }
    return QFileInfo(given).absoluteFilePath();
}

// Progress of one stage over a role's files, as status lines at most once a second.
ProgressCallback stageProgress(const RoleResolution &how, const QString &stage)
{
    auto clock = std::make_shared<QElapsedTimer>();
    clock->start();
    auto lastShownMs = std::make_shared<std::atomic<qint64>>(0);
    return [&how, stage, clock, lastShownMs](qint64 done, qint64 total) {
        if (!how.progress)
            return true;
        const qint64 now = clock->elapsed();
        qint64 last = lastShownMs->load();
        const bool show = (now - last >= 1000 || done == total)
            && lastShownMs->compare_exchange_strong(last, now);
        return how.progress(show
                ? QStringLiteral("%1: %2 of %3 files").arg(stage).arg(done).arg(total)
                : QString());
    };
}

HashOptions hashOptions(const RoleResolution &how, const QString &stage)
{
    HashOptions options;
    if (!how.workspace.isEmpty())
        options.cacheFile = QDir(how.workspace).filePath(QStringLiteral("cache/file-digests"));
    options.progress = stageProgress(how, stage);
    return options;
}

bool resolveOne(const models::DataRole &role, const QString &path, const RoleResolution &how,
    ResolvedRole *out, QStringList *log, QString *error)
{
    const bool validation = role.name == models::kValidationRole;
    const QString roleName = QString::fromStdString(role.name);
    InspectOptions options;
    options.minSide = validation ? kValidationMinSide : how.cropSize;
    const DatasetInspection inspection = inspectDataset(
        path, options, stageProgress(how, QStringLiteral("role %1: checking").arg(roleName)));
    const QString shown = QDir::toNativeSeparators(path);
    if (inspection.cancelled) {
        *error = QStringLiteral("cancelled");
        return false;
    }
    if (!inspection.ok()) {
        *error = QStringLiteral("role %1: %2").arg(roleName, inspection.error);
        return false;
    }
    const Dataset &dataset = inspection.dataset;
    out->content = role.content;
    out->record.role = roleName;
    out->record.path = dataset.root;
    out->record.kind = datasetKindName(dataset.kind);
    out->record.content = imageContentName(imageContentOf(role.content));
    auto wrongKind = [&] {
        *error = QStringLiteral("role %1 needs %2; %3 is %4")
                     .arg(roleName, kindNeeded(role), shown, datasetKindName(dataset.kind));
        return false;
    };
    switch (role.content) {
    case models::RoleContent::RainyAndClean:
        if (dataset.kind != DatasetKind::Paired)
            return wrongKind();
        out->pairs = dataset.pairs;
        break;
    case models::RoleContent::Rainy:
    case models::RoleContent::Clean:
        if (dataset.kind == DatasetKind::Unpaired) {
            out->images = dataset.images;
        } else if (dataset.kind == DatasetKind::Paired) {
            const bool rainy = role.content == models::RoleContent::Rainy;
            for (const DatasetPair &pair : dataset.pairs)
                out->images << (rainy ? pair.rainy : pair.clean);
            out->record.note = QStringLiteral("the %1 images of a paired dataset")
                                   .arg(rainy ? QStringLiteral("rainy") : QStringLiteral("clean"));
        } else {
            return wrongKind();
        }
        break;
    case models::RoleContent::Frames:
        if (dataset.kind != DatasetKind::TimeLapse)
            return wrongKind();
        out->scenes = dataset.scenes;
        break;
    }
    out->record.items = int(out->pairs.size() + out->images.size() + out->scenes.size());
    if (out->record.items == 0) {
        *error = QStringLiteral("role %1: %2 has no usable images (%3 problems; images must be at "
                                "least %4 px on their shorter side)")
                     .arg(roleName, shown)
                     .arg(inspection.problems.size())
                     .arg(options.minSide);
        return false;
    }
    if (!inspection.problems.isEmpty())
        *log << QStringLiteral("role %1: %2 files of %3 skipped (first: %4)")
                    .arg(roleName)
                    .arg(inspection.problems.size())
                    .arg(shown, inspection.problems.front().message);
    const std::optional<QString> hash
        = hashFiles(dataset.root, imageFiles(out->pairs, out->images, out->scenes),
            hashOptions(how, QStringLiteral("role %1: hashing").arg(roleName)));
    if (!hash) {
        *error = QStringLiteral("cancelled");
        return false;
    }
    out->record.contentHash = *hash;
    return true;
}

// The clean images of an already resolved paired role, standing in for an absent role.
std::optional<ResolvedRole> fallbackFrom(
    const models::DataRole &role, const ResolvedRole &source, const RoleResolution &how)
{
    ResolvedRole out;
    out.content = role.content;
    out.record = source.record;
    out.record.role = QString::fromStdString(role.name);
    out.record.content = imageContentName(imageContentOf(role.content));
    for (const DatasetPair &pair : source.pairs)
        out.images << pair.clean;
    out.record.items = int(out.images.size());
    out.record.note = QStringLiteral("clean images of %1 (fallback)").arg(source.record.role);
    const std::optional<QString> hash = hashFiles(out.record.path, out.images,
        hashOptions(how, QStringLiteral("role %1: hashing").arg(out.record.role)));
    if (!hash)
        return std::nullopt;
    out.record.contentHash = *hash;
    return out;
}

bool resolveAll(const models::MethodDescription &method,
    const std::function<QString(const QString &role)> &pathOf, const RoleResolution &how,
    QVector<ResolvedRole> *roles, QStringList *log, QString *error)
{
    roles->clear();
    for (const models::DataRole &role : method.roles) {
        const QString name = QString::fromStdString(role.name);
        const QString path = pathOf(name);
        if (!path.isEmpty()) {
            ResolvedRole resolved;
            if (!resolveOne(role, path, how, &resolved, log, error))
                return false;
            roles->push_back(resolved);
            continue;
        }
        if (!role.fallbackRole.empty()) {
            const QString fallback = QString::fromStdString(role.fallbackRole);
            const auto source = std::find_if(roles->begin(), roles->end(),
                [&](const ResolvedRole &r) { return r.record.role == fallback; });
            if (source != roles->end()) {
                std::optional<ResolvedRole> filled = fallbackFrom(role, *source, how);
                if (!filled) {
                    *error = QStringLiteral("cancelled");
                    return false;
                }
                roles->push_back(*filled);
                *log << QStringLiteral("role %1: using the clean images of %2").arg(name, fallback);
                continue;
            }
        }
        if (role.required) {
            *error = QStringLiteral("role %1 (%2) is required; give --data %1=PATH")
                         .arg(name, kindNeeded(role));
            return false;
        }
    }
    return true;
}

} // namespace

bool resolveRoles(const models::MethodDescription &method, const QMap<QString, QString> &data,
    const RoleResolution &how, QVector<ResolvedRole> *roles, QStringList *log, QString *error)
{
    for (auto it = data.begin(); it != data.end(); ++it) {
        if (!method.role(it.key().toStdString())) {
            QStringList names;
            for (const models::DataRole &role : method.roles)
                names << QString::fromStdString(role.name);
            *error = QStringLiteral("method %1 has no data role '%2'; allowed: %3")
                         .arg(QString::fromStdString(method.id), it.key(),
                             names.join(QLatin1String(", ")));
            return false;
        }
    }
    return resolveAll(
        method,
        [&](const QString &role) {
            return data.contains(role) ? datasetPath(data.value(role), how.workspace) : QString();
        },
        how, roles, log, error);
}

bool reresolveRoles(const models::MethodDescription &method, const QVector<RunRole> &recorded,
    const RoleResolution &how, QVector<ResolvedRole> *roles, QStringList *log, QString *error)
{
    auto recordOf = [&](const QString &role) -> const RunRole * {
        for (const RunRole &r : recorded)
            if (r.role == role)
                return &r;
        return nullptr;
    };
    const bool ok = resolveAll(
        method,
        [&](const QString &role) {
            const RunRole *r = recordOf(role);
            // A role filled from its fallback is rebuilt the same way, not from its path.
            return r && !r->note.endsWith(QLatin1String("(fallback)")) ? r->path : QString();
        },
        how, roles, log, error);
    if (!ok)
        return false;
    for (const ResolvedRole &role : *roles) {
        const RunRole *r = recordOf(role.record.role);
        if (r && r->contentHash != role.record.contentHash)
            *log << QStringLiteral("role %1: %2 changed since the run started (%3 items then, %4 "
                                   "now): the resumed run will not repeat the original exactly")
                        .arg(role.record.role, QDir::toNativeSeparators(role.record.path))
                        .arg(r->items)
                        .arg(role.record.items);
    }
    return true;
}

// ---- loaders ---------------------------------------------------------------------------------

struct RoleLoaders::RoleLoader {
    QString role;
    virtual ~RoleLoader() = default;
    virtual QString error() const = 0;
    virtual bool next(models::RoleBatch *out, QStringList *problems, QString *error) = 0;
    virtual qint64 position() const = 0;
    virtual void seek(qint64 index) = 0;
    virtual qint64 batchesPerEpoch() const = 0;
};

namespace {

// Which file and crop each sample of a batch is (for analyses of rain features).
void describeSamples(
    const QStringList &paths, const QVector<CropWindow> &windows, models::RoleBatch *out)
{
    for (qsizetype i = 0; i < paths.size(); ++i) {
        out->sources.push_back(paths[i].toStdString());
        const CropWindow &w = windows[i];
        out->crops.push_back(QStringLiteral("%1 %2 %3%4")
                                 .arg(w.x)
                                 .arg(w.y)
                                 .arg(w.size)
                                 .arg(w.flip ? QStringLiteral(" flipped") : QString())
                                 .toStdString());
    }
}

template<typename Loader>
struct LoaderFor : RoleLoaders::RoleLoader {
    using Batch = decltype(std::declval<Loader &>().next());
    Loader loader;
    std::function<void(const Batch &, models::RoleBatch *)> fill;

    template<typename Items>
    LoaderFor(Items items, const LoaderOptions &options)
        : loader(std::move(items), options)
    { }
    QString error() const override { return loader.error(); }
    bool next(models::RoleBatch *out, QStringList *problems, QString *error) override
    {
        const auto batch = loader.next();
        for (const DatasetProblem &problem : batch.problems)
            *problems << QStringLiteral("role %1: %2").arg(role, problem.message);
        if (!batch.ok()) {
            *error = QStringLiteral("role %1: %2").arg(role, batch.error);
            return false;
        }
        fill(batch, out);
        return true;
    }
    qint64 position() const override { return loader.position(); }
    void seek(qint64 index) override { loader.seek(index); }
    qint64 batchesPerEpoch() const override { return loader.batchesPerEpoch(); }
};

} // namespace

RoleLoaders::RoleLoaders(const QVector<ResolvedRole> &roles, const LoaderOptions &options)
{
    for (const ResolvedRole &role : roles) {
        if (role.isValidation())
            continue;
        LoaderOptions roleOptions = options;
        roleOptions.seed = roleSeed(options.seed, role.record.role);
        std::unique_ptr<RoleLoader> loader;
        switch (role.content) {
        case models::RoleContent::RainyAndClean: {
            auto paired = std::make_unique<LoaderFor<PairedLoader>>(role.pairs, roleOptions);
            paired->fill = [](const PairedBatch &b, models::RoleBatch *out) {
                out->rainy = b.rainy;
                out->clean = b.clean;
                out->directionDeg = b.directionDeg;
                describeSamples(b.rainyPaths, b.windows, out);
            };
            loader = std::move(paired);
            break;
        }
        case models::RoleContent::Rainy:
        case models::RoleContent::Clean: {
            auto unpaired = std::make_unique<LoaderFor<UnpairedLoader>>(role.images, roleOptions);
            if (role.content == models::RoleContent::Rainy)
                unpaired->fill = [](const UnpairedBatch &b, models::RoleBatch *out) {
                    out->rainy = b.images;
                    describeSamples(b.paths, b.windows, out);
                };
            else
                unpaired->fill = [](const UnpairedBatch &b, models::RoleBatch *out) {
                    out->clean = b.images;
                    describeSamples(b.paths, b.windows, out);
                };
            loader = std::move(unpaired);
            break;
        }
        case models::RoleContent::Frames: {
            auto frames = std::make_unique<LoaderFor<TimeLapseLoader>>(role.scenes, roleOptions);
            frames->fill = [](const TimeLapseBatch &b, models::RoleBatch *out) {
                out->frameM = b.frameM;
                out->frameN = b.frameN;
                out->background = b.background;
                out->hasBackground = b.hasBackground;
                describeSamples(b.paths, b.windows, out);
            };
            loader = std::move(frames);
            break;
        }
        }
        loader->role = role.record.role;
        if (m_error.isEmpty() && !loader->error().isEmpty())
            m_error = QStringLiteral("role %1: %2").arg(role.record.role, loader->error());
        m_loaders.push_back(std::move(loader));
    }
    if (m_loaders.empty() && m_error.isEmpty())
        m_error = QStringLiteral("no training data roles");
}

RoleLoaders::~RoleLoaders() = default;

QString RoleLoaders::error() const
{
    return m_error;
}

bool RoleLoaders::next(models::TrainingBatch *batch, QStringList *problems, QString *error)
{
    batch->clear();
    for (const auto &loader : m_loaders)
        if (!loader->next(&(*batch)[loader->role.toStdString()], problems, error))
            return false;
    return true;
}

qint64 RoleLoaders::position() const
{
    return m_loaders.empty() ? 0 : m_loaders.front()->position();
}

void RoleLoaders::seek(qint64 batchIndex)
{
    for (const auto &loader : m_loaders)
        loader->seek(batchIndex);
}

qint64 RoleLoaders::stepsPerEpoch() const
{
    return m_loaders.empty() ? 1 : std::max<qint64>(1, m_loaders.front()->batchesPerEpoch());
}

} // namespace pluvia::core
