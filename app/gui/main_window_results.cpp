// SPDX-License-Identifier: GPL-3.0-or-later
// MainWindow's results flows: a saved comparison reopened in the Compare tab, a comparison cell
// shown as layers beside the other rows', and a checkpoint's networks exported for PyTorch.
#include "app/gui/main_window.h"

#include "core/analysis/comparison_layers.h"
#include "core/checkpoint/weights_export.h"
#include "core/jobs/job.h"
#include "widgets/compare_panel.h"

#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QStatusBar>

#include <memory>

namespace pluvia::app {

void MainWindow::showComparison(const QString &name)
{
    if (QDockWidget *dock = findChild<QDockWidget *>(QStringLiteral("compareDock"))) {
        dock->show();
        dock->raise();
        resizeDocks({ dock }, { height() / 2 }, Qt::Vertical);
    }
    // Once it has run, the first model's outputs beside the others' in the layer viewer.
    auto connection = std::make_shared<QMetaObject::Connection>();
    *connection
        = connect(m_compare, &widgets::ComparePanel::finished, this, [this, connection](bool ok) {
              disconnect(*connection);
              if (ok && m_compare->result().rows.size() > 1)
                  showComparisonCell(1, 0);
          });
    m_compare->open(name);
}

void MainWindow::showComparisonCell(int row, int test)
{
    const core::ComparisonResult result = m_compare->result();
    appendLog(tr("%1 on %2: O the rainy image, B this row's output, then the other rows'")
                  .arg(result.rows[row].label, result.tests[test].name));
    showLayers([result, row, test] { return core::comparisonLayers(result, row, test, 0); },
        [this](const core::DecomposeResult &layers) {
            if (!layers.ok())
                appendLog(tr("Cannot show the comparison: %1").arg(layers.error));
        });
}

void MainWindow::exportPytorchWeights(const QString &checkpoint)
{
    // runs/<run>/checkpoints/step-N.pt → <run>-step-N.pth beside the run's folder.
    const QFileInfo source(checkpoint);
    const QString run = source.dir().absolutePath().section(QLatin1Char('/'), -2, -2);
    const QString suggested = QDir(source.dir().absoluteFilePath(QStringLiteral("../..")))
                                  .filePath(run + QLatin1Char('-') + source.completeBaseName()
                                      + QStringLiteral(".pth"));
    const QString out = QFileDialog::getSaveFileName(
        this, tr("Export PyTorch Weights"), suggested, tr("PyTorch state dict (*.pth *.pt)"));
    if (out.isEmpty())
        return;
    statusBar()->showMessage(tr("Exporting the weights of %1 …").arg(source.fileName()));
    core::startTask(
        this,
        [checkpoint, out](core::JobContext &) { return core::exportWeights(checkpoint, out); },
        [this, out](const core::TaskJob<core::WeightsExportReport> &job) {
            const core::WeightsExportReport &report = job.result();
            statusBar()->clearMessage();
            if (!report.ok()) {
                appendLog(tr("Cannot export the weights: %1").arg(report.error));
                QMessageBox::warning(this, tr("Export PyTorch Weights"), report.error);
                return;
            }
            appendLog(tr("%1: %2 step %3, networks %4 (%5 tensors) — in Python: "
                         "state = torch.load(\"%1\")")
                          .arg(QDir::toNativeSeparators(out), report.method)
                          .arg(report.step)
                          .arg(report.networks.join(QStringLiteral(", ")))
                          .arg(report.tensors));
        });
}

} // namespace pluvia::app
