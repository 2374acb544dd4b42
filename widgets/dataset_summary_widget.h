// SPDX-License-Identifier: GPL-3.0-or-later
// What an inspection found in one dataset: kind, layout, counts, image sizes and every problem
// file (DESIGN.md §3). Display only: the owner runs the inspection off the GUI thread and hands
// the result in.
#pragma once

#include "core/data/dataset.h"

#include <QWidget>

class QLabel;
class QTreeWidget;

namespace pluvia::widgets {

class DatasetSummaryWidget : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY(DatasetSummaryWidget)

public:
    explicit DatasetSummaryWidget(QWidget *parent = nullptr);

    void showInspecting(const QString &name, const QString &path);
    void showInspection(const QString &name, const core::DatasetInspection &inspection);
    int problemCount() const;

private:
    QLabel *m_heading;
    QLabel *m_facts;
    QTreeWidget *m_problems;
};

} // namespace pluvia::widgets
