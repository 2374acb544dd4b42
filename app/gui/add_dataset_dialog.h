// SPDX-License-Identifier: GPL-3.0-or-later
// Adding a dropped folder as a dataset: its name (the folder's by default), its kind as the
// inspection detected it, and what its images are, all editable before it is registered.
#pragma once

#include "core/data/dataset_kind.h"

#include <QDialog>

class QComboBox;
class QLineEdit;

namespace pluvia::app {

class AddDatasetDialog : public QDialog
{
    Q_OBJECT

public:
    AddDatasetDialog(
        const QString &folder, core::DatasetKind detected, int items, QWidget *parent = nullptr);

    QString name() const;
    core::DatasetKind kind() const;
    core::ImageContent content() const;

private:
    QLineEdit *m_name;
    QComboBox *m_kind;
    QComboBox *m_content;
};

} // namespace pluvia::app
