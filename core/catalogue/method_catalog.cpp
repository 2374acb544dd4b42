// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/catalogue/method_catalog.h"

#include "core/catalogue/method_params_p.h"
#include "models/framework/method_registry.h"

#include <QJsonArray>

namespace pluvia::core {

namespace {

QString text(const std::string &s)
{
    return QString::fromStdString(s);
}

QVariant variantOf(const models::ParamValue &value)
{
    if (const auto *b = std::get_if<bool>(&value))
        return *b;
    if (const auto *i = std::get_if<std::int64_t>(&value))
        return qint64(*i);
    if (const auto *d = std::get_if<double>(&value))
        return *d;
    return text(std::get<std::string>(value));
}

MethodInfo infoOf(const models::MethodDescription &d)
{
    MethodInfo info;
    info.id = text(d.id);
    info.name = text(d.name);
    info.paper = text(d.paper);
    info.summary = text(d.summary);
    info.canGenerate = d.canGenerate;
    for (const std::string &network : d.networks)
        info.networks << text(network);
    for (const models::FeatureLayer &layer : d.featureLayers)
        info.featureLayers.push_back({ text(layer.name), text(layer.description) });
    for (const models::DataRole &role : d.roles)
        info.roles.push_back(
            { text(role.name), datasetKindOf(role.kind), imageContentOf(role.content),
                role.required, text(role.fallbackRole), text(role.help) });
    for (const models::ParamSpec &spec : d.schema.specs()) {
        MethodParameterInfo p;
        p.name = text(spec.name);
        p.type = QLatin1String(models::paramTypeName(spec.type));
        p.paperValue = variantOf(spec.paperValue);
        p.minimum = spec.min;
        p.maximum = spec.max;
        for (const std::string &c : spec.choices)
            p.choices << text(c);
        p.range = text(spec.rangeText());
        p.group = text(spec.group);
        p.help = text(spec.help);
        p.source = text(spec.source);
        info.parameters.push_back(p);
    }
    for (const models::Preset &preset : d.presets) {
        models::Params values;
        for (const auto &[key, value] : preset.values)
            values.setUnchecked(key, value);
        info.presets.push_back(
            { text(preset.name), text(preset.description), paramsToJson(values) });
    }
    return info;
}

} // namespace

const MethodRoleInfo *MethodInfo::role(const QString &name) const
{
    for (const MethodRoleInfo &r : roles)
        if (r.name == name)
            return &r;
    return nullptr;
}

QVector<MethodInfo> availableMethods()
{
    QVector<MethodInfo> methods;
    for (const std::string &id : models::methodIds())
        methods.push_back(infoOf(*models::findMethod(id)));
    return methods;
}

std::optional<MethodInfo> findMethodInfo(const QString &id)
{
    const models::MethodDescription *d = models::findMethod(id.toStdString());
    if (!d)
        return std::nullopt;
    return infoOf(*d);
}

QString resolveMethodParameters(
    const QString &method, const QString &preset, const QStringList &overrides, QJsonObject *params)
{
    const models::MethodDescription *d = models::findMethod(method.toStdString());
    if (!d) {
        QStringList ids;
        for (const std::string &id : models::methodIds())
            ids << text(id);
        return QStringLiteral("unknown method '%1'; allowed: %2")
            .arg(method, ids.join(QLatin1String(", ")));
    }
    std::vector<std::string> list;
    for (const QString &o : overrides)
        list.push_back(o.toStdString());
    models::Params resolved;
    const std::string error = models::resolveParams(*d, preset.toStdString(), list, &resolved);
    if (!error.empty())
        return text(error);
    *params = paramsToJson(resolved);
    return {};
}

QStringList methodNotices(const QString &method, const QJsonObject &params)
{
    const models::MethodDescription *d = models::findMethod(method.toStdString());
    models::Params resolved;
    QString error, warning;
    if (!d || !d->notices || !paramsFromJson(*d, params, &resolved, &error, &warning))
        return {};
    QStringList lines;
    for (const std::string &line : d->notices(resolved))
        lines << text(line);
    return lines;
}

QStringList parametersDifferingFromPaper(const MethodInfo &method, const QJsonObject &params)
{
    QStringList keys;
    for (const MethodParameterInfo &p : method.parameters) {
        const QJsonValue value = params.value(p.name);
        if (!value.isUndefined() && value != QJsonValue::fromVariant(p.paperValue))
            keys << p.name;
    }
    return keys;
}

QJsonObject methodInfoToJson(const MethodInfo &method)
{
    QJsonArray roles;
    for (const MethodRoleInfo &r : method.roles)
        roles.append(QJsonObject { { QStringLiteral("name"), r.name },
            { QStringLiteral("kind"), datasetKindName(r.kind) },
            { QStringLiteral("content"), imageContentName(r.content) },
            { QStringLiteral("required"), r.required },
            { QStringLiteral("fallback_role"), r.fallbackRole },
            { QStringLiteral("help"), r.help } });
    QJsonArray parameters;
    for (const MethodParameterInfo &p : method.parameters) {
        QJsonObject o { { QStringLiteral("name"), p.name }, { QStringLiteral("type"), p.type },
            { QStringLiteral("paper_value"), QJsonValue::fromVariant(p.paperValue) },
            { QStringLiteral("range"), p.range }, { QStringLiteral("group"), p.group },
            { QStringLiteral("help"), p.help }, { QStringLiteral("source"), p.source } };
        if (p.type == QLatin1String("int") || p.type == QLatin1String("real")) {
            o.insert(QStringLiteral("min"), p.minimum);
            o.insert(QStringLiteral("max"), p.maximum);
        }
        if (!p.choices.isEmpty())
            o.insert(QStringLiteral("choices"), QJsonArray::fromStringList(p.choices));
        parameters.append(o);
    }
    QJsonArray presets;
    for (const MethodPresetInfo &p : method.presets)
        presets.append(QJsonObject { { QStringLiteral("name"), p.name },
            { QStringLiteral("description"), p.description },
            { QStringLiteral("values"), p.values } });
    QJsonArray layers;
    for (const MethodFeatureLayerInfo &l : method.featureLayers)
        layers.append(QJsonObject {
            { QStringLiteral("name"), l.name }, { QStringLiteral("description"), l.description } });
    return { { QStringLiteral("id"), method.id }, { QStringLiteral("name"), method.name },
        { QStringLiteral("paper"), method.paper }, { QStringLiteral("summary"), method.summary },
        { QStringLiteral("roles"), roles }, { QStringLiteral("parameters"), parameters },
        { QStringLiteral("presets"), presets },
        { QStringLiteral("networks"), QJsonArray::fromStringList(method.networks) },
        { QStringLiteral("can_generate"), method.canGenerate },
        { QStringLiteral("feature_layers"), layers } };
}

} // namespace pluvia::core
