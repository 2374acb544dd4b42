// SPDX-License-Identifier: GPL-3.0-or-later
// Pluvia's VGG-16 features against torchvision's own model: vgg16_fixture.py (run by ctest as the
// vgg16_fixture test) writes a random VGG-16's state dict as torch.save writes the ImageNet one,
// torchvision's features of a seeded input, and broken state dicts, into the directory named by
// PLUVIA_VGG16_FIXTURE_DIR.
#include "models/networks/vgg16_features.h"

#include "models/framework/state_dict_file.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <vector>

using pluvia::models::loadVgg16Weights;
using pluvia::models::parseVgg16Layer;
using pluvia::models::StateDictFile;
using pluvia::models::Vgg16Features;
using pluvia::models::Vgg16Layer;
using pluvia::models::vgg16LayerName;

namespace {

std::string fixture(const std::string &name)
{
    const char *dir = std::getenv("PLUVIA_VGG16_FIXTURE_DIR");
    if (dir == nullptr)
        throw std::runtime_error("PLUVIA_VGG16_FIXTURE_DIR is unset: run this test through ctest");
    return (std::filesystem::path(dir) / name).string();
}

// The message of the std::invalid_argument loadVgg16Weights throws, or "" if it accepts the file.
std::string refusal(Vgg16Layer layer, const std::string &path)
{
    Vgg16Features net(layer);
    try {
        loadVgg16Weights(net, path);
    } catch (const std::invalid_argument &error) {
        return error.what();
    }
    return {};
}

bool contains(const std::string &text, const std::string &part)
{
    return text.find(part) != std::string::npos;
}

} // namespace

TEST(Vgg16Features, LayerNamesRoundTrip)
{
    for (Vgg16Layer layer : { Vgg16Layer::Relu2_2, Vgg16Layer::Relu3_3 })
        EXPECT_EQ(parseVgg16Layer(vgg16LayerName(layer)), layer) << vgg16LayerName(layer);
    try {
        parseVgg16Layer("relu5_3");
        ADD_FAILURE() << "relu5_3 accepted";
    } catch (const std::invalid_argument &error) {
        const std::string message = error.what();
        EXPECT_TRUE(contains(message, "relu5_3") && contains(message, "relu2_2")
            && contains(message, "relu3_3"))
            << message;
    }
}

// The reader describes every key of torchvision's file without reading its tensors: the
// classifier's last layer (ImageNet's 1,000 classes × 4,096) has torchvision's shape.
TEST(StateDictFile, DescribesKeysOfTorchvisionFile)
{
    const StateDictFile file(fixture("vgg16.pt"));
    EXPECT_EQ(file.path(), fixture("vgg16.pt"));
    const StateDictFile::Entry *entry = file.find("classifier.6.weight");
    ASSERT_NE(entry, nullptr);
    EXPECT_TRUE(entry->isTensor);
    EXPECT_EQ(entry->dtype, torch::kFloat);
    EXPECT_EQ(entry->sizes, (std::vector<int64_t> { 1000, 4096 }));
    EXPECT_EQ(file.find("classifier.7.weight"), nullptr);
}

// (a) The features equal torchvision's features[:9] and features[:16] on the same input.
TEST(Vgg16Features, MatchesTorchvision)
{
    std::ifstream file(fixture("reference.pt"), std::ios::binary);
    ASSERT_TRUE(file) << fixture("reference.pt");
    const std::vector<char> bytes((std::istreambuf_iterator<char>(file)), {});
    const auto reference = torch::pickle_load(bytes).toGenericDict();
    const torch::Tensor input = reference.at("input").toTensor();

    for (Vgg16Layer layer : { Vgg16Layer::Relu2_2, Vgg16Layer::Relu3_3 }) {
        const char *name = vgg16LayerName(layer);
        Vgg16Features net(layer);
        loadVgg16Weights(net, fixture("vgg16.pt"));
        const torch::Tensor expected = reference.at(name).toTensor();
        const torch::Tensor actual = net->forward(input);
        ASSERT_EQ(actual.sizes(), expected.sizes()) << name;
        const float difference = (actual - expected).abs().max().item<float>();
        const float magnitude = expected.abs().max().item<float>();
        std::cout << name << ": max |Pluvia − torchvision| = " << difference
                  << ", max |torchvision| = " << magnitude << "\n";
        EXPECT_GT(magnitude, 0.f) << name;
        EXPECT_LT(difference, 1e-4f * std::max(1.f, magnitude)) << name;
    }
}

