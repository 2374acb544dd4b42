// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/metrics/niqe_p.h"

#include "core/image/image_io_p.h"
#include "core/metrics/niqe_pristine_model_p.h"

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <QFileInfo>

#include <algorithm>
#include <array>
#include <cmath>
#include <exception>
#include <limits>
#include <vector>

namespace pluvia::core {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr int kFeaturesPerScale = niqe_model::kFeatureCount / 2;

// estimateaggdparam.m's grid gam = 0.2:0.001:10 and r_gam = Γ(2/α)² / (Γ(1/α) Γ(3/α)).
struct AggdGrid {
    std::vector<double> alpha;
    std::vector<double> ratio;
    AggdGrid()
    {
        for (int k = 200; k <= 10000; ++k) {
            const double a = k / 1000.0;
            alpha.push_back(a);
            const double g2 = std::tgamma(2.0 / a);
            ratio.push_back(g2 * g2 / (std::tgamma(1.0 / a) * std::tgamma(3.0 / a)));
        }
    }
};

const AggdGrid &aggdGrid()
{
    static const AggdGrid grid;
    return grid;
}

// Keys' cubic with a = −0.5, as MATLAB's imresize defines it.
double cubic(double x)
{
    const double a = std::abs(x);
    if (a <= 1.0)
        return 1.5 * a * a * a - 2.5 * a * a + 1.0;
    if (a <= 2.0)
        return -0.5 * a * a * a + 2.5 * a * a - 4.0 * a + 2.0;
    return 0.0;
}

// One resize pass along the rows of `in` (each row halved), following imresize.m's contributions():
// output x (1-based) samples u = 2x − 0.5 with the kernel stretched by 2 (antialiasing), weights
// normalised to sum 1, out-of-range indices mirrored with the edge repeated.
cv::Mat halveRows(const cv::Mat &in)
{
    const int n = in.cols;
    const int m = (n + 1) / 2;
    cv::Mat out(in.rows, m, CV_64F);
    constexpr int kTaps = 10; // ceil(kernel width 8) + 2
    for (int x = 1; x <= m; ++x) {
        const double u = 2.0 * x - 0.5;
        const int left = int(std::floor(u - 4.0));
        std::array<double, kTaps> weights {};
        std::array<int, kTaps> sources {};
        double sum = 0.0;
        for (int t = 0; t < kTaps; ++t) {
            const int index = left + t; // 1-based
            weights[size_t(t)] = 0.5 * cubic(0.5 * (u - index));
            sum += weights[size_t(t)];
            int mirrored = ((index - 1) % (2 * n) + 2 * n) % (2 * n); // [1:n, n:-1:1]
            if (mirrored >= n)
                mirrored = 2 * n - 1 - mirrored;
            sources[size_t(t)] = mirrored;
        }
        for (int r = 0; r < in.rows; ++r) {
            const double *row = in.ptr<double>(r);
            double value = 0.0;
            for (int t = 0; t < kTaps; ++t) {
                if (weights[size_t(t)] != 0.0)
                    value += weights[size_t(t)] / sum * row[sources[size_t(t)]];
            }
            out.at<double>(r, x - 1) = value;
        }
    }
    return out;
}

// MSCN coefficients (I − μ) / (σ + 1) with μ, σ from the 7×7 Gaussian window, borders replicated.
cv::Mat mscn(const cv::Mat &plane)
{
    const cv::Mat window(niqe_model::kWindowSide, niqe_model::kWindowSide, CV_64F,
        const_cast<double *>(niqe_model::kWindow.data()));
    cv::Mat mu, muSquare, meanOfSquares;
    cv::filter2D(plane, mu, CV_64F, window, cv::Point(-1, -1), 0.0, cv::BORDER_REPLICATE);
    cv::filter2D(plane.mul(plane), meanOfSquares, CV_64F, window, cv::Point(-1, -1), 0.0,
        cv::BORDER_REPLICATE);
    muSquare = mu.mul(mu);
    cv::Mat sigma = cv::abs(meanOfSquares - muSquare);
    cv::sqrt(sigma, sigma);
    return (plane - mu) / (sigma + 1.0);
}

// computefeature.m on one block: 2 features of the values, 4 of each neighbour product (the
// neighbour by MATLAB's circshift within the block: shifted(i, j) = X(i − dr, j − dc) cyclically).
void blockFeatures(const cv::Mat &block, double *features)
{
    const int h = block.rows, w = block.cols;
    std::vector<double> values(size_t(h) * size_t(w));
    for (int r = 0; r < h; ++r)
        for (int c = 0; c < w; ++c)
            values[size_t(r) * size_t(w) + size_t(c)] = block.at<double>(r, c);
    const AggdFit whole = fitAggd(values.data(), values.size());
    features[0] = whole.alpha;
    features[1] = (whole.betaLeft + whole.betaRight) / 2.0;

    constexpr std::array<std::array<int, 2>, 4> kShifts { { { 0, 1 }, { 1, 0 }, { 1, 1 },
        { 1, -1 } } };
    std::vector<double> products(values.size());
    for (size_t s = 0; s < kShifts.size(); ++s) {
        const int dr = kShifts[s][0], dc = kShifts[s][1];
        for (int r = 0; r < h; ++r) {
            const int sr = (r - dr + h) % h;
            for (int c = 0; c < w; ++c) {
                const int sc = (c - dc + w) % w;
                products[size_t(r) * size_t(w) + size_t(c)]
                    = values[size_t(r) * size_t(w) + size_t(c)]
                    * values[size_t(sr) * size_t(w) + size_t(sc)];
            }
        }
        const AggdFit fit = fitAggd(products.data(), products.size());
        double *out = features + 2 + 4 * s;
        out[0] = fit.alpha;
        out[1] = (fit.betaRight - fit.betaLeft) * std::tgamma(2.0 / fit.alpha)
            / std::tgamma(1.0 / fit.alpha);
        out[2] = fit.betaLeft;
        out[3] = fit.betaRight;
    }
}

// MATLAB pinv: singular values above max(size) · eps(largest) are inverted, the rest dropped.
cv::Mat pseudoInverse(const cv::Mat &matrix)
{
    cv::Mat w, u, vt;
    cv::SVD::compute(matrix, w, u, vt, cv::SVD::FULL_UV);
    const double largest = w.at<double>(0);
    const double tolerance = std::max(matrix.rows, matrix.cols)
        * (std::nextafter(largest, std::numeric_limits<double>::infinity()) - largest);
    cv::Mat inverseW = cv::Mat::zeros(matrix.cols, matrix.rows, CV_64F);
    for (int i = 0; i < w.rows; ++i) {
        if (w.at<double>(i) > tolerance)
            inverseW.at<double>(i, i) = 1.0 / w.at<double>(i);
    }
    return vt.t() * inverseW * u.t();
}

// nancov of the block features (N − 1 normalisation over the rows without NaN); with a single
// block MATLAB takes the row for one variable: the variance of its 36 numbers, in every entry.
cv::Mat blockCovariance(const cv::Mat &features, QString *error)
{
    const int n = niqe_model::kFeatureCount;
    if (features.rows == 1) {
        cv::Scalar mean, stddev;
        cv::meanStdDev(features, mean, stddev);
        const double variance = stddev[0] * stddev[0] * n / (n - 1);
        return cv::Mat(n, n, CV_64F, cv::Scalar(variance));
    }
    cv::Mat complete;
    for (int r = 0; r < features.rows; ++r) {
        if (cv::checkRange(features.row(r)))
            complete.push_back(features.row(r));
    }
    if (complete.empty()) {
        *error = QStringLiteral("every block has an undefined feature (a flat image?)");
        return {};
    }
    cv::Mat covariance, mean;
    cv::calcCovarMatrix(complete, covariance, mean, cv::COVAR_NORMAL | cv::COVAR_ROWS, CV_64F);
    // MATLAB's cov normalises one observation by 1, more by N − 1.
    return covariance / std::max(1, complete.rows - 1);
}

} // namespace

