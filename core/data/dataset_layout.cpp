// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/data/dataset_layout_p.h"

#include "core/data/dataset_manifest.h"
#include "core/data/listed_paths.h"
#include "core/data/pair_list_p.h"
#include "core/data/sibling_pairs_p.h"
#include "core/image/image_info.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QHash>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <functional>

namespace pluvia::core {

namespace {

int compareDigitRuns(const QStringView a, const QStringView b)
{
    // Compare by value without overflow: strip leading zeros, then longer is larger.
    qsizetype i = 0, j = 0;
    while (i < a.size() - 1 && a[i] == QLatin1Char('0'))
        ++i;
    while (j < b.size() - 1 && b[j] == QLatin1Char('0'))
        ++j;
    const QStringView x = a.mid(i), y = b.mid(j);
    if (x.size() != y.size())
        return x.size() < y.size() ? -1 : 1;
    return x.compare(y);
}

int naturalCompare(const QString &a, const QString &b)
{
    qsizetype i = 0, j = 0;
    while (i < a.size() && j < b.size()) {
        const bool digitA = a[i].isDigit(), digitB = b[j].isDigit();
        qsizetype endA = i, endB = j;
        while (endA < a.size() && a[endA].isDigit() == digitA)
            ++endA;
        while (endB < b.size() && b[endB].isDigit() == digitB)
            ++endB;
        const QStringView runA = QStringView(a).mid(i, endA - i);
        const QStringView runB = QStringView(b).mid(j, endB - j);
        int order;
        if (digitA && digitB)
            order = compareDigitRuns(runA, runB);
        else
            order = runA.compare(runB, Qt::CaseInsensitive);
        if (order != 0)
            return order;
        i = endA;
        j = endB;
    }
    if ((i < a.size()) != (j < b.size()))
        return i < a.size() ? 1 : -1;
    return a.compare(b);
}

QString cleanPath(const QString &path)
{
    return QDir::cleanPath(QDir::fromNativeSeparators(path));
}

QStringList subFolders(const QString &root)
{
    QStringList folders;
    const QFileInfoList entries = QDir(root).entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QFileInfo &entry : entries)
        folders.append(cleanPath(entry.absoluteFilePath()));
    std::sort(folders.begin(), folders.end(), naturalLess);
    return folders;
}

// Case-insensitive lookup of a sub-folder; "" when absent.
QString findFolder(const QString &root, const QString &name)
{
    for (const QString &folder : subFolders(root)) {
        if (QFileInfo(folder).fileName().compare(name, Qt::CaseInsensitive) == 0)
            return folder;
    }
    return QString();
}

QString stemOf(const QString &path)
{
    return QFileInfo(path).completeBaseName();
}

// Keeps the first file of each stem (natural order) and reports the others.
QStringList dropDuplicateStems(const QStringList &files, QVector<DatasetProblem> *problems)
{
    QHash<QString, QString> seen; // folder + stem -> kept file
    QStringList kept;
    for (const QString &file : files) {
        const QFileInfo info(file);
        const QString key = info.absolutePath() + QLatin1Char('/') + info.completeBaseName();
        const auto it = seen.constFind(key);
        if (it != seen.constEnd()) {
            problems->append({ file, DatasetProblemCode::Duplicate,
                QStringLiteral("%1: same name as %2; skipped")
                    .arg(QDir::toNativeSeparators(file), QFileInfo(*it).fileName()) });
            continue;
        }
        seen.insert(key, file);
        kept.append(file);
    }
    return kept;
}

using KeyFunction = std::function<QString(const QString &stem)>;

struct PairedLayout {
    QString name;
    QString rainyFolder;
    QString cleanFolder;
    KeyFunction rainyKey;
    KeyFunction cleanKey;
};

LayoutScan matchPairs(const QString &root, const PairedLayout &layout)
{
    LayoutScan scan;
    scan.dataset.root = root;
    scan.dataset.kind = DatasetKind::Paired;
    scan.dataset.layout = layout.name;
    const QStringList rainy
        = dropDuplicateStems(imageCandidates(layout.rainyFolder, false), &scan.problems);
    const QStringList clean
        = dropDuplicateStems(imageCandidates(layout.cleanFolder, false), &scan.problems);
    QHash<QString, QString> cleanByKey;
    for (const QString &file : clean)
        cleanByKey.insert(layout.cleanKey(stemOf(file)), file);
    QSet<QString> used;
    for (const QString &file : rainy) {
        const auto it = cleanByKey.constFind(layout.rainyKey(stemOf(file)));
        if (it == cleanByKey.constEnd()) {
            scan.problems.append({ file, DatasetProblemCode::RainyWithoutClean,
                QStringLiteral("%1: no matching clean image in %2")
                    .arg(QDir::toNativeSeparators(file),
                        QDir::toNativeSeparators(layout.cleanFolder)) });
            continue;
        }
        used.insert(*it);
        scan.dataset.pairs.append({ file, *it, std::nullopt, QString() });
    }
    for (const QString &file : clean) {
        if (!used.contains(file))
            scan.problems.append({ file, DatasetProblemCode::CleanWithoutRainy,
                QStringLiteral("%1: no matching rainy image in %2")
                    .arg(QDir::toNativeSeparators(file),
                        QDir::toNativeSeparators(layout.rainyFolder)) });
    }
    return scan;
}

bool anyStemMatches(const QString &folder, const QRegularExpression &pattern)
{
    const QStringList files = imageCandidates(folder, false);
    return std::any_of(files.begin(), files.end(),
        [&](const QString &file) { return pattern.match(stemOf(file)).hasMatch(); });
}

KeyFunction captureOrStem(const QRegularExpression &pattern)
{
    return [pattern](const QString &stem) {
        const QRegularExpressionMatch match = pattern.match(stem);
        return match.hasMatch() ? match.captured(1) : stem;
    };
}

std::optional<PairedLayout> detectPairedLayout(const QString &root)
{
    const KeyFunction identity = [](const QString &stem) { return stem; };
    const QString rainyImage = findFolder(root, QStringLiteral("rainy_image"));
    const QString groundTruth = findFolder(root, QStringLiteral("ground_truth"));
    if (!rainyImage.isEmpty() && !groundTruth.isEmpty()) {
        // Rain1400: 12_3.jpg is the third rain rendering of ground_truth/12.jpg.
        const QRegularExpression variant(QStringLiteral("^(.+)_\\d+$"));
        return PairedLayout { QStringLiteral("rain1400"), rainyImage, groundTruth,
            captureOrStem(variant), identity };
    }
    const QString norain = findFolder(root, QStringLiteral("norain"));
    QString rain = findFolder(root, QStringLiteral("rain"));
    if (rain.isEmpty())
        rain = findFolder(root, QStringLiteral("rainy"));
    if (!rain.isEmpty() && !norain.isEmpty()) {
        const QRegularExpression rainyPattern(
            QStringLiteral("^rain-(.+)$"), QRegularExpression::CaseInsensitiveOption);
        const QRegularExpression cleanPattern(
            QStringLiteral("^norain-(.+)$"), QRegularExpression::CaseInsensitiveOption);
        if (anyStemMatches(rain, rainyPattern) && anyStemMatches(norain, cleanPattern))
            return PairedLayout { QStringLiteral("rain100"), rain, norain,
                captureOrStem(rainyPattern), captureOrStem(cleanPattern) };
        return PairedLayout { QStringLiteral("rain-norain"), rain, norain, identity, identity };
    }
    const QString input = findFolder(root, QStringLiteral("input"));
    const QString target = findFolder(root, QStringLiteral("target"));
    if (!input.isEmpty() && !target.isEmpty())
        return PairedLayout { QStringLiteral("input-target"), input, target, identity, identity };
    const QString rainy = findFolder(root, QStringLiteral("rainy"));
    const QString gt = findFolder(root, QStringLiteral("gt"));
    if (!rainy.isEmpty() && !gt.isEmpty())
        return PairedLayout { QStringLiteral("rainy-gt"), rainy, gt, identity, identity };
    return std::nullopt;
}

// The layouts Pluvia has no name for: pair lists, then two sibling folders of the same stems.
std::optional<LayoutScan> scanInferredPairs(const QString &root)
{
    if (const std::optional<PairListScan> lists = scanPairLists(root)) {
        LayoutScan scan;
        scan.dataset.root = root;
        scan.dataset.kind = DatasetKind::Paired;
        scan.dataset.layout = QStringLiteral("pair-list");
        scan.dataset.layoutNote
            = QStringLiteral("pairs from %1").arg(lists->lists.join(QStringLiteral(", ")));
        scan.dataset.pairs = lists->pairs;
        scan.problems = lists->problems;
        return scan;
    }
    QVector<FolderImages> folders;
    for (const QString &folder : subFolders(root)) {
        const QStringList files = imageCandidates(folder, false);
        if (!files.isEmpty())
            folders.append({ folder, files });
    }
    const std::optional<SiblingPairs> siblings = detectSiblingPairs(folders);
    if (!siblings)
        return std::nullopt;
    const KeyFunction identity = [](const QString &stem) { return stem; };
    LayoutScan scan = matchPairs(root,
        PairedLayout { QStringLiteral("sibling-folders"), siblings->rainyFolder,
            siblings->cleanFolder, identity, identity });
    scan.dataset.layoutNote = siblings->reason;
    return scan;
}

bool isBackgroundStem(const QString &stem)
{
    return stem.compare(QLatin1String("background"), Qt::CaseInsensitive) == 0
        || stem.compare(QLatin1String("clean"), Qt::CaseInsensitive) == 0;
}

bool looksLikeTimeLapse(const QString &root)
{
    if (!imageCandidates(root, false).isEmpty())
        return false;
    int scenes = 0;
    for (const QString &folder : subFolders(root)) {
        if (!subFolders(folder).isEmpty())
            return false;
        const QStringList files = imageCandidates(folder, false);
        if (files.isEmpty())
            continue;
        if (files.size() < 2)
            return false;
        ++scenes;
    }
    return scenes > 0;
}

LayoutScan scanTimeLapse(const QString &root)
{
    LayoutScan scan;
    scan.dataset.root = root;
    scan.dataset.kind = DatasetKind::TimeLapse;
    scan.dataset.layout = QStringLiteral("scenes");
    for (const QString &folder : subFolders(root)) {
        const QStringList files
            = dropDuplicateStems(imageCandidates(folder, false), &scan.problems);
        if (files.isEmpty())
            continue;
        DatasetScene scene;
        scene.name = QFileInfo(folder).fileName();
        for (const QString &file : files) {
            if (!isBackgroundStem(stemOf(file)))
                scene.frames.append(file);
            else if (scene.background.isEmpty())
                scene.background = file;
            else
                scan.problems.append({ file, DatasetProblemCode::Duplicate,
                    QStringLiteral("%1: a second clean frame (kept %2)")
                        .arg(QDir::toNativeSeparators(file),
                            QFileInfo(scene.background).fileName()) });
        }
        scan.dataset.scenes.append(scene);
    }
    return scan;
}

LayoutScan scanUnpaired(const QString &root)
{
    LayoutScan scan;
    scan.dataset.root = root;
    scan.dataset.kind = DatasetKind::Unpaired;
    scan.dataset.layout = QStringLiteral("folder");
    scan.dataset.images = dropDuplicateStems(imageCandidates(root, true), &scan.problems);
    return scan;
}

LayoutScan scanManifest(const QString &root, const DatasetManifest &manifest)
{
    LayoutScan scan;
    scan.dataset.root = root;
    scan.dataset.kind = manifest.kind;
    scan.dataset.layout = QStringLiteral("manifest");
    const QDir dir(root);
    // Resolves a listed path; "" (and a problem) when it is not a file (missing, a folder) or
    // lies outside the dataset's folder (unless allowed).
    const auto resolve = [&](const QString &relative) {
        const QString path = cleanPath(dir.absoluteFilePath(relative));
        if (const QString problem = listedPathProblem(root, path, manifestFileName());
            !problem.isEmpty()) {
            scan.problems.append({ path, DatasetProblemCode::Manifest, problem });
            return QString();
        }
        return path;
    };
    for (const ManifestSample &sample : manifest.samples) {
        const QString rainy = resolve(sample.rainy);
        const QString clean = resolve(sample.clean);
        if (!rainy.isEmpty() && !clean.isEmpty())
            scan.dataset.pairs.append({ rainy, clean, sample.directionDeg, sample.split });
    }
    for (const QString &image : manifest.images) {
        const QString path = resolve(image);
        if (!path.isEmpty())
            scan.dataset.images.append(path);
    }
    for (const ManifestScene &entry : manifest.scenes) {
        DatasetScene scene;
        scene.name = entry.name;
        for (const QString &frame : entry.frames) {
            const QString path = resolve(frame);
            if (!path.isEmpty())
                scene.frames.append(path);
        }
        if (!entry.background.isEmpty())
            scene.background = resolve(entry.background);
        scan.dataset.scenes.append(scene);
    }
    return scan;
}

} // namespace

