// SPDX-License-Identifier: GPL-3.0-or-later
// What an inspection found in one dataset: kind, layout, counts, image sizes and every problem
// file (DESIGN.md §3). For a pairing Pluvia inferred (two sibling folders, pair lists) it says
// which side it took for rainy and why, and offers to swap them (swapSidesRequested; the owner
// pins the swapped pairs in a manifest). The owner runs the inspection off the GUI thread and
// hands the result in.
#pragma once

#include "core/data/dataset.h"

#include <QWidget>

class QLabel;
class QPushButton;
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
    const core::Dataset &dataset() const { return m_dataset; } // the last inspection's
    bool canSwapSides() const; // the shown pairing was inferred and may be swapped

Q_SIGNALS:
    void swapSidesRequested();

private:
    core::Dataset m_dataset;
    QLabel *m_heading;
    QLabel *m_facts;
    QPushButton *m_swap;
    QTreeWidget *m_problems;
};

} // namespace pluvia::widgets
