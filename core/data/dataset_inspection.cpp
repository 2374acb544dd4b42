// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/data/dataset.h"

#include "core/data/dataset_layout_p.h"
#include "core/image/image_info.h"

#include <QDir>
#include <QFile>
#include <QHash>
#include <QSet>
#include <QtConcurrent/QtConcurrentMap>

#include <algorithm>
#include <atomic>
#include <functional>
#include <limits>

namespace pluvia::core {

namespace {

QStringList filesOf(const Dataset &dataset)
{
    QStringList files = imageFiles(dataset.pairs, dataset.images, dataset.scenes);
    files.removeDuplicates();
    return files;
}

class Filter
{
public:
    Filter(const QHash<QString, ImageInfo> &probes, int minSide, QVector<DatasetProblem> *problems)
        : m_probes(probes)
        , m_minSide(minSide)
        , m_problems(problems)
    { }

    // True when `path` is usable; the first time a file fails, its problem is recorded.
    bool usable(const QString &path)
    {
        const auto it = m_probes.constFind(path);
        if (it == m_probes.constEnd())
            return true;
        if (m_reported.contains(path))
            return false;
        const ImageInfo &info = *it;
        const QString native = QDir::toNativeSeparators(path);
        if (!info.ok()) {
            report(path,
                it->truncated ? DatasetProblemCode::Truncated : DatasetProblemCode::Unreadable,
                it->truncated ? QStringLiteral("%1: truncated (%2)").arg(native, info.error)
                              : info.error);
            return false;
        }
        if (std::min(info.width, info.height) < m_minSide) {
            report(path, DatasetProblemCode::TooSmall,
                QStringLiteral("%1: %2×%3 is smaller than the %4-pixel crop")
                    .arg(native)
                    .arg(info.width)
                    .arg(info.height)
                    .arg(m_minSide));
            return false;
        }
        return true;
    }

    bool sameSize(const QString &a, const QString &b) const
    {
        const auto x = m_probes.constFind(a), y = m_probes.constFind(b);
        if (x == m_probes.constEnd() || y == m_probes.constEnd())
            return true;
        return x->width == y->width && x->height == y->height;
    }

