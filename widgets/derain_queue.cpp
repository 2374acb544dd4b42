// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/derain_queue.h"

#include "core/image/image_info.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDirIterator>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace pluvia::widgets {

namespace {

enum Column { Image, Status, Progress, Time };
constexpr int kOutputRole = Qt::UserRole + 1;
constexpr int kStateRole = Qt::UserRole + 2;
constexpr int kRootRole = Qt::UserRole + 3; // the folder it was added with ("" for a file)
constexpr int kStarterRole = Qt::UserRole + 4; // a model choice that is a starter model

} // namespace

DerainQueue::DerainQueue(QWidget *parent)
    : QWidget(parent)
    , m_list(new QTreeWidget(this))
    , m_model(new QComboBox(this))
    , m_outLabel(new QLabel(tr("no output folder"), this))
    , m_saveRain(new QCheckBox(tr("Also save R (rain/)"), this))
    , m_start(new QPushButton(tr("Derain"), this))
    , m_cancelButton(new QPushButton(tr("Cancel"), this))
    , m_summary(new QLabel(this))
{
    setAcceptDrops(true);
    m_list->setHeaderLabels({ tr("Image"), tr("Status"), tr("Progress"), tr("Time") });
    m_list->setRootIsDecorated(false);
    m_list->setSelectionMode(QAbstractItemView::ExtendedSelection);
    connect(m_list, &QTreeWidget::itemDoubleClicked, this,
        [this](QTreeWidgetItem *item) { Q_EMIT imageActivated(checkpoint(), item->text(Image)); });
    m_model->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_model->setMinimumContentsLength(24);
    m_model->setPlaceholderText(tr("no checkpoint"));
    connect(m_model, &QComboBox::currentIndexChanged, this, [this] {
        m_model->setToolTip(QDir::toNativeSeparators(checkpoint()));
        updateButtons();
    });
    auto *chooseCheckpoint = new QPushButton(tr("Checkpoint…"), this);
    connect(chooseCheckpoint, &QPushButton::clicked, this, [this] {
        const QString file = QFileDialog::getOpenFileName(
            this, tr("Choose a Checkpoint"), QString(), tr("Pluvia checkpoints (*.pt)"));
        if (!file.isEmpty())
            setCheckpoint(file);
    });
    auto *chooseOut = new QPushButton(tr("Output folder…"), this);
    connect(chooseOut, &QPushButton::clicked, this, [this] {
        const QString folder
            = QFileDialog::getExistingDirectory(this, tr("Save Derained Images In"));
        if (!folder.isEmpty())
            setOutputFolder(folder);
    });
    auto *addFiles = new QPushButton(tr("Add images…"), this);
    connect(addFiles, &QPushButton::clicked, this, [this] {
        addInputs(QFileDialog::getOpenFileNames(this, tr("Add Images"), QString(),
            tr("Images (%1)").arg(core::imageNameFilters().join(QLatin1Char(' ')))));
    });
    auto *addFolder = new QPushButton(tr("Add folder…"), this);
    connect(addFolder, &QPushButton::clicked, this, [this] {
        const QString folder
            = QFileDialog::getExistingDirectory(this, tr("Add a Folder of Images"));
        if (!folder.isEmpty())
            addInputs({ folder });
    });
    auto *clear = new QPushButton(tr("Clear done"), this);
    connect(clear, &QPushButton::clicked, this, [this] {
        for (int i = m_list->topLevelItemCount() - 1; i >= 0; --i)
            if (const QString state = m_list->topLevelItem(i)->data(Status, kStateRole).toString();
                state != QLatin1String("pending") && state != QLatin1String("running"))
                delete m_list->takeTopLevelItem(i);
        updateButtons();
    });
    connect(m_start, &QPushButton::clicked, this, &DerainQueue::start);
    connect(m_cancelButton, &QPushButton::clicked, this, &DerainQueue::cancel);
    auto *sources = new QHBoxLayout;
    sources->addWidget(chooseCheckpoint);
    sources->addWidget(m_model, 1);
    auto *targets = new QHBoxLayout;
    targets->addWidget(chooseOut);
    targets->addWidget(m_outLabel, 1);
    targets->addWidget(m_saveRain);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(addFiles);
    buttons->addWidget(addFolder);
    buttons->addWidget(clear);
    buttons->addStretch(1);
    buttons->addWidget(m_start);
    buttons->addWidget(m_cancelButton);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(sources);
    layout->addLayout(targets);
    layout->addWidget(m_list, 1);
    layout->addLayout(buttons);
    layout->addWidget(m_summary);
    m_summary->setText(tr("Drop images or folders here, choose a model and an output folder."));
    updateButtons();
}

DerainQueue::~DerainQueue()
{
    if (m_cancel)
        *m_cancel = true;
    if (m_watcher)
        m_watcher->waitForFinished(); // one tile at most: the job checks between tiles
}

