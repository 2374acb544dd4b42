// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/checkpoint/checkpoint_p.h"

#include "core/atomic_file.h"
#include "core/checkpoint/archive_integrity_p.h"

#include "core/catalogue/method_params_p.h"
#include "core/error_text.h"
#include "models/framework/method_registry.h"
#include "models/framework/state_dict_writer.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>

#include <torch/torch.h>

namespace pluvia::core {

namespace {

constexpr int kFormat = 1;
constexpr const char *kMetaKey = "pluvia_meta";

QString shown(const QString &path)
{
    return QDir::toNativeSeparators(path);
}

bool readArchive(const QString &path, const QString &device,
    torch::serialize::InputArchive *archive, CheckpointInfo *info, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: cannot read the checkpoint: %2")
                     .arg(shown(path), file.errorString());
        return false;
    }
    const QByteArray bytes = file.readAll();
    // Before LibTorch sees a byte: it neither checks CRCs nor refuses code in the archive.
    if (const ArchiveCheck check = checkArchive(bytes); !check.problem.isEmpty()) {
        *error = QStringLiteral(
            "%1: not a readable checkpoint, damaged or unsafe (%2); it was not loaded")
                     .arg(shown(path), check.problem);
        return false;
    }
    try {
        if (device.isEmpty())
            archive->load_from(bytes.constData(), size_t(bytes.size()), torch::Device("cpu"));
        else
            archive->load_from(
                bytes.constData(), size_t(bytes.size()), torch::Device(device.toStdString()));
        c10::IValue meta;
        if (!archive->try_read(kMetaKey, meta) || !meta.isString()) {
            *error = QStringLiteral("%1: not a Pluvia checkpoint (no %2 entry)")
                         .arg(shown(path), QLatin1String(kMetaKey));
            return false;
        }
        QJsonParseError parse;
        const QJsonObject o
            = QJsonDocument::fromJson(QByteArray::fromStdString(meta.toStringRef()), &parse)
                  .object();
        if (parse.error != QJsonParseError::NoError) {
            *error = QStringLiteral("%1: unreadable description: %2")
                         .arg(shown(path), parse.errorString());
            return false;
        }
        info->format = o[QStringLiteral("format")].toInt();
        if (info->format > kFormat) {
            *error = QStringLiteral("%1: checkpoint format %2 is newer than this Pluvia reads (%3)")
                         .arg(shown(path))
                         .arg(info->format)
                         .arg(kFormat);
            return false;
        }
        info->runId = o[QStringLiteral("run_id")].toString();
        info->method = o[QStringLiteral("method")].toString();
        info->preset = o[QStringLiteral("preset")].toString();
        info->params = o[QStringLiteral("params")].toObject();
        info->seed = o[QStringLiteral("seed")].toString().toULongLong();
        info->step = o[QStringLiteral("step")].toInteger();
        info->totalSteps = o[QStringLiteral("total_steps")].toInteger();
        info->stage = o[QStringLiteral("stage")].toInt();
        info->loaderPosition = o[QStringLiteral("loader_position")].toInteger();
        info->device = o[QStringLiteral("device")].toString();
        info->pluviaVersion = o[QStringLiteral("pluvia_version")].toString();
        info->libtorch = o[QStringLiteral("libtorch")].toString();
        info->created
            = QDateTime::fromString(o[QStringLiteral("created")].toString(), Qt::ISODateWithMs);
        info->networksOnly = o[QStringLiteral("networks_only")].toBool();
        return true;
    } catch (const std::exception &e) {
        const QString what = firstLineOf(e.what());
        *error = QStringLiteral("%1: not a readable checkpoint (truncated or damaged?): %2")
                     .arg(shown(path), what);
        return false;
    }
}

models::Method::StateParts stateParts(const CheckpointInfo &info)
{
    return info.networksOnly ? models::Method::StateParts::NetworksOnly
                             : models::Method::StateParts::Complete;
}

} // namespace

QJsonObject checkpointInfoToJson(const CheckpointInfo &info)
{
    return { { QStringLiteral("format"), info.format }, { QStringLiteral("run_id"), info.runId },
        { QStringLiteral("method"), info.method }, { QStringLiteral("preset"), info.preset },
        { QStringLiteral("params"), info.params },
        // As text: JSON numbers are doubles, seeds are 64-bit.
        { QStringLiteral("seed"), QString::number(info.seed) },
        { QStringLiteral("step"), info.step }, { QStringLiteral("total_steps"), info.totalSteps },
        { QStringLiteral("stage"), info.stage },
        { QStringLiteral("loader_position"), info.loaderPosition },
        { QStringLiteral("device"), info.device },
        { QStringLiteral("pluvia_version"), info.pluviaVersion },
        { QStringLiteral("libtorch"), info.libtorch },
        { QStringLiteral("created"),
            info.created.isValid() ? info.created.toUTC().toString(Qt::ISODateWithMs) : QString() },
        { QStringLiteral("networks_only"), info.networksOnly } };
}

std::optional<CheckpointInfo> readCheckpointInfo(const QString &path, QString *error)
{
    torch::serialize::InputArchive archive;
    CheckpointInfo info;
    if (!readArchive(path, {}, &archive, &info, error))
        return std::nullopt;
    return info;
}

