// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/checkpoint/weights_import.h"

#include "core/catalogue/method_catalog.h"
#include "core/catalogue/method_params_p.h"
#include "core/checkpoint/checkpoint_p.h"
#include "core/error_text.h"
#include "core/runtime/compute_runtime.h"
#include "models/framework/method_registry.h"
#include "models/framework/weights_import.h"

#include <QDir>
#include <QFileInfo>

#include <set>

namespace pluvia::core {

WeightsImportReport importWeights(const WeightsImportRequest &request)
{
    WeightsImportReport report;
    if (request.sources.isEmpty()) {
        report.error = QStringLiteral("no weights to import: give at least one file");
        return report;
    }
    QJsonObject paramsJson;
    report.error
        = resolveMethodParameters(request.method, request.preset, request.overrides, &paramsJson);
    if (!report.ok())
        return report;
    const models::MethodDescription *description = models::findMethod(request.method.toStdString());
    models::Params params;
    if (!paramsFromJson(*description, paramsJson, &params, &report.error, nullptr))
        return report;
    std::string createError;
    std::unique_ptr<models::Method> method = models::createMethod(
        description->id, params, torch::Device(torch::kCPU), request.seed, &createError);
    if (!method) {
        report.error = QString::fromStdString(createError);
        return report;
    }
    std::set<std::string> provided;
    for (const auto &[network, file] : request.sources) {
        try {
            const std::vector<models::NetworkImport> imports = models::importWeights(
                *method, network.toStdString(), QDir::toNativeSeparators(file).toStdString());
            for (const models::NetworkImport &import : imports) {
                const QString from = import.source.empty()
                    ? QStringLiteral("Pluvia's names")
                    : QStringLiteral("%1's %2").arg(QString::fromStdString(import.naming),
                        QString::fromStdString(import.source));
                report.imported << QStringLiteral("%1 ← %2 (%3, %4 tensors)")
                                       .arg(QString::fromStdString(import.network),
                                           QFileInfo(file).fileName(), from)
                                       .arg(import.tensors);
                for (const std::string &key : import.unusedKeys)
                    report.unused << QStringLiteral("%1: %2").arg(
                        QFileInfo(file).fileName(), QString::fromStdString(key));
                provided.insert(import.network);
            }
        } catch (const std::exception &e) {
            report.error = firstLineOf(e.what());
            return report;
        }
    }
    for (const auto &[name, module] : method->networks())
        if (!provided.count(name))
            report.initialised << QString::fromStdString(name);

    CheckpointInfo info;
    info.method = request.method;
    info.preset = request.preset.isEmpty() ? QStringLiteral("paper") : request.preset;
    info.params = paramsJson;
    info.seed = request.seed;
    info.device = QStringLiteral("cpu");
    info.pluviaVersion = QStringLiteral(PLUVIA_VERSION);
    info.libtorch = libtorchDescription();
    info.networksOnly = true;
    report.error = saveCheckpoint(request.out, info, *method);
    if (report.ok())
        report.bytes = QFileInfo(request.out).size();
    return report;
}

} // namespace pluvia::core
