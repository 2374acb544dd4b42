// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/training/run_request.h"

namespace pluvia::core {

QJsonObject engineOptionsToJson(const EngineOptions &o)
{
    return { { QStringLiteral("steps"), o.steps },
        { QStringLiteral("checkpoint_every"), o.checkpointEvery },
        { QStringLiteral("keep_last"), o.keepLast },
        { QStringLiteral("validate_every"), o.validateEvery },
        { QStringLiteral("validation_images"), o.validationImages },
        { QStringLiteral("preview_every"), o.previewEvery },
        { QStringLiteral("log_every"), o.logEvery },
        { QStringLiteral("loader_threads"), o.loaderThreads },
        { QStringLiteral("tile_size"), o.tileSize },
        { QStringLiteral("time_limit_seconds"), o.timeLimitSeconds },
        { QStringLiteral("init_weights"), o.initWeights } };
}

EngineOptions engineOptionsFromJson(const QJsonObject &json)
{
    EngineOptions o;
    auto read = [&](const char *key, auto *value) {
        const QJsonValue v = json.value(QLatin1String(key));
        if (v.isDouble())
            *value = decltype(+*value)(v.toInteger());
    };
    read("steps", &o.steps);
    read("checkpoint_every", &o.checkpointEvery);
    read("keep_last", &o.keepLast);
    read("validate_every", &o.validateEvery);
    read("validation_images", &o.validationImages);
    read("preview_every", &o.previewEvery);
    read("log_every", &o.logEvery);
    read("loader_threads", &o.loaderThreads);
    read("tile_size", &o.tileSize);
    o.timeLimitSeconds = json.value(QStringLiteral("time_limit_seconds")).toDouble(0.0);
    o.initWeights = json.value(QStringLiteral("init_weights")).toString();
    return o;
}

QString checkEngineOptions(const EngineOptions &o)
{
    if (o.steps < 0)
        return QStringLiteral("steps must be >= 0 (0: the method's epochs)");
    if (o.checkpointEvery < 1)
        return QStringLiteral("checkpoint-every must be >= 1");
    if (o.keepLast < 1)
        return QStringLiteral("keep-last must be >= 1");
    if (o.validateEvery < 0 || o.previewEvery < 0)
        return QStringLiteral("validate-every and preview-every must be >= 0");
    if (o.validationImages < 1)
        return QStringLiteral("validation-images must be >= 1");
    if (o.logEvery < 1)
        return QStringLiteral("log-every must be >= 1");
    if (o.loaderThreads < 0 || o.loaderThreads > 64)
        return QStringLiteral("loader-threads must be in [0, 64]");
    if (o.timeLimitSeconds < 0)
        return QStringLiteral("time limit must be >= 0 (0: none)");
    if (o.tileSize != 0 && o.tileSize < 64)
        return QStringLiteral("tile size must be 0 (whole image) or >= 64");
    return {};
}

} // namespace pluvia::core
