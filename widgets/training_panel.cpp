// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/training_panel.h"

#include "core/catalogue/method_catalog.h"
#include "core/duration_text.h"
#include "core/training/training_runs.h"
#include "widgets/parameter_form.h"
#include "widgets/schedule_plot.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QVBoxLayout>

namespace pluvia::widgets {

TrainingPanel::TrainingPanel(core::TrainingRuns *runs, QWidget *parent)
    : QWidget(parent)
    , m_runs(runs)
    , m_activeChoice(new QComboBox(this))
    , m_method(new QComboBox(this))
    , m_paper(new QLabel(this))
    , m_roles(new QFormLayout)
    , m_form(new ParameterForm(this))
    , m_schedule(new SchedulePlot(this))
    , m_steps(new QSpinBox(this))
    , m_seed(new QSpinBox(this))
    , m_start(new QPushButton(tr("Start"), this))
    , m_pause(new QPushButton(tr("Pause"), this))
    , m_stop(new QPushButton(tr("Stop"), this))
    , m_progress(new QProgressBar(this))
    , m_status(new QLabel(this))
{
    for (const core::MethodInfo &method : core::availableMethods())
        m_method->addItem(method.id, method.id);
    connect(m_method, &QComboBox::currentTextChanged, this,
        [this](const QString &id) { setMethod(id); });
    m_paper->setWordWrap(true);
    m_steps->setRange(0, 100000000);
    m_steps->setSpecialValueText(tr("the method's epochs"));
    m_steps->setToolTip(tr("Total training steps (0: the epochs the parameters give)"));
    m_seed->setRange(0, 1 << 30);
    m_start->setToolTip(tr("Start a new run with these settings"));
    m_pause->setToolTip(tr("Pause after the current step (a checkpoint is written); press again "
                           "to resume"));
    m_stop->setToolTip(tr("Stop after the current step; the run stays resumable"));
    connect(m_start, &QPushButton::clicked, this, &TrainingPanel::start);
    connect(m_pause, &QPushButton::clicked, this, &TrainingPanel::togglePause);
    connect(m_stop, &QPushButton::clicked, this, &TrainingPanel::stop);
    connect(m_form, &ParameterForm::changed, this, &TrainingPanel::updateSchedule);
    connect(m_steps, &QSpinBox::valueChanged, this, &TrainingPanel::updateSchedule);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *top = new QFormLayout;
    top->addRow(tr("Method"), m_method);
    top->addRow(m_paper);
    auto *formScroll = new QScrollArea(this);
    formScroll->setWidgetResizable(true);
    formScroll->setWidget(m_form);
    auto *run = new QFormLayout;
    run->addRow(tr("Steps"), m_steps);
    run->addRow(tr("Seed"), m_seed);
    m_activeChoice->setToolTip(tr("The runs training now; Pause, Resume and Stop act on this one"));
    connect(m_activeChoice, &QComboBox::currentIndexChanged, this, [this] {
        showRun(chosenRun());
        updateButtons();
    });
    connectRuns();
    run->addRow(tr("Active run"), m_activeChoice);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_start);
    buttons->addWidget(m_pause);
    buttons->addWidget(m_stop);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addLayout(m_roles);
    layout->addWidget(formScroll, 1);
    layout->addWidget(m_schedule);
    layout->addLayout(run);
    layout->addLayout(buttons);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);
    m_progress->setTextVisible(true);
    if (m_method->count() > 0)
        setMethod(m_method->currentText());
    updateButtons();
}

TrainingPanel::~TrainingPanel() = default; // the runs are the registry's

void TrainingPanel::setWorkspace(const QString &folder, const QVector<core::DatasetEntry> &datasets)
{
    m_workspace = folder;
    m_datasets = datasets;
    rebuildRoles();
    updateButtons();
}

bool TrainingPanel::setMethod(const QString &id)
{
    const std::optional<core::MethodInfo> info = core::findMethodInfo(id);
    if (!info)
        return false;
    if (m_method->currentText() != id) {
        const QSignalBlocker block(m_method);
        m_method->setCurrentText(id);
    }
    m_paper->setText(tr("%1\n%2").arg(info->name, info->paper));
    m_paper->setToolTip(info->summary);
    m_form->setMethod(*info);
    rebuildRoles();
    updateButtons();
    updateSchedule();
    return true;
}

