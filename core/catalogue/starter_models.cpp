// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/catalogue/starter_models.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>

#include <algorithm>
#include <cmath>
#include <limits>

namespace pluvia::core {

QString starterModelsFolder()
{
    QStringList candidates;
    if (QCoreApplication::instance())
        candidates << QDir(QCoreApplication::applicationDirPath())
                          .filePath(QStringLiteral("../share/pluvia/models"));
    candidates << QStringLiteral(PLUVIA_SOURCE_MODELS_DIR);
    for (const QString &folder : std::as_const(candidates))
        if (QFileInfo(folder).isDir())
            return QDir::cleanPath(QFileInfo(folder).absoluteFilePath());
    return {};
}

QVector<StarterModel> starterModelsIn(const QString &folder, QStringList *problems)
{
    QVector<StarterModel> models;
    if (folder.isEmpty())
        return models;
    const QDir dir(folder);
    const auto report = [problems](const QString &problem) {
        if (problems)
            *problems << problem;
    };
    for (const QString &cardName :
        dir.entryList({ QStringLiteral("*.json") }, QDir::Files, QDir::Name)) {
        const QString cardPath = dir.filePath(cardName);
        QFile file(cardPath);
        if (!file.open(QIODevice::ReadOnly)) {
            report(QStringLiteral("%1: cannot read: %2")
                       .arg(QDir::toNativeSeparators(cardPath), file.errorString()));
            continue;
        }
        QJsonParseError parse;
        const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parse);
        if (parse.error != QJsonParseError::NoError || !document.isObject()) {
            report(QStringLiteral("%1: not a training card: %2")
                       .arg(QDir::toNativeSeparators(cardPath),
                           parse.error != QJsonParseError::NoError
                               ? parse.errorString()
                               : QStringLiteral("not a JSON object")));
            continue;
        }
        StarterModel model;
        model.name = QFileInfo(cardName).completeBaseName();
        model.card = document.object();
        model.method = model.card.value(QStringLiteral("method")).toString();
        model.path = dir.filePath(model.name + QStringLiteral(".pt"));
        if (!QFileInfo::exists(model.path)) {
            report(QStringLiteral("%1: missing (its card is %2)")
                       .arg(QDir::toNativeSeparators(model.path), cardName));
            continue;
        }
        models << model;
    }
    const auto score = [](const StarterModel &m) {
        const double psnr = m.testPsnr();
        return std::isnan(psnr) ? -std::numeric_limits<double>::infinity() : psnr;
    };
    std::stable_sort(models.begin(), models.end(),
        [&](const StarterModel &a, const StarterModel &b) { return score(a) > score(b); });
    return models;
}

QString StarterModel::label() const
{
    return card.value(QStringLiteral("label")).toString();
}

double StarterModel::testPsnr() const
{
    const QJsonValue psnr
        = card.value(QStringLiteral("test")).toObject().value(QStringLiteral("psnr_y"));
    return psnr.isDouble() ? psnr.toDouble() : std::numeric_limits<double>::quiet_NaN();
}

QVector<StarterModel> starterModels(QStringList *problems)
{
    return starterModelsIn(starterModelsFolder(), problems);
}

std::optional<StarterModel> findStarterModel(const QString &name, QString *error)
{
    const QVector<StarterModel> models = starterModels();
    const auto found = std::find_if(
        models.cbegin(), models.cend(), [&](const StarterModel &m) { return m.name == name; });
    if (found != models.cend())
        return *found;
    QStringList names;
    for (const StarterModel &model : models)
        names << model.name;
    *error = names.isEmpty()
        ? QStringLiteral("no starter model '%1': this installation has none").arg(name)
        : QStringLiteral("no starter model '%1'; there are: %2")
              .arg(name, names.join(QStringLiteral(", ")));
    return std::nullopt;
}

} // namespace pluvia::core
