// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/synth/rain_synthesizer_p.h"

#include "core/synth/rain_random_p.h"

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

namespace pluvia::core {

namespace {

constexpr double kPi = 3.14159265358979323846;
// Values on this grid add and subtract exactly in float within [-1, 1] (24-bit significand).
constexpr double kGrid = 16777216.0; // 2^24
// Far sheets are rendered smaller and dimmer by these factors per step of depth.
constexpr double kFarLength = 0.6;
constexpr double kFarWidth = 0.7;
constexpr double kFarIntensity = 0.75;
constexpr double kFarDensity = 1.5;
constexpr double kFarBlur = 1.5;

float snap(double value)
{
    if (!(value > 0.0)) // also maps NaN to 0, which keeps rainy == background + rain
        return 0.f;
    return float(std::nearbyint(std::clamp(value, 0.0, 1.0) * kGrid) / kGrid);
}

double wrapAngle(double degrees)
{
    double wrapped = std::fmod(degrees, 180.0);
    if (wrapped < 0)
        wrapped += 180.0;
    return wrapped >= 180.0 ? 0.0 : wrapped;
}

struct Sheet {
    double angleDeg, density, length, width, intensity, blur;
};

// One streak is a dot with a Gaussian cross-section motion-blurred along its angle: evaluated
// analytically per pixel (distance across the segment, soft one-pixel ends), which is what
// blurring the thresholded noise with a line kernel gives, but with a per-streak angle, length
// and width and without the aliasing of drawing thin lines.
void drawStreak(
    cv::Mat &sheet, double cx, double cy, double angleDeg, double length, double width, double peak)
{
    const double radians = angleDeg * kPi / 180.0;
    const double ux = std::cos(radians);
    const double uy = -std::sin(radians); // counter-clockwise with the image's y axis pointing down
    const double sigma = std::max(width / 2.3548, 0.45);
    const double half = 0.5 * length;
    const double reach = 3.0 * sigma + 1.0;
    const int x0 = std::max(0, int(std::floor(cx - std::abs(ux) * half - reach)));
    const int x1 = std::min(sheet.cols - 1, int(std::ceil(cx + std::abs(ux) * half + reach)));
    const int y0 = std::max(0, int(std::floor(cy - std::abs(uy) * half - reach)));
    const int y1 = std::min(sheet.rows - 1, int(std::ceil(cy + std::abs(uy) * half + reach)));
    const double inverse = 1.0 / (2.0 * sigma * sigma);
    const double maxAcross2 = 9.0 * sigma * sigma;
    for (int y = y0; y <= y1; ++y) {
        float *row = sheet.ptr<float>(y);
        const double dy = y - cy;
        for (int x = x0; x <= x1; ++x) {
            const double dx = x - cx;
            const double along = dx * ux + dy * uy;
            const double across = dy * ux - dx * uy;
            const double end = std::min(1.0, half + 0.5 - std::abs(along));
            if (end <= 0.0 || across * across > maxAcross2)
                continue;
            row[x] += float(peak * end * std::exp(-across * across * inverse));
        }
    }
}

// Adds one sheet: uniform noise over a margin-padded canvas (so streaks enter from outside),
// thresholded at the density, each seed drawn as a streak.
void addSheet(cv::Mat &rain, const Sheet &sheet, const RainParams &params, RainRandom &random)
{
    cv::Mat layer = cv::Mat::zeros(rain.size(), CV_32FC1);
    const int margin = int(std::ceil(0.5 * sheet.length * (1.0 + 2.0 * params.lengthVariation)));
    for (int y = -margin; y < rain.rows + margin; ++y) {
        for (int x = -margin; x < rain.cols + margin; ++x) {
            if (random.uniform() >= sheet.density)
                continue;
            const double cx = x + random.uniform() - 0.5;
            const double cy = y + random.uniform() - 0.5;
            const double angle = sheet.angleDeg + params.angleJitterDeg * random.normal();
            const double length
                = sheet.length * std::max(0.2, 1.0 + params.lengthVariation * random.normal());
            const double width
                = sheet.width * std::max(0.3, 1.0 + params.widthVariation * random.normal());
            const double peak = std::clamp(
                sheet.intensity * (1.0 + params.intensityVariation * random.normal()), 0.0, 1.0);
            drawStreak(layer, cx, cy, angle, length, width, peak);
        }
    }
    if (sheet.blur > 0.05)
        cv::GaussianBlur(layer, layer, cv::Size(), sheet.blur, sheet.blur, cv::BORDER_REFLECT);
    rain += layer;
}

// Veil fraction v = 1 - t per pixel. The depth proxy is a vertical ramp (top of the picture
// farther, as in most outdoor photographs) bent by smooth low-frequency noise.
cv::Mat veilMap(cv::Size size, const RainParams &params, RainRandom &random)
{
    cv::Mat bumps(4, 4, CV_32FC1);
    for (int i = 0; i < bumps.rows; ++i) {
        for (int j = 0; j < bumps.cols; ++j)
            bumps.at<float>(i, j) = float(random.uniform(-0.15, 0.15));
    }
    cv::Mat smooth;
    cv::resize(bumps, smooth, size, 0, 0, cv::INTER_CUBIC);
    cv::Mat veil(size, CV_32FC1);
    for (int y = 0; y < size.height; ++y) {
        const double ramp = size.height > 1 ? 1.0 - double(y) / (size.height - 1) : 1.0;
        for (int x = 0; x < size.width; ++x) {
            const double depth = std::clamp(ramp + smooth.at<float>(y, x), 0.0, 1.0);
            const double d = (1.0 - params.hazeDepth) + params.hazeDepth * depth;
            veil.at<float>(y, x) = float(params.haze * d);
        }
    }
    return veil;
}

} // namespace

RainRender renderRain(const cv::Mat &background, const RainParams &params, std::uint64_t seed)
{
    RainRender render;
    if (background.empty() || background.type() != CV_32FC3) {
        render.error = QStringLiteral("rain synthesis needs a non-empty CV_32FC3 RGB image");
        return render;
    }
    try {
        RainRandom random(seed);
        const double range = params.angleRangeDeg;
        render.directionDeg = wrapAngle(
            range > 0 ? params.angleDeg + random.uniform(-range, range) : params.angleDeg);

        cv::Mat rain = cv::Mat::zeros(background.size(), CV_32FC1);
        for (int j = 0; j < params.layers; ++j) {
            Sheet sheet;
            sheet.angleDeg = render.directionDeg;
            if (j > 0)
                sheet.angleDeg += random.uniform(-params.layerSpreadDeg, params.layerSpreadDeg);
            sheet.density = params.density * std::pow(kFarDensity, j);
            sheet.length = std::max(1.0, params.lengthPx * std::pow(kFarLength, j));
            sheet.width = params.widthPx * std::pow(kFarWidth, j);
            sheet.intensity = params.intensity * std::pow(kFarIntensity, j);
            sheet.blur = params.blurPx * std::pow(kFarBlur, j);
            addSheet(rain, sheet, params, random);
        }
        const cv::Mat veil = params.haze > 0 ? veilMap(background.size(), params, random)
                                             : cv::Mat::zeros(background.size(), CV_32FC1);

        render.rainy.create(background.size(), CV_32FC3);
        render.background.create(background.size(), CV_32FC3);
        render.rain.create(background.size(), CV_32FC3);
        const double airlight = params.airlight;
        for (int y = 0; y < background.rows; ++y) {
            const auto *in = background.ptr<cv::Vec3f>(y);
            const float *r = rain.ptr<float>(y);
            const float *v = veil.ptr<float>(y);
            auto *outO = render.rainy.ptr<cv::Vec3f>(y);
            auto *outB = render.background.ptr<cv::Vec3f>(y);
            auto *outR = render.rain.ptr<cv::Vec3f>(y);
            for (int x = 0; x < background.cols; ++x) {
                const double streak = std::min(1.0, double(r[x]));
                for (int c = 0; c < 3; ++c) {
                    const float b = snap(in[x][c]);
                    const double hazy = b * (1.0 - v[x]) + airlight * v[x];
                    const double o = params.blend == RainBlend::Screen
                        ? 1.0 - (1.0 - hazy) * (1.0 - streak)
                        : hazy + streak;
                    const float rainy = snap(o);
                    outB[x][c] = b;
                    outO[x][c] = rainy;
                    outR[x][c] = rainy - b; // exact on the 2^-24 grid
                }
            }
        }
    } catch (const cv::Exception &e) {
        render = RainRender();
        render.error
            = QStringLiteral("rain synthesis failed: %1").arg(QString::fromStdString(e.what()));
    }
    return render;
}

} // namespace pluvia::core