void TrainingPanel::updateSchedule()
{
    if (m_form->isValid())
        m_schedule->showSchedule(
            m_method->currentText(), m_form->preset(), m_form->overrides(), m_steps->value());
}

void TrainingPanel::rebuildRoles()
{
    while (m_roles->rowCount() > 0)
        m_roles->removeRow(0);
    m_roleBoxes.clear();
    const std::optional<core::MethodInfo> info = core::findMethodInfo(m_method->currentText());
    if (!info)
        return;
    for (const core::MethodRoleInfo &role : info->roles) {
        auto *box = new QComboBox(this);
        if (!role.required)
            box->addItem(role.fallbackRole.isEmpty()
                    ? tr("(none)")
                    : tr("(the clean images of %1)").arg(role.fallbackRole),
                QString());
        // Only datasets of the kind and content the role reads.
        for (const core::DatasetEntry &entry : std::as_const(m_datasets))
            if (entry.kind == role.kind && entry.content == role.content)
                box->addItem(entry.name, entry.path);
        box->setToolTip(role.help);
        connect(box, &QComboBox::currentIndexChanged, this, &TrainingPanel::updateButtons);
        m_roles->addRow(role.name, box);
        m_roleBoxes.insert(role.name, box);
    }
}

QStringList TrainingPanel::offeredDatasets(const QString &role) const
{
    QStringList names;
    if (const QComboBox *box = m_roleBoxes.value(role))
        for (int i = 0; i < box->count(); ++i)
            if (!box->itemData(i).toString().isEmpty())
                names << box->itemText(i);
    return names;
}

bool TrainingPanel::setRoleDataset(const QString &role, const QString &dataset)
{
    QComboBox *box = m_roleBoxes.value(role);
    const int index = box ? box->findText(dataset) : -1;
    if (index < 0)
        return false;
    box->setCurrentIndex(index);
    return true;
}

void TrainingPanel::setSteps(int steps)
{
    m_steps->setValue(steps);
}

void TrainingPanel::start()
{
    if (!canStart())
        return;
    core::RunRequest request;
    request.workspace = m_workspace;
    request.method = m_method->currentText();
    request.preset = m_form->preset();
    request.overrides = m_form->overrides();
    for (auto it = m_roleBoxes.cbegin(); it != m_roleBoxes.cend(); ++it)
        if (const QString path = it.value()->currentData().toString(); !path.isEmpty())
            request.data.insert(it.key(), path);
    request.seed = quint64(m_seed->value());
    request.engine.steps = m_steps->value();
    request.engine.previewEvery = 50;
    m_runs->start(request);
}

bool TrainingPanel::resumeRun(const QString &runId)
{
    if (m_workspace.isEmpty() || runId.isEmpty())
        return false;
    core::ResumeRequest request;
    request.workspace = m_workspace;
    request.runId = runId;
    return m_runs->resumeStored(request) != 0;
}

int TrainingPanel::choiceOf(quint64 handle) const
{
    return m_activeChoice->findData(QVariant::fromValue(handle));
}

