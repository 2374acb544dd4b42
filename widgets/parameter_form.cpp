// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/parameter_form.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QVBoxLayout>

#include <functional>

namespace pluvia::widgets {

namespace {

QString valueText(const QVariant &value)
{
    if (value.typeId() == QMetaType::Bool)
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (value.typeId() == QMetaType::Double)
        return QString::number(value.toDouble(), 'g', 10);
    return value.toString();
}

QString jsonText(const QJsonValue &value)
{
    return valueText(value.toVariant());
}

} // namespace

struct ParameterForm::Editor {
    core::MethodParameterInfo info;
    QLabel *label = nullptr;
    QWidget *widget = nullptr;
    std::function<QString()> get;
    std::function<void(const QString &)> set;
};

ParameterForm::ParameterForm(QWidget *parent)
    : QWidget(parent)
    , m_presets(new QComboBox(this))
    , m_errorLabel(new QLabel(this))
    , m_noticeLabel(new QLabel(this))
{
    m_presets->setToolTip(tr("Presets: the paper's values, the public code's, or a quick "
                             "CPU-sized configuration"));
    connect(m_presets, &QComboBox::currentIndexChanged, this,
        [this] { applyPreset(m_presets->currentData().toString()); });
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setStyleSheet(QStringLiteral("color: #c0392b;"));
    // What the configuration leaves out (a loss term off for want of a file): visible before
    // the run starts, never a silently inert term.
    m_noticeLabel->setWordWrap(true);
    m_noticeLabel->setStyleSheet(QStringLiteral("color: #9a6700;"));
    m_noticeLabel->setObjectName(QStringLiteral("parameterNotices"));
    auto *top = new QFormLayout;
    top->addRow(tr("Preset"), m_presets);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_errorLabel);
    layout->addWidget(m_noticeLabel);
}

void ParameterForm::setMethod(const core::MethodInfo &method)
{
    m_method = method;
    {
        const QSignalBlocker block(m_presets);
        m_presets->clear();
        m_presets->addItem(tr("paper"), QString());
        for (const core::MethodPresetInfo &preset : method.presets)
            if (preset.name != QLatin1String("paper"))
                m_presets->addItem(preset.name, preset.name);
        for (int i = 0; i < m_presets->count(); ++i) {
            const QString name = m_presets->itemData(i).toString();
            for (const core::MethodPresetInfo &preset : method.presets)
                if (preset.name == name
                    || (name.isEmpty() && preset.name == QLatin1String("paper")))
                    m_presets->setItemData(i, preset.description, Qt::ToolTipRole);
        }
    }
    rebuild();
    applyPreset(QString());
}

void ParameterForm::rebuild()
{
    qDeleteAll(m_editors);
    m_editors.clear();
    delete m_body;
    m_body = new QWidget(this);
    auto *bodyLayout = new QVBoxLayout(m_body);
    bodyLayout->setContentsMargins(0, 0, 0, 0);
    QMap<QString, QFormLayout *> groups;
    for (const core::MethodParameterInfo &info : std::as_const(m_method.parameters)) {
        auto *editor = new Editor;
        editor->info = info;
        if (info.type == QLatin1String("bool")) {
            auto *box = new QCheckBox(m_body);
            editor->widget = box;
            editor->get = [box] {
                return box->isChecked() ? QStringLiteral("true") : QStringLiteral("false");
            };
            editor->set = [box](const QString &v) { box->setChecked(v == QLatin1String("true")); };
            connect(box, &QCheckBox::toggled, this, &ParameterForm::refresh);
        } else if (info.type == QLatin1String("choice")) {
            auto *box = new QComboBox(m_body);
            box->addItems(info.choices);
            editor->widget = box;
            editor->get = [box] { return box->currentText(); };
            editor->set = [box](const QString &v) { box->setCurrentText(v); };
            connect(box, &QComboBox::currentTextChanged, this, &ParameterForm::refresh);
        } else if (info.type == QLatin1String("int") && info.maximum <= 2147483647.0) {
            auto *box = new QSpinBox(m_body);
            box->setRange(int(info.minimum), int(info.maximum));
            editor->widget = box;
            editor->get = [box] { return QString::number(box->value()); };
            editor->set = [box](const QString &v) { box->setValue(v.toInt()); };
            connect(box, &QSpinBox::valueChanged, this, &ParameterForm::refresh);
        } else { // real, path
            auto *line = new QLineEdit(m_body);
            editor->widget = line;
            editor->get = [line] { return line->text().trimmed(); };
            editor->set = [line](const QString &v) { line->setText(v); };
            connect(line, &QLineEdit::textChanged, this, &ParameterForm::refresh);
        }
        const QString tip
            = tr("%1\nrange: %2\npaper: %3\nsource: %4")
                  .arg(info.help, info.range, valueText(info.paperValue), info.source);
        editor->widget->setToolTip(tip);
        editor->label = new QLabel(info.name, m_body);
        editor->label->setToolTip(tip);
        QFormLayout *&form = groups[info.group];
        if (!form) {
            auto *box = new QGroupBox(info.group.isEmpty() ? tr("parameters") : info.group, m_body);
            form = new QFormLayout(box);
            bodyLayout->addWidget(box);
        }
        form->addRow(editor->label, editor->widget);
        m_editors << editor;
    }
    static_cast<QVBoxLayout *>(layout())->insertWidget(1, m_body);
}

