// SPDX-License-Identifier: GPL-3.0-or-later
// The methods Pluvia can train, in Qt types for the CLI and the GUI (which never see LibTorch):
// identity, data roles, the hyperparameter schema with the paper's values, and presets.
// Reentrant; the catalogue does not change while the program runs.
#pragma once

#include "core/data/dataset_kind.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QVariant>
#include <QVector>

#include <optional>

namespace pluvia::core {

struct MethodRoleInfo {
    QString name; // "synthetic_paired", "validation", ...
    DatasetKind kind = DatasetKind::Paired; // the dataset kind the role reads
    ImageContent content = ImageContent::RainyAndClean; // what it reads from its dataset
    bool required = true;
    QString fallbackRole; // optional roles: whose clean images stand in when absent
    QString help;
};

struct MethodParameterInfo {
    QString name;
    QString type; // "bool", "int", "real", "choice", "path"
    QVariant paperValue; // the default
    double minimum = 0.0; // int and real
    double maximum = 0.0;
    QStringList choices;
    QString range; // as shown in messages, e.g. "[1e-08, 1]"
    QString group;
    QString help;
    QString source; // where the default comes from
};

struct MethodPresetInfo {
    QString name; // "paper", "quick", "reference-code"
    QString description;
    QJsonObject values; // the keys the preset changes from the paper's values
};

// A network layer whose activations the rain-feature map can use (`--features layer:NAME`).
struct MethodFeatureLayerInfo {
    QString name;
    QString description;
};

struct MethodInfo {
    QString id;
    QString name;
    QString paper;
    QString summary;
    QVector<MethodRoleInfo> roles;
    QVector<MethodParameterInfo> parameters;
    QVector<MethodPresetInfo> presets;
    QStringList networks;
    bool canGenerate = false;
    QVector<MethodFeatureLayerInfo> featureLayers;

    const MethodRoleInfo *role(const QString &name) const;
};

QVector<MethodInfo> availableMethods();
std::optional<MethodInfo> findMethodInfo(const QString &id);

// Every hyperparameter of `method` for `preset` ("" = paper) with "key=value" overrides applied.
// Returns "" and fills *params (key → number, bool or text), or a message listing what is allowed.
QString resolveMethodParameters(const QString &method, const QString &preset,
    const QStringList &overrides, QJsonObject *params);

// What a user must be told about `method` configured with `params` before it trains (a loss
// term off for want of a file, a term that trains nothing), in sentences; empty when nothing.
QStringList methodNotices(const QString &method, const QJsonObject &params);

// The keys of `params` whose value differs from the paper's.
QStringList parametersDifferingFromPaper(const MethodInfo &method, const QJsonObject &params);

// A method as JSON (what `pluvia-cli methods --json` prints).
QJsonObject methodInfoToJson(const MethodInfo &method);

} // namespace pluvia::core
