// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/analysis/feature_map.h"

#include <QElapsedTimer>

namespace pluvia::core {

TsneResult mapFeatureTable(
    const FeatureTable &table, const TsneOptions &options, bool pca, JobContext &context)
{
    if (pca) {
        QElapsedTimer clock;
        clock.start();
        TsneResult result;
        result.embedding = pcaProjection(table.values, table.rows, table.columns, 2);
        result.seconds = clock.nsecsElapsed() * 1e-9;
        return result;
    }
    return runTsne(table.values, table.rows, table.columns, options,
        [&](int iteration, double kl, const std::vector<float> &embedding) {
            context.publish(QVariant::fromValue(TsneSnapshot { iteration, kl, embedding }));
            return !context.isCancelled();
        });
}

} // namespace pluvia::core
