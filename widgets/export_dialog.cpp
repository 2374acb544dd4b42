// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/export_dialog.h"

#include "core/image/image_info.h"
#include "core/image/layer_compare.h"
#include "core/synth/rain_params.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace pluvia::widgets {

namespace {

constexpr int kPreviewImages = 4;
constexpr int kThumbnail = 160;

// Generated image and its rain layer (generated − clean, the diverging colormap), side by side.
QVector<QPair<QImage, QImage>> previewImages(const QString &folder)
{
    QVector<QPair<QImage, QImage>> out;
    const QDir rain(QDir(folder).filePath(QStringLiteral("rain")));
    for (const QString &name : rain.entryList(QDir::Files, QDir::Name)) {
        const QImage generated(rain.filePath(name));
        const QImage clean(QDir(folder).filePath(QStringLiteral("norain/") + name));
        if (generated.isNull() || clean.isNull())
            continue;
        const core::DerivedLayer r = core::differenceLayer(QStringLiteral("R"),
            core::imageLayer(QStringLiteral("O"), generated),
            core::imageLayer(QStringLiteral("B"), clean));
        out.push_back({ generated.scaled(
                            kThumbnail, kThumbnail, Qt::KeepAspectRatio, Qt::SmoothTransformation),
            r.layer.display.scaled(
                kThumbnail, kThumbnail, Qt::KeepAspectRatio, Qt::SmoothTransformation) });
    }
    return out;
}

} // namespace

ExportDialog::ExportDialog(QWidget *parent)
    : QDialog(parent)
    , m_checkpoint(new QLineEdit(this))
    , m_clean(new QLineEdit(this))
    , m_real(new QLineEdit(this))
    , m_out(new QLineEdit(this))
    , m_preset(new QComboBox(this))
    , m_variants(new QSpinBox(this))
    , m_seed(new QSpinBox(this))
    , m_previewButton(new QPushButton(tr("Preview"), this))
    , m_exportButton(new QPushButton(tr("Export"), this))
    , m_cancelButton(new QPushButton(tr("Cancel export"), this))
    , m_progress(new QProgressBar(this))
    , m_status(new QLabel(this))
    , m_grid(new QGridLayout)
{
    setWindowTitle(tr("Export a Generated Rainy Dataset"));
    auto browse = [this](QLineEdit *edit, bool file) {
        auto *row = new QHBoxLayout;
        auto *button = new QPushButton(tr("Browse…"), this);
        connect(button, &QPushButton::clicked, this, [this, edit, file] {
            const QString chosen = file
                ? QFileDialog::getOpenFileName(
                    this, tr("Choose a Checkpoint"), edit->text(), tr("Pluvia checkpoints (*.pt)"))
                : QFileDialog::getExistingDirectory(this, tr("Choose a Folder"), edit->text());
            if (!chosen.isEmpty())
                edit->setText(chosen);
        });
        row->addWidget(edit, 1);
        row->addWidget(button);
        return row;
    };
    m_real->setPlaceholderText(
        tr("UDRDR: the real rain it carries over; DerainCycleGAN: optional, steers its rain"));
    m_preset->addItems(core::rainPresetNames());
    m_preset->setCurrentText(QStringLiteral("light"));
    m_preset->setToolTip(tr("The synthesizer's rain for methods that translate synthetic rain "
                            "(JRGR's S2R)"));
    m_variants->setRange(1, 20);
    m_variants->setToolTip(tr("Each variant is a full pass with its own seed, in variant-k/"));
    m_seed->setRange(0, 1 << 30);
    auto *form = new QFormLayout;
    form->addRow(tr("Checkpoint"), browse(m_checkpoint, true));
    form->addRow(tr("Clean images"), browse(m_clean, false));
    form->addRow(tr("Real rainy images"), browse(m_real, false));
    form->addRow(tr("Output folder"), browse(m_out, false));
    form->addRow(tr("Synthetic rain"), m_preset);
    form->addRow(tr("Variants"), m_variants);
    form->addRow(tr("Seed"), m_seed);
    connect(m_previewButton, &QPushButton::clicked, this, &ExportDialog::preview);
    connect(m_exportButton, &QPushButton::clicked, this, &ExportDialog::exportAll);
    connect(m_cancelButton, &QPushButton::clicked, this, &ExportDialog::cancel);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_previewButton);
    buttons->addStretch(1);
    buttons->addWidget(m_exportButton);
    buttons->addWidget(m_cancelButton);
    auto *close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);
    m_status->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addLayout(m_grid);
    layout->addLayout(buttons);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);
    layout->addWidget(close);
    setBusy(false);
}

ExportDialog::~ExportDialog() = default; // the job in flight, a child, is cancelled with it

void ExportDialog::setCheckpoint(const QString &checkpoint)
{
    m_checkpoint->setText(checkpoint);
}
void ExportDialog::setCleanFolder(const QString &folder)
{
    m_clean->setText(folder);
}
void ExportDialog::setRealFolder(const QString &folder)
{
    m_real->setText(folder);
}
void ExportDialog::setOutputFolder(const QString &folder)
{
    m_out->setText(folder);
}
void ExportDialog::setVariants(int variants)
{
    m_variants->setValue(variants);
}
void ExportDialog::setSeed(quint64 seed)
{
    m_seed->setValue(int(seed));
}

