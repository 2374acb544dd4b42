// SPDX-License-Identifier: GPL-3.0-or-later
// NIQE against the reference scores of an independent double-precision implementation of the
// authors' MATLAB release (../shared/niqe/reference_scores.csv, copied below with its provenance),
// and each step against a computation written out here: the model's published sums, the window's
// formula, imresize on a ramp, the AGGD fit on samples of known distributions, the conversions.
#include "core/image/image_io_p.h"
#include "core/metrics/niqe_p.h"
#include "core/metrics/niqe_pristine_model_p.h"

#include <QCryptographicHash>
#include <QFileInfo>
#include <QtTest/QTest>

#include <opencv2/core.hpp>

#include <cmath>
#include <random>
#include <vector>

using namespace pluvia::core;

namespace {

QByteArray sha256(const cv::Mat &mat)
{
    const cv::Mat continuous = mat.isContinuous() ? mat : mat.clone();
    return QCryptographicHash::hash(QByteArrayView(continuous.ptr<char>(),
                                        qsizetype(continuous.total() * continuous.elemSize())),
        QCryptographicHash::Sha256)
        .toHex();
}

struct ReferenceScore {
    const char *path;
    cv::Rect crop; // empty: the whole image
    NiqePlane plane;
    const char *decodedSha;
    const char *planeSha;
    int blocks;
    double niqe;
};

// reference_scores.csv (Debian 12: mate-backgrounds 1.26.0-1, opencv-doc 4.6.0+dfsg-12). Its
// "gray" rows use BasicSR's rounded 0.299/0.587/0.114, which for Storm.jpg and ela_original.jpg
// gives the same plane as MATLAB's rgb2gray (the plane hashes below check that).
const char *const kMate = "/usr/share/backgrounds/mate/nature/";
const char *const kOpenCv = "/usr/share/doc/opencv-doc/examples/data/";
const ReferenceScore kReferences[] = {
    { "Blinds.jpg", {}, NiqePlane::Y,
        "1de410e1c098a6c673891ee5af2ecb3708a8fe5ceccb5fda0f239013ff9c7e3f",
        "695e44f4e9102ca23f0d598f0c5e78ddb2450bb58a4657dbb3788ce72e632a12", 240, 7.28498165 },
    { "RainDrops.jpg", cv::Rect(0, 0, 803, 601), NiqePlane::Y,
        "0cc8ffa123948ffe2b697d1ccb0e9d170a749530feab29016e9f0028fb4c80bd",
        "3e7efc56ea47b1e38d914d76d3cb59e4f2595939746e6f3b494684027df83110", 48, 7.31537130 },
    { "Storm.jpg", cv::Rect(0, 0, 733, 517), NiqePlane::Y,
        "1a80120f653a897883486f498cb71c038e4bda81092a1f3fa1a20f6469c6e954",
        "cdeec70208c92b20fcd698972eda66a4b5acbc97b7a7f9cd14ccf941b26a2f8a", 35, 11.81324721 },
    { "Storm.jpg", cv::Rect(0, 0, 733, 517), NiqePlane::Grey,
        "1a80120f653a897883486f498cb71c038e4bda81092a1f3fa1a20f6469c6e954",
        "2861f54476044fb0a78eb073349b0fdb8ae87f104bedc79ab95d03e06a7c9be0", 35, 11.42315346 },
    { "baboon.jpg", {}, NiqePlane::Y,
        "b09de65bfb12908e6fe314635a8294c250f70843afad1f183410b4184e77d80c",
        "164ca39d830148b716fa7757420431976d3895f5e83e9bb8b668b1d39df8342c", 25, 3.74403239 },
    { "baboon.jpg", {}, NiqePlane::Grey,
        "b09de65bfb12908e6fe314635a8294c250f70843afad1f183410b4184e77d80c",
        "25b51579f6be87d458fbfb313bad7b19f44bf28fcd589b7d5dce6429227f706e", 25, 3.79579425 },
    { "fruits.jpg", {}, NiqePlane::Y,
        "0c0456e454898ef6b32332b7a7ef14ed141c700f289f16a28753c0b537b145f5",
        "5c1c8ddf0364cdfdebbf60da83d204b5f52df7dd63c4464df728e99d4c345dba", 25, 4.10253197 },
    { "fruits.jpg", cv::Rect(0, 0, 457, 301), NiqePlane::Y,
        "0c0456e454898ef6b32332b7a7ef14ed141c700f289f16a28753c0b537b145f5",
        "e167f8867533600e5c96864fc6babd99028e13f0dfd7c063e54b2c339da15dd0", 12, 4.25544097 },
    { "butterfly.jpg", {}, NiqePlane::Y,
        "7887c936717a9cc01bdd1af08191998d75d53e158d1ad88751391665a51425cf",
        "82779cfd4c407cb4c80124e83a7366444cf97970881bb14bb0b5f5d594ac8991", 15, 5.31717704 },
    { "ela_original.jpg", {}, NiqePlane::Y,
        "888fe68b83720f777677f3713e1a131ef44f5ddd9f2adeec4062cec6ef2875f5",
        "b5f145569d1ceabfb6133bbe054bdd5d916d7ca6692312593cb95972bc9f74e4", 72, 5.79448148 },
    { "ela_original.jpg", {}, NiqePlane::Grey,
        "888fe68b83720f777677f3713e1a131ef44f5ddd9f2adeec4062cec6ef2875f5",
        "eda444c60065321c87534cfdb0bc75ceff40fd1a674d25a7c2c220af52cfb4c3", 72, 5.63933668 },
    { "rubberwhale2.png", {}, NiqePlane::Y,
        "8969fd68904f54c73ec5dbd57f74731498f0299205ee08f99fc9b888d4dc7fa4",
        "b7d643bb0276514c2552c24812583380fb72323e06a5d543c5148d7a118be6ae", 24, 3.06804461 },
    { "box.png", {}, NiqePlane::Y,
        "99394e5c292b256f2285da83eab4f66d4b5e7d2cdc169392203e17fae50f1f13",
        "d3048181cb6b36c9c4421f9dc0dd0e98b28972cb080c208d777f2de99b2d109b", 6, 5.11349881 },
};

QString referencePath(const ReferenceScore &reference)
{
    const int index = int(&reference - kReferences);
    return QString::fromLatin1(index < 4 ? kMate : kOpenCv) + QString::fromLatin1(reference.path);
}

// Γ-based moments of the AGGD, for the fits of known distributions.
double betaOfStd(double std, double alpha)
{
    return std * std::sqrt(std::tgamma(1.0 / alpha) / std::tgamma(3.0 / alpha));
}

} // namespace