    void report(const QString &path, DatasetProblemCode code, const QString &message)
    {
        m_reported.insert(path);
        m_problems->append({ path, code, message });
    }

private:
    const QHash<QString, ImageInfo> &m_probes;
    int m_minSide;
    QVector<DatasetProblem> *m_problems;
    QSet<QString> m_reported;
};

void removeProblemFiles(Dataset *dataset, Filter *filter)
{
    QVector<DatasetPair> pairs;
    for (const DatasetPair &pair : std::as_const(dataset->pairs)) {
        const bool rainy = filter->usable(pair.rainy);
        const bool clean = filter->usable(pair.clean);
        if (!rainy || !clean)
            continue;
        if (!filter->sameSize(pair.rainy, pair.clean)) {
            filter->report(pair.rainy, DatasetProblemCode::SizeMismatch,
                QStringLiteral("%1: size differs from its clean image %2")
                    .arg(QDir::toNativeSeparators(pair.rainy),
                        QDir::toNativeSeparators(pair.clean)));
            continue;
        }
        pairs.append(pair);
    }
    dataset->pairs = pairs;

    QStringList images;
    for (const QString &image : std::as_const(dataset->images)) {
        if (filter->usable(image))
            images.append(image);
    }
    dataset->images = images;

    QVector<DatasetScene> scenes;
    for (DatasetScene scene : std::as_const(dataset->scenes)) {
        QStringList frames;
        for (const QString &frame : std::as_const(scene.frames)) {
            if (filter->usable(frame))
                frames.append(frame);
        }
        scene.frames = frames;
        if (!scene.background.isEmpty() && !filter->usable(scene.background))
            scene.background.clear();
        if (scene.frames.size() < 2) {
            const QString folder = dataset->root + QLatin1Char('/') + scene.name;
            filter->report(folder, DatasetProblemCode::TooFewFrames,
                QStringLiteral("%1: scene has %2 usable frame(s), needs 2; skipped")
                    .arg(QDir::toNativeSeparators(folder))
                    .arg(scene.frames.size()));
            continue;
        }
        scenes.append(scene);
    }
    dataset->scenes = scenes;
}

SizeStatistics statistics(const Dataset &dataset, const QHash<QString, ImageInfo> &probes)
{
    SizeStatistics stats;
    double sumWidth = 0.0, sumHeight = 0.0;
    stats.minWidth = stats.minHeight = std::numeric_limits<int>::max();
    for (const QString &file : filesOf(dataset)) {
        const auto it = probes.constFind(file);
        if (it == probes.constEnd() || !it->ok())
            continue;
        ++stats.count;
        stats.minWidth = std::min(stats.minWidth, it->width);
        stats.maxWidth = std::max(stats.maxWidth, it->width);
        stats.minHeight = std::min(stats.minHeight, it->height);
        stats.maxHeight = std::max(stats.maxHeight, it->height);
        sumWidth += it->width;
        sumHeight += it->height;
    }
    if (stats.count == 0)
        return SizeStatistics();
    stats.meanWidth = sumWidth / stats.count;
    stats.meanHeight = sumHeight / stats.count;
    return stats;
}

} // namespace

QStringList imageFiles(const QVector<DatasetPair> &pairs, const QStringList &images,
    const QVector<DatasetScene> &scenes)
{
    QStringList files;
    for (const DatasetPair &pair : pairs)
        files << pair.rainy << pair.clean;
    files << images;
    for (const DatasetScene &scene : scenes) {
        files << scene.frames;
        if (!scene.background.isEmpty())
            files << scene.background;
    }
    return files;
}

QString datasetProblemCodeName(DatasetProblemCode code)
{
    switch (code) {
    case DatasetProblemCode::Unreadable:
        return QStringLiteral("unreadable");
    case DatasetProblemCode::Truncated:
        return QStringLiteral("truncated");
    case DatasetProblemCode::RainyWithoutClean:
        return QStringLiteral("rainy-without-clean");
    case DatasetProblemCode::CleanWithoutRainy:
        return QStringLiteral("clean-without-rainy");
    case DatasetProblemCode::TooSmall:
        return QStringLiteral("too-small");
    case DatasetProblemCode::Duplicate:
        return QStringLiteral("duplicate");
    case DatasetProblemCode::SizeMismatch:
        return QStringLiteral("size-mismatch");
    case DatasetProblemCode::TooFewFrames:
        return QStringLiteral("too-few-frames");
    case DatasetProblemCode::Manifest:
        return QStringLiteral("manifest");
    case DatasetProblemCode::PairList:
        return QStringLiteral("pair-list");
    }
    return QString();
}

int DatasetInspection::frameCount() const
{
    int frames = 0;
    for (const DatasetScene &scene : dataset.scenes)
        frames += scene.frames.size();
    return frames;
}

DatasetInspection inspectDataset(
    const QString &path, const InspectOptions &options, const ProgressCallback &progress)
{
    DatasetInspection result;
    LayoutScan scan = scanDatasetLayout(path, options.kind);
    result.dataset = scan.dataset;
    result.problems = scan.problems;
    result.error = scan.error;
    if (!scan.error.isEmpty())
        return result;

    QHash<QString, ImageInfo> probes;
    if (options.checkHeaders) {
        const QStringList files = filesOf(result.dataset);
        std::atomic<qint64> done { 0 };
        std::atomic<bool> cancelled { false };
        const qint64 total = files.size();
        const std::function<ImageInfo(const QString &)> probe = [&](const QString &file) {
            ImageInfo result;
            if (cancelled.load(std::memory_order_relaxed))
                return result;
            result = readImageInfo(file);
            const qint64 count = ++done;
            if (progress && !progress(count, total))
                cancelled = true;
            return result;
        };
        const QList<ImageInfo> probed = QtConcurrent::blockingMapped(files, probe);
        if (cancelled) {
            result.cancelled = true;
            return result;
        }
        for (qsizetype i = 0; i < files.size(); ++i)
            probes.insert(files[i], probed[i]);
    }
    Filter filter(probes, std::max(0, options.minSide), &result.problems);
    removeProblemFiles(&result.dataset, &filter);
    result.sizes = statistics(result.dataset, probes);
    return result;
}

} // namespace pluvia::core
