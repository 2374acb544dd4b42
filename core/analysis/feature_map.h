// SPDX-License-Identifier: GPL-3.0-or-later
// A feature table mapped to 2-D for the interactive view, as the work of a job (jobs/job.h):
// t-SNE publishes a TsneSnapshot every `reportEvery` iterations so the view animates, and stops
// at the next one once the job is cancelled (the result then says cancelled); PCA is one step.
#pragma once

#include "core/analysis/feature_table.h"
#include "core/analysis/tsne.h"
#include "core/jobs/job.h"

#include <vector>

namespace pluvia::core {

struct TsneSnapshot {
    int iteration = 0;
    double kl = 0.0;
    std::vector<float> embedding; // rows × 2
};

TsneResult mapFeatureTable(
    const FeatureTable &table, const TsneOptions &options, bool pca, JobContext &context);

} // namespace pluvia::core

Q_DECLARE_METATYPE(pluvia::core::TsneSnapshot)