AggdFit fitAggd(const double *values, std::size_t count)
{
    double leftSquares = 0.0, rightSquares = 0.0, absSum = 0.0, squares = 0.0;
    std::size_t left = 0, right = 0;
    for (std::size_t i = 0; i < count; ++i) {
        const double v = values[i];
        if (v < 0.0) {
            leftSquares += v * v;
            ++left;
        } else if (v > 0.0) {
            rightSquares += v * v;
            ++right;
        }
        absSum += std::abs(v);
        squares += v * v;
    }
    const double leftStd = left > 0 ? std::sqrt(leftSquares / double(left)) : kNaN;
    const double rightStd = right > 0 ? std::sqrt(rightSquares / double(right)) : kNaN;
    const double gammaHat = leftStd / rightStd;
    const double meanAbs = absSum / double(count);
    const double rHat = meanAbs * meanAbs / (squares / double(count));
    const double rHatNorm = rHat * (gammaHat * gammaHat * gammaHat + 1.0) * (gammaHat + 1.0)
        / ((gammaHat * gammaHat + 1.0) * (gammaHat * gammaHat + 1.0));

    const AggdGrid &grid = aggdGrid();
    std::size_t best = 0;
    if (!std::isnan(rHatNorm)) {
        double bestDifference = std::numeric_limits<double>::infinity();
        for (std::size_t k = 0; k < grid.ratio.size(); ++k) {
            const double difference = (grid.ratio[k] - rHatNorm) * (grid.ratio[k] - rHatNorm);
            if (difference < bestDifference) { // the first on a tie, as MATLAB's min
                bestDifference = difference;
                best = k;
            }
        }
    }
    AggdFit fit;
    fit.alpha = grid.alpha[best];
    const double scale = std::sqrt(std::tgamma(1.0 / fit.alpha) / std::tgamma(3.0 / fit.alpha));
    fit.betaLeft = leftStd * scale;
    fit.betaRight = rightStd * scale;
    return fit;
}

