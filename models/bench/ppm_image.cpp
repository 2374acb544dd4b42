// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/bench/ppm_image.h"

#include <torch/torch.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace pluvia::models {

namespace {

// The next header field of a PPM: skips whitespace and '#' comments (Netpbm's header grammar).
std::string headerField(std::istream &in)
{
    std::string field;
    while (in) {
        const int c = in.get();
        if (c == '#') {
            in.ignore(1 << 20, '\n');
        } else if (std::isspace(c)) {
            if (!field.empty())
                return field;
        } else if (c != EOF) {
            field.push_back(char(c));
        }
    }
    return field;
}

std::int64_t positiveField(
    std::istream &in, const std::string &path, const char *what, std::int64_t limit)
{
    const std::string field = headerField(in);
    char *end = nullptr;
    const long long value = std::strtoll(field.c_str(), &end, 10);
    if (field.empty() || *end != '\0' || value < 1 || value > limit)
        throw std::runtime_error(path + ": the PPM header's " + what + " \"" + field
            + "\" is not a whole number from 1 to " + std::to_string(limit));
    return value;
}

} // namespace

at::Tensor readPpm(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw std::runtime_error(path + ": cannot be opened");
    if (headerField(in) != "P6")
        throw std::runtime_error(path + ": not a binary PPM (P6) image");
    const std::int64_t width = positiveField(in, path, "width", 1 << 15);
    const std::int64_t height = positiveField(in, path, "height", 1 << 15);
    if (positiveField(in, path, "maximum value", 65535) != 255)
        throw std::runtime_error(path + ": only 8-bit PPM (maximum value 255) is read");
    auto pixels = torch::empty({ height, width, 3 }, torch::kUInt8);
    in.read(reinterpret_cast<char *>(pixels.data_ptr<std::uint8_t>()), height * width * 3);
    if (in.gcount() != height * width * 3)
        throw std::runtime_error(path + ": the file ends before its " + std::to_string(width) + "×"
            + std::to_string(height) + " pixels do");
    return pixels.permute({ 2, 0, 1 }).to(torch::kFloat32).div_(255.0f).contiguous();
}

void writePpm(const std::string &path, const at::Tensor &image)
{
    const at::Tensor pixels = image.detach()
                                  .to(torch::kCPU, torch::kFloat32)
                                  .clamp(0, 1)
                                  .mul(255.0f)
                                  .round()
                                  .to(torch::kUInt8)
                                  .permute({ 1, 2, 0 })
                                  .contiguous();
    const std::string temporary = path + ".part";
    {
        std::ofstream out(temporary, std::ios::binary);
        out << "P6\n" << pixels.size(1) << ' ' << pixels.size(0) << "\n255\n";
        out.write(reinterpret_cast<const char *>(pixels.data_ptr<std::uint8_t>()),
            std::streamsize(pixels.numel()));
        if (!out.flush())
            throw std::runtime_error(temporary + ": cannot be written");
    }
    std::error_code error;
    std::filesystem::rename(temporary, path, error);
    if (error)
        throw std::runtime_error(path + ": cannot be written (" + error.message() + ")");
}

std::vector<std::string> ppmFiles(const std::string &folder)
{
    std::error_code error;
    std::vector<std::string> files;
    for (const auto &entry : std::filesystem::directory_iterator(folder, error))
        if (entry.is_regular_file() && entry.path().extension() == ".ppm")
            files.push_back(entry.path().string());
    if (error)
        throw std::runtime_error(folder + ": cannot be read (" + error.message() + ")");
    std::sort(files.begin(), files.end());
    return files;
}

} // namespace pluvia::models