class TestNiqe : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void pristineModelMatchesItsPublishedSums();
    void windowIsMatlabsGaussian();
    void referenceScores_data();
    void referenceScores();
    void halfSizeIsBicubicWithAntialiasing();
    void aggdFitRecoversKnownDistributions();
    void conversionsRoundAsMatlab();
    void smallFlatAndUnreadableImagesAreNamed();
};

void TestNiqe::pristineModelMatchesItsPublishedSums()
{
    // The model file's header: sum(μp), trace(Σp) and the sum of Σp's entries.
    double meanSum = 0.0, trace = 0.0, total = 0.0;
    for (const double value : niqe_model::kMean)
        meanSum += value;
    const int n = niqe_model::kFeatureCount;
    for (int i = 0; i < n; ++i) {
        trace += niqe_model::kCovariance[size_t(i * n + i)];
        for (int j = 0; j < n; ++j) {
            total += niqe_model::kCovariance[size_t(i * n + j)];
            QCOMPARE(niqe_model::kCovariance[size_t(i * n + j)],
                niqe_model::kCovariance[size_t(j * n + i)]);
        }
    }
    QVERIFY(std::abs(meanSum - 17.328765528168809) < 1e-12);
    QVERIFY(std::abs(trace - 1.6309188316421013) < 1e-13);
    QVERIFY(std::abs(total - 13.276807347444823) < 1e-12);
}

