// SPDX-License-Identifier: GPL-3.0-or-later
// The hyperparameter form of a method, generated from its schema (core::MethodInfo), so a new
// method appears without GUI changes: one editor per parameter in boxes by group (check box,
// spin box, number field, choice, path), the preset selector (`paper`, `reference-code` where
// present, `quick`), help and source as tooltips, and a "≠ paper" mark on every value that differs
// from the paper's. Values are checked by the same core function the CLI uses; the error is shown
// under the form and `isValid()` is false until it is fixed.
#pragma once

#include "core/catalogue/method_catalog.h"

#include <QJsonObject>
#include <QMap>
#include <QWidget>

class QComboBox;
class QLabel;

namespace pluvia::widgets {

class ParameterForm : public QWidget
{
    Q_OBJECT

public:
    explicit ParameterForm(QWidget *parent = nullptr);

    void setMethod(const core::MethodInfo &method);
    void applyPreset(const QString &preset); // "" or "paper" for the paper's values

    QString preset() const; // the preset chosen last ("" for paper)
    // "key=value" for every parameter that differs from the chosen preset's value.
    QStringList overrides() const;
    QString value(const QString &key) const; // as text, as --set takes it
    bool setValue(const QString &key, const QString &text); // false for an unknown key
    bool isValid() const { return m_error.isEmpty(); }
    QString error() const { return m_error; }
    QStringList differingFromPaper() const; // keys marked "≠ paper"
    // What the form shows under the parameters about the configuration (core::methodNotices).
    QStringList notices() const { return m_notices; }

Q_SIGNALS:
    void changed();

private:
    struct Editor;
    void rebuild();
    void refresh(); // validation and marks
    QString presetValue(const QString &key) const;

    core::MethodInfo m_method;
    QString m_preset;
    QVector<Editor *> m_editors;
    QWidget *m_body = nullptr;
    QComboBox *m_presets;
    QLabel *m_errorLabel;
    QLabel *m_noticeLabel;
    QString m_error;
    QStringList m_notices;
    bool m_applying = false;
};

} // namespace pluvia::widgets
