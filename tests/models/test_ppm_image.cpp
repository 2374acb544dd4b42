// SPDX-License-Identifier: GPL-3.0-or-later
// The binary PPM reader and writer of pluvia-models-train, against bytes written by hand
// (Netpbm's P6 layout: "P6", width, height, maximum value, one whitespace, RGB bytes row by row).
#include "models/bench/ppm_image.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <filesystem>
#include <fstream>
#include <iterator>

using namespace pluvia::models;

namespace {

class PpmImage : public ::testing::Test
{
protected:
    void SetUp() override
    {
        folder = std::filesystem::temp_directory_path()
            / ("pluvia-ppm-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed())
                + "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::create_directories(folder);
    }
    void TearDown() override { std::filesystem::remove_all(folder); }

    std::string write(const std::string &name, const std::string &bytes) const
    {
        const std::string path = (folder / name).string();
        std::ofstream(path, std::ios::binary) << bytes;
        return path;
    }

    // The message readPpm throws for `path` ("" when it does not throw).
    static std::string problem(const std::string &path)
    {
        try {
            readPpm(path);
        } catch (const std::runtime_error &e) {
            return e.what();
        }
        return "";
    }

    std::filesystem::path folder;
};

} // namespace

TEST_F(PpmImage, ReadsPixelsAndSkipsHeaderComments)
{
    // 2×1: (255, 0, 51) then (0, 102, 255); a comment between the fields.
    const std::string path = write(
        "a.ppm", "P6\n# made by hand\n2 1\n255\n" + std::string("\xff\x00\x33\x00\x66\xff", 6));
    const at::Tensor image = readPpm(path);
    ASSERT_EQ(image.sizes(), (std::vector<int64_t> { 3, 1, 2 }));
    const at::Tensor expected
        = torch::tensor({ 1.0f, 0.0f, 0.0f, 0.4f, 0.2f, 1.0f }).reshape({ 3, 1, 2 });
    EXPECT_TRUE(torch::allclose(image, expected, 0, 1e-6)) << image;
}

TEST_F(PpmImage, WritesRoundedClampedBytesAndNoTemporaryFile)
{
    // Channel-first 3×1×2: pixel 0 = (0.5, −1, 2), pixel 1 = (1/255, 0.2, 0.998).
    const at::Tensor image
        = torch::tensor({ 0.5f, 1.0f / 255.0f, -1.0f, 0.2f, 2.0f, 0.998f }).reshape({ 3, 1, 2 });
    const std::string path = (folder / "out.ppm").string();
    writePpm(path, image);
    std::ifstream in(path, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    // 0.5·255 = 127.5 → 128; 0.2·255 = 51; 0.998·255 = 254.49 → 254.
    EXPECT_EQ(bytes, std::string("P6\n2 1\n255\n") + std::string("\x80\x00\xff\x01\x33\xfe", 6));
    EXPECT_FALSE(std::filesystem::exists(path + ".part"));
}

TEST_F(PpmImage, BrokenFilesNameTheFileAndTheProblem)
{
    const std::string ascii = write("ascii.ppm", "P3\n1 1\n255\n1 2 3\n");
    EXPECT_EQ(problem(ascii), ascii + ": not a binary PPM (P6) image");
    const std::string cut = write("cut.ppm", "P6\n2 2\n255\n\x01\x02\x03");
    EXPECT_EQ(problem(cut), cut + ": the file ends before its 2×2 pixels do");
    const std::string deep = write("deep.ppm", "P6\n1 1\n65535\n\x00\x01\x00\x02\x00\x03");
    EXPECT_EQ(problem(deep), deep + ": only 8-bit PPM (maximum value 255) is read");
    const std::string huge = write("huge.ppm", "P6\n99999 1\n255\n");
    EXPECT_EQ(problem(huge),
        huge + ": the PPM header's width \"99999\" is not a whole number from 1 to 32768");
    const std::string word = write("word.ppm", "P6\n2 tall\n255\n");
    EXPECT_EQ(problem(word),
        word + ": the PPM header's height \"tall\" is not a whole number from 1 to 32768");
    const std::string missing = (folder / "missing.ppm").string();
    EXPECT_EQ(problem(missing), missing + ": cannot be opened");
}

TEST_F(PpmImage, ListsOnlyPpmFilesInNameOrder)
{
    write("b.ppm", "");
    write("a.ppm", "");
    write("c.png", "");
    EXPECT_EQ(ppmFiles(folder.string()),
        (std::vector<std::string> { (folder / "a.ppm").string(), (folder / "b.ppm").string() }));
    const std::string absent = (folder / "absent").string();
    try {
        ppmFiles(absent);
        FAIL() << "an absent folder was listed";
    } catch (const std::runtime_error &e) {
        EXPECT_EQ(std::string(e.what()).rfind(absent + ": cannot be read", 0), 0u) << e.what();
    }
}
