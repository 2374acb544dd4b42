// SPDX-License-Identifier: GPL-3.0-or-later
// The models' method descriptions in core's terms (private to core): hyperparameters between
// the store's JSON and models::Params, and the names of data kinds and role contents.
#pragma once

#include "core/data/dataset_kind.h"
#include "models/framework/method.h"

#include <QJsonObject>
#include <QString>

namespace pluvia::core {

ImageContent imageContentOf(models::RoleContent content);
DatasetKind datasetKindOf(models::DataKind kind);

QJsonObject paramsToJson(const models::Params &params);
// Reads every key of the method's schema from `json` (keys missing there keep the paper's value
// and are named in *warning; unknown keys are an error). Returns false and sets *error, naming
// the key, on a value of the wrong type or out of range.
bool paramsFromJson(const models::MethodDescription &method, const QJsonObject &json,
    models::Params *params, QString *error, QString *warning);

} // namespace pluvia::core
