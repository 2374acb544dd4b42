// SPDX-License-Identifier: GPL-3.0-or-later
// Rain-layer features from a trained method, for the t-SNE map (`pluvia-cli tsne --checkpoint`):
// the rain layers the method decomposes and generates in each domain (its rainFeatures(), e.g.
// JRGR's four groups of Fig. 8) on random crops of the given datasets, each turned into a
// feature vector and tagged with its group, source image and crop.
//
// Extractors:
//   raw    the rain layer averaged down to 16 × 16 × 3 (768 values)
//   stats  hand-made rain statistics (38 values): the magnitude-weighted histogram of gradient
//          orientations (18 bins over [0°, 180°), from the 5×5 Gaussian-derivative kernels),
//          the histogram of |R| (16 bins over [0, 0.5)), the share of pixels with |R| > 0.02,
//          and the mean |R|, the standard deviation and the mean of R
//   layer:NAME  the activations of one of the method's feature layers (its description's
//          featureLayers, e.g. JRGR's "D_Or.penultimate"), averaged over space
// Runs on the method's device, batch by batch. Blocking; call it off the GUI thread.
#pragma once

#include "core/analysis/feature_table.h"
#include "core/jobs/progress.h"

#include <QImage>
#include <QMap>
#include <QString>
#include <QVector>

namespace pluvia::core {

struct RainFeatureRequest {
    QString checkpoint;
    QMap<QString, QString> data; // role → dataset (as for training; the method's required roles);
                                 // empty: the datasets the checkpoint's run trained on, from the
                                 // workspace's store
    QString workspace; // resolves registered dataset names and runs (may be empty)
    QString device = QStringLiteral("cpu");
    QString extractor = QStringLiteral("stats"); // "raw", "stats" or "layer:NAME"
    int samples = 128; // crops drawn per role
    int cropSize = 0; // 0: the checkpoint's crop_size
    int batchSize = 8;
    quint64 seed = 0;
    ProgressCallback progress; // (batches done, total); false cancels
};

inline constexpr int kRainThumbnailSide = 64;

struct RainFeatureReport {
    FeatureTable table; // groups, and carried columns source and crop
    // Per row: the rain layer itself in the diverging colormap (blue / white / red at ± its 99th
    // percentile of |R|), at most kRainThumbnailSide pixels, for the map's hover.
    QVector<QImage> thumbnails;
    QString method;
    qint64 checkpointStep = 0;
    QString error;
    bool ok() const { return error.isEmpty(); }
};

RainFeatureReport extractRainFeatures(const RainFeatureRequest &request);

} // namespace pluvia::core
