// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/dataset_summary_widget.h"

#include <QDir>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace pluvia::widgets {

namespace {

QString kindText(core::DatasetKind kind)
{
    switch (kind) {
    case core::DatasetKind::Paired:
        return DatasetSummaryWidget::tr("paired");
    case core::DatasetKind::Unpaired:
        return DatasetSummaryWidget::tr("unpaired");
    case core::DatasetKind::TimeLapse:
        return DatasetSummaryWidget::tr("time-lapse");
    }
    return {};
}

QString countsText(const core::DatasetInspection &inspection)
{
    const core::Dataset &d = inspection.dataset;
    switch (d.kind) {
    case core::DatasetKind::Paired:
        return DatasetSummaryWidget::tr("pairs: %1").arg(d.pairs.size());
    case core::DatasetKind::Unpaired:
        return DatasetSummaryWidget::tr("images: %1").arg(d.images.size());
    case core::DatasetKind::TimeLapse:
        return DatasetSummaryWidget::tr("scenes: %1, frames: %2")
            .arg(d.scenes.size())
            .arg(inspection.frameCount());
    }
    return {};
}

} // namespace

DatasetSummaryWidget::DatasetSummaryWidget(QWidget *parent)
    : QWidget(parent)
    , m_heading(new QLabel(this))
    , m_facts(new QLabel(this))
    , m_swap(new QPushButton(tr("Rainy and clean are the other way round"), this))
    , m_problems(new QTreeWidget(this))
{
    m_heading->setTextFormat(Qt::PlainText);
    QFont headingFont = m_heading->font();
    headingFont.setPointSizeF(headingFont.pointSizeF() * 1.3);
    headingFont.setBold(true);
    m_heading->setFont(headingFont);
    m_heading->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    m_facts->setTextFormat(Qt::PlainText);
    m_facts->setWordWrap(true);
    m_facts->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_facts->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_problems->setObjectName(QStringLiteral("problemList"));
    m_problems->setHeaderLabels({ tr("Problem"), tr("File"), tr("Reason") });
    m_problems->setRootIsDecorated(false);
    m_problems->setUniformRowHeights(true);
    m_problems->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_heading);
    layout->addWidget(m_facts);
    m_swap->setToolTip(tr("Writes manifest.json into the dataset's folder with the rainy and "
                          "clean images swapped; it then decides the pairs (delete it to "
                          "return to detection)."));
    m_swap->hide();
    connect(m_swap, &QPushButton::clicked, this, &DatasetSummaryWidget::swapSidesRequested);
    layout->addWidget(m_swap, 0, Qt::AlignLeft);
    layout->addWidget(m_problems, 1);
    layout->addStretch(0);
    m_heading->setText(tr("No dataset selected"));
    m_problems->hide();
}

void DatasetSummaryWidget::showInspecting(const QString &name, const QString &path)
{
    m_heading->setText(name);
    m_facts->setText(tr("Inspecting %1 …").arg(QDir::toNativeSeparators(path)));
    m_problems->clear();
    m_problems->hide();
    m_swap->hide();
    m_dataset = {};
}

void DatasetSummaryWidget::showInspection(
    const QString &name, const core::DatasetInspection &inspection)
{
    m_heading->setText(name);
    m_problems->clear();
    m_dataset = inspection.dataset;
    m_swap->setVisible(inspection.error.isEmpty() && canSwapSides());
    if (!inspection.error.isEmpty()) {
        m_facts->setText(tr("Cannot use this dataset: %1").arg(inspection.error));
        return;
    }
    const core::SizeStatistics &s = inspection.sizes;
    QStringList lines;
    lines << tr("Kind: %1 (layout “%2”)")
                 .arg(kindText(inspection.dataset.kind), inspection.dataset.layout)
          << (inspection.dataset.layoutNote.isEmpty()
                     ? QString()
                     : tr("Pairing: %1").arg(inspection.dataset.layoutNote))
          << tr("Contents: %1").arg(countsText(inspection))
          << tr("Location: %1").arg(QDir::toNativeSeparators(inspection.dataset.root));
    if (s.count > 0)
        lines << tr("Image sizes: %1–%2 × %3–%4 px (mean %5 × %6)")
                     .arg(s.minWidth)
                     .arg(s.maxWidth)
                     .arg(s.minHeight)
                     .arg(s.maxHeight)
                     .arg(s.meanWidth, 0, 'f', 0)
                     .arg(s.meanHeight, 0, 'f', 0);
    lines << tr("Problem files skipped: %1").arg(inspection.problems.size());
    lines.removeAll(QString());
    m_facts->setText(lines.join(QLatin1Char('\n')));
    m_problems->setVisible(!inspection.problems.isEmpty());
    for (const core::DatasetProblem &problem : inspection.problems) {
        auto *item = new QTreeWidgetItem(m_problems);
        item->setText(0, core::datasetProblemCodeName(problem.code));
        item->setText(1, QDir::toNativeSeparators(problem.path));
        item->setText(2, problem.message);
        item->setToolTip(2, problem.message);
    }
}

bool DatasetSummaryWidget::canSwapSides() const
{
    return m_dataset.kind == core::DatasetKind::Paired && !m_dataset.pairs.isEmpty()
        && (m_dataset.layout == QLatin1String("sibling-folders")
            || m_dataset.layout == QLatin1String("pair-list"));
}

int DatasetSummaryWidget::problemCount() const
{
    return m_problems->topLevelItemCount();
}

} // namespace pluvia::widgets
