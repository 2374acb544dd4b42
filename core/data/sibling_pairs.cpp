// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/data/sibling_pairs_p.h"

#include "core/image/image_io_p.h"

#include <QDir>
#include <QFileInfo>
#include <QHash>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

namespace pluvia::core {

namespace {

constexpr int kMeasuredPairs = 8; // pairs read when the images decide
constexpr int kEnergySide = 256;
constexpr int kThumbnailSide = 32; // for the same-scene check

bool nameHasToken(const QString &name, const QString &token)
{
    if (name.compare(token, Qt::CaseInsensitive) == 0)
        return true;
    if (token.size() == 1) // O and B: the whole name only ("output" is not rainy)
        return false;
    if (name.startsWith(token, Qt::CaseInsensitive))
        return true;
    if (!name.endsWith(token, Qt::CaseInsensitive) || name.size() == token.size())
        return false;
    const QChar before = name.at(name.size() - token.size() - 1);
    return before == QLatin1Char('_') || before == QLatin1Char('-') || before == QLatin1Char('.')
        || before == QLatin1Char(' ');
}

bool nameHasAny(const QString &name, std::initializer_list<const char *> tokens)
{
    return std::any_of(tokens.begin(), tokens.end(),
        [&](const char *token) { return nameHasToken(name, QLatin1String(token)); });
}

cv::Mat greyOf(const QString &path)
{
    const FloatImage image = readImageRgbFloat(path);
    if (!image.ok())
        return {};
    cv::Mat grey;
    cv::cvtColor(image.pixels, grey, cv::COLOR_RGB2GRAY);
    return grey;
}

// The scene without its rain: a 5×5 median removes thin streaks (as the video import's camera
// check does), then a small square keeps the layout of the scene.
cv::Mat sceneThumbnail(const cv::Mat &grey)
{
    cv::Mat median, thumbnail;
    cv::medianBlur(grey, median, 5);
    cv::resize(median, thumbnail, cv::Size(kThumbnailSide, kThumbnailSide), 0, 0, cv::INTER_AREA);
    return thumbnail;
}

// Pearson correlation of two scene thumbnails.
double thumbnailCorrelation(const cv::Mat &a, const cv::Mat &b)
{
    cv::Mat x = sceneThumbnail(a), y = sceneThumbnail(b);
    x.convertTo(x, CV_64F);
    y.convertTo(y, CV_64F);
    cv::Scalar meanX, stdX, meanY, stdY;
    cv::meanStdDev(x, meanX, stdX);
    cv::meanStdDev(y, meanY, stdY);
    if (stdX[0] == 0.0 || stdY[0] == 0.0)
        return 0.0;
    const double covariance = cv::mean((x - meanX[0]).mul(y - meanY[0]))[0];
    return covariance / (stdX[0] * stdY[0]);
}

double energyOf(const cv::Mat &grey)
{
    const int w = std::min(grey.cols, kEnergySide), h = std::min(grey.rows, kEnergySide);
    const cv::Mat centre = grey(cv::Rect((grey.cols - w) / 2, (grey.rows - h) / 2, w, h));
    cv::Mat laplacian;
    cv::Laplacian(centre, laplacian, CV_32F);
    return cv::mean(cv::abs(laplacian))[0] * 255.0;
}

// The images decide: the same scenes on both sides (each pair closer than neighbours within a
// folder), then the side with more high-frequency energy in most pairs is rainy.
std::optional<SiblingPairs> decideByImages(const FolderImages &a, const FolderImages &b,
    const QStringList &aShared, const QStringList &bShared)
{
    const qsizetype count = std::min<qsizetype>(kMeasuredPairs, aShared.size());
    std::vector<cv::Mat> aGrey, bGrey;
    for (qsizetype i = 0; i < count; ++i) {
        const qsizetype index = i * aShared.size() / count; // spread over the set
        cv::Mat x = greyOf(aShared[index]), y = greyOf(bShared[index]);
        if (x.empty() || y.empty())
            continue;
        aGrey.push_back(x);
        bGrey.push_back(y);
    }
    if (aGrey.empty())
        return std::nullopt;
    double across = 0.0, within = 0.0;
    for (size_t i = 0; i < aGrey.size(); ++i) {
        across += thumbnailCorrelation(aGrey[i], bGrey[i]) / double(aGrey.size());
        if (aGrey.size() > 1)
            within += thumbnailCorrelation(aGrey[i], aGrey[(i + 1) % aGrey.size()])
                / double(aGrey.size());
    }
    const bool sameScenes = aGrey.size() > 1 ? across > within : across > 0.5;
    if (!sameScenes)
        return std::nullopt;

    int aWins = 0;
    double aEnergy = 0.0, bEnergy = 0.0;
    for (size_t i = 0; i < aGrey.size(); ++i) {
        const double x = energyOf(aGrey[i]), y = energyOf(bGrey[i]);
        aWins += x > y ? 1 : 0;
        aEnergy += x / double(aGrey.size());
        bEnergy += y / double(aGrey.size());
    }
    const int n = int(aGrey.size());
    const bool aRainy = 2 * aWins != n ? 2 * aWins > n : aEnergy > bEnergy;
    const FolderImages &rainy = aRainy ? a : b;
    const FolderImages &clean = aRainy ? b : a;
    return SiblingPairs { rainy.folder, clean.folder,
        QStringLiteral("rainy: %1/, clean: %2/, chosen from the images (high-frequency energy "
                       "%3 against %4, higher in %5 of %6 pairs)")
            .arg(QFileInfo(rainy.folder).fileName(), QFileInfo(clean.folder).fileName())
            .arg(aRainy ? aEnergy : bEnergy, 0, 'f', 2)
            .arg(aRainy ? bEnergy : aEnergy, 0, 'f', 2)
            .arg(aRainy ? aWins : n - aWins)
            .arg(n) };
}

} // namespace

FolderRole folderRoleFromName(const QString &name)
{
    const bool rainy = nameHasAny(name, { "rain", "rainy", "input", "data", "O" });
    const bool clean = nameHasAny(name, { "clean", "norain", "gt", "target", "label", "B" });
    if (rainy == clean)
        return FolderRole::Unknown;
    return rainy ? FolderRole::Rainy : FolderRole::Clean;
}

double highFrequencyEnergy(const QString &imagePath, bool *ok)
{
    const cv::Mat grey = greyOf(imagePath);
    *ok = !grey.empty();
    return grey.empty() ? 0.0 : energyOf(grey);
}

std::optional<SiblingPairs> detectSiblingPairs(const QVector<FolderImages> &folders)
{
    if (folders.size() != 2)
        return std::nullopt;
    const FolderImages &a = folders[0], &b = folders[1];
    QHash<QString, QString> bByStem;
    for (const QString &file : b.files)
        bByStem.insert(QFileInfo(file).completeBaseName(), file);
    QStringList aShared, bShared;
    for (const QString &file : a.files) {
        const auto it = bByStem.constFind(QFileInfo(file).completeBaseName());
        if (it != bByStem.constEnd()) {
            aShared << file;
            bShared << *it;
        }
    }
    const qsizetype smaller = std::min(a.files.size(), b.files.size());
    if (aShared.isEmpty() || 2 * aShared.size() < smaller)
        return std::nullopt;

    const FolderRole aRole = folderRoleFromName(QFileInfo(a.folder).fileName());
    const FolderRole bRole = folderRoleFromName(QFileInfo(b.folder).fileName());
    const bool aRainy = aRole == FolderRole::Rainy || bRole == FolderRole::Clean;
    const bool bRainy = bRole == FolderRole::Rainy || aRole == FolderRole::Clean;
    if (aRainy != bRainy) {
        const FolderImages &rainy = aRainy ? a : b;
        const FolderImages &clean = aRainy ? b : a;
        return SiblingPairs { rainy.folder, clean.folder,
            QStringLiteral("rainy: %1/, clean: %2/, chosen from the folder names")
                .arg(QFileInfo(rainy.folder).fileName(), QFileInfo(clean.folder).fileName()) };
    }
    return decideByImages(a, b, aShared, bShared);
}

} // namespace pluvia::core
