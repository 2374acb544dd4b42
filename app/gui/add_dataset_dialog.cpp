// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/add_dataset_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>

namespace pluvia::app {

AddDatasetDialog::AddDatasetDialog(
    const QString &folder, core::DatasetKind detected, int items, QWidget *parent)
    : QDialog(parent)
    , m_name(new QLineEdit(QFileInfo(folder).fileName(), this))
    , m_kind(new QComboBox(this))
    , m_content(new QComboBox(this))
{
    setWindowTitle(tr("Add a Dataset"));
    for (const core::DatasetKind kind :
        { core::DatasetKind::Paired, core::DatasetKind::Unpaired, core::DatasetKind::TimeLapse })
        m_kind->addItem(core::datasetKindName(kind), int(kind));
    m_kind->setCurrentIndex(m_kind->findData(int(detected)));
    // What the images are follows from the kind, except for unpaired sets (rainy or clean).
    auto fillContent = [this] {
        const auto kind = core::DatasetKind(m_kind->currentData().toInt());
        m_content->clear();
        const auto offer = [this](core::ImageContent content) {
            m_content->addItem(core::imageContentName(content), int(content));
        };
        if (kind == core::DatasetKind::Paired) {
            offer(core::ImageContent::RainyAndClean);
        } else if (kind == core::DatasetKind::TimeLapse) {
            offer(core::ImageContent::Frames);
        } else {
            offer(core::ImageContent::Rainy);
            offer(core::ImageContent::Clean);
        }
    };
    fillContent();
    connect(m_kind, &QComboBox::currentIndexChanged, this, fillContent);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *form = new QFormLayout(this);
    form->addRow(
        new QLabel(tr("%1\nDetected: %2, %n item(s).", nullptr, items)
                       .arg(QDir::toNativeSeparators(folder), core::datasetKindName(detected)),
            this));
    form->addRow(tr("Name"), m_name);
    form->addRow(tr("Kind"), m_kind);
    form->addRow(tr("Images"), m_content);
    form->addRow(buttons);
}

QString AddDatasetDialog::name() const
{
    return m_name->text().trimmed();
}

core::DatasetKind AddDatasetDialog::kind() const
{
    return core::DatasetKind(m_kind->currentData().toInt());
}

core::ImageContent AddDatasetDialog::content() const
{
    return core::ImageContent(m_content->currentData().toInt());
}

} // namespace pluvia::app
