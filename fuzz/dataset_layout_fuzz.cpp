// SPDX-License-Identifier: GPL-3.0-or-later
// Dataset layout detection (folder conventions, sibling folders, pair lists, manifests) over a
// folder the input describes. The input is up to three sections separated by a line "====":
// the files to create (one relative path per line; names with an image suffix get a small PNG,
// one of two pictures chosen by the name's length), then manifest.json, then list.txt. Every
// kind is asked for; whatever is detected lies inside the folder. (Folders and other entries
// named like images are detected too, on purpose: the inspection that follows reports each as
// "not an image file" rather than leaving it out unseen.)
#include "core/data/dataset_layout_p.h"
#include "core/image/image_info.h"
#include "fuzz/scratch_folder.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QString>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include <cstdint>
#include <cstdlib>
#include <optional>
#include <vector>

using namespace pluvia::core;

namespace {

constexpr int kMaxFiles = 48;

QByteArray png(int seed)
{
    cv::Mat image(12, 16, CV_8UC3);
    cv::randu(image, cv::Scalar::all(seed), cv::Scalar::all(seed + 100));
    std::vector<uchar> bytes;
    cv::imencode(".png", image, bytes);
    return QByteArray(reinterpret_cast<const char *>(bytes.data()), qsizetype(bytes.size()));
}

void write(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write(bytes);
}

// A relative path that stays inside the folder: no empty, "." or ".." parts, at most 4 deep.
std::optional<QString> safeRelative(const QString &line)
{
    const QStringList parts = line.split(QLatin1Char('/'));
    if (parts.size() > 4 || line.size() > 80)
        return std::nullopt;
    for (const QString &part : parts)
        if (part.isEmpty() || part == QLatin1String(".") || part == QLatin1String("..")
            || part.contains(QLatin1Char('\0')))
            return std::nullopt;
    return line;
}

bool inside(const QString &root, const QString &path)
{
    return path.startsWith(root + QLatin1Char('/'));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    static const QByteArray pictures[2] = { png(10), png(120) };
    const QString root = scratchPath(QStringLiteral("layout"));
    QDir(root).removeRecursively();
    QDir().mkpath(root);
    const QList<QByteArray> sections
        = QByteArray(reinterpret_cast<const char *>(data), qsizetype(size)).split('\n');
    int section = 0, files = 0;
    QByteArray manifest, list;
    for (const QByteArray &line : sections) {
        if (line == "====") {
            ++section;
            continue;
        }
        if (section == 0 && files < kMaxFiles) {
            if (const std::optional<QString> name = safeRelative(QString::fromUtf8(line))) {
                write(QDir(root).filePath(*name),
                    hasImageSuffix(*name) ? pictures[name->size() % 2] : QByteArray());
                ++files;
            }
        } else if (section == 1) {
            manifest += line + '\n';
        } else if (section == 2) {
            list += line + '\n';
        }
    }
    if (!manifest.isEmpty())
        write(QDir(root).filePath(QStringLiteral("manifest.json")), manifest);
    if (!list.isEmpty())
        write(QDir(root).filePath(QStringLiteral("list.txt")), list);

    const QString canonical = QFileInfo(root).canonicalFilePath();
    for (const std::optional<DatasetKind> kind :
        { std::optional<DatasetKind>(), std::optional(DatasetKind::Paired),
            std::optional(DatasetKind::Unpaired), std::optional(DatasetKind::TimeLapse) }) {
        const LayoutScan scan = scanDatasetLayout(root, kind);
        if (!scan.error.isEmpty())
            continue;
        for (const DatasetPair &pair : scan.dataset.pairs)
            if (!inside(canonical, pair.rainy) || !inside(canonical, pair.clean))
                std::abort();
        for (const QString &image : scan.dataset.images)
            if (!inside(canonical, image))
                std::abort();
        for (const DatasetScene &scene : scan.dataset.scenes)
            for (const QString &frame : scene.frames + QStringList { scene.background })
                if (!frame.isEmpty() && !inside(canonical, frame))
                    std::abort();
    }
    return 0;
}
