// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/about_dialog.h"

#include "core/runtime/compute_runtime.h"

#include <QDialogButtonBox>
#include <QIcon>
#include <QLabel>
#include <QVBoxLayout>

namespace pluvia::app {

AboutDialog::AboutDialog(QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("About Pluvia"));
    setObjectName(QStringLiteral("aboutDialog"));

    auto *icon = new QLabel(this);
    icon->setPixmap(QIcon(QStringLiteral(":/pluvia/pluvia.svg")).pixmap(64, 64));

    const QString papers = tr(
        "<p>Pluvia implements these methods:</p><ul>"
        "<li><b>jrgr</b> — Y. Ye, Y. Chang, H. Zhou, L. Yan: <i>Closing the Loop: Joint Rain "
        "Generation and Removal via Disentangled Image Translation</i>. CVPR 2021.</li>"
        "<li><b>deraincyclegan</b> — Y. Wei, Z. Zhang, J. Fan, Y. Wang, S. Yan, M. Wang: "
        "<i>DerainCycleGAN: An Attention-guided Unsupervised Benchmark for Single Image "
        "Deraining and Rainmaking</i>.</li>"
        "<li><b>udrdr</b> — Y. Liu, Z. Yue, J. Pan, Z. Su: <i>Unpaired Learning for Deep Image "
        "Deraining with Rain Direction Regularizer</i>. ICCV 2021.</li>"
        "<li><b>timelapse</b> — J. Cho, S. Kim, D. Min, K. Sohn: <i>Single Image Deraining Using "
        "Time-Lapse Data</i>. IEEE Transactions on Image Processing, 2020.</li>"
        "<li><b>supervised</b> — the U-Net baseline trained on synthetic pairs only.</li></ul>");

    auto *text = new QLabel(this);
    text->setTextFormat(Qt::RichText);
    text->setWordWrap(true);
    text->setTextInteractionFlags(Qt::TextBrowserInteraction);
    text->setText(
        tr("<h2>Pluvia %1</h2>"
           "<p>A research workbench for single-image rain removal: train and monitor deraining "
           "models, inspect the layers a rainy image decomposes into (O = B + R), derain photos, "
           "compare synthetic and real rain, and export generated rainy datasets.</p>")
            .arg(QStringLiteral(PLUVIA_VERSION))
        + papers
        + tr("<p>Runtime: %1, Qt %2.</p>"
             "<p>Pluvia is free software under the GNU General Public License, version 3 or "
             "later. Demo photographs: the MATE desktop backgrounds (GPL-2+).</p>")
              .arg(core::libtorchDescription(), QString::fromLatin1(qVersion())));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(icon, 0, Qt::AlignHCenter);
    layout->addWidget(text);
    layout->addWidget(buttons);
    setMinimumWidth(520);
}

} // namespace pluvia::app
