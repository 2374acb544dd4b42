// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/inference/decomposition.h"

#include "core/image/layer_compare.h"
#include "core/inference/layer_preview_p.h"
#include "core/store/run_store.h"

#include <QImage>

namespace pluvia::core {

DecomposeResult storedPreview(const QString &workspace, const QString &runId, qint64 step)
{
    DecomposeResult result;
    std::unique_ptr<RunStore> store = RunStore::open(workspace, &result.error);
    if (!store)
        return result;
    const ArtifactRecord *best = nullptr;
    const QVector<ArtifactRecord> samples = store->artifacts(runId, QStringLiteral("sample"));
    for (const ArtifactRecord &sample : samples)
        if (sample.step <= step && (!best || sample.step > best->step))
            best = &sample;
    if (!best) {
        result.error
            = QStringLiteral("run %1 stored no preview at or before step %2").arg(runId).arg(step);
        return result;
    }
    result.preview = loadPreview(best->path, &result.error);
    result.preview.runId = runId;
    result.preview.step = best->step;
    result.preview.sample = best->note; // the rainy image the preview shows
    return result;
}

DecomposeResult groundTruthLayers(const QString &rainy, const QString &clean)
{
    DecomposeResult result;
    result.preview.sample = rainy;
    result.method = QStringLiteral("ground truth");
    const QImage o(rainy);
    if (o.isNull()) {
        result.error = QStringLiteral("%1: cannot read the image").arg(rainy);
        return result;
    }
    const PreviewLayer oLayer = imageLayer(QStringLiteral("O"), o);
    if (clean.isEmpty()) {
        result.preview.layers = { oLayer };
        return result;
    }
    const QImage b(clean);
    if (b.isNull()) {
        result.error = QStringLiteral("%1: cannot read the image").arg(clean);
        return result;
    }
    const PreviewLayer bLayer = imageLayer(QStringLiteral("B"), b);
    const DerivedLayer r = differenceLayer(QStringLiteral("R"), oLayer, bLayer);
    if (!r.ok()) {
        result.error = QStringLiteral("%1: %2").arg(rainy, r.error);
        return result;
    }
    result.preview.layers = { oLayer, bLayer, r.layer };
    return result;
}

} // namespace pluvia::core
