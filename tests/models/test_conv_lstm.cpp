// SPDX-License-Identifier: GPL-3.0-or-later
// The ConvLSTM cell against a hand-written cell: four separate gate convolutions with the
// weights sliced out of the fused one, and eq. 2's gate formulas written out.
#include "models/networks/conv_lstm.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

using namespace pluvia::models;

namespace {

torch::Tensor logistic(const torch::Tensor &x)
{
    return 1.0 / (1.0 + torch::exp(-x));
}

// eq. 2 with one convolution per gate; g through tanh or the logistic function.
std::pair<torch::Tensor, torch::Tensor> handCell(const ConvLstmCell &cell, const torch::Tensor &x,
    const torch::Tensor &h, const torch::Tensor &c, bool sigmoidCandidate)
{
    const int64_t hidden = h.size(1);
    const torch::Tensor input = torch::cat({ x, h }, 1);
    auto gate = [&](int index) {
        const auto &conv = cell->gates();
        return torch::conv2d(input, conv->weight.narrow(0, index * hidden, hidden),
            conv->bias.narrow(0, index * hidden, hidden), 1, 1);
    };
    const torch::Tensor i = logistic(gate(0)), f = logistic(gate(1)), o = logistic(gate(3));
    const torch::Tensor gPre = gate(2);
    const torch::Tensor g = sigmoidCandidate
        ? logistic(gPre)
        : (torch::exp(gPre) - torch::exp(-gPre)) / (torch::exp(gPre) + torch::exp(-gPre));
    const torch::Tensor nextC = f * c + i * g;
    const torch::Tensor tanhC = (torch::exp(2 * nextC) - 1) / (torch::exp(2 * nextC) + 1);
    return { o * tanhC, nextC };
}

} // namespace

TEST(ConvLstm, GatesMatchAHandWrittenCell)
{
    for (bool sigmoidCandidate : { false, true }) {
        torch::manual_seed(3);
        ConvLstmCell cell(ConvLstmOptions {
            2, 3, sigmoidCandidate ? CandidateActivation::Sigmoid : CandidateActivation::Tanh });
        const auto x = torch::randn({ 2, 2, 7, 9 });
        const auto h = torch::randn({ 2, 3, 7, 9 });
        const auto c = torch::randn({ 2, 3, 7, 9 });
        const auto [nextH, nextC] = cell->forward(x, h, c);
        const auto [handH, handC] = handCell(cell, x, h, c, sigmoidCandidate);
        EXPECT_LT((nextH - handH).abs().max().item<double>(), 1e-5) << sigmoidCandidate;
        EXPECT_LT((nextC - handC).abs().max().item<double>(), 1e-5) << sigmoidCandidate;
        EXPECT_EQ(nextH.sizes(), h.sizes());
    }
}

// H_0 = C_0 = 0: undefined state is zero state; and with zero state, C' = i ⊙ g.
TEST(ConvLstm, FirstStepStartsFromZeroState)
{
    torch::manual_seed(4);
    ConvLstmCell cell(ConvLstmOptions { 2, 3, CandidateActivation::Tanh });
    const auto x = torch::randn({ 1, 2, 5, 6 });
    const auto [h0, c0] = cell->forward(x, {}, {});
    const auto zeros = torch::zeros({ 1, 3, 5, 6 });
    const auto [hz, cz] = handCell(cell, x, zeros, zeros, false);
    EXPECT_LT((h0 - hz).abs().max().item<double>(), 1e-5);
    EXPECT_LT((c0 - cz).abs().max().item<double>(), 1e-5);
    // Parameters: one 3×3 conv from 2 + 3 channels to 4 × 3 gates, with bias.
    int64_t count = 0;
    for (const auto &p : cell->parameters())
        count += p.numel();
    EXPECT_EQ(count, (2 + 3) * 12 * 9 + 12);
}
