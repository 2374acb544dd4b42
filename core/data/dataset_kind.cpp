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