void TrainingPanel::connectRuns()
{
    // Every active run is offered under "Active run"; a new one becomes the chosen one.
    for (const core::ActiveRun &run : m_runs->active())
        m_activeChoice->addItem(
            run.runId.isEmpty() ? tr("starting…") : run.runId, QVariant::fromValue(run.handle));
    connect(m_runs, &core::TrainingRuns::runAdded, this, [this](quint64 handle) {
        m_activeChoice->addItem(tr("starting…"), QVariant::fromValue(handle));
        m_activeChoice->setCurrentIndex(m_activeChoice->count() - 1);
        m_status->setText(tr("starting…"));
        updateButtons();
    });
    connect(m_runs, &core::TrainingRuns::runCreated, this,
        [this](quint64 handle, const QString &runId) {
            if (const int index = choiceOf(handle); index >= 0)
                m_activeChoice->setItemText(index, runId);
        });
    connect(m_runs, &core::TrainingRuns::stepCompleted, this,
        [this](quint64 handle, const core::StepEvent &) {
            if (handle == chosenRun())
                showRun(handle);
        });
    connect(m_runs, &core::TrainingRuns::statusChanged, this,
        [this](quint64 handle, core::RunStatus status) {
            if (handle == chosenRun())
                if (const core::ActiveRun *run = m_runs->find(handle)) {
                    QString text = tr("run %1: %2").arg(run->runId, core::runStatusName(status));
                    // A pause for an error (a full disk, a NaN loss) says why.
                    if (status == core::RunStatus::Paused && !run->lastError.isEmpty())
                        text += QStringLiteral(" — ") + run->lastError;
                    m_status->setText(text);
                }
            updateButtons();
        });
    connect(m_runs, &core::TrainingRuns::runFinished, this,
        [this](core::RunStatus status, quint64 handle, const QString &runId,
            const QString &lastError) {
            QString text = tr("run %1 ended: %2").arg(runId, core::runStatusName(status));
            if (status != core::RunStatus::Finished && !lastError.isEmpty())
                text += QStringLiteral(" — ") + lastError;
            m_activeChoice->removeItem(choiceOf(handle));
            // The ended run's outcome stays on the status line until another run reports.
            m_status->setText(text);
            updateButtons();
        });
}

QString TrainingPanel::runProgressText(const core::StepEvent &event)
{
    return tr("%1 · %2 · %3 images/s · ETA %4")
        .arg(event.runId, event.stage)
        .arg(event.imagesPerSecond, 0, 'f', 1)
        .arg(core::durationText(event.etaSeconds));
}

quint64 TrainingPanel::chosenRun() const
{
    return m_activeChoice->currentData().value<quint64>();
}

void TrainingPanel::showRun(quint64 handle)
{
    const core::ActiveRun *run = m_runs->find(handle);
    if (!run)
        return;
    const qint64 step = run->lastStep.step, total = run->lastStep.totalSteps;
    m_progress->setMaximum(int(std::min<qint64>(std::max<qint64>(total, 1), 1 << 30)));
    m_progress->setValue(int(std::min<qint64>(step, 1 << 30)));
    m_progress->setFormat(tr("step %1 of %2").arg(step).arg(total));
    m_status->setText(step > 0 ? runProgressText(run->lastStep) : tr("starting…"));
}

void TrainingPanel::pause()
{
    m_runs->pause(chosenRun());
}

void TrainingPanel::resume()
{
    m_runs->resume(chosenRun());
}

void TrainingPanel::togglePause()
{
    const core::ActiveRun *run = m_runs->find(chosenRun());
    if (run && run->status == core::RunStatus::Paused)
        resume();
    else
        pause();
}

bool TrainingPanel::canStart() const
{
    return m_start->isEnabled();
}

void TrainingPanel::stop()
{
    m_runs->stop(chosenRun());
}

QString TrainingPanel::runId() const
{
    const core::ActiveRun *run = m_runs->find(chosenRun());
    return run ? run->runId : QString();
}

QString TrainingPanel::progressText() const
{
    return m_status->text();
}

void TrainingPanel::updateButtons()
{
    bool rolesReady = !m_workspace.isEmpty();
    const std::optional<core::MethodInfo> info = core::findMethodInfo(m_method->currentText());
    if (info)
        for (const core::MethodRoleInfo &role : info->roles)
            if (role.required && m_roleBoxes.value(role.name)
                && m_roleBoxes.value(role.name)->currentData().toString().isEmpty())
                rolesReady = false;
    m_start->setEnabled(rolesReady && m_form->isValid());
    const core::ActiveRun *run = m_runs->find(chosenRun());
    m_pause->setEnabled(run != nullptr);
    m_pause->setText(run && run->status == core::RunStatus::Paused ? tr("Resume") : tr("Pause"));
    m_stop->setEnabled(run != nullptr);
    m_activeChoice->setEnabled(!m_runs->isEmpty());
}

} // namespace pluvia::widgets
