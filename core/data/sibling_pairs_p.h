// SPDX-License-Identifier: GPL-3.0-or-later
// Paired sets in layouts Pluvia has no name for: two sibling folders holding the same file stems
// (e.g. inputcrop/ + cleancrop/). Which one is rainy comes from the folder names or, failing
// that, from the images: rain streaks add high-frequency energy, so the rainy side has the
// larger mean |Laplacian|. Before the images decide, they must show that the two folders hold
// the same scenes (a time-lapse set of two scenes with the same frame names holds different
// ones). Private to core; reentrant.
#pragma once

#include <QString>
#include <QStringList>
#include <QVector>

#include <optional>

namespace pluvia::core {

enum class FolderRole { Unknown, Rainy, Clean };

// From a folder's name, case-insensitively: rain, rainy, input, data (rainy) and clean, norain,
// gt, target, label (clean), each as the whole name, its start ("inputcrop") or its end after
// '_', '-', '.' or ' ' ("test_gt"); O and B only as the whole name. A name that reads both ways
// is Unknown.
FolderRole folderRoleFromName(const QString &name);

struct SiblingPairs {
    QString rainyFolder;
    QString cleanFolder;
    QString reason; // how the rainy side was chosen, for the user
};

// `folders`: the root's sub-folders that hold images, each with its image files. A match needs
// exactly two such folders whose shared stems cover at least half of the smaller one.
struct FolderImages {
    QString folder;
    QStringList files;
};
std::optional<SiblingPairs> detectSiblingPairs(const QVector<FolderImages> &folders);

// Mean |Laplacian| of the grey centre (at most 256 × 256) of an RGB [0, 1] image, in 1/255.
double highFrequencyEnergy(const QString &imagePath, bool *ok);

} // namespace pluvia::core
