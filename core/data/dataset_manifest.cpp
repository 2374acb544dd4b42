// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/data/dataset_manifest.h"

#include "core/atomic_file.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

#include <cmath>

namespace pluvia::core {

namespace {

constexpr int kManifestVersion = 1;
const QLatin1String kFormatTag("pluvia-dataset");

// Parsing state: the first error wins and names the field ("samples[3].clean: missing").
class Reader
{
public:
    QString error;

    bool fail(const QString &field, const QString &what)
    {
        if (error.isEmpty())
            error = field + QStringLiteral(": ") + what;
        return false;
    }

    // A required or optional relative path.
    bool path(const QJsonObject &object, const QString &key, const QString &field, bool required,
        QString *out)
    {
        const QJsonValue value = object.value(key);
        if (value.isUndefined() || value.isNull()) {
            if (required)
                return fail(field, QStringLiteral("missing"));
            return true;
        }
        return pathValue(value, field, out);
    }

    bool pathValue(const QJsonValue &value, const QString &field, QString *out)
    {
        if (!value.isString())
            return fail(field, QStringLiteral("must be a string (a path)"));
        const QString text = value.toString();
        if (text.isEmpty())
            return fail(field, QStringLiteral("empty path"));
        if (QDir::isAbsolutePath(text))
            return fail(field, QStringLiteral("must be relative to the manifest's folder"));
        *out = text;
        return true;
    }

    bool sample(const QJsonValue &value, const QString &field, ManifestSample *out)
    {
        if (!value.isObject())
            return fail(field, QStringLiteral("must be an object"));
        const QJsonObject object = value.toObject();
        if (!path(object, QStringLiteral("rainy"), field + QStringLiteral(".rainy"), true,
                &out->rainy)
            || !path(object, QStringLiteral("clean"), field + QStringLiteral(".clean"), true,
                &out->clean))
            return false;
        const QJsonValue direction = object.value(QStringLiteral("direction_deg"));
        if (!direction.isUndefined() && !direction.isNull()) {
            const double degrees = direction.toDouble(std::nan(""));
            if (!direction.isDouble() || !std::isfinite(degrees) || degrees < 0.0
                || degrees >= 180.0)
                return fail(field + QStringLiteral(".direction_deg"),
                    QStringLiteral("must be a number in [0, 180)"));
            out->directionDeg = degrees;
        }
        const QJsonValue split = object.value(QStringLiteral("split"));
        if (!split.isUndefined() && !split.isNull()) {
            if (!split.isString())
                return fail(field + QStringLiteral(".split"), QStringLiteral("must be a string"));
            out->split = split.toString();
        }
        return true;
    }

    bool scene(const QJsonValue &value, const QString &field, ManifestScene *out)
    {
        if (!value.isObject())
            return fail(field, QStringLiteral("must be an object"));
        const QJsonObject object = value.toObject();
        const QJsonValue name = object.value(QStringLiteral("name"));
        if (!name.isString() || name.toString().isEmpty())
            return fail(field + QStringLiteral(".name"), QStringLiteral("missing or not a string"));
        out->name = name.toString();
        const QJsonValue frames = object.value(QStringLiteral("frames"));
        if (!frames.isArray())
            return fail(field + QStringLiteral(".frames"),
                frames.isUndefined() ? QStringLiteral("missing")
                                     : QStringLiteral("must be an array of paths"));
        const QJsonArray list = frames.toArray();
        for (int i = 0; i < list.size(); ++i) {
            QString frame;
            if (!pathValue(list[i], field + QStringLiteral(".frames[%1]").arg(i), &frame))
                return false;
            out->frames.append(frame);
        }
        return path(object, QStringLiteral("background"), field + QStringLiteral(".background"),
            false, &out->background);
    }

    bool array(const QJsonObject &root, const QString &key, QJsonArray *out)
    {
        const QJsonValue value = root.value(key);
        if (!value.isArray())
            return fail(key,
                value.isUndefined() ? QStringLiteral("missing")
                                    : QStringLiteral("must be an array"));
        *out = value.toArray();
        return true;
    }