void TestNiqe::windowIsMatlabsGaussian()
{
    // fspecial('gaussian', 7, 7/6): exp(−(x² + y²) / (2σ²)) for x, y in −3..3, normalised.
    const double sigma = 7.0 / 6.0;
    double sum = 0.0;
    std::vector<double> formula;
    for (int y = -3; y <= 3; ++y)
        for (int x = -3; x <= 3; ++x) {
            formula.push_back(std::exp(-(x * x + y * y) / (2.0 * sigma * sigma)));
            sum += formula.back();
        }
    for (size_t i = 0; i < formula.size(); ++i)
        QVERIFY2(std::abs(formula[i] / sum - niqe_model::kWindow[i]) < 1e-16,
            qPrintable(QStringLiteral("window entry %1").arg(i)));
}

void TestNiqe::referenceScores_data()
{
    QTest::addColumn<int>("index");
    for (const ReferenceScore &reference : kReferences) {
        const int index = int(&reference - kReferences);
        QTest::addRow("%s %s%s", reference.path, reference.crop.empty() ? "" : "crop ",
            reference.plane == NiqePlane::Y ? "y" : "grey")
            << index;
    }
}

void TestNiqe::referenceScores()
{
    QFETCH(int, index);
    const ReferenceScore &reference = kReferences[index];
    const QString path = referencePath(reference);
    if (!QFileInfo::exists(path))
        QFAIL(qPrintable(QStringLiteral("%1 is missing: install mate-backgrounds and opencv-doc "
                                        "(./bootstrap.sh test does)")
                             .arg(path)));
    const DecodedImage decoded = readImage(path);
    QVERIFY2(decoded.ok(), qPrintable(decoded.error));
    // The references decoded with OpenCV's imread in colour mode: grey files (box.png) as R = G =
    // B.
    cv::Mat rgb = decoded.pixels;
    if (rgb.channels() == 1)
        cv::merge(std::vector<cv::Mat>(3, rgb), rgb);
    QCOMPARE(rgb.type(), CV_8UC3);
    QCOMPARE(sha256(rgb), QByteArray(reference.decodedSha));
    const cv::Mat image = reference.crop.empty() ? decoded.pixels : decoded.pixels(reference.crop);
    const cv::Mat plane = niqeInputPlane(image, reference.plane);
    QCOMPARE(sha256(plane), QByteArray(reference.planeSha));
    const NiqeScore score = niqeOfImage(image, reference.plane);
    QVERIFY2(score.ok(), qPrintable(score.error));
    QCOMPARE(score.blocks, reference.blocks);
    qInfo("%s: %.8f (reference %.8f)", reference.path, score.value, reference.niqe);
    // The reference is printed to 8 decimals; the issue asks for 1e-4.
    QVERIFY2(std::abs(score.value - reference.niqe) < 1e-7,
        qPrintable(
            QStringLiteral("%1 against %2").arg(score.value, 0, 'g', 12).arg(reference.niqe)));
}

