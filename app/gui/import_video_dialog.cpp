// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/import_video_dialog.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>

namespace pluvia::app {

namespace {

constexpr int kDefaultMaxFrames = 300;

} // namespace

ImportVideoDialog::ImportVideoDialog(
    const QString &video, const QString &datasetFolder, QWidget *parent)
    : QDialog(parent)
    , m_folder(new QLineEdit(QDir::toNativeSeparators(datasetFolder), this))
    , m_scene(new QLineEdit(QFileInfo(video).completeBaseName(), this))
    , m_every(new QSpinBox(this))
    , m_maxFrames(new QSpinBox(this))
{
    setWindowTitle(tr("Import a Video as a Time-Lapse Scene"));
    m_every->setRange(1, 100000);
    m_every->setToolTip(tr("Keep frames 0, k, 2k, …: rain changes between frames, the scene "
                           "should not"));
    m_maxFrames->setRange(0, 1000000);
    m_maxFrames->setSpecialValueText(tr("all"));
    m_maxFrames->setValue(kDefaultMaxFrames);
    m_folder->setToolTip(tr("A time-lapse dataset folder; the video becomes one scene in it"));
    auto *form = new QFormLayout;
    form->addRow(tr("Video:"), new QLabel(QDir::toNativeSeparators(video), this));
    form->addRow(tr("Dataset folder:"), m_folder);
    form->addRow(tr("Scene name:"), m_scene);
    form->addRow(tr("Keep every k-th frame:"), m_every);
    form->addRow(tr("At most (frames kept):"), m_maxFrames);
    form->addRow(new QLabel(tr("The camera's frame-to-frame shift is measured; the time-lapse "
                               "method needs a camera that does not move."),
        this));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    form->addRow(buttons);
    setLayout(form);
}

QString ImportVideoDialog::datasetFolder() const
{
    return QDir::fromNativeSeparators(m_folder->text().trimmed());
}

core::VideoImportOptions ImportVideoDialog::options() const
{
    return { m_every->value(), m_maxFrames->value(), m_scene->text().trimmed() };
}

} // namespace pluvia::app
