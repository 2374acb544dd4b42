// SPDX-License-Identifier: GPL-3.0-or-later
// Export a generated rainy dataset (methods that generate: JRGR, DerainCycleGAN, UDRDR): the
// checkpoint, the clean images, real rainy images for methods that carry real rain over (UDRDR),
// the output folder, how many variants (each a full pass with its own seed, in variant-k/
// sub-folders when more than one), the seed and the synthesizer's rain preset for methods that
// translate synthetic rain (JRGR). Preview generates the first four images into a temporary
// folder and shows them with their rain layers before anything is exported; Export writes the
// datasets (each with its manifest and provenance), with progress and Cancel, and reports each
// finished dataset (datasetExported) so the workspace can register it. All work runs off the
// GUI thread.
#pragma once

#include "core/inference/dataset_generation.h"

#include "core/jobs/job.h"

#include <QDialog>
#include <QTemporaryDir>

#include <memory>

class QComboBox;
class QGridLayout;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace pluvia::widgets {

class ExportDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ExportDialog(QWidget *parent = nullptr);
    ~ExportDialog() override; // cancels a job in flight (it stops after its current image)

    void setCheckpoint(const QString &checkpoint);
    void setCleanFolder(const QString &folder);
    void setRealFolder(const QString &folder);
    void setOutputFolder(const QString &folder);
    void setVariants(int variants);
    void setSeed(quint64 seed);

    void preview(); // the first four images, into a temporary folder
    void exportAll();
    void cancel();

    int previewCount() const { return m_previewCount; }
    QString status() const;

Q_SIGNALS:
    void previewReady();
    // A finished dataset: its folder, manifest and a name for the workspace.
    void datasetExported(const QString &folder, const QString &manifest, const QString &name);
    void exportFinished(bool ok);

private:
    core::GenerateRequest request(const QString &outFolder, quint64 seed, int limit) const;
    void runVariant(int variant);
    void showPreview(const QString &folder);
    void setBusy(bool busy);

    QLineEdit *m_checkpoint;
    QLineEdit *m_clean;
    QLineEdit *m_real;
    QLineEdit *m_out;
    QComboBox *m_preset;
    QSpinBox *m_variants;
    QSpinBox *m_seed;
    QPushButton *m_previewButton;
    QPushButton *m_exportButton;
    QPushButton *m_cancelButton;
    QProgressBar *m_progress;
    QLabel *m_status;
    QGridLayout *m_grid;
    int m_previewCount = 0;
    std::unique_ptr<QTemporaryDir> m_previewDir;
    core::Job *m_job = nullptr; // the generation in flight (a child: cancelled with the dialog)
};

} // namespace pluvia::widgets