void TestNiqe::halfSizeIsBicubicWithAntialiasing()
{
    // A plane linear in row and column: Keys' cubic with weights normalised to 1 reproduces
    // linear functions, so away from the mirrored borders output (i, j) (1-based) equals the
    // ramp at the source position 2i − 0.5, 2j − 0.5.
    const int rows = 40, cols = 52;
    cv::Mat ramp(rows, cols, CV_64F);
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c)
            ramp.at<double>(r, c) = 3.0 * (r + 1) - 0.75 * (c + 1) + 10.0;
    const cv::Mat half = matlabHalfSize(ramp);
    QCOMPARE(half.rows, rows / 2);
    QCOMPARE(half.cols, cols / 2);
    for (int i = 3; i <= half.rows - 2; ++i)
        for (int j = 3; j <= half.cols - 2; ++j) {
            const double expected = 3.0 * (2.0 * i - 0.5) - 0.75 * (2.0 * j - 0.5) + 10.0;
            QVERIFY(std::abs(half.at<double>(i - 1, j - 1) - expected) < 1e-11);
        }
    // The first output column by hand, one row of the ramp along columns only: samples at
    // 1-based positions −2 … 5 (u = 1.5, taps where |u − j| < 4), mirrored to 3 2 1 1 2 3 4 5,
    // weights 0.5 · cubic(0.5 (u − j)) normalised.
    cv::Mat line(1, 8, CV_64F);
    for (int c = 0; c < 8; ++c)
        line.at<double>(0, c) = (c + 1) * (c + 1); // a parabola: the border is not linear
    const int taps[] = { -2, -1, 0, 1, 2, 3, 4, 5 };
    const int mirrored[] = { 3, 2, 1, 1, 2, 3, 4, 5 };
    double weighted = 0.0, weights = 0.0;
    for (int t = 0; t < 8; ++t) {
        const double x = std::abs(0.5 * (1.5 - taps[t]));
        const double w = x <= 1.0 ? 1.5 * x * x * x - 2.5 * x * x + 1.0
                                  : -0.5 * x * x * x + 2.5 * x * x - 4.0 * x + 2.0;
        weighted += w * mirrored[t] * mirrored[t];
        weights += w;
    }
    const cv::Mat halfLine = matlabHalfSize(cv::repeat(line, 4, 1));
    QVERIFY(std::abs(halfLine.at<double>(0, 0) - weighted / weights) < 1e-12);
}

void TestNiqe::aggdFitRecoversKnownDistributions()
{
    std::mt19937_64 random(7);
    const size_t count = 400000;
    std::vector<double> values(count);

    // Gaussian, σ = 0.7: α = 2, βl = βr = σ √2.
    std::normal_distribution<double> normal(0.0, 0.7);
    for (double &v : values)
        v = normal(random);
    AggdFit fit = fitAggd(values.data(), count);
    QVERIFY2(std::abs(fit.alpha - 2.0) < 0.03, qPrintable(QString::number(fit.alpha)));
    QVERIFY(std::abs(fit.betaLeft - 0.7 * std::sqrt(2.0)) < 0.01);
    QVERIFY(std::abs(fit.betaRight - 0.7 * std::sqrt(2.0)) < 0.01);

    // Laplace with scale b = 0.3: α = 1, β = b.
    std::exponential_distribution<double> exponential(1.0 / 0.3);
    std::bernoulli_distribution sign(0.5);
    for (double &v : values)
        v = (sign(random) ? 1.0 : -1.0) * exponential(random);
    fit = fitAggd(values.data(), count);
    QVERIFY2(std::abs(fit.alpha - 1.0) < 0.02, qPrintable(QString::number(fit.alpha)));
    QVERIFY(std::abs(fit.betaLeft - 0.3) < 0.005);
    QVERIFY(std::abs(fit.betaRight - 0.3) < 0.005);

    // Asymmetric Gaussian halves, σl = 0.5 and σr = 1.0 (α = 2, each side's mass ∝ its β).
    const double betaLeft = betaOfStd(0.5, 2.0), betaRight = betaOfStd(1.0, 2.0);
    std::bernoulli_distribution left(betaLeft / (betaLeft + betaRight));
    std::normal_distribution<double> unit(0.0, 1.0);
    for (double &v : values)
        v = left(random) ? -0.5 * std::abs(unit(random)) : std::abs(unit(random));
    fit = fitAggd(values.data(), count);
    QVERIFY2(std::abs(fit.alpha - 2.0) < 0.05, qPrintable(QString::number(fit.alpha)));
    QVERIFY(std::abs(fit.betaLeft - 0.5 * std::sqrt(2.0)) < 0.01);
    QVERIFY(std::abs(fit.betaRight - std::sqrt(2.0)) < 0.02);

    // No negative value: MATLAB's mean of nothing is NaN, min over NaN picks the first α.
    for (double &v : values)
        v = std::abs(v) + 0.1;
    fit = fitAggd(values.data(), count);
    QCOMPARE(fit.alpha, 0.2);
    QVERIFY(std::isnan(fit.betaLeft));
}

