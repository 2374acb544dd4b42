// SPDX-License-Identifier: GPL-3.0-or-later
// pluvia-cli methods: the methods, their data roles, hyperparameters and presets.
#include "app/cli/cli_command.h"
#include "app/cli/command_line.h"

#include "core/catalogue/method_catalog.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTextStream>

namespace pluvia::cli {

namespace {

QString valueText(const QVariant &value)
{
    if (value.typeId() == QMetaType::Bool)
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (value.typeId() == QMetaType::Double)
        return QString::number(value.toDouble(), 'g', 12);
    return value.toString();
}

void printMethod(QTextStream &out, const core::MethodInfo &method)
{
    out << method.id << " — " << method.name << '\n'
        << "  " << method.paper << '\n'
        << "  " << method.summary << "\n\n  data roles:\n";
    for (const core::MethodRoleInfo &role : method.roles) {
        out << QStringLiteral("    %1%2 %3")
                   .arg(role.name, -20)
                   .arg(core::datasetKindName(role.kind) + QLatin1Char('/')
                           + core::imageContentName(role.content),
                       -22)
                   .arg(role.required ? QStringLiteral("required") : QStringLiteral("optional"));
        if (!role.fallbackRole.isEmpty())
            out << " (default: clean images of " << role.fallbackRole << ')';
        out << "\n      " << role.help << '\n';
    }
    out << "\n  presets:\n";
    for (const core::MethodPresetInfo &preset : method.presets) {
        out << QStringLiteral("    %1%2\n").arg(preset.name, -16).arg(preset.description);
        for (auto it = preset.values.begin(); it != preset.values.end(); ++it)
            out << QStringLiteral("      %1 = %2\n")
                       .arg(it.key(), valueText(it.value().toVariant()));
    }
    out << "\n  parameters (--set key=value; default = the paper's value):\n";
    QString group;
    for (const core::MethodParameterInfo &p : method.parameters) {
        if (p.group != group) {
            group = p.group;
            out << "    [" << group << "]\n";
        }
        out << QStringLiteral("    %1%2 %3 %4\n")
                   .arg(p.name, -20)
                   .arg(valueText(p.paperValue), -10)
                   .arg(p.type + QLatin1Char(' ') + p.range, -26)
                   .arg(p.help);
        out << QStringLiteral("      source: %1\n").arg(p.source);
    }
    if (!method.featureLayers.isEmpty()) {
        out << "\n  feature layers (pluvia-cli tsne --features layer:NAME):\n";
        for (const core::MethodFeatureLayerInfo &layer : method.featureLayers)
            out << "    " << layer.name << "\n      " << layer.description << '\n';
    }
    out << '\n';
}

} // namespace

int runMethods(const QStringList &arguments)
{
    const QString command = QStringLiteral("methods");
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Lists the methods Pluvia trains: data roles, hyperparameters with the paper's values "
        "and ranges, presets."));
    parser.addHelpOption();
    const QCommandLineOption jsonOption = makeJsonOption();
    parser.addOption(jsonOption);
    parser.addPositionalArgument(
        QStringLiteral("method"), QStringLiteral("Only this method."), QStringLiteral("[method]"));
    if (const auto done = parseCommandLine(parser, command, arguments, Positionals::Keep))
        return *done;
    QVector<core::MethodInfo> methods = core::availableMethods();
    if (!parser.positionalArguments().isEmpty()) {
        const QString id = parser.positionalArguments().constFirst();
        const auto method = core::findMethodInfo(id);
        if (!method) {
            QStringList ids;
            for (const core::MethodInfo &m : methods)
                ids << m.id;
            return usageError(command,
                QStringLiteral("unknown method '%1'; allowed: %2")
                    .arg(id, ids.join(QLatin1String(", "))));
        }
        methods = { *method };
    }
    QTextStream out(stdout);
    if (parser.isSet(jsonOption)) {
        QJsonArray array;
        for (const core::MethodInfo &method : methods)
            array.append(core::methodInfoToJson(method));
        out << QJsonDocument(array).toJson(QJsonDocument::Indented);
        return kExitOk;
    }
    for (const core::MethodInfo &method : methods)
        printMethod(out, method);
    return kExitOk;
}

} // namespace pluvia::cli