cv::Mat matlabHalfSize(const cv::Mat &plane)
{
    const cv::Mat halfHeight = halveRows(plane.t()).t();
    return halveRows(halfHeight);
}

cv::Mat niqeInputPlane(const cv::Mat &image, NiqePlane plane)
{
    if (image.empty() || (image.channels() != 1 && image.channels() != 3))
        return {};
    cv::Mat bytes;
    switch (image.depth()) {
    case CV_8U:
        bytes = image;
        break;
    case CV_16U:
        image.convertTo(bytes, CV_8U, 1.0 / 257.0);
        break;
    case CV_32F:
    case CV_64F: {
        // im2uint8: × 255, clamped, rounded half away from zero (convertTo rounds half to even).
        cv::Mat scaled;
        image.convertTo(scaled, CV_64F, 255.0);
        scaled = scaled.reshape(1);
        cv::Mat rounded(scaled.size(), CV_8U);
        for (int r = 0; r < scaled.rows; ++r) {
            for (int c = 0; c < scaled.cols; ++c)
                rounded.at<uchar>(r, c)
                    = uchar(std::round(std::clamp(scaled.at<double>(r, c), 0.0, 255.0)));
        }
        bytes = rounded.reshape(image.channels());
        break;
    }
    default:
        return {};
    }
    if (bytes.channels()
        == 1) // grey is R = G = B, as the other metrics and OpenCV's imread take it
        cv::merge(std::vector<cv::Mat>(3, bytes), bytes);
    // Each pixel's weighted sum in double, rounded half away from zero (MATLAB's round).
    const bool luma = plane == NiqePlane::Y;
    cv::Mat out(bytes.rows, bytes.cols, CV_8U);
    for (int r = 0; r < bytes.rows; ++r) {
        const cv::Vec3b *in = bytes.ptr<cv::Vec3b>(r);
        uchar *row = out.ptr<uchar>(r);
        for (int c = 0; c < bytes.cols; ++c) {
            const double value = luma
                ? 16.0 + (65.481 * in[c][0] + 128.553 * in[c][1] + 24.966 * in[c][2]) / 255.0
                : 0.298936021293775 * in[c][0] + 0.587043074451121 * in[c][1]
                    + 0.114020904255103 * in[c][2];
            row[c] = cv::saturate_cast<uchar>(std::round(value));
        }
    }
    return out;
}