void TestNiqe::conversionsRoundAsMatlab()
{
    // One pixel R, G, B = 10, 20, 30: Y = 16 + (654.81 + 2571.06 + 748.98) / 255 = 31.5876 → 32;
    // rgb2gray = 2.98936 + 11.74086 + 3.42063 = 18.1509 → 18.
    const cv::Mat pixel(1, 1, CV_8UC3, cv::Scalar(10, 20, 30));
    QCOMPARE(int(niqeInputPlane(pixel, NiqePlane::Y).at<uchar>(0, 0)), 32);
    QCOMPARE(int(niqeInputPlane(pixel, NiqePlane::Grey).at<uchar>(0, 0)), 18);
    QCOMPARE(int(niqeInputPlane(cv::Mat(1, 1, CV_8UC3, cv::Scalar(255, 255, 255)), NiqePlane::Y)
                     .at<uchar>(0, 0)),
        235);
    // Grey is R = G = B: rgb2gray keeps it, Y maps 77 to 16 + 219 · 77 / 255 = 82.13 → 82.
    // 16 bits: im2uint8 divides by 257; floats: × 255 rounded half away from zero (0.3 → 76.5 →
    // 77).
    const auto greyOf = [](const cv::Mat &image, NiqePlane plane) {
        return int(niqeInputPlane(image, plane).at<uchar>(0, 0));
    };
    QCOMPARE(greyOf(cv::Mat(1, 1, CV_8UC1, cv::Scalar(77)), NiqePlane::Grey), 77);
    QCOMPARE(greyOf(cv::Mat(1, 1, CV_8UC1, cv::Scalar(77)), NiqePlane::Y), 82);
    QCOMPARE(greyOf(cv::Mat(1, 1, CV_16UC1, cv::Scalar(257 * 77 + 128)), NiqePlane::Grey), 77);
    QCOMPARE(greyOf(cv::Mat(1, 1, CV_32FC1, cv::Scalar(0.3)), NiqePlane::Grey), 77);
    QCOMPARE(greyOf(cv::Mat(1, 1, CV_32FC1, cv::Scalar(1.5)), NiqePlane::Grey), 255);
    QVERIFY(niqeInputPlane(cv::Mat(1, 1, CV_8UC2), NiqePlane::Y).empty());
}

void TestNiqe::smallFlatAndUnreadableImagesAreNamed()
{
    const NiqeScore small
        = niqeOfImage(cv::Mat(200, 95, CV_8UC3, cv::Scalar(1, 2, 3)), NiqePlane::Y);
    QVERIFY(!small.ok());
    QVERIFY2(small.error.contains(QStringLiteral("96×96")), qPrintable(small.error));
    QVERIFY2(small.error.contains(QStringLiteral("95×200")), qPrintable(small.error));

    const NiqeScore flat = niqeOfImage(cv::Mat(192, 192, CV_8UC1, cv::Scalar(128)), NiqePlane::Y);
    QVERIFY(!flat.ok());
    QVERIFY2(flat.error.contains(QStringLiteral("flat")), qPrintable(flat.error));

    const QString missing = QStringLiteral("/nonexistent/rain.png");
    const NiqeScore unreadable = niqeOfFile(missing);
    QVERIFY(!unreadable.ok());
    QVERIFY2(unreadable.error.contains(missing), qPrintable(unreadable.error));
}

QTEST_APPLESS_MAIN(TestNiqe)
#include "test_niqe.moc"
