// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/temporal_consistency_view.h"

#include "core/jobs/job.h"
#include "core/metrics/metric_options.h"
#include "widgets/frame_score_plot.h"
#include "widgets/layer_viewer.h"

#include <QComboBox>
#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSlider>
#include <QSplitter>
#include <QStyle>
#include <QTemporaryDir>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace pluvia::widgets {

namespace {

constexpr int kBaselineRole = Qt::UserRole + 1; // the baseline's name; "" for a model file
constexpr int kStarterRole = Qt::UserRole + 2;
constexpr int kPlaybackMs = 250;

} // namespace

TemporalConsistencyView::TemporalConsistencyView(QWidget *parent)
    : QWidget(parent)
    , m_scene(new QComboBox(this))
    , m_source(new QComboBox(this))
    , m_start(new QPushButton(tr("Derain Sequence"), this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
    , m_progress(new QProgressBar(this))
    , m_status(new QLabel(this))
    , m_frames(new LayerViewer(this))
    , m_slider(new QSlider(Qt::Horizontal, this))
    , m_play(new QToolButton(this))
    , m_frameLabel(new QLabel(this))
    , m_playback(new QTimer(this))
    , m_std(new LayerViewer(this))
    , m_consistency(new QLabel(this))
    , m_scores(new FrameScorePlot(this))
{
    m_scene->setToolTip(tr("A scene of the time-lapse dataset selected in the dataset list"));
    m_source->setToolTip(tr("The model that derains each frame on its own, or a temporal "
                            "baseline that gives every frame the same background"));
    m_source->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_source->setMinimumContentsLength(24);
    for (const QString &baseline : core::temporalBaselineNames()) {
        m_source->addItem(tr("%1 of all frames (baseline)").arg(baseline), QString());
        m_source->setItemData(m_source->count() - 1, baseline, kBaselineRole);
    }
    m_progress->setTextVisible(true);
    m_status->setWordWrap(true);
    m_play->setIcon(style()->standardIcon(QStyle::SP_MediaPlay));
    m_play->setCheckable(true);
    m_play->setToolTip(tr("Play the frames (Space)"));
    m_play->setShortcut(Qt::Key_Space);
    m_slider->setToolTip(tr("Frame (Left/Right step through them)"));
    m_slider->setPageStep(1);
    m_playback->setInterval(kPlaybackMs);
    m_consistency->setWordWrap(true);
    m_consistency->setToolTip(tr("The temporal standard deviation per pixel, averaged over the "
                                 "frame (of 255): a static scene's background does not change, so "
                                 "a method consistent over time lowers it"));

    auto *controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Scene:"), this));
    controls->addWidget(m_scene, 1);
    controls->addWidget(new QLabel(tr("Model:"), this));
    controls->addWidget(m_source, 2);
    controls->addWidget(m_start);
    controls->addWidget(m_cancel);
    auto *frameBar = new QHBoxLayout;
    frameBar->addWidget(m_play);
    frameBar->addWidget(m_slider, 1);
    frameBar->addWidget(m_frameLabel);
    auto *framePart = new QWidget(this);
    auto *frameLayout = new QVBoxLayout(framePart);
    frameLayout->setContentsMargins(0, 0, 0, 0);
    frameLayout->addWidget(m_frames, 1);
    frameLayout->addLayout(frameBar);
    auto *stdPart = new QWidget(this);
    auto *stdLayout = new QVBoxLayout(stdPart);
    stdLayout->setContentsMargins(0, 0, 0, 0);
    stdLayout->addWidget(m_std, 1);
    stdLayout->addWidget(m_consistency);
    auto *lower = new QSplitter(Qt::Horizontal, this);
    lower->addWidget(stdPart);
    lower->addWidget(m_scores);
    lower->setSizes({ 1000, 1000 }); // halves: the plot needs the width as much as the maps
    auto *parts = new QSplitter(Qt::Vertical, this);
    parts->addWidget(framePart);
    parts->addWidget(lower);
    parts->setStretchFactor(0, 3);
    parts->setStretchFactor(1, 2);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);
    layout->addWidget(parts, 1);

    connect(m_start, &QPushButton::clicked, this, &TemporalConsistencyView::start);
    connect(m_cancel, &QPushButton::clicked, this, &TemporalConsistencyView::cancel);
    connect(m_slider, &QSlider::valueChanged, this, &TemporalConsistencyView::showFrame);
    connect(m_play, &QToolButton::toggled, this, &TemporalConsistencyView::setPlaying);
    connect(m_playback, &QTimer::timeout, this,
        [this] { showFrame(frameCount() > 0 ? (currentFrame() + 1) % frameCount() : 0); });
    connect(m_scene, &QComboBox::currentIndexChanged, this, [this] { updateButtons(); });
    connect(m_source, &QComboBox::currentIndexChanged, this, [this] { updateButtons(); });
    showSequence({});
}

TemporalConsistencyView::~TemporalConsistencyView()
{
    cancel();
}

void TemporalConsistencyView::setScenes(
    const QString &dataset, const QVector<core::DatasetScene> &scenes)
{
    m_scenes = scenes;
    m_scene->clear();
    for (const core::DatasetScene &scene : scenes)
        m_scene->addItem(tr("%1 / %2 (%n frame(s))", nullptr, int(scene.frames.size()))
                             .arg(dataset, scene.name));
    if (scenes.isEmpty() && !isRunning())
        m_status->setText(tr("Select a time-lapse dataset in the dataset list to derain its "
                             "scenes frame by frame."));
    updateButtons();
}

void TemporalConsistencyView::setStarterModels(const QVector<core::StarterModel> &models)
{
    for (int i = m_source->count() - 1; i >= 0; --i)
        if (m_source->itemData(i, kStarterRole).toBool())
            m_source->removeItem(i);
    for (const core::StarterModel &model : models) {
        m_source->addItem(tr("%1 (starter model)").arg(model.name), model.path);
        m_source->setItemData(m_source->count() - 1, true, kStarterRole);
    }
    updateButtons();
}

void TemporalConsistencyView::setCheckpoint(const QString &checkpoint)
{
    if (!chooseSource(checkpoint)) {
        m_source->insertItem(0, QDir::toNativeSeparators(checkpoint), checkpoint);
        m_source->setCurrentIndex(0);
    }
}

void TemporalConsistencyView::chooseScene(int index)
{
    if (index >= 0 && index < m_scene->count())
        m_scene->setCurrentIndex(index);
}

bool TemporalConsistencyView::chooseSource(const QString &checkpointOrBaseline)
{
    for (int i = 0; i < m_source->count(); ++i)
        if (m_source->itemData(i).toString() == checkpointOrBaseline
            || m_source->itemData(i, kBaselineRole).toString() == checkpointOrBaseline) {
            m_source->setCurrentIndex(i);
            return true;
        }
    return false;
}

void TemporalConsistencyView::start()
{
    const int scene = m_scene->currentIndex();
    if (isRunning() || scene < 0 || scene >= m_scenes.size() || m_source->currentIndex() < 0)
        return;
    auto cache = std::make_shared<QTemporaryDir>();
    if (!cache->isValid()) {
        m_status->setText(tr("Cannot derain the scene: %1").arg(cache->errorString()));
        return;
    }
    core::SceneSequenceRequest request;
    request.scene = m_scenes[scene];
    request.cacheFolder = cache->path();
    request.baseline = core::temporalBaselineNamed(m_source->currentData(kBaselineRole).toString());
    const QString checkpoint = m_source->currentData().toString();
    auto *job = new core::TaskJob<core::SceneSequence>(
        0,
        [request, checkpoint, cache, derainers = m_derainers](core::JobContext &context) {
            if (request.baseline)
                return core::derainSceneSequence(request, nullptr, context.progressCallback());
            core::SceneSequence failed;
            const std::shared_ptr<core::Derainer> derainer
                = derainers->get(checkpoint, QStringLiteral("cpu"), &failed.error);
            if (!derainer)
                return failed;
            return core::derainSceneSequence(request, derainer.get(), context.progressCallback());
        },
        this);
    m_job = job;
    connect(job, &core::Job::progressChanged, this, [this](const core::JobProgress &progress) {
        m_progress->setRange(0, int(std::max<qint64>(progress.total, 1)));
        m_progress->setValue(int(progress.done));
        m_progress->setFormat(tr("frame %1 of %2").arg(progress.done).arg(progress.total));
        Q_EMIT frameProgress(progress.done, progress.total);
    });
    connect(job, &core::Job::finished, this, [this, job, cache] {
        core::SceneSequence sequence = job->result();
        if (job->outcome() == core::JobOutcome::Failed && sequence.error.isEmpty())
            sequence.error = job->errorText();
        job->deleteLater();
        m_job = nullptr;
        if (sequence.ok())
            m_cache = cache;
        finishSequence(sequence);
    });
    m_status->setText(
        tr("Deraining %1 with %2 …").arg(request.scene.name, m_source->currentText()));
    m_progress->setRange(0, int(request.scene.frames.size()));
    m_progress->setValue(0);
    m_progress->setFormat(tr("frame %v of %m"));
    job->start();
    updateButtons();
}

void TemporalConsistencyView::cancel()
{
    if (m_job)
        m_job->cancel();
}

void TemporalConsistencyView::finishSequence(const core::SceneSequence &sequence)
{
    if (!sequence.ok()) {
        m_status->setText(tr("Cannot derain the scene: %1").arg(sequence.error));
    } else {
        showSequence(sequence);
        m_status->setText(sequence.cancelled
                ? tr("%1: cancelled after %n frame(s)", nullptr, frameCount()).arg(sequence.scene)
                : tr("%1: %n frame(s) derained by %2", nullptr, frameCount())
                      .arg(sequence.scene, sequence.method));
    }
    updateButtons();
    Q_EMIT sequenceFinished();
}

void TemporalConsistencyView::showSequence(const core::SceneSequence &sequence)
{
    setPlaying(false);
    m_sequence = sequence;
    m_wantedFrame = -1;
    m_shownFrame = -1;
    const int count = frameCount();
    {
        const QSignalBlocker block(m_slider);
        m_slider->setRange(0, std::max(0, count - 1));
        m_slider->setValue(0);
    }
    m_slider->setEnabled(count > 1);
    m_play->setEnabled(count > 1);
    if (count == 0) {
        m_frames->clear();
        m_std->clear();
        m_scores->clear();
        m_consistency->clear();
        m_frameLabel->clear();
        return;
    }
    m_std->setPreview(sequence.stdMaps);
    m_consistency->setText(
        tr("Temporal std, mean over the frame: O %1, B %2 (of 255; lower is more consistent)")
            .arg(sequence.inputStd, 0, 'f', 2)
            .arg(sequence.outputStd, 0, 'f', 2));
    if (sequence.scores.isEmpty())
        m_scores->clear();
    else
        m_scores->setScores(sequence.scores, sequence.temporalMean, sequence.temporalMedian,
            core::psnrName({}), core::ssimName({}));
    showFrame(0);
}

void TemporalConsistencyView::showFrame(int index)
{
    if (frameCount() == 0)
        return;
    index = std::clamp(index, 0, frameCount() - 1);
    if (m_slider->value() != index) {
        const QSignalBlocker block(m_slider);
        m_slider->setValue(index);
    }
    const core::SequenceFrame &frame = m_sequence.frames[index];
    m_wantedFrame = index;
    core::startTask(
        this,
        [frame, cache = m_cache](core::JobContext &) { return core::sequenceFrameLayers(frame); },
        [this, index](const core::TaskJob<core::DecomposeResult> &job) {
            showFrameLayers(index, job.result());
        });
    QString text = tr("frame %1 of %2 (%3)")
                       .arg(index + 1)
                       .arg(frameCount())
                       .arg(QFileInfo(frame.sample).fileName());
    if (index < m_sequence.scores.size())
        text += tr(": %1 dB, SSIM %2")
                    .arg(m_sequence.scores[index].psnr, 0, 'f', 2)
                    .arg(m_sequence.scores[index].ssim, 0, 'f', 3);
    m_frameLabel->setText(text);
    m_scores->setCurrentFrame(index);
}

void TemporalConsistencyView::showFrameLayers(int index, const core::DecomposeResult &layers)
{
    if (index != m_wantedFrame || index >= frameCount())
        return; // the user has moved on
    if (!layers.ok()) {
        m_status->setText(tr("Cannot show the frame: %1").arg(layers.error));
        return;
    }
    m_frames->setPreview(layers.preview);
    m_shownFrame = index;
    Q_EMIT frameShown(index);
}

int TemporalConsistencyView::currentFrame() const
{
    return m_slider->value();
}

void TemporalConsistencyView::setPlaying(bool on)
{
    on = on && frameCount() > 1;
    if (on)
        m_playback->start();
    else
        m_playback->stop();
    const QSignalBlocker block(m_play);
    m_play->setChecked(on);
    m_play->setIcon(style()->standardIcon(on ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
}

bool TemporalConsistencyView::isPlaying() const
{
    return m_playback->isActive();
}

QString TemporalConsistencyView::consistencyText() const
{
    return m_consistency->text();
}

QString TemporalConsistencyView::statusText() const
{
    return m_status->text();
}

void TemporalConsistencyView::updateButtons()
{
    const bool ready = m_scene->currentIndex() >= 0 && m_source->currentIndex() >= 0;
    m_start->setEnabled(ready && !isRunning());
    m_cancel->setEnabled(isRunning());
    m_scene->setEnabled(!isRunning());
    m_source->setEnabled(!isRunning());
    m_progress->setVisible(isRunning());
}

} // namespace pluvia::widgets
