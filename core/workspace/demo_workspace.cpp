// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/workspace/demo_workspace.h"

#include "core/data/dataset_manifest.h"
#include "core/image/image_io_p.h"
#include "core/synth/rain_random_p.h"
#include "core/synth/rain_synthesizer_p.h"
#include "core/synth/synth_dataset.h"
#include "core/workspace/demo_backgrounds_p.h"
#include "core/workspace/workspace.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonObject>
#include <QMutex>
#include <QThread>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentMap>

#include <opencv2/core.hpp>

#include <atomic>
#include <functional>
#include <numeric>

namespace pluvia::core {

namespace {

const QString kSynthetic = QStringLiteral("synthetic");
const QString kRealRainy = QStringLiteral("real_rainy");
const QString kRealValidation = QStringLiteral("real_rainy_val");
const QString kRealTest = QStringLiteral("real_rainy_test");
const QString kClean = QStringLiteral("clean");
const QString kTimeLapse = QStringLiteral("timelapse");
const QString kTimeLapseTest = QStringLiteral("timelapse_test");
// Distinct streams of the seed, so changing one part of the demo leaves the others as they were.
constexpr std::uint64_t kCropStream = 1000;
constexpr std::uint64_t kSceneStream = 5000;
constexpr std::uint64_t kFrameStream = 9000;
constexpr std::uint64_t kTestSceneStream = 7000;
constexpr std::uint64_t kTestFrameStream = 100000;

// One time-lapse dataset of the demo: its scenes' photographs and random streams.
struct TimeLapseSplit {
    QString name;
    QString description;
    int scenes = 0;
    QVector<int> pool; // indices of the photographs the scenes are cropped from
    std::uint64_t sceneStream = 0;
    std::uint64_t frameStream = 0;
};

// Counts steps from any thread and asks the caller whether to go on.
class StepCounter
{
public:
    StepCounter(const ProgressCallback &callback, qint64 total)
        : m_callback(callback)
        , m_total(total)
    { }
    bool advance()
    {
        const qint64 done = ++m_done;
        if (m_callback && !m_callback(done, m_total))
            m_cancelled = true;
        return !m_cancelled;
    }
    bool cancelled() const { return m_cancelled; }

private:
    const ProgressCallback &m_callback;
    const qint64 m_total;
    std::atomic<qint64> m_done { 0 };
    std::atomic<bool> m_cancelled { false };
};

struct Groups {
    QVector<int> synthetic, realistic, heldOut, clean;
};

// Disjoint photographs per role: a quarter real-rain, a sixth held out for the validation and
// test sets, a sixth clean, the rest (about five twelfths) synthetic. No model ever trains on a
// held-out photograph, so the test set measures deraining of scenes it has not seen.
Groups partition(int count, std::uint64_t seed)
{
    QVector<int> order(count);
    std::iota(order.begin(), order.end(), 0);
    RainRandom random(mixSeed(seed, kCropStream - 1));
    for (int i = count - 1; i > 0; --i)
        std::swap(order[i], order[int(random.uniform() * (i + 1))]);
    const int realistic = std::max(1, count / 4);
    const int heldOut = std::max(1, count / 6);
    const int clean = count / 6;
    const int synthetic = count - realistic - heldOut - clean;
    Groups groups;
    groups.synthetic = order.mid(0, synthetic);
    groups.realistic = order.mid(synthetic, realistic);
    groups.heldOut = order.mid(synthetic + realistic, heldOut);
    groups.clean = order.mid(synthetic + realistic + heldOut);
    return groups;
}

// Crops per held-out photograph: twice the others', at least 3, so that every third crop (the
// validation set's) leaves two for the test set.
int heldOutCrops(const DemoOptions &options)
{
    return std::max(3, 2 * options.cropsPerPhoto);
}

bool isValidationCrop(int k)
{
    return k % 3 == 0;
}

// Writes crop k of each photograph of `group`, for the k < `crops` that `keep` accepts, as
// "<photo>_<k+1>.png" into `folder`. A crop's position depends only on the seed, the
// photograph and k.
QString writeCrops(const QVector<DemoSource> &sources, const QVector<int> &group, int crops,
    const std::function<bool(int)> &keep, const DemoOptions &options, const QString &folder,
    QStringList *names, StepCounter &steps)
{
    if (!QDir().mkpath(folder))
        return QStringLiteral("%1: cannot create the folder").arg(folder);
    for (int index : group) {
        RainRandom random(mixSeed(options.seed, kCropStream + std::uint64_t(index)));
        for (int k = 0; k < crops; ++k) {
            const cv::Mat crop = demoCrop(sources[index].image, random);
            if (keep && !keep(k))
                continue;
            const QString name = QStringLiteral("%1_%2.png")
                                     .arg(sources[index].name)
                                     .arg(k + 1, 2, 10, QLatin1Char('0'));
            const QString error = writeImage(QDir(folder).filePath(name), crop);
            if (!error.isEmpty())
                return error;
            *names << name;
            if (!steps.advance())
                return QStringLiteral("cancelled");
        }
    }
    return {};
}

QString writeUnpairedManifest(const QString &folder, const QString &name,
    const QString &description, const QStringList &images)
{
    DatasetManifest manifest;
    manifest.kind = DatasetKind::Unpaired;
    manifest.name = name;
    manifest.description = description;
    manifest.images = images;
    manifest.provenance
        = QJsonObject { { QStringLiteral("generator"), QStringLiteral("pluvia demo") },
              { QStringLiteral("pluvia_version"), QStringLiteral(PLUVIA_VERSION) } };
    return writeManifest(QDir(folder).filePath(manifestFileName()), manifest);
}

// Scenes of one static background under independently rendered rain; each frame's background
// flickers slightly in brightness and carries sensor noise, as a camera outdoors would see it.
QString writeTimeLapse(const QVector<DemoSource> &sources, const TimeLapseSplit &split,
    const DemoOptions &options, const QString &folder, StepCounter &steps)
{
    const QVector<int> &pool = split.pool;
    const RainParams base = *rainPreset(QStringLiteral("realistic"));
    QVector<cv::Mat> backgrounds;
    QVector<RainParams> sceneParams;
    DatasetManifest manifest;
    manifest.kind = DatasetKind::TimeLapse;
    manifest.name = split.name;
    manifest.description = split.description;
    for (int s = 0; s < split.scenes; ++s) {
        RainRandom random(mixSeed(options.seed, split.sceneStream + std::uint64_t(s)));
        const DemoSource &source = sources[pool[s % pool.size()]];
        backgrounds << demoCrop(source.image, random);
        RainParams params = base;
        params.angleDeg = random.uniform(60.0, 120.0); // one wind per scene
        params.angleRangeDeg = 0.0;
        sceneParams << params;
        ManifestScene scene;
        scene.name = QStringLiteral("scene%1").arg(s + 1, 2, 10, QLatin1Char('0'));
        for (int f = 0; f < options.framesPerScene; ++f)
            scene.frames
                << QStringLiteral("%1/%2.png").arg(scene.name).arg(f, 3, 10, QLatin1Char('0'));
        scene.background = scene.name + QStringLiteral("/background.png");
        if (!QDir().mkpath(QDir(folder).filePath(scene.name)))
            return QStringLiteral("%1: cannot create the folder")
                .arg(QDir(folder).filePath(scene.name));
        const QString error
            = writeImage(QDir(folder).filePath(scene.background), backgrounds.last());
        if (!error.isEmpty())
            return error;
        manifest.scenes << scene;
    }

    QVector<int> frames(split.scenes * options.framesPerScene);
    std::iota(frames.begin(), frames.end(), 0);
    // Workers only read these.
    const QVector<cv::Mat> &sceneBackgrounds = backgrounds;
    const QVector<RainParams> &sceneRain = sceneParams;
    const QVector<ManifestScene> &scenes = manifest.scenes;
    QMutex mutex;
    QString failure;
    QThreadPool threads;
    threads.setMaxThreadCount(options.threads > 0 ? options.threads : QThread::idealThreadCount());
    QtConcurrent::blockingMap(&threads, frames, [&](int index) {
        if (steps.cancelled())
            return;
        const int s = index / options.framesPerScene;
        const std::uint64_t frameSeed
            = mixSeed(options.seed, split.frameStream + std::uint64_t(index));
        RainRandom random(frameSeed);
        RainParams params = sceneRain[s];
        params.density *= random.uniform(0.6, 1.4);
        params.intensity *= random.uniform(0.8, 1.2);
        cv::Mat frame = sceneBackgrounds[s] * (1.0 + 0.03 * random.normal());
        cv::Mat noise(frame.size(), CV_32FC3);
        cv::RNG(frameSeed).fill(noise, cv::RNG::NORMAL, 0.0, 0.01);
        frame += noise;
        cv::min(cv::max(frame, 0.0), 1.0, frame);
        const RainRender render = renderRain(frame, params, random.next());
        QString error = render.error;
        if (error.isEmpty())
            error = writeImage(
                QDir(folder).filePath(scenes[s].frames[index % options.framesPerScene]),
                render.rainy);
        if (!error.isEmpty()) {
            QMutexLocker lock(&mutex);
            failure = error;
        }
        steps.advance();
    });
    if (!failure.isEmpty())
        return failure;
    if (steps.cancelled())
        return QStringLiteral("cancelled");
    return writeManifest(QDir(folder).filePath(manifestFileName()), manifest);
}

} // namespace

QString defaultDemoBackgroundsFolder()
{
    return QStringLiteral("/usr/share/backgrounds/mate/nature");
}

DemoReport buildDemoWorkspace(
    const QString &folder, const DemoOptions &options, const ProgressCallback &progress)
{
    DemoReport report;
    QElapsedTimer clock;
    clock.start();
    const QDir datasets(QDir(folder).filePath(QStringLiteral("datasets")));
    for (const QString &name : { kSynthetic, kRealRainy, kRealValidation, kRealTest, kClean,
             kTimeLapse, kTimeLapseTest }) {
        if (QFileInfo::exists(datasets.filePath(name))) {
            report.error = QStringLiteral("%1: already exists; build the demo in a new folder")
                               .arg(datasets.filePath(name));
            return report;
        }
    }
    if (options.cropsPerPhoto < 1 || options.timeLapseScenes < 0 || options.timeLapseTestScenes < 0
        || options.framesPerScene < 2) {
        report.error = QStringLiteral("demo options out of range: crops per photo >= 1, "
                                      "time-lapse scenes >= 0, frames per scene >= 2");
        return report;
    }

    QVector<DemoSource> sources;
    if (QFileInfo(options.backgroundsFolder).isDir())
        sources = loadDemoPhotographs(options.backgroundsFolder, options.threads, &report.warnings);
    QString backgroundNote;
    if (sources.size() < 3) {
        sources = proceduralDemoSources(std::max(3, options.proceduralScenes), options.seed);
        report.proceduralBackgrounds = true;
        backgroundNote = QStringLiteral("Photographs not found in %1 (Debian package "
                                        "mate-backgrounds); procedural landscapes used instead.")
                             .arg(options.backgroundsFolder);
        report.notes << backgroundNote;
    }
    const Groups groups = partition(sources.size(), options.seed);
    const qint64 heldOut = qint64(groups.heldOut.size()) * heldOutCrops(options);
    const qint64 crops
        = qint64(sources.size() - groups.heldOut.size()) * options.cropsPerPhoto + heldOut;
    const qint64 renders
        = qint64(groups.synthetic.size() + groups.realistic.size()) * options.cropsPerPhoto
        + heldOut;
    StepCounter steps(progress,
        crops + renders
            + qint64(options.timeLapseScenes + options.timeLapseTestScenes)
                * options.framesPerScene);

    QString error;
    std::unique_ptr<Workspace> workspace = Workspace::open(folder, &error);
    if (!workspace) {
        report.error = error;
        return report;
    }
    const QString staging = datasets.filePath(QStringLiteral(".demo-staging"));
    const auto finish = [&](const QString &message) {
        QDir(staging).removeRecursively();
        report.cancelled = steps.cancelled();
        report.error = report.cancelled
            ? QStringLiteral("%1: demo build cancelled; its datasets are incomplete").arg(folder)
            : message;
        report.seconds = clock.elapsed() / 1000.0;
        return report;
    };
    const QString suffix = backgroundNote.isEmpty() ? QString() : QLatin1Char(' ') + backgroundNote;

    // Paired synthetic set: light and directional rain alternating over the crops.
    QStringList names;
    error = writeCrops(sources, groups.synthetic, options.cropsPerPhoto, {}, options,
        QDir(staging).filePath(kSynthetic), &names, steps);
    if (!error.isEmpty())
        return finish(error);
    SynthRequest request;
    request.cleanInputs = { QDir(staging).filePath(kSynthetic) };
    request.outFolder = datasets.filePath(kSynthetic);
    for (const QString &preset : { QStringLiteral("light"), QStringLiteral("directional") })
        request.styles << SynthStyle { preset, *rainPreset(preset) };
    request.seed = options.seed;
    request.threads = options.threads;
    request.datasetName = kSynthetic;
    request.description = QStringLiteral("Synthetic rain (light and directional presets)");
    request.progress = [&steps](qint64, qint64) { return steps.advance(); };
    SynthReport synth = synthesizeDataset(request);
    report.warnings << synth.warnings;
    if (!synth.ok())
        return finish(synth.error);
    QVector<DatasetEntry> entries;
    entries << DatasetEntry { 0, kSynthetic, DatasetKind::Paired, request.outFolder,
        ImageContent::RainyAndClean,
        QStringLiteral("Synthetic rain (light and directional presets) on "
                       "nature photographs; direction labels in "
                       "manifest.json.")
            + suffix,
        {} };
    report.datasets << DemoDatasetSummary { kSynthetic, QStringLiteral("paired"), synth.rainyImages,
        request.outFolder, entries.last().note };

    // Real-rain stand-in: another style on other photographs, rendered in the staging folder;
    // only its rainy images are registered.
    names.clear();
    error = writeCrops(sources, groups.realistic, options.cropsPerPhoto, {}, options,
        QDir(staging).filePath(kRealRainy), &names, steps);
    if (!error.isEmpty())
        return finish(error);
    SynthStyle realistic { QStringLiteral("realistic"), *rainPreset(QStringLiteral("realistic")) };
    if (!options.realRainVeil) {
        realistic.name = QStringLiteral("realistic, no veil");
        realistic.params.haze = 0.0;
    }
    request.cleanInputs = { QDir(staging).filePath(kRealRainy) };
    request.outFolder = QDir(staging).filePath(QStringLiteral("real_rainy_render"));
    request.styles = { realistic };
    request.seed = mixSeed(options.seed, 1);
    request.datasetName = kRealRainy;
    request.description = QStringLiteral("Real-rain stand-in");
    synth = synthesizeDataset(request);
    report.warnings << synth.warnings;
    if (!synth.ok())
        return finish(synth.error);
    const QString realFolder = datasets.filePath(kRealRainy);
    QDir().mkpath(realFolder);
    QStringList realImages;
    for (const QString &name : QDir(QDir(request.outFolder).filePath(QStringLiteral("rain")))
                                   .entryList(QDir::Files, QDir::Name)) {
        if (!QFile::copy(QDir(request.outFolder).filePath(QStringLiteral("rain/") + name),
                QDir(realFolder).filePath(name)))
            return finish(QStringLiteral("%1: cannot write").arg(QDir(realFolder).filePath(name)));
        realImages << name;
    }
    error = writeUnpairedManifest(
        realFolder, kRealRainy, QStringLiteral("Real-rain stand-in"), realImages);
    if (!error.isEmpty())
        return finish(error);
    entries << DatasetEntry { 0, kRealRainy, DatasetKind::Unpaired, realFolder, ImageContent::Rainy,
        QStringLiteral("Plays real rain: 'realistic'-style rain on photographs "
                       "that 'synthetic' does not use; no clean images (real_rainy_val and "
                       "real_rainy_test measure the same rain on other photographs).")
            + suffix,
        {} };
    report.datasets << DemoDatasetSummary { kRealRainy, QStringLiteral("unpaired"),
        int(realImages.size()), realFolder, entries.last().note };

    // Validation and test: the same style on held-out photographs, with their clean images.
    // Every third crop of a photograph validates (chooses best.pt); the others test.
    struct HeldOutSet {
        QString name;
        bool validation;
        std::uint64_t stream;
        QString description;
        QString note;
    };
    const HeldOutSet heldOutSets[] = {
        { kRealValidation, true, 2,
            QStringLiteral("Real-rain stand-in with ground truth: validation"),
            QStringLiteral("Validation (chooses best.pt): real_rainy's style of rain on "
                           "photographs no training set uses, with the clean images. Never "
                           "train on it.") },
        { kRealTest, false, 3, QStringLiteral("Real-rain stand-in with ground truth: test"),
            QStringLiteral("Test (report only): real_rainy's style of rain on other crops "
                           "of the validation set's photographs, with the clean images. "
                           "Never train or choose checkpoints on it.") },
    };
    for (const HeldOutSet &set : heldOutSets) {
        names.clear();
        const bool validation = set.validation;
        error = writeCrops(
            sources, groups.heldOut, heldOutCrops(options),
            [validation](int k) { return isValidationCrop(k) == validation; }, options,
            QDir(staging).filePath(set.name), &names, steps);
        if (!error.isEmpty())
            return finish(error);
        request.cleanInputs = { QDir(staging).filePath(set.name) };
        request.outFolder = datasets.filePath(set.name);
        request.seed = mixSeed(options.seed, set.stream);
        request.datasetName = set.name;
        request.description = set.description;
        synth = synthesizeDataset(request);
        report.warnings << synth.warnings;
        if (!synth.ok())
            return finish(synth.error);
        entries << DatasetEntry { 0, set.name, DatasetKind::Paired, request.outFolder,
            ImageContent::RainyAndClean, set.note + suffix, {} };
        report.datasets << DemoDatasetSummary { set.name, QStringLiteral("paired"),
            synth.rainyImages, request.outFolder, entries.last().note };
    }

    // Clean set: photographs no rainy set uses.
    names.clear();
    const QString cleanFolder = datasets.filePath(kClean);
    error = writeCrops(
        sources, groups.clean, options.cropsPerPhoto, {}, options, cleanFolder, &names, steps);
    if (error.isEmpty())
        error = writeUnpairedManifest(
            cleanFolder, kClean, QStringLiteral("Clean backgrounds"), names);
    if (!error.isEmpty())
        return finish(error);
    entries << DatasetEntry { 0, kClean, DatasetKind::Unpaired, cleanFolder, ImageContent::Clean,
        QStringLiteral("Clean crops of photographs that no rainy set uses.") + suffix, {} };
    report.datasets << DemoDatasetSummary { kClean, QStringLiteral("unpaired"), int(names.size()),
        cleanFolder, entries.last().note };

    // Training scenes from the photographs the training sets use; held-out scenes from the
    // held-out photographs (those of real_rainy_test), with streams of their own.
    const QVector<TimeLapseSplit> splits {
        { kTimeLapse, QStringLiteral("Static scenes under changing rain"), options.timeLapseScenes,
            groups.synthetic + groups.clean, kSceneStream, kFrameStream },
        { kTimeLapseTest, QStringLiteral("Held-out static scenes under changing rain"),
            options.timeLapseTestScenes, groups.heldOut, kTestSceneStream, kTestFrameStream },
    };
    for (const TimeLapseSplit &split : splits) {
        if (split.scenes <= 0)
            continue;
        const QString folder = datasets.filePath(split.name);
        error = writeTimeLapse(sources, split, options, folder, steps);
        if (!error.isEmpty())
            return finish(error);
        entries << DatasetEntry { 0, split.name, DatasetKind::TimeLapse, folder,
            ImageContent::Frames,
            QStringLiteral("%1 static scenes%2, %3 frames each of independently rendered rain "
                           "with brightness flicker and sensor noise; background.png is the "
                           "clean frame.")
                    .arg(split.scenes)
                    .arg(split.name == kTimeLapseTest
                            ? QStringLiteral(" of held-out photographs (for testing)")
                            : QString())
                    .arg(options.framesPerScene)
                + suffix,
            {} };
        report.datasets << DemoDatasetSummary { split.name, QStringLiteral("time-lapse"),
            split.scenes, folder, entries.last().note };
    }

    for (const DatasetEntry &entry : entries) {
        if (!workspace->addDataset(entry, &error))
            return finish(error);
    }
    return finish(QString());
}

} // namespace pluvia::core
