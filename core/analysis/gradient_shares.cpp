// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/analysis/gradient_shares.h"

#include "core/analysis/checkpoint_batches_p.h"
#include "core/error_text.h"

#include <torch/torch.h>

#include <cmath>
#include <limits>

namespace pluvia::core {

namespace {

// Norm of d(loss)/d(parameters) per network; 0 where the loss does not reach a network.
std::vector<double> gradientNorms(
    const at::Tensor &loss, const std::vector<std::vector<at::Tensor>> &parameters)
{
    std::vector<at::Tensor> flat;
    for (const auto &network : parameters)
        flat.insert(flat.end(), network.begin(), network.end());
    const std::vector<at::Tensor> grads = torch::autograd::grad({ loss }, flat,
        /*grad_outputs=*/ {}, /*retain_graph=*/true, /*create_graph=*/false,
        /*allow_unused=*/true);
    std::vector<double> norms;
    size_t next = 0;
    for (const auto &network : parameters) {
        double squares = 0.0;
        for (size_t i = 0; i < network.size(); ++i, ++next)
            if (grads[next].defined())
                squares += grads[next].to(torch::kFloat64).pow(2).sum().item<double>();
        norms.push_back(std::sqrt(squares));
    }
    return norms;
}

} // namespace

GradientSharesReport measureGradientShares(const GradientSharesRequest &request)
{
    GradientSharesReport report;
    CheckpointBatches opened;
    if (!openCheckpointBatchesFor({ request.checkpoint, request.data, request.workspace,
                                      request.device, 0, request.batchSize, request.seed },
            &opened, &report))
        return report;
    models::Method &method = *opened.method;
    const models::TrainingPlan plan { std::max<qint64>(opened.info.totalSteps, 1), 1 };
    const std::vector<models::Stage> stages = method.stages(plan);
    const models::StepContext first = models::stepContext(stages, plan, opened.info.step);
    report.stage = QString::fromStdString(first.stage.name);

    std::map<std::string, torch::nn::Module *> byName;
    for (const auto &[name, module] : method.networks())
        byName[name] = module;
    std::map<QString, std::vector<double>> sums; // term → per-network norm sums
    std::map<QString, int> counts;
    std::vector<std::vector<at::Tensor>> parameters;
    try {
        for (int b = 0; b < request.batches; ++b) {
            models::TrainingBatch batch;
            QStringList problems;
            if (!opened.loaders->next(&batch, &problems, &report.error))
                return report;
            for (int phase = 0; phase < method.stepCycle(); ++phase) {
                models::StepContext context = first; // the cycle's steps keep its stage
                context.step += phase;
                const models::StepObjective objective = method.objective(batch, context);
                if (parameters.empty()) {
                    for (const std::string &name : objective.updates) {
                        report.networks << QString::fromStdString(name);
                        parameters.push_back(byName.at(name)->parameters());
                    }
                }
                at::Tensor total;
                auto add = [&](const QString &name, const at::Tensor &loss) {
                    if (!report.terms.contains(name))
                        report.terms << name;
                    const std::vector<double> norms = gradientNorms(loss, parameters);
                    std::vector<double> &sum = sums[name];
                    sum.resize(norms.size(), 0.0);
                    for (size_t n = 0; n < norms.size(); ++n)
                        sum[n] += norms[n];
                    ++counts[name];
                };
                for (const models::LossTerm &term : objective.terms) {
                    const at::Tensor weighted = term.value * term.weight;
                    total = total.defined() ? total + weighted : weighted;
                    if (weighted.requires_grad())
                        add(QString::fromStdString(term.name), weighted);
                }
                if (total.defined() && total.requires_grad())
                    add(QStringLiteral("total"), total);
            }
            if (request.progress && !request.progress(b + 1, request.batches)) {
                report.error = QStringLiteral("cancelled");
                return report;
            }
        }
    } catch (const std::exception &e) {
        report.error = firstLineOf(e.what());
        return report;
    }
    // "total" last, the terms in the order met.
    report.terms.removeAll(QStringLiteral("total"));
    report.terms << QStringLiteral("total");
    const int networks = int(report.networks.size());
    std::vector<double> termSums(size_t(networks), 0.0);
    for (const QString &term : std::as_const(report.terms)) {
        QVector<double> mean(networks, 0.0);
        for (int n = 0; n < networks; ++n)
            mean[n] = sums[term][size_t(n)] / counts[term];
        report.norms << mean;
        if (term != QLatin1String("total"))
            for (int n = 0; n < networks; ++n)
                termSums[size_t(n)] += mean[n];
    }
    for (int t = 0; t + 1 < report.terms.size(); ++t) {
        QVector<double> share(networks, std::numeric_limits<double>::quiet_NaN());
        for (int n = 0; n < networks; ++n)
            if (termSums[size_t(n)] > 0.0)
                share[n] = report.norms[t][n] / termSums[size_t(n)];
        report.shares << share;
    }
    return report;
}

} // namespace pluvia::core