// (b) The loss trains the network producing the input, never VGG-16.
TEST(Vgg16Features, GradientReachesInputNotParameters)
{
    Vgg16Features net(Vgg16Layer::Relu3_3);
    for (const auto &item : net->named_parameters())
        EXPECT_FALSE(item.value().requires_grad()) << item.key() << " before loading";
    loadVgg16Weights(net, fixture("vgg16.pt"));

    torch::manual_seed(5);
    const torch::Tensor input = torch::rand({ 1, 3, 20, 24 }).requires_grad_(true);
    net->forward(input).square().mean().backward();
    ASSERT_TRUE(input.grad().defined());
    EXPECT_GT(input.grad().abs().sum().item<float>(), 0.f);
    for (const auto &item : net->named_parameters()) {
        EXPECT_FALSE(item.value().requires_grad()) << item.key();
        EXPECT_FALSE(item.value().grad().defined()) << item.key();
    }
}

// Float16 and float64 weights load as their float32 values.
TEST(Vgg16Features, ConvertsOtherFloatTypes)
{
    Vgg16Features reference(Vgg16Layer::Relu2_2);
    loadVgg16Weights(reference, fixture("vgg16.pt"));
    const auto expected = reference->named_parameters();
    for (const auto &[file, dtype] : { std::pair { "vgg16_relu2_2_float16.pt", torch::kHalf },
             std::pair { "vgg16_relu2_2_float64.pt", torch::kDouble } }) {
        Vgg16Features net(Vgg16Layer::Relu2_2);
        loadVgg16Weights(net, fixture(file));
        for (const auto &item : net->named_parameters()) {
            EXPECT_EQ(item.value().scalar_type(), torch::kFloat) << file << " " << item.key();
            EXPECT_TRUE(
                torch::equal(item.value(), expected[item.key()].to(dtype).to(torch::kFloat)))
                << file << " " << item.key();
        }
    }
}

// (c) The first missing key is named (features.10 … 14 are missing too, but later).
TEST(Vgg16Features, RefusesMissingKey)
{
    const std::string path = fixture("vgg16_lacks_features5.pt");
    const std::string message = refusal(Vgg16Layer::Relu3_3, path);
    EXPECT_TRUE(contains(message, path) && contains(message, "lacks features.5.weight")) << message;
}

// (d) A wrong shape is named with both shapes, and the network keeps its weights.
TEST(Vgg16Features, RefusesWrongShapeLeavingNetUnchanged)
{
    const std::string path = fixture("vgg16_wrong_shape.pt");
    Vgg16Features net(Vgg16Layer::Relu2_2);
    std::vector<torch::Tensor> before;
    for (const auto &parameter : net->parameters())
        before.push_back(parameter.clone());
    std::string message;
    try {
        loadVgg16Weights(net, path);
    } catch (const std::invalid_argument &error) {
        message = error.what();
    }
    EXPECT_TRUE(contains(message, path) && contains(message, "features.5.weight")
        && contains(message, "[64, 64, 3, 3]") && contains(message, "[128, 64, 3, 3]"))
        << message;
    const auto after = net->parameters();
    for (size_t i = 0; i < before.size(); ++i)
        EXPECT_TRUE(torch::equal(before[i], after[i])) << "parameter " << i;
}

// (e) Bytes that are not a torch.save archive.
TEST(Vgg16Features, RefusesNonArchive)
{
    const std::string path
        = (std::filesystem::path(testing::TempDir()) / "pluvia_vgg16_random_bytes.pt").string();
    {
        torch::manual_seed(7);
        const torch::Tensor noise = torch::randint(0, 256, { 4096 }, torch::kUInt8);
        std::ofstream out(path, std::ios::binary);
        out.write(static_cast<const char *>(noise.data_ptr()), noise.numel());
    }
    const std::string message = refusal(Vgg16Layer::Relu2_2, path);
    std::filesystem::remove(path);
    EXPECT_TRUE(contains(message, path) && contains(message, "is not a PyTorch state dict"))
        << message;
}

// (f) A missing file.
TEST(Vgg16Features, RefusesMissingFile)
{
    const std::string path = fixture("no-such-file.pt");
    const std::string message = refusal(Vgg16Layer::Relu2_2, path);
    EXPECT_TRUE(contains(message, "cannot read " + path)) << message;
}