void DerainQueue::setStarterModels(const QVector<core::StarterModel> &models)
{
    for (int i = m_model->count() - 1; i >= 0; --i)
        if (m_model->itemData(i, kStarterRole).toBool())
            m_model->removeItem(i);
    for (const core::StarterModel &model : models) {
        m_model->addItem(tr("%1 — demo model, trained on synthetic rain over twelve photographs")
                             .arg(model.name),
            model.path);
        m_model->setItemData(m_model->count() - 1, true, kStarterRole);
    }
    if (m_model->currentIndex() < 0 && m_model->count() > 0)
        m_model->setCurrentIndex(0);
    updateButtons();
}

void DerainQueue::setCheckpoint(const QString &checkpoint)
{
    int index = m_model->findData(checkpoint);
    if (index < 0) {
        // The user's checkpoints come first, newest on top.
        m_model->insertItem(0, QDir::toNativeSeparators(checkpoint), checkpoint);
        index = 0;
    }
    m_model->setCurrentIndex(index);
    updateButtons();
}

QString DerainQueue::checkpoint() const
{
    return m_model->currentData().toString();
}

QString DerainQueue::modelLabel() const
{
    return m_model->currentText();
}

void DerainQueue::setOutputFolder(const QString &folder)
{
    m_outFolder = folder;
    m_outLabel->setText(QDir::toNativeSeparators(folder));
    updateButtons();
}

void DerainQueue::setSaveRain(bool on)
{
    m_saveRain->setChecked(on);
}

void DerainQueue::setExisting(Existing policy)
{
    m_existing = policy;
}

void DerainQueue::addInputs(const QStringList &filesOrFolders)
{
    for (const QString &input : filesOrFolders) {
        QStringList files;
        const QString root
            = QFileInfo(input).isDir() ? QFileInfo(input).absoluteFilePath() : QString();
        if (!root.isEmpty()) {
            QDirIterator it(
                input, core::imageNameFilters(), QDir::Files, QDirIterator::Subdirectories);
            while (it.hasNext())
                files << it.next();
            files.sort();
        } else if (!input.isEmpty()) {
            files << input;
        }
        for (const QString &file : std::as_const(files)) {
            auto *item = new QTreeWidgetItem(m_list);
            item->setText(Image, QFileInfo(file).absoluteFilePath());
            item->setText(Status, tr("pending"));
            item->setData(Status, kStateRole, QStringLiteral("pending"));
            item->setData(Image, kRootRole, root);
        }
    }
    m_list->resizeColumnToContents(Image);
    updateButtons();
}

QString DerainQueue::outputFor(const QTreeWidgetItem *item) const
{
    // As the job names it: the path below the folder the image was added with is kept, so
    // same-named images of different sub-folders do not meet.
    const QString input = item->text(Image);
    const QString root = item->data(Image, kRootRole).toString();
    const QString sub
        = root.isEmpty() ? QString() : QFileInfo(QDir(root).relativeFilePath(input)).path();
    return QDir::cleanPath(QDir(m_outFolder)
                               .filePath(sub + QLatin1Char('/')
                                   + QFileInfo(input).completeBaseName() + QStringLiteral(".png")));
}

void DerainQueue::start()
{
    if (m_running || checkpoint().isEmpty() || m_outFolder.isEmpty())
        return;
    int existing = 0;
    for (int i = 0; i < m_list->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_list->topLevelItem(i);
        if (item->data(Status, kStateRole).toString() == QLatin1String("pending")
            && QFileInfo::exists(outputFor(item)))
            ++existing;
    }
    Existing policy = m_existing;
    if (existing > 0 && policy == Existing::Ask) {
        QMessageBox box(QMessageBox::Question, tr("Derain"),
            tr("%n derained image(s) already exist in %1.", nullptr, existing)
                .arg(QDir::toNativeSeparators(m_outFolder)),
            QMessageBox::NoButton, this);
        QPushButton *skip = box.addButton(tr("Skip them"), QMessageBox::AcceptRole);
        QPushButton *overwrite = box.addButton(tr("Overwrite"), QMessageBox::DestructiveRole);
        box.addButton(QMessageBox::Cancel);
        box.exec();
        if (box.clickedButton() == skip)
            policy = Existing::Skip;
        else if (box.clickedButton() == overwrite)
            policy = Existing::Overwrite;
        else
            return;
    }
    m_overwrite = policy == Existing::Overwrite;
    m_running = true;
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    updateButtons();
    runNext();
}

void DerainQueue::cancel()
{
    if (m_cancel)
        *m_cancel = true;
}

