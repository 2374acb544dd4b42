// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/data/derain_outputs.h"

#include "core/data/dataset_layout_p.h"
#include "core/image/image_info.h"
#include "core/image/image_io_p.h"

#include <QDir>
#include <QFileInfo>

#include <opencv2/core.hpp>

#include <algorithm>

namespace pluvia::core {

QVector<DerainTarget> derainTargets(
    const QStringList &inputs, const QString &relativeTo, QStringList *problems)
{
    QVector<DerainTarget> targets;
    const QDir base(relativeTo);
    for (const QString &input : inputs) {
        const QFileInfo info(input);
        // Anything but a folder is a target, so the reader names what is wrong with a device,
        // a FIFO or a dangling link instead of it being called missing.
        if (!info.isDir() && (info.exists() || info.isSymLink())) {
            const QString below
                = relativeTo.isEmpty() ? QString() : base.relativeFilePath(info.absoluteFilePath());
            // The `..` guard: a file outside relativeTo keeps no sub-folder.
            const bool inside = !below.isEmpty() && !below.startsWith(QLatin1String(".."))
                && !QDir::isAbsolutePath(below);
            const QString sub = inside ? QFileInfo(below).path() : QStringLiteral(".");
            targets.push_back({ info.absoluteFilePath(),
                QDir::cleanPath(
                    sub + QLatin1Char('/') + info.completeBaseName() + QStringLiteral(".png")) });
        } else if (info.isDir()) {
            const QStringList files = imageCandidates(info.absoluteFilePath(), true);
            const QDir root(info.absoluteFilePath());
            for (const QString &file : files) {
                const QFileInfo relative(root.relativeFilePath(file));
                targets.push_back({ file,
                    QDir::cleanPath(relative.path() + QLatin1Char('/') + relative.completeBaseName()
                        + QStringLiteral(".png")) });
            }
        } else if (problems) {
            *problems << QStringLiteral("%1: no such file or folder")
                             .arg(QDir::toNativeSeparators(input));
        }
    }
    return targets;
}

QString derainOutputPath(const QString &outFolder, const DerainTarget &target, const QString &layer)
{
    return QDir::cleanPath(QDir(outFolder).filePath(
        layer.isEmpty() ? target.relative : layer + QLatin1Char('/') + target.relative));
}

QString existingOutputError(const QString &path)
{
    return QStringLiteral(
        "%1 exists; pass --overwrite to replace it or --skip-existing to leave it")
        .arg(QDir::toNativeSeparators(path));
}

QVector<DerainTarget> sequenceTargets(const Dataset &dataset)
{
    QVector<DerainTarget> targets;
    const QDir root(dataset.root);
    for (const DatasetScene &scene : dataset.scenes)
        for (const QString &frame : scene.frames) {
            const QFileInfo info(root.relativeFilePath(frame));
            targets.push_back({ frame,
                QDir::cleanPath(QDir(info.path())
                                    .filePath(info.completeBaseName() + QStringLiteral(".png"))) });
        }
    return targets;
}

QString writeSignedLayer(const QString &path, const cv::Mat &signedRgb)
{
    cv::Mat encoded;
    signedRgb.convertTo(encoded, signedRgb.type(), 0.5, 0.5);
    return writeImage(path, encoded, WriteOptions { 16, 95 });
}

} // namespace pluvia::core
