// SPDX-License-Identifier: GPL-3.0-or-later
// The About box: what Pluvia is, its version and runtime, and the papers it implements.
#pragma once

#include <QDialog>

namespace pluvia::app {

class AboutDialog : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY(AboutDialog)

public:
    explicit AboutDialog(QWidget *parent = nullptr);
};

} // namespace pluvia::app