void DerainQueue::runNext()
{
    QTreeWidgetItem *item = nullptr;
    for (int i = 0; i < m_list->topLevelItemCount() && !item; ++i)
        if (m_list->topLevelItem(i)->data(Status, kStateRole).toString()
            == QLatin1String("pending"))
            item = m_list->topLevelItem(i);
    if (!item || *m_cancel) {
        m_running = false;
        updateButtons();
        Q_EMIT queueFinished();
        return;
    }
    item->setText(Status, tr("running"));
    item->setData(Status, kStateRole, QStringLiteral("running"));
    core::DerainRequest request;
    request.checkpoint = checkpoint();
    request.inputs = { item->text(Image) };
    request.relativeTo = item->data(Image, kRootRole).toString();
    request.outFolder = m_outFolder;
    request.saveRain = m_saveRain->isChecked();
    request.overwrite = m_overwrite;
    request.skipExisting = !m_overwrite;
    // Progress crosses to the GUI thread as queued calls; the item is looked up again there, so
    // a cleared list is never touched.
    const QPointer<DerainQueue> self(this);
    const QString input = item->text(Image);
    const std::shared_ptr<std::atomic<bool>> cancel = m_cancel;
    request.progress = [self, input, cancel](qint64 done, qint64 total) {
        QMetaObject::invokeMethod(
            self.data(),
            [self, input, done, total] {
                if (!self)
                    return;
                for (int i = 0; i < self->m_list->topLevelItemCount(); ++i) {
                    QTreeWidgetItem *row = self->m_list->topLevelItem(i);
                    if (row->text(Image) == input
                        && row->data(Status, kStateRole).toString() == QLatin1String("running"))
                        row->setText(Progress, tr("%1 / %2 tiles").arg(done).arg(total));
                }
            },
            Qt::QueuedConnection);
        return !*cancel;
    };
    m_watcher = new QFutureWatcher<core::DerainReport>(this);
    connect(m_watcher, &QFutureWatcher<core::DerainReport>::finished, this, [this, item] {
        const core::DerainReport report = m_watcher->result();
        m_watcher->deleteLater();
        m_watcher = nullptr;
        finishItem(item, report);
        runNext();
    });
    m_watcher->setFuture(QtConcurrent::run([request] { return core::derainImages(request); }));
}

void DerainQueue::finishItem(QTreeWidgetItem *item, const core::DerainReport &report)
{
    // The state role keeps an untranslated key; the text shows it in the user's language.
    QString state = QStringLiteral("done");
    QString shown = tr("done");
    if (report.cancelled) {
        // A cancelled image goes back to the queue: Derain again continues with it.
        state = QStringLiteral("pending");
        shown = tr("cancelled (pending)");
    } else if (!report.error.isEmpty() || !report.problems.isEmpty()) {
        state = QStringLiteral("failed");
        shown = tr("failed: %1")
                    .arg(report.error.isEmpty() ? report.problems.join(QStringLiteral("; "))
                                                : report.error);
    } else if (!report.skipped.isEmpty()) {
        state = QStringLiteral("skipped");
        shown = tr("skipped (exists)");
    }
    item->setData(Status, kStateRole, state);
    item->setText(Status, shown);
    if (!report.files.isEmpty()) {
        item->setData(Status, kOutputRole, report.files.front().outputs.value(0));
        const core::DerainedFile &file = report.files.front();
        QString tiles = file.tileSize > 0
            ? tr("%1 tiles of %2 px").arg(file.tiles).arg(file.tileSize)
            : tr("whole image");
        if (file.retries > 0)
            tiles += tr(
                " (smaller tiles after running out of memory %n time(s))", nullptr, file.retries);
        item->setText(Progress, tiles);
        item->setText(Time, tr("%1 s").arg(report.files.front().seconds, 0, 'f', 1));
    }
    int done = 0;
    for (int i = 0; i < m_list->topLevelItemCount(); ++i)
        done += m_list->topLevelItem(i)->data(Status, kStateRole).toString()
            != QLatin1String("pending");
    m_summary->setText(tr("%1 of %2 images handled").arg(done).arg(m_list->topLevelItemCount()));
}

void DerainQueue::updateButtons()
{
    m_start->setEnabled(!m_running && !checkpoint().isEmpty() && !m_outFolder.isEmpty()
        && m_list->topLevelItemCount() > 0);
    m_cancelButton->setEnabled(m_running);
}

int DerainQueue::count() const
{
    return m_list->topLevelItemCount();
}

QString DerainQueue::status(int row) const
{
    QTreeWidgetItem *item = m_list->topLevelItem(row);
    return item ? item->data(Status, kStateRole).toString() : QString();
}

QString DerainQueue::output(int row) const
{
    QTreeWidgetItem *item = m_list->topLevelItem(row);
    return item ? item->data(Status, kOutputRole).toString() : QString();
}

void DerainQueue::dragEnterEvent(QDragEnterEvent *event)
{
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void DerainQueue::dropEvent(QDropEvent *event)
{
    QStringList paths;
    for (const QUrl &url : event->mimeData()->urls())
        if (url.isLocalFile())
            paths << url.toLocalFile();
    addInputs(paths);
    event->acceptProposedAction();
}

} // namespace pluvia::widgets