NiqeScore niqeOfPlane(const cv::Mat &plane)
{
    NiqeScore score;
    if (plane.type() != CV_8UC1) {
        score.error = QStringLiteral("NIQE needs one 8-bit plane");
        return score;
    }
    const int blockRows = plane.rows / kNiqeBlockSide;
    const int blockCols = plane.cols / kNiqeBlockSide;
    if (blockRows == 0 || blockCols == 0) {
        score.error = QStringLiteral("NIQE needs at least %1×%1 pixels; the image is %2×%3")
                          .arg(kNiqeBlockSide)
                          .arg(plane.cols)
                          .arg(plane.rows);
        return score;
    }
    try {
        cv::Mat image;
        plane(cv::Rect(0, 0, blockCols * kNiqeBlockSide, blockRows * kNiqeBlockSide))
            .convertTo(image, CV_64F);
        const int blocks = blockRows * blockCols;
        cv::Mat features(blocks, niqe_model::kFeatureCount, CV_64F);
        for (int scale = 0; scale < 2; ++scale) {
            const cv::Mat coefficients = mscn(image);
            const int side = kNiqeBlockSide >> scale;
            for (int b = 0; b < blocks; ++b) {
                const cv::Rect rect((b % blockCols) * side, (b / blockCols) * side, side, side);
                blockFeatures(
                    coefficients(rect), features.ptr<double>(b) + scale * kFeaturesPerScale);
            }
            if (scale == 0)
                image = matlabHalfSize(image);
        }

        // μd: nanmean per feature.
        cv::Mat difference(1, niqe_model::kFeatureCount, CV_64F);
        for (int k = 0; k < niqe_model::kFeatureCount; ++k) {
            double sum = 0.0;
            int count = 0;
            for (int b = 0; b < blocks; ++b) {
                const double value = features.at<double>(b, k);
                if (!std::isnan(value)) {
                    sum += value;
                    ++count;
                }
            }
            difference.at<double>(k) = niqe_model::kMean[size_t(k)] - sum / count;
        }
        const cv::Mat blockCov = blockCovariance(features, &score.error);
        if (!score.ok())
            return score;
        const cv::Mat pristineCov(niqe_model::kFeatureCount, niqe_model::kFeatureCount, CV_64F,
            const_cast<double *>(niqe_model::kCovariance.data()));
        const cv::Mat inverse = pseudoInverse((pristineCov + blockCov) / 2.0);
        const cv::Mat distance = difference * inverse * difference.t();
        score.value = std::sqrt(distance.at<double>(0));
        score.blocks = blocks;
        if (!std::isfinite(score.value))
            score.error = QStringLiteral("NIQE is undefined for this image (a flat image?)");
    } catch (const std::exception &e) {
        score.error = QStringLiteral("NIQE failed: %1").arg(QString::fromUtf8(e.what()));
    }
    return score;
}

NiqeScore niqeOfImage(const cv::Mat &image, NiqePlane plane)
{
    const cv::Mat bytes = niqeInputPlane(image, plane);
    if (bytes.empty()) {
        NiqeScore score;
        score.error = QStringLiteral("NIQE takes grey or RGB images of 8 or 16 bits");
        return score;
    }
    return niqeOfPlane(bytes);
}

NiqeScore niqeOfFile(const QString &path, NiqePlane plane)
{
    const DecodedImage decoded = readImage(path);
    NiqeScore score;
    if (!decoded.ok()) {
        score.error = decoded.error.isEmpty() ? QStringLiteral("%1: cannot read image").arg(path)
                                              : decoded.error;
        return score;
    }
    score = niqeOfImage(decoded.pixels, plane);
    if (!score.ok())
        score.error = QStringLiteral("%1: %2").arg(path, score.error);
    return score;
}

QString niqePlaneKey(NiqePlane plane)
{
    return plane == NiqePlane::Y ? QStringLiteral("y") : QStringLiteral("grey");
}

bool parseNiqePlane(const QString &key, NiqePlane *plane)
{
    for (const NiqePlane candidate : { NiqePlane::Y, NiqePlane::Grey }) {
        if (key == niqePlaneKey(candidate)) {
            *plane = candidate;
            return true;
        }
    }
    return false;
}

QString niqeName(NiqePlane plane)
{
    return plane == NiqePlane::Y ? QStringLiteral("NIQE-Y") : QStringLiteral("NIQE-grey");
}

QString niqeConvention(NiqePlane plane)
{
    return QStringLiteral("%1 (Mittal et al. 2013, LIVE pristine model, MATLAB release; %2; "
                          "lower is better)")
        .arg(niqeName(plane),
            plane == NiqePlane::Y ? QStringLiteral("Y of MATLAB rgb2ycbcr on 8 bits")
                                  : QStringLiteral("MATLAB rgb2gray on 8 bits"));
}

} // namespace pluvia::core