    bool manifest(const QJsonObject &root, DatasetManifest *out)
    {
        if (root.value(QStringLiteral("format")).toString() != kFormatTag)
            return fail(QStringLiteral("format"), QStringLiteral("must be \"%1\"").arg(kFormatTag));
        const QJsonValue version = root.value(QStringLiteral("version"));
        if (!version.isDouble() || version.toDouble() != kManifestVersion)
            return fail(QStringLiteral("version"),
                QStringLiteral("unsupported (this Pluvia reads version %1)").arg(kManifestVersion));
        const QJsonValue kind = root.value(QStringLiteral("kind"));
        if (!parseDatasetKind(kind.toString(), &out->kind))
            return fail(QStringLiteral("kind"),
                QStringLiteral("must be one of paired, unpaired, time-lapse"));
        out->name = root.value(QStringLiteral("name")).toString();
        out->description = root.value(QStringLiteral("description")).toString();
        out->provenance = root.value(QStringLiteral("provenance")).toObject();

        QJsonArray list;
        switch (out->kind) {
        case DatasetKind::Paired:
            if (!array(root, QStringLiteral("samples"), &list))
                return false;
            for (int i = 0; i < list.size(); ++i) {
                ManifestSample entry;
                if (!sample(list[i], QStringLiteral("samples[%1]").arg(i), &entry))
                    return false;
                out->samples.append(entry);
            }
            break;
        case DatasetKind::Unpaired:
            if (!array(root, QStringLiteral("images"), &list))
                return false;
            for (int i = 0; i < list.size(); ++i) {
                QString image;
                if (!pathValue(list[i], QStringLiteral("images[%1]").arg(i), &image))
                    return false;
                out->images.append(image);
            }
            break;
        case DatasetKind::TimeLapse:
            if (!array(root, QStringLiteral("scenes"), &list))
                return false;
            for (int i = 0; i < list.size(); ++i) {
                ManifestScene entry;
                if (!scene(list[i], QStringLiteral("scenes[%1]").arg(i), &entry))
                    return false;
                out->scenes.append(entry);
            }
            break;
        }
        return true;
    }
};

QJsonObject toJson(const DatasetManifest &manifest)
{
    QJsonObject root;
    root.insert(QStringLiteral("format"), kFormatTag);
    root.insert(QStringLiteral("version"), kManifestVersion);
    root.insert(QStringLiteral("kind"), datasetKindName(manifest.kind));
    root.insert(QStringLiteral("name"), manifest.name);
    root.insert(QStringLiteral("description"), manifest.description);
    root.insert(QStringLiteral("direction_convention"),
        QStringLiteral("degrees from the image's +x axis, counter-clockwise, in [0, 180)"));
    QJsonArray samples;
    for (const ManifestSample &sample : manifest.samples) {
        QJsonObject entry { { QStringLiteral("rainy"), sample.rainy },
            { QStringLiteral("clean"), sample.clean } };
        if (sample.directionDeg)
            entry.insert(QStringLiteral("direction_deg"), *sample.directionDeg);
        if (!sample.split.isEmpty())
            entry.insert(QStringLiteral("split"), sample.split);
        samples.append(entry);
    }
    QJsonArray scenes;
    for (const ManifestScene &scene : manifest.scenes) {
        QJsonObject entry { { QStringLiteral("name"), scene.name },
            { QStringLiteral("frames"), QJsonArray::fromStringList(scene.frames) } };
        if (!scene.background.isEmpty())
            entry.insert(QStringLiteral("background"), scene.background);
        scenes.append(entry);
    }
    switch (manifest.kind) {
    case DatasetKind::Paired:
        root.insert(QStringLiteral("samples"), samples);
        break;
    case DatasetKind::Unpaired:
        root.insert(QStringLiteral("images"), QJsonArray::fromStringList(manifest.images));
        break;
    case DatasetKind::TimeLapse:
        root.insert(QStringLiteral("scenes"), scenes);
        break;
    }
    if (!manifest.provenance.isEmpty())
        root.insert(QStringLiteral("provenance"), manifest.provenance);
    return root;
}

} // namespace

QString manifestFileName()
{
    return QStringLiteral("manifest.json");
}

std::optional<DatasetManifest> readManifest(const QString &path, QString *error)
{
    const auto failWith = [&](const QString &message) -> std::optional<DatasetManifest> {
        if (error)
            *error = QDir::toNativeSeparators(path) + QStringLiteral(": ") + message;
        return std::nullopt;
    };
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return failWith(file.errorString());
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return failWith(QStringLiteral("not valid JSON (%1 at offset %2)")
                            .arg(parseError.errorString())
                            .arg(parseError.offset));
    if (!document.isObject())
        return failWith(QStringLiteral("not a JSON object"));
    Reader reader;
    DatasetManifest manifest;
    if (!reader.manifest(document.object(), &manifest))
        return failWith(reader.error);
    return manifest;
}

QString writeManifest(const QString &path, const DatasetManifest &manifest)
{
    return writeFileAtomically(
        path, QJsonDocument(toJson(manifest)).toJson(QJsonDocument::Indented));
}

QString pinPairedDataset(const Dataset &dataset, bool swapSides)
{
    const QDir root(dataset.root);
    const QString path = root.filePath(manifestFileName());
    if (dataset.kind != DatasetKind::Paired || dataset.pairs.isEmpty())
        return QStringLiteral("%1: not a paired dataset; nothing to pin")
            .arg(QDir::toNativeSeparators(dataset.root));
    if (QFileInfo::exists(path))
        return QStringLiteral("%1 exists already; it decides the pairs (edit or remove it)")
            .arg(QDir::toNativeSeparators(path));
    DatasetManifest manifest;
    manifest.kind = DatasetKind::Paired;
    manifest.name = QFileInfo(dataset.root).fileName();
    for (const DatasetPair &pair : dataset.pairs) {
        const QString rainy = root.relativeFilePath(swapSides ? pair.clean : pair.rainy);
        const QString clean = root.relativeFilePath(swapSides ? pair.rainy : pair.clean);
        manifest.samples.append({ rainy, clean, pair.directionDeg, pair.split });
    }
    manifest.provenance = QJsonObject {
        { QStringLiteral("generator"), QStringLiteral("pluvia dataset pin") },
        { QStringLiteral("detected_layout"), dataset.layout },
        { QStringLiteral("detected_note"), dataset.layoutNote },
        { QStringLiteral("sides_swapped"), swapSides },
        { QStringLiteral("created"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate) },
    };
    return writeManifest(path, manifest);
}

} // namespace pluvia::core