QString saveCheckpoint(
    const QString &path, const CheckpointInfo &info, const models::Method &method)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QByteArray sealed;
    try {
        torch::serialize::OutputArchive archive;
        CheckpointInfo stamped = info;
        stamped.format = kFormat;
        const QByteArray meta = QJsonDocument(checkpointInfoToJson(stamped)).toJson();
        archive.write(kMetaKey, c10::IValue(meta.toStdString()));
        torch::serialize::OutputArchive state;
        method.save(state, stateParts(stamped));
        archive.write("method", state);
        QByteArray zip;
        archive.save_to([&](const void *data, size_t size) -> size_t {
            zip.append(static_cast<const char *>(data), qsizetype(size));
            return size;
        });
        sealed = sealArchive(zip);
    } catch (const std::exception &e) {
        return QStringLiteral("%1: cannot serialise the checkpoint: %2")
            .arg(shown(path), firstLineOf(e.what()));
    }
    if (sealed.isEmpty())
        return QStringLiteral("%1: cannot seal the checkpoint (unexpected archive layout)")
            .arg(shown(path));
    // Flushed to disk and renamed over `path`: a crash leaves the old file or the new one.
    if (const QString error = writeFileAtomically(path, sealed); !error.isEmpty())
        return QStringLiteral("cannot write the checkpoint %1").arg(error);
    return {};
}

bool restoreCheckpoint(
    const QString &path, models::Method *method, CheckpointInfo *info, QString *error)
{
    torch::serialize::InputArchive archive;
    if (!readArchive(path, QString::fromStdString(method->device().str()), &archive, info, error))
        return false;
    if (info->method.toStdString() != method->description().id) {
        *error
            = QStringLiteral("%1: holds method %2, expected %3")
                  .arg(shown(path), info->method, QString::fromStdString(method->description().id));
        return false;
    }
    try {
        torch::serialize::InputArchive state;
        archive.read("method", state);
        method->load(state, stateParts(*info));
        return true;
    } catch (const std::exception &e) {
        *error = QStringLiteral("%1: cannot restore the method's state: %2")
                     .arg(shown(path), firstLineOf(e.what()));
        return false;
    }
}

bool loadInitialNetworks(
    const QString &path, models::Method *method, CheckpointInfo *info, QString *error)
{
    torch::serialize::InputArchive archive;
    if (!readArchive(path, QString::fromStdString(method->device().str()), &archive, info, error))
        return false;
    if (info->method.toStdString() != method->description().id) {
        *error
            = QStringLiteral("%1: holds method %2, this run trains %3")
                  .arg(shown(path), info->method, QString::fromStdString(method->description().id));
        return false;
    }
    // LibTorch's Module::load replaces each tensor with the stored one whatever its shape: the
    // shapes this run's parameters make are checked against it afterwards.
    std::vector<std::pair<std::string, std::vector<int64_t>>> shapes;
    for (const auto &[name, module] : method->networks())
        for (const auto &[key, tensor] : models::moduleTensors(*module, name + '.'))
            shapes.emplace_back(key, tensor.sizes().vec());
    try {
        torch::serialize::InputArchive state;
        archive.read("method", state);
        method->load(state, models::Method::StateParts::NetworksOnly);
    } catch (const std::exception &e) {
        *error = QStringLiteral("%1: cannot read its networks: %2")
                     .arg(shown(path), firstLineOf(e.what()));
        return false;
    }
    size_t i = 0;
    for (const auto &[name, module] : method->networks())
        for (const auto &[key, tensor] : models::moduleTensors(*module, name + '.')) {
            const auto &[expectedKey, expected] = shapes[i++];
            if (tensor.sizes().vec() != expected) {
                *error = QStringLiteral("%1: its %2 is %3, this run's parameters make %4 (train "
                                        "with the preset and --set values that made it)")
                             .arg(shown(path), QString::fromStdString(key),
                                 QString::fromStdString(c10::str(tensor.sizes())),
                                 QString::fromStdString(c10::str(at::IntArrayRef(expected))));
                return false;
            }
        }
    return true;
}

bool attachTeacher(
    models::Method *method, const QString &device, QString *description, QString *error)
{
    description->clear();
    if (!method->description().schema.find("teacher_checkpoint"))
        return true;
    const QString path = QString::fromStdString(method->params().text("teacher_checkpoint"));
    if (path.isEmpty())
        return true;
    CheckpointInfo info;
    std::unique_ptr<models::Method> teacher = loadMethodFromCheckpoint(path, device, &info, error);
    if (!teacher) {
        *error = QStringLiteral("teacher: %1").arg(*error);
        return false;
    }
    method->setTeacher(std::move(teacher));
    *description = QStringLiteral("%1, run %2, step %3, from %4")
                       .arg(info.method, info.runId)
                       .arg(info.step)
                       .arg(shown(path));
    return true;
}

std::unique_ptr<models::Method> loadMethodFromCheckpoint(const QString &path, const QString &device,
    CheckpointInfo *info, QString *error, TeacherUse teacherUse)
{
    const std::optional<CheckpointInfo> header = readCheckpointInfo(path, error);
    if (!header)
        return nullptr;
    const models::MethodDescription *description = models::findMethod(header->method.toStdString());
    if (!description) {
        *error = QStringLiteral("%1: made by method '%2', which this Pluvia does not have")
                     .arg(shown(path), header->method);
        return nullptr;
    }
    models::Params params;
    QString problem;
    if (!paramsFromJson(*description, header->params, &params, &problem, nullptr)) {
        *error = QStringLiteral("%1: %2").arg(shown(path), problem);
        return nullptr;
    }
    std::string createError;
    auto method = models::createMethod(header->method.toStdString(), params,
        torch::Device(device.toStdString()), header->seed, &createError);
    if (!method) {
        *error = QStringLiteral("%1: %2").arg(shown(path), QString::fromStdString(createError));
        return nullptr;
    }
    if (!restoreCheckpoint(path, method.get(), info, error))
        return nullptr;
    QString teacher;
    if (teacherUse == TeacherUse::Attach && !attachTeacher(method.get(), device, &teacher, error))
        return nullptr;
    return method;
}

} // namespace pluvia::core
