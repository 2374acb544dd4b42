// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/data/pair_list_p.h"

#include "core/data/listed_paths.h"
#include "core/data/sibling_pairs_p.h"
#include "core/image/image_info.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

namespace pluvia::core {

namespace {

constexpr qint64 kMaxListBytes = 16 * 1024 * 1024; // a list of ~10⁵ pairs; larger is not a list

struct ListedPair {
    QString first;
    QString second;
};

// The lines of a pair list, or nullopt when the file is not one.
std::optional<QVector<ListedPair>> readPairLines(const QString &path)
{
    QFile file(path);
    if (file.size() > kMaxListBytes || !file.open(QIODevice::ReadOnly | QIODevice::Text))
        return std::nullopt;
    static const QRegularExpression whitespace(QStringLiteral("\\s+"));
    QVector<ListedPair> pairs;
    while (!file.atEnd()) {
        const QString line = QString::fromUtf8(file.readLine()).trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        const QStringList fields = line.split(whitespace);
        if (fields.size() != 2 || !hasImageSuffix(fields[0]) || !hasImageSuffix(fields[1]))
            return std::nullopt;
        pairs.append({ fields[0], fields[1] });
    }
    if (pairs.isEmpty())
        return std::nullopt;
    return pairs;
}

QString splitOf(const QString &listName)
{
    const QString stem = QFileInfo(listName).completeBaseName().toLower();
    for (const char *split : { "train", "test", "val" }) {
        if (stem.contains(QLatin1String(split)))
            return QString::fromLatin1(split);
    }
    return {};
}

// Clean first when the first column's folders read clean and the second's rainy.
bool cleanFirst(const QVector<ListedPair> &lines)
{
    const ListedPair &line = lines.first();
    const FolderRole first = folderRoleFromName(QFileInfo(QFileInfo(line.first).path()).fileName());
    const FolderRole second
        = folderRoleFromName(QFileInfo(QFileInfo(line.second).path()).fileName());
    return first == FolderRole::Clean && second != FolderRole::Clean;
}

} // namespace

std::optional<PairListScan> scanPairLists(const QString &root)
{
    const QDir dir(root);
    PairListScan scan;
    const QStringList lists = dir.entryList(
        { QStringLiteral("*.txt"), QStringLiteral("*.TXT") }, QDir::Files, QDir::Name);
    for (const QString &listName : lists) {
        const std::optional<QVector<ListedPair>> lines = readPairLines(dir.filePath(listName));
        if (!lines)
            continue;
        const bool swap = cleanFirst(*lines);
        QVector<DatasetPair> pairs;
        QVector<DatasetProblem> problems;
        for (const ListedPair &line : *lines) {
            const QString rainy
                = QDir::cleanPath(dir.absoluteFilePath(swap ? line.second : line.first));
            const QString clean
                = QDir::cleanPath(dir.absoluteFilePath(swap ? line.first : line.second));
            bool complete = true;
            for (const QString &path : { rainy, clean }) {
                if (const QString problem = listedPathProblem(root, path, listName);
                    !problem.isEmpty()) {
                    complete = false;
                    problems.append({ path, DatasetProblemCode::PairList, problem });
                }
            }
            if (complete)
                pairs.append({ rainy, clean, std::nullopt, splitOf(listName) });
        }
        if (pairs.isEmpty())
            continue; // a text file that names images, none of which is here: not this set's list
        scan.pairs += pairs;
        scan.problems += problems;
        scan.lists << QStringLiteral("%1 (%2 pairs%3)")
                          .arg(listName)
                          .arg(pairs.size())
                          .arg(swap ? QStringLiteral(", clean first") : QString());
    }
    if (scan.lists.isEmpty())
        return std::nullopt;
    return scan;
}

} // namespace pluvia::core