QStringList imageCandidates(const QString &folder, bool recursive)
{
    // Files, and with Dirs and System also folders, devices, FIFOs and dangling links.
    constexpr QDir::Filters candidates
        = QDir::Files | QDir::Dirs | QDir::System | QDir::NoDotAndDotDot;
    QStringList files;
    QDirIterator it(folder, candidates,
        recursive ? QDirIterator::Subdirectories : QDirIterator::NoIteratorFlags);
    while (it.hasNext()) {
        it.next();
        const QString file = cleanPath(it.fileInfo().absoluteFilePath());
        if (hasImageSuffix(file))
            files.append(file);
    }
    std::sort(files.begin(), files.end(), naturalLess);
    return files;
}

bool naturalLess(const QString &a, const QString &b)
{
    return naturalCompare(a, b) < 0;
}

LayoutScan scanDatasetLayout(const QString &rootPath, std::optional<DatasetKind> kind)
{
    const QFileInfo rootInfo(rootPath);
    if (!rootInfo.isDir()) {
        LayoutScan scan;
        scan.error = QStringLiteral("%1: not a folder").arg(QDir::toNativeSeparators(rootPath));
        return scan;
    }
    const QString root = cleanPath(rootInfo.absoluteFilePath());
    const QString manifestPath = root + QLatin1Char('/') + manifestFileName();
    if (QFileInfo::exists(manifestPath)) {
        QString error;
        const std::optional<DatasetManifest> manifest = readManifest(manifestPath, &error);
        if (!manifest) {
            LayoutScan scan;
            scan.error = error;
            return scan;
        }
        if (!kind || *kind == manifest->kind)
            return scanManifest(root, *manifest);
    }
    if (!kind || *kind == DatasetKind::Paired) {
        if (const std::optional<PairedLayout> layout = detectPairedLayout(root))
            return matchPairs(root, *layout);
        if (std::optional<LayoutScan> inferred = scanInferredPairs(root))
            return *inferred;
        if (kind) {
            LayoutScan scan;
            scan.error = QStringLiteral("%1: no paired layout recognised (expected rain/ + "
                                        "norain/, rainy/ + norain/, rainy_image/ + ground_truth/, "
                                        "input/ + target/, rainy/ + gt/, two folders holding the "
                                        "same file names, a list of \"rainy clean\" lines in a "
                                        ".txt file, or a manifest.json)")
                             .arg(QDir::toNativeSeparators(root));
            return scan;
        }
    }
    if (kind == DatasetKind::TimeLapse || (!kind && looksLikeTimeLapse(root)))
        return scanTimeLapse(root);
    return scanUnpaired(root);
}

} // namespace pluvia::core
