// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/catalogue/schedule_preview.h"

#include "models/framework/method_registry.h"

#include <torch/torch.h>

namespace pluvia::core {

namespace {

// A nominal run long enough that stage boundaries (rounded to whole steps) sit within 1e-5 of
// their fractions.
constexpr std::int64_t kNominalSteps = 100000;

} // namespace

SchedulePreview previewSchedule(
    const QString &method, const QString &preset, const QStringList &overrides, int points)
{
    SchedulePreview preview;
    const models::MethodDescription *description = models::findMethod(method.toStdString());
    if (!description) {
        preview.error = QStringLiteral("unknown method '%1'").arg(method);
        return preview;
    }
    std::vector<std::string> all;
    for (const QString &o : overrides)
        all.push_back(o.toStdString());
    models::Params params;
    if (const std::string e
        = models::resolveParams(*description, preset.toStdString(), all, &params);
        !e.empty()) {
        preview.error = QString::fromStdString(e);
        return preview;
    }
    for (const models::ParamSpec &spec : description->schema.specs()) {
        if (spec.group != "network")
            continue;
        if (spec.type == models::ParamType::Int)
            params.setUnchecked(spec.name, std::int64_t(spec.min));
        else if (spec.type == models::ParamType::Real)
            params.setUnchecked(spec.name, spec.min);
    }
    std::string error;
    // Network sizes are at their minimum: construction takes milliseconds and a few kB.
    const std::unique_ptr<models::Method> instance
        = models::createMethod(description->id, params, c10::Device(c10::kCPU), 0, &error);
    if (!instance) {
        preview.error = QString::fromStdString(error);
        return preview;
    }
    const models::TrainingPlan plan { kNominalSteps, 1 };
    const std::vector<models::Stage> stages = instance->stages(plan);
    for (const models::Stage &stage : stages)
        preview.stages.push_back({ QString::fromStdString(stage.name),
            double(stage.startStep) / double(kNominalSteps) });
    for (int i = 0; i < points; ++i) {
        const std::int64_t step = kNominalSteps * i / points;
        instance->prepareStep(stepContext(stages, plan, step, false));
        const auto rates = instance->learningRates();
        if (preview.rates.isEmpty())
            for (const auto &[name, lr] : rates)
                preview.rates.push_back({ QString::fromStdString(name), {} });
        for (size_t r = 0; r < rates.size(); ++r)
            preview.rates[int(r)].second.push_back(rates[r].second);
        preview.fractions.push_back(double(step) / double(kNominalSteps));
    }
    return preview;
}

} // namespace pluvia::core
