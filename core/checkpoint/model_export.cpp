// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/checkpoint/model_export.h"

#include "core/checkpoint/checkpoint_p.h"

#include <QFileInfo>

namespace pluvia::core {

ModelExportReport exportModel(const QString &checkpoint, const QString &out)
{
    ModelExportReport report;
    CheckpointInfo info;
    std::unique_ptr<models::Method> method = loadMethodFromCheckpoint(
        checkpoint, QStringLiteral("cpu"), &info, &report.error, TeacherUse::Skip);
    if (!method)
        return report;
    CheckpointInfo model = info;
    model.runId.clear();
    model.created = QDateTime();
    model.loaderPosition = 0;
    model.networksOnly = true;
    if (model.params.contains(QStringLiteral("teacher_checkpoint")))
        model.params.insert(QStringLiteral("teacher_checkpoint"), QString());
    report.error = saveCheckpoint(out, model, *method);
    if (!report.ok())
        return report;
    report.method = info.method;
    report.step = info.step;
    report.bytes = QFileInfo(out).size();
    return report;
}

} // namespace pluvia::core
