// SPDX-License-Identifier: GPL-3.0-or-later
// Hyperparameters between the store's JSON and the models' Params (private to core).
#pragma once

#include "models/method/method.h"

#include <QJsonObject>
#include <QString>

namespace pluvia::core {

QJsonObject paramsToJson(const models::Params &params);
// Reads every key of the method's schema from `json` (keys missing there keep the paper's value
// and are named in *warning; unknown keys are an error). Returns false and sets *error, naming
// the key, on a value of the wrong type or out of range.
bool paramsFromJson(const models::MethodDescription &method, const QJsonObject &json,
    models::Params *params, QString *error, QString *warning);

} // namespace pluvia::core
