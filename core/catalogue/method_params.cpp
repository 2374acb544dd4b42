// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/catalogue/method_params_p.h"

#include <QJsonValue>

namespace pluvia::core {

ImageContent imageContentOf(models::RoleContent content)
{
    switch (content) {
    case models::RoleContent::RainyAndClean:
        return ImageContent::RainyAndClean;
    case models::RoleContent::Rainy:
        return ImageContent::Rainy;
    case models::RoleContent::Clean:
        return ImageContent::Clean;
    case models::RoleContent::Frames:
        return ImageContent::Frames;
    }
    return ImageContent::RainyAndClean;
}

DatasetKind datasetKindOf(models::DataKind kind)
{
    switch (kind) {
    case models::DataKind::Paired:
        return DatasetKind::Paired;
    case models::DataKind::Unpaired:
        return DatasetKind::Unpaired;
    case models::DataKind::TimeLapse:
        return DatasetKind::TimeLapse;
    }
    return DatasetKind::Unpaired;
}

QJsonObject paramsToJson(const models::Params &params)
{
    QJsonObject json;
    for (const auto &[name, value] : params.values()) {
        const QString key = QString::fromStdString(name);
        if (const auto *b = std::get_if<bool>(&value))
            json.insert(key, *b);
        else if (const auto *i = std::get_if<std::int64_t>(&value))
            json.insert(key, qint64(*i));
        else if (const auto *d = std::get_if<double>(&value))
            json.insert(key, *d);
        else
            json.insert(key, QString::fromStdString(std::get<std::string>(value)));
    }
    return json;
}

bool paramsFromJson(const models::MethodDescription &method, const QJsonObject &json,
    models::Params *params, QString *error, QString *warning)
{
    models::Params result(method.schema);
    QStringList missing;
    for (const models::ParamSpec &spec : method.schema.specs()) {
        const QJsonValue value = json.value(QString::fromStdString(spec.name));
        if (value.isUndefined()) {
            missing << QString::fromStdString(spec.name);
            continue;
        }
        models::ParamValue converted;
        switch (spec.type) {
        case models::ParamType::Bool:
            converted = value.toBool();
            break;
        case models::ParamType::Int:
            converted = std::int64_t(value.toInteger());
            break;
        case models::ParamType::Real:
            converted = value.toDouble();
            break;
        case models::ParamType::Choice:
        case models::ParamType::Path:
            converted = value.toString().toStdString();
            break;
        }
        const bool typeOk = spec.type == models::ParamType::Bool ? value.isBool()
            : spec.type == models::ParamType::Int || spec.type == models::ParamType::Real
            ? value.isDouble()
            : value.isString();
        std::string problem = typeOk ? models::checkParamValue(spec, converted)
                                     : "parameter '" + spec.name + "' has the wrong type";
        if (!problem.empty()) {
            *error = QString::fromStdString(problem);
            return false;
        }
        result.setUnchecked(spec.name, converted);
    }
    for (auto it = json.begin(); it != json.end(); ++it) {
        if (!method.schema.find(it.key().toStdString())) {
            *error = QStringLiteral("unknown parameter '%1' for method %2")
                         .arg(it.key(), QString::fromStdString(method.id));
            return false;
        }
    }
    if (warning && !missing.isEmpty())
        *warning = QStringLiteral("parameters not recorded, taken at the paper's value: %1")
                       .arg(missing.join(QLatin1String(", ")));
    *params = result;
    return true;
}

} // namespace pluvia::core
