// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/derain_queue.h"

#include "core/data/derain_outputs.h"
#include "core/duration_text.h"
#include "core/image/image_info.h"
#include "core/inference/temporal_baseline.h"
#include "core/jobs/job.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
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

namespace pluvia::widgets {

namespace {

enum Column { Image, Status, Progress, Time, Niqe };
constexpr int kOutputRole = Qt::UserRole + 1;
constexpr int kStateRole = Qt::UserRole + 2;
constexpr int kRelativeRole = Qt::UserRole + 3; // its output path below the output folder
constexpr int kStarterRole = Qt::UserRole + 4; // a model choice that is a starter model
constexpr int kSceneRole = Qt::UserRole + 5; // a frame's scene (index into m_scenes), or -1
constexpr int kBaselineRole = Qt::UserRole + 6; // a model choice that is a temporal baseline

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
    m_list->setHeaderLabels(
        { tr("Image"), tr("Status"), tr("Progress"), tr("Time"), tr("NIQE (lower is better)") });
    m_list->headerItem()->setToolTip(Niqe,
        tr("NIQE (Mittal et al. 2013): a no-reference quality score, rainy input → derained "
           "image. Lower is better; it needs no ground truth, so it also scores real rain."));
    m_list->setRootIsDecorated(false);
    m_list->setSelectionMode(QAbstractItemView::ExtendedSelection);
    connect(m_list, &QTreeWidget::itemDoubleClicked, this, [this](QTreeWidgetItem *item) {
        if (!checkpoint().isEmpty())
            Q_EMIT imageActivated(checkpoint(), item->text(Image));
    });
    m_model->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_model->setMinimumContentsLength(24);
    m_model->setPlaceholderText(tr("no checkpoint"));
    for (const QString &baseline : core::temporalBaselineNames()) {
        m_model->addItem(
            tr("%1 of each scene (baseline, time-lapse only)").arg(baseline), QString());
        m_model->setItemData(m_model->count() - 1, baseline, kBaselineRole);
    }
    m_model->setCurrentIndex(-1);
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
    auto *addSequenceButton = new QPushButton(tr("Add time-lapse…"), this);
    addSequenceButton->setToolTip(tr("Every frame of a time-lapse dataset, written as "
                                     "<output>/<scene>/<frame>.png"));
    connect(addSequenceButton, &QPushButton::clicked, this, [this] {
        const QString folder
            = QFileDialog::getExistingDirectory(this, tr("Add a Time-Lapse Dataset"));
        if (!folder.isEmpty())
            addSequenceFolder(folder);
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
    buttons->addWidget(addSequenceButton);
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

DerainQueue::~DerainQueue() = default; // the job, a child, is cancelled with it

void DerainQueue::setStarterModels(const QVector<core::StarterModel> &models)
{
    for (int i = m_model->count() - 1; i >= 0; --i)
        if (m_model->itemData(i, kStarterRole).toBool())
            m_model->removeItem(i);
    // Checkpoints first, then the starter models, the baselines last.
    int at = 0;
    while (at < m_model->count() && m_model->itemData(at, kBaselineRole).toString().isEmpty())
        ++at;
    const int firstStarter = at;
    for (const core::StarterModel &model : models) {
        m_model->insertItem(at,
            model.label().isEmpty()
                ? model.name
                : tr("%1 — %2", "a starter model: its name, then its card's label")
                      .arg(model.name, model.label()),
            model.path);
        m_model->setItemData(at++, true, kStarterRole);
    }
    if (m_model->currentIndex() < 0 && !models.isEmpty())
        m_model->setCurrentIndex(firstStarter);
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

void DerainQueue::addSequence(const core::Dataset &timeLapse)
{
    const QVector<core::DerainTarget> targets = core::sequenceTargets(timeLapse);
    qsizetype next = 0; // targets are the scenes' frames in order
    for (const core::DatasetScene &scene : timeLapse.scenes) {
        m_scenes.append(scene);
        for (qsizetype f = 0; f < scene.frames.size(); ++f, ++next) {
            auto *item = new QTreeWidgetItem(m_list);
            item->setText(Image, targets[next].input);
            item->setText(Status, tr("pending"));
            item->setData(Status, kStateRole, QStringLiteral("pending"));
            item->setData(Image, kRelativeRole, targets[next].relative);
            item->setData(Image, kSceneRole, int(m_scenes.size() - 1));
        }
    }
    m_list->resizeColumnToContents(Image);
    updateButtons();
}

void DerainQueue::addSequenceFolder(const QString &folder)
{
    m_summary->setText(tr("Reading %1 …").arg(QDir::toNativeSeparators(folder)));
    core::startTask(
        this,
        [folder](core::JobContext &context) {
            core::InspectOptions options;
            options.kind = core::DatasetKind::TimeLapse;
            return core::inspectDataset(folder, options, context.progressCallback());
        },
        [this, folder](const core::TaskJob<core::DatasetInspection> &job) {
            const core::DatasetInspection &inspection = job.result();
            if (!inspection.ok() || inspection.dataset.scenes.isEmpty()) {
                m_summary->setText(
                    tr("Cannot add %1: %2")
                        .arg(QDir::toNativeSeparators(folder),
                            inspection.ok() ? tr("no scene with frames") : inspection.error));
                return;
            }
            addSequence(inspection.dataset);
            m_summary->setText(tr("%n frame(s) of %1 queued", nullptr, inspection.frameCount())
                                   .arg(QDir::toNativeSeparators(folder)));
            Q_EMIT sequenceAdded(int(inspection.frameCount()));
        });
}

bool DerainQueue::chooseBaseline(const QString &name)
{
    for (int i = 0; i < m_model->count(); ++i)
        if (m_model->itemData(i, kBaselineRole).toString() == name) {
            m_model->setCurrentIndex(i);
            return true;
        }
    return false;
}

bool DerainQueue::hasModel() const
{
    return !checkpoint().isEmpty() || !m_model->currentData(kBaselineRole).toString().isEmpty();
}

core::Dataset DerainQueue::pendingScenes()
{
    core::Dataset dataset; // its frames' outputs come as the request's targets: no root needed
    dataset.kind = core::DatasetKind::TimeLapse;
    QVector<int> scenes;
    for (int i = 0; i < m_list->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_list->topLevelItem(i);
        if (item->data(Status, kStateRole).toString() != QLatin1String("pending"))
            continue;
        const QVariant scene = item->data(Image, kSceneRole);
        if (!scene.isValid()) {
            core::DerainFileResult result;
            result.input = item->text(Image);
            result.state = core::DerainFileResult::State::Failed;
            result.problem = tr("a temporal baseline derains the frames of a time-lapse scene, "
                                "not single images");
            finishItem(result);
        } else if (!scenes.contains(scene.toInt())) {
            scenes.append(scene.toInt());
        }
    }
    std::sort(scenes.begin(), scenes.end());
    for (const int scene : std::as_const(scenes))
        dataset.scenes.append(m_scenes[scene]);
    return dataset;
}

void DerainQueue::addInputs(const QStringList &filesOrFolders)
{
    // Folders keep their images' paths below them in the outputs (derain_outputs.h), so that
    // same-named images of different sub-folders do not meet.
    const QVector<core::DerainTarget> targets = core::derainTargets(filesOrFolders, {}, nullptr);
    for (const core::DerainTarget &target : targets) {
        auto *item = new QTreeWidgetItem(m_list);
        item->setText(Image, target.input);
        item->setText(Status, tr("pending"));
        item->setData(Status, kStateRole, QStringLiteral("pending"));
        item->setData(Image, kRelativeRole, target.relative);
    }
    m_list->resizeColumnToContents(Image);
    updateButtons();
}

core::DerainTarget DerainQueue::targetOf(const QTreeWidgetItem *item)
{
    return { item->text(Image), item->data(Image, kRelativeRole).toString() };
}

void DerainQueue::start()
{
    if (m_running || !hasModel() || m_outFolder.isEmpty())
        return;
    int existing = 0;
    for (int i = 0; i < m_list->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_list->topLevelItem(i);
        if (item->data(Status, kStateRole).toString() == QLatin1String("pending")
            && QFileInfo::exists(core::derainOutputPath(m_outFolder, targetOf(item))))
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
    updateButtons();

    // One job for every pending image, through the derainer this queue keeps (loaded once per
    // checkpoint); each image's outcome comes back as soon as it is known.
    core::DerainRequest request;
    request.checkpoint = checkpoint();
    request.outFolder = m_outFolder;
    request.saveRain = m_saveRain->isChecked();
    request.niqe = true;
    request.overwrite = m_overwrite;
    request.skipExisting = !m_overwrite;
    const std::optional<core::TemporalBaseline> baseline
        = core::temporalBaselineNamed(m_model->currentData(kBaselineRole).toString());
    // A baseline derains whole scenes: the single images queued fail at once.
    const core::Dataset scenes = baseline ? pendingScenes() : core::Dataset {};
    if (baseline && scenes.scenes.isEmpty()) {
        m_running = false;
        updateButtons();
        m_summary->setText(tr("Nothing for the baseline to derain: it takes time-lapse frames"));
        Q_EMIT queueFinished();
        return;
    }
    for (int i = 0; i < m_list->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_list->topLevelItem(i);
        if (item->data(Status, kStateRole).toString() == QLatin1String("pending"))
            request.targets << targetOf(item);
    }
    auto *job = new core::TaskJob<core::DerainReport>(
        ++m_requests,
        [request, baseline, scenes, derainers = m_derainers](core::JobContext &context) mutable {
            request.progress = context.progressCallback();
            request.fileFinished = [&context](const core::DerainFileResult &result) {
                context.publish(QVariant::fromValue(result));
            };
            if (baseline)
                return core::derainSequenceWithBaseline(scenes, *baseline, request);
            core::DerainReport report;
            const std::shared_ptr<core::Derainer> derainer
                = derainers->get(request.checkpoint, request.device, &report.error);
            if (!derainer)
                return report;
            report = derainer->derain(request);
            return report;
        },
        this);
    m_job = job;
    connect(job, &core::Job::resultPublished, this, [this](quint64, const QVariant &partial) {
        finishItem(partial.value<core::DerainFileResult>());
    });
    connect(job, &core::Job::progressChanged, this,
        [this, byScene = baseline.has_value()](const core::JobProgress &progress) {
            const QString left = progress.etaSeconds >= 0 ? core::durationText(progress.etaSeconds)
                                                          : tr("time unknown");
            m_summary->setText(byScene ? tr("%1 of %2 scenes, %3 left")
                                             .arg(progress.done)
                                             .arg(progress.total)
                                             .arg(left)
                                       : tr("%1 of %2 tiles, %3 left")
                                             .arg(progress.done)
                                             .arg(progress.total)
                                             .arg(left));
        });
    connect(job, &core::Job::finished, this, [this, job] {
        finishQueue(job->result());
        job->deleteLater();
        m_job = nullptr;
    });
    markRunning();
    job->start();
}

void DerainQueue::cancel()
{
    if (m_job)
        m_job->cancel();
}

QTreeWidgetItem *DerainQueue::itemFor(const QString &input, const QString &state) const
{
    for (int i = 0; i < m_list->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_list->topLevelItem(i);
        if (item->text(Image) == input && item->data(Status, kStateRole).toString() == state)
            return item;
    }
    return nullptr;
}

void DerainQueue::markRunning()
{
    // The images are derained in the queue's order: the first one still queued is in flight.
    for (int i = 0; i < m_list->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_list->topLevelItem(i);
        const QString state = item->data(Status, kStateRole).toString();
        if (state == QLatin1String("running"))
            return;
        if (state == QLatin1String("pending")) {
            item->setText(Status, tr("running"));
            item->setData(Status, kStateRole, QStringLiteral("running"));
            return;
        }
    }
}

void DerainQueue::finishQueue(const core::DerainReport &report)
{
    // What no image reported: a checkpoint that cannot be read fails every image in flight or
    // waiting; a cancelled queue leaves them pending.
    for (int i = 0; i < m_list->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_list->topLevelItem(i);
        if (item->data(Status, kStateRole).toString() != QLatin1String("running"))
            continue;
        core::DerainFileResult result;
        result.input = item->text(Image);
        result.state = report.error.isEmpty() ? core::DerainFileResult::State::Cancelled
                                              : core::DerainFileResult::State::Failed;
        result.problem = report.error;
        finishItem(result);
    }
    m_running = false;
    updateButtons();
    Q_EMIT queueFinished();
}

void DerainQueue::finishItem(const core::DerainFileResult &result)
{
    QTreeWidgetItem *item = itemFor(result.input, QStringLiteral("running"));
    if (!item)
        item = itemFor(result.input, QStringLiteral("pending"));
    if (!item)
        return; // cleared meanwhile
    // The state role keeps an untranslated key; the text shows it in the user's language.
    using State = core::DerainFileResult::State;
    QString state = QStringLiteral("done");
    QString shown = tr("done");
    if (result.state == State::Cancelled) {
        // A cancelled image goes back to the queue: Derain again continues with it.
        state = QStringLiteral("pending");
        shown = tr("cancelled (pending)");
    } else if (result.state == State::Failed) {
        state = QStringLiteral("failed");
        shown = tr("failed: %1").arg(result.problem);
    } else if (result.state == State::Skipped) {
        state = QStringLiteral("skipped");
        shown = tr("skipped (exists)");
    }
    item->setData(Status, kStateRole, state);
    item->setText(Status, shown);
    if (result.state == State::Done) {
        const core::DerainedFile &file = result.file;
        item->setData(Status, kOutputRole, file.outputs.value(0));
        QString tiles = file.tileSize > 0
            ? tr("%1 tiles of %2 px").arg(file.tiles).arg(file.tileSize)
            : tr("whole image");
        if (file.retries > 0)
            tiles += tr(
                " (smaller tiles after running out of memory %n time(s))", nullptr, file.retries);
        item->setText(Progress, tiles);
        item->setText(Time, tr("%1 s").arg(file.seconds, 0, 'f', 1));
        if (file.niqeProblem.isEmpty()) {
            item->setText(Niqe,
                QStringLiteral("%1 → %2")
                    .arg(file.niqeInput, 0, 'f', 2)
                    .arg(file.niqeOutput, 0, 'f', 2));
            item->setToolTip(Niqe,
                tr("NIQE of the rainy input %1, of the derained image %2 (lower is better)")
                    .arg(file.niqeInput, 0, 'f', 3)
                    .arg(file.niqeOutput, 0, 'f', 3));
        } else {
            item->setText(Niqe, QStringLiteral("–"));
            item->setToolTip(Niqe, QDir::toNativeSeparators(file.niqeProblem));
        }
    }
    if (m_job && result.state != State::Cancelled)
        markRunning();
    int done = 0;
    for (int i = 0; i < m_list->topLevelItemCount(); ++i)
        done += m_list->topLevelItem(i)->data(Status, kStateRole).toString()
                != QLatin1String("pending")
            && m_list->topLevelItem(i)->data(Status, kStateRole).toString()
                != QLatin1String("running");
    m_summary->setText(tr("%1 of %2 images handled").arg(done).arg(m_list->topLevelItemCount()));
}

void DerainQueue::updateButtons()
{
    m_start->setEnabled(
        !m_running && hasModel() && !m_outFolder.isEmpty() && m_list->topLevelItemCount() > 0);
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

QString DerainQueue::niqe(int row) const
{
    QTreeWidgetItem *item = m_list->topLevelItem(row);
    return item ? item->text(Niqe) : QString();
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
