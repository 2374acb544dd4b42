// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/data/dataset_kind.h"

namespace pluvia::core {

QString datasetKindName(DatasetKind kind)
{
    switch (kind) {
    case DatasetKind::Paired:
        return QStringLiteral("paired");
    case DatasetKind::Unpaired:
        return QStringLiteral("unpaired");
    case DatasetKind::TimeLapse:
        return QStringLiteral("time-lapse");
    }
    return QString();
}

QString imageContentName(ImageContent content)
{
    switch (content) {
    case ImageContent::RainyAndClean:
        return QStringLiteral("rainy+clean");
    case ImageContent::Rainy:
        return QStringLiteral("rainy");
    case ImageContent::Clean:
        return QStringLiteral("clean");
    case ImageContent::Frames:
        return QStringLiteral("frames");
    }
    return {};
}

bool parseImageContent(const QString &name, ImageContent *content)
{
    for (const ImageContent candidate : { ImageContent::RainyAndClean, ImageContent::Rainy,
             ImageContent::Clean, ImageContent::Frames })
        if (imageContentName(candidate) == name.trimmed()) {
            if (content)
                *content = candidate;
            return true;
        }
    return false;
}

bool parseDatasetKind(const QString &name, DatasetKind *kind)
{
    const QString key = name.trimmed().toLower();
    DatasetKind parsed;
    if (key == QLatin1String("paired"))
        parsed = DatasetKind::Paired;
    else if (key == QLatin1String("unpaired"))
        parsed = DatasetKind::Unpaired;
    else if (key == QLatin1String("time-lapse") || key == QLatin1String("timelapse"))
        parsed = DatasetKind::TimeLapse;
    else
        return false;
    if (kind)
        *kind = parsed;
    return true;
}

} // namespace pluvia::core