QString ExportDialog::status() const
{
    return m_status->text();
}

core::GenerateRequest ExportDialog::request(const QString &outFolder, quint64 seed, int limit) const
{
    core::GenerateRequest r;
    r.checkpoint = m_checkpoint->text();
    r.outFolder = outFolder;
    r.rainPreset = m_preset->currentText();
    r.seed = seed;
    QStringList clean = { m_clean->text() };
    if (limit > 0) { // the first `limit` images of the folder, by name
        clean = QDir(m_clean->text())
                    .entryList(core::imageNameFilters(), QDir::Files, QDir::Name)
                    .mid(0, limit);
        for (QString &file : clean)
            file = QDir(m_clean->text()).filePath(file);
    }
    r.cleanInputs = clean;
    if (!m_real->text().isEmpty())
        r.realInputs = { m_real->text() };
    return r;
}

void ExportDialog::setBusy(bool busy)
{
    m_previewButton->setEnabled(!busy);
    m_exportButton->setEnabled(!busy);
    m_cancelButton->setEnabled(busy);
}

void ExportDialog::preview()
{
    m_previewDir = std::make_unique<QTemporaryDir>();
    core::GenerateRequest r = request(m_previewDir->filePath(QStringLiteral("preview")),
        quint64(m_seed->value()), kPreviewImages);
    setBusy(true);
    m_status->setText(tr("Generating a preview of %1 images …").arg(r.cleanInputs.size()));
    m_job = core::startTask(
        this,
        [r](core::JobContext &context) mutable {
            r.progress = context.progressCallback();
            return core::generateDataset(r);
        },
        [this, r](const core::TaskJob<core::GenerateReport> &job) {
            const core::GenerateReport &report = job.result();
            m_job = nullptr;
            setBusy(false);
            if (!report.ok()) {
                m_status->setText(tr("Cannot preview: %1").arg(report.error));
                Q_EMIT previewReady();
                return;
            }
            showPreview(r.outFolder);
        });
}

void ExportDialog::showPreview(const QString &folder)
{
    while (QLayoutItem *item = m_grid->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    core::startTask(
        this, [folder](core::JobContext &) { return previewImages(folder); },
        [this](const core::TaskJob<QVector<QPair<QImage, QImage>>> &job) {
            const QVector<QPair<QImage, QImage>> &images = job.result();
            for (int i = 0; i < images.size(); ++i) {
                for (int k = 0; k < 2; ++k) {
                    auto *label = new QLabel(this);
                    label->setPixmap(
                        QPixmap::fromImage(k == 0 ? images[i].first : images[i].second));
                    label->setToolTip(k == 0 ? tr("generated rainy image")
                                             : tr("its rain layer (generated − clean)"));
                    m_grid->addWidget(label, k, i);
                }
            }
            m_previewCount = int(images.size());
            m_status->setText(
                tr("Preview: %1 generated images (top) and their rain layers (bottom). "
                   "Export writes the whole set.")
                    .arg(images.size()));
            Q_EMIT previewReady();
        });
}

void ExportDialog::exportAll()
{
    if (m_out->text().isEmpty()) {
        m_status->setText(tr("Choose an output folder."));
        return;
    }
    setBusy(true);
    runVariant(0);
}

void ExportDialog::runVariant(int variant)
{
    const int variants = m_variants->value();
    if (variant >= variants) {
        setBusy(false);
        m_status->setText(tr("Exported %n dataset(s) to %1", nullptr, variants)
                              .arg(QDir::toNativeSeparators(m_out->text())));
        Q_EMIT exportFinished(true);
        return;
    }
    const QString folder = variants == 1
        ? m_out->text()
        : QDir(m_out->text()).filePath(QStringLiteral("variant-%1").arg(variant + 1));
    core::GenerateRequest r = request(folder, quint64(m_seed->value()) + quint64(variant), 0);
    m_status->setText(tr("Variant %1 of %2 …").arg(variant + 1).arg(variants));
    m_job = core::startTask(
        this,
        [r](core::JobContext &context) mutable {
            r.progress = context.progressCallback();
            return core::generateDataset(r);
        },
        [this, variant, folder](const core::TaskJob<core::GenerateReport> &job) {
            const core::GenerateReport &report = job.result();
            m_job = nullptr;
            if (!report.ok()) {
                setBusy(false);
                m_status->setText(
                    report.cancelled ? tr(
                        "Cancelled; the unfinished dataset has no manifest. Export again to the "
                        "same folder to finish it.")
                                     : tr("Cannot export: %1").arg(report.error));
                Q_EMIT exportFinished(false);
                return;
            }
            Q_EMIT datasetExported(folder, report.manifestPath, QFileInfo(folder).fileName());
            runVariant(variant + 1);
        });
    connect(m_job, &core::Job::progressChanged, this, [this](const core::JobProgress &progress) {
        m_progress->setMaximum(int(progress.total));
        m_progress->setValue(int(progress.done));
    });
}

void ExportDialog::cancel()
{
    if (m_job)
        m_job->cancel();
}

} // namespace pluvia::widgets