QString ParameterForm::presetValue(const QString &key) const
{
    for (const core::MethodPresetInfo &preset : m_method.presets)
        if (preset.name == m_preset && preset.values.contains(key))
            return jsonText(preset.values.value(key));
    for (const Editor *editor : m_editors)
        if (editor->info.name == key)
            return valueText(editor->info.paperValue);
    return {};
}

void ParameterForm::applyPreset(const QString &preset)
{
    m_preset = preset == QLatin1String("paper") ? QString() : preset;
    m_applying = true;
    for (Editor *editor : std::as_const(m_editors))
        editor->set(presetValue(editor->info.name));
    m_applying = false;
    const int index = m_presets->findData(m_preset);
    if (index >= 0 && index != m_presets->currentIndex()) {
        const QSignalBlocker block(m_presets);
        m_presets->setCurrentIndex(index);
    }
    refresh();
}

QString ParameterForm::preset() const
{
    return m_preset;
}

QStringList ParameterForm::overrides() const
{
    QStringList out;
    for (const Editor *editor : m_editors) {
        const QString v = editor->get();
        if (v != presetValue(editor->info.name))
            out << QStringLiteral("%1=%2").arg(editor->info.name, v);
    }
    return out;
}

QString ParameterForm::value(const QString &key) const
{
    for (const Editor *editor : m_editors)
        if (editor->info.name == key)
            return editor->get();
    return {};
}

bool ParameterForm::setValue(const QString &key, const QString &text)
{
    for (Editor *editor : std::as_const(m_editors)) {
        if (editor->info.name == key) {
            editor->set(text);
            refresh();
            return true;
        }
    }
    return false;
}

QStringList ParameterForm::differingFromPaper() const
{
    QStringList keys;
    for (const Editor *editor : m_editors)
        if (editor->get() != valueText(editor->info.paperValue))
            keys << editor->info.name;
    return keys;
}

void ParameterForm::refresh()
{
    if (m_applying)
        return;
    QJsonObject params;
    m_error = m_method.id.isEmpty()
        ? QString()
        : core::resolveMethodParameters(m_method.id, m_preset, overrides(), &params);
    m_errorLabel->setText(m_error);
    m_errorLabel->setVisible(!m_error.isEmpty());
    m_notices = m_error.isEmpty() ? core::methodNotices(m_method.id, params) : QStringList();
    m_noticeLabel->setText(m_notices.join(QLatin1Char('\n')));
    m_noticeLabel->setVisible(!m_notices.isEmpty());
    const QStringList differing = differingFromPaper();
    for (Editor *editor : std::as_const(m_editors)) {
        const bool differs = differing.contains(editor->info.name);
        editor->label->setText(
            differs ? tr("%1  ≠ paper").arg(editor->info.name) : editor->info.name);
        QFont font = editor->label->font();
        font.setBold(differs);
        editor->label->setFont(font);
    }
    Q_EMIT changed();
}

} // namespace pluvia::widgets
