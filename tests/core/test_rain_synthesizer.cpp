// SPDX-License-Identifier: GPL-3.0-or-later
// The per-image rain renderer and its parameters: the layer decomposition is exact, labels match
// the rendered streaks (measured with a structure tensor computed here, not by the renderer),
// presets differ as their descriptions say, seeds are honoured, overrides are validated.
#include "core/image/image_io_p.h"
#include "core/synth/rain_params.h"
#include "core/synth/rain_synthesizer_p.h"
#include "support/test_support.h"

#include <QTemporaryDir>
#include <QtTest/QTest>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <cmath>
#include <cstring>

using namespace pluvia::core;

namespace {

bool identical(const cv::Mat &a, const cv::Mat &b)
{
    if (a.size() != b.size() || a.type() != b.type())
        return false;
    for (int y = 0; y < a.rows; ++y) {
        if (std::memcmp(a.ptr(y), b.ptr(y), a.cols * a.elemSize()) != 0)
            return false;
    }
    return true;
}

// Dominant line orientation of a picture, in degrees from +x counter-clockwise (y up), [0, 180):
// the structure tensor's dominant gradient direction turned by 90°.
double dominantOrientation(const cv::Mat &rgb)
{
    cv::Mat grey;
    cv::cvtColor(rgb, grey, cv::COLOR_RGB2GRAY);
    cv::Mat gx, gy;
    cv::Sobel(grey, gx, CV_64F, 1, 0, 3);
    cv::Sobel(grey, gy, CV_64F, 0, 1, 3);
    const double jxx = gx.dot(gx), jyy = gy.dot(gy), jxy = gx.dot(gy);
    const double gradientDeg = 0.5 * std::atan2(2 * jxy, jxx - jyy) * 180.0 / M_PI;
    // Image y points down: counter-clockwise on screen is clockwise in (x, y) coordinates.
    double streak = -(gradientDeg + 90.0);
    streak = std::fmod(streak, 180.0);
    return streak < 0 ? streak + 180.0 : streak;
}

double angleDistance(double a, double b)
{
    const double d = std::fmod(std::abs(a - b), 180.0);
    return std::min(d, 180.0 - d);
}

cv::Mat flatGrey(float value)
{
    return cv::Mat(240, 320, CV_32FC3, cv::Scalar::all(value));
}

RainParams preset(const char *name)
{
    const std::optional<RainParams> params = rainPreset(QLatin1String(name));
    return params ? *params : RainParams();
}

} // namespace

class TestRainSynthesizer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void layersAddUpExactly_data();
    void layersAddUpExactly();
    void eightBitRoundTrip();
    void orientationHelperMeasuresDrawnLines();
    void fixedAngleLabel_data();
    void fixedAngleLabel();
    void directionalPresetLabels();
    void presetStatistics();
    void seeds();
    void overrides();
    void presetsAndTable();
    void badInput();
};

void TestRainSynthesizer::layersAddUpExactly_data()
{
    QTest::addColumn<QString>("preset");
    for (const QString &name : rainPresetNames())
        QTest::newRow(qPrintable(name)) << name;
}

void TestRainSynthesizer::layersAddUpExactly()
{
    QFETCH(QString, preset);
    const cv::Mat background = pluvia::test::texturedImage(200, 150, 11);
    const RainRender render = renderRain(background, *rainPreset(preset), 5);
    QVERIFY2(render.error.isEmpty(), qPrintable(render.error));
    QCOMPARE(render.rainy.type(), CV_32FC3);
    QCOMPARE(render.rain.type(), CV_32FC3);
    const cv::Mat sum = render.background + render.rain; // float addition
    QVERIFY(identical(sum, render.rainy));
    double lo, hi;
    cv::minMaxLoc(render.rainy.reshape(1), &lo, &hi);
    QVERIFY(lo >= 0.0 && hi <= 1.0);
    // The background is the input up to the 2^-24 grid.
    QVERIFY(cv::norm(render.background, background, cv::NORM_INF) <= std::ldexp(1.0, -25));
    QVERIFY(cv::norm(render.rain, cv::NORM_INF) > 0.1); // there is rain
}

void TestRainSynthesizer::eightBitRoundTrip()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const RainRender render
        = renderRain(pluvia::test::texturedImage(160, 120, 3), preset("heavy"), 9);
    QVERIFY(render.error.isEmpty());
    const QString rainyPath = dir.filePath(QStringLiteral("o.png"));
    const QString cleanPath = dir.filePath(QStringLiteral("b.png"));
    QCOMPARE(writeImage(rainyPath, render.rainy), QString());
    QCOMPARE(writeImage(cleanPath, render.background), QString());
    const FloatImage rainy = readImageRgbFloat(rainyPath);
    const FloatImage clean = readImageRgbFloat(cleanPath);
    QVERIFY2(rainy.ok() && clean.ok(), qPrintable(rainy.error + clean.error));
    // Each 8-bit file is within half a level of its float image, so B8 + R is within one level.
    const cv::Mat residual = clean.pixels + render.rain - rainy.pixels;
    QVERIFY(cv::norm(residual, cv::NORM_INF) <= 1.0 / 255.0 + 1e-6);
}

void TestRainSynthesizer::orientationHelperMeasuresDrawnLines()
{
    // The measuring helper itself, on lines drawn by OpenCV: 30° CCW from +x (y up) goes right
    // and up on screen, i.e. dy = -sin(30°) in image rows.
    cv::Mat lines(200, 200, CV_8UC3, cv::Scalar::all(0));
    for (int k = -4; k <= 4; ++k) {
        const cv::Point centre(100 + 20 * k, 100);
        const cv::Point step(int(std::lround(60 * std::cos(M_PI / 6))), -30);
        cv::line(lines, centre - step, centre + step, cv::Scalar::all(255), 2, cv::LINE_AA);
    }
    cv::Mat image;
    lines.convertTo(image, CV_32FC3, 1.0 / 255.0);
    const double measured = dominantOrientation(image);
    QVERIFY2(angleDistance(measured, 30.0) < 2.0, qPrintable(QString::number(measured)));
}

void TestRainSynthesizer::fixedAngleLabel_data()
{
    QTest::addColumn<double>("angle");
    for (double angle : { 20.0, 60.0, 100.0, 150.0 })
        QTest::newRow(qPrintable(QString::number(angle))) << angle;
}

void TestRainSynthesizer::fixedAngleLabel()
{
    QFETCH(double, angle);
    RainParams params = preset("directional");
    QCOMPARE(applyRainOverrides(&params,
                 { QStringLiteral("angle=%1").arg(angle), QStringLiteral("angle_range=0") }),
        QString());
    const RainRender render = renderRain(flatGrey(0.3f), params, 17);
    QVERIFY(render.error.isEmpty());
    QCOMPARE(render.directionDeg, angle);
    const double measured = dominantOrientation(render.rain);
    QVERIFY2(angleDistance(measured, angle) < 3.0,
        qPrintable(QStringLiteral("label %1, measured %2").arg(angle).arg(measured)));
}

void TestRainSynthesizer::directionalPresetLabels()
{
    const RainParams params = preset("directional");
    QVector<double> labels;
    for (std::uint64_t seed = 1; seed <= 6; ++seed) {
        const RainRender render
            = renderRain(pluvia::test::texturedImage(320, 240, seed), params, seed);
        QVERIFY(render.error.isEmpty());
        QVERIFY(render.directionDeg >= 0.0 && render.directionDeg < 180.0);
        const double measured = dominantOrientation(render.rain);
        QVERIFY2(angleDistance(measured, render.directionDeg) < 4.0,
            qPrintable(QStringLiteral("seed %1: label %2, measured %3")
                           .arg(seed)
                           .arg(render.directionDeg)
                           .arg(measured)));
        labels << render.directionDeg;
    }
    // Drawn per image: six draws from [0, 180) are not all within a few degrees.
    const auto [lo, hi] = std::minmax_element(labels.begin(), labels.end());
    QVERIFY(*hi - *lo > 30.0);
}

void TestRainSynthesizer::presetStatistics()
{
    const cv::Mat background = pluvia::test::texturedImage(320, 240, 21);
    struct Stats {
        double coverage, meanAbs, median, topMinusBottom;
    };
    const auto measure = [&](const char *name) {
        const RainRender render = renderRain(background, preset(name), 4);
        cv::Mat grey;
        cv::cvtColor(render.rain, grey, cv::COLOR_RGB2GRAY);
        cv::Mat magnitude = cv::abs(grey);
        Stats stats;
        stats.coverage = cv::countNonZero(magnitude > 0.02) / double(magnitude.total());
        stats.meanAbs = cv::mean(magnitude)[0];
        cv::Mat sorted = grey.reshape(1, 1).clone();
        cv::sort(sorted, sorted, cv::SORT_ASCENDING);
        stats.median = sorted.at<float>(0, int(sorted.total() / 2));
        const int quarter = grey.rows / 4;
        stats.topMinusBottom = cv::mean(grey.rowRange(0, quarter))[0]
            - cv::mean(grey.rowRange(grey.rows - quarter, grey.rows))[0];
        return stats;
    };
    const Stats light = measure("light");
    const Stats heavy = measure("heavy");
    const Stats realistic = measure("realistic");
    QVERIFY2(light.coverage < heavy.coverage,
        qPrintable(QStringLiteral("%1 vs %2").arg(light.coverage).arg(heavy.coverage)));
    QVERIFY(light.meanAbs < heavy.meanAbs);
    QVERIFY(light.coverage > 0.01 && light.coverage < 0.4); // sparse, but there
    // Light rain leaves most pixels untouched; the realistic veil lifts every pixel, more at the
    // top (farther) than at the bottom.
    QCOMPARE(light.median, 0.0);
    QVERIFY(realistic.median > 0.02);
    QVERIFY(realistic.topMinusBottom > 0.02);
    QVERIFY(std::abs(light.topMinusBottom) < 0.02);
}

void TestRainSynthesizer::seeds()
{
    const cv::Mat background = pluvia::test::texturedImage(160, 120, 2);
    for (const QString &name : rainPresetNames()) {
        const RainParams params = *rainPreset(name);
        const RainRender a = renderRain(background, params, 42);
        const RainRender b = renderRain(background, params, 42);
        const RainRender c = renderRain(background, params, 43);
        QVERIFY2(identical(a.rainy, b.rainy), qPrintable(name));
        QCOMPARE(a.directionDeg, b.directionDeg);
        QVERIFY2(!identical(a.rainy, c.rainy), qPrintable(name));
    }
}

void TestRainSynthesizer::overrides()
{
    RainParams params;
    const RainParams before = params;
    QString error
        = applyRainOverrides(&params, { QStringLiteral("angle=45"), QStringLiteral("speed=3") });
    QVERIFY(error.contains(QLatin1String("speed")));
    for (const RainParameterInfo &info : rainParameterTable())
        QVERIFY2(error.contains(info.name), qPrintable(info.name));
    QCOMPARE(params.angleDeg, before.angleDeg); // unchanged on error

    error = applyRainOverrides(&params, { QStringLiteral("angle=180") });
    QVERIFY2(error.contains(QLatin1String("[0, 180)")), qPrintable(error));
    error = applyRainOverrides(&params, { QStringLiteral("density=-0.1") });
    QVERIFY2(error.contains(QLatin1String("[0, 0.05]")), qPrintable(error));
    error = applyRainOverrides(&params, { QStringLiteral("layers=2.5") });
    QVERIFY2(error.contains(QLatin1String("1..5")), qPrintable(error));
    error = applyRainOverrides(&params, { QStringLiteral("blend=multiply") });
    QVERIFY2(error.contains(QLatin1String("additive | screen")), qPrintable(error));
    error = applyRainOverrides(&params, { QStringLiteral("length=abc") });
    QVERIFY(!error.isEmpty());
    error = applyRainOverrides(&params, { QStringLiteral("haze") });
    QVERIFY(error.contains(QLatin1String("key=value")));

    QCOMPARE(applyRainOverrides(&params,
                 { QStringLiteral("angle=179.5"), QStringLiteral("layers=4"),
                     QStringLiteral("blend=screen"), QStringLiteral(" haze = 0.2") }),
        QString());
    QCOMPARE(params.angleDeg, 179.5);
    QCOMPARE(params.layers, 4);
    QCOMPARE(params.blend, RainBlend::Screen);
    QCOMPARE(params.haze, 0.2);
    QCOMPARE(rainParameterText(params, QStringLiteral("blend")), QStringLiteral("screen"));
    QCOMPARE(rainParamsToJson(params).value(QStringLiteral("layers")).toInt(), 4);
}

void TestRainSynthesizer::presetsAndTable()
{
    QCOMPARE(rainPresetNames(),
        (QStringList { QStringLiteral("light"), QStringLiteral("heavy"),
            QStringLiteral("directional"), QStringLiteral("realistic") }));
    QVERIFY(!rainPreset(QStringLiteral("drizzle")));
    QVERIFY(rainPresetDescription(QStringLiteral("drizzle")).isEmpty());
    // The presets are written as assignments: spot-check that each one took (the values
    // docs/methods.md's synthesis section and the earlier field-by-field presets gave).
    QCOMPARE(rainPreset(QStringLiteral("light"))->density, 0.002);
    QCOMPARE(rainPreset(QStringLiteral("light"))->intensity, 0.55);
    QCOMPARE(rainPreset(QStringLiteral("heavy"))->layers, 3);
    QCOMPARE(rainPreset(QStringLiteral("heavy"))->layerSpreadDeg, 20.0);
    QCOMPARE(rainPreset(QStringLiteral("directional"))->angleRangeDeg, 90.0);
    QCOMPARE(rainPreset(QStringLiteral("realistic"))->angleDeg, 95.0);
    QCOMPARE(rainPreset(QStringLiteral("realistic"))->airlight, 0.8);
    QVERIFY(rainPreset(QStringLiteral("realistic"))->blend == RainBlend::Screen);
    // Every preset lies inside the table's ranges: re-applying its values as overrides succeeds.
    for (const QString &name : rainPresetNames()) {
        const RainParams params = *rainPreset(name);
        QStringList assignments;
        for (const RainParameterInfo &info : rainParameterTable())
            assignments << info.name + QLatin1Char('=') + rainParameterText(params, info.name);
        RainParams copy;
        QCOMPARE(applyRainOverrides(&copy, assignments), QString());
        QCOMPARE(rainParamsToJson(copy), rainParamsToJson(params));
    }
}

void TestRainSynthesizer::badInput()
{
    QVERIFY(!renderRain(cv::Mat(), RainParams(), 1).error.isEmpty());
    QVERIFY(!renderRain(cv::Mat(10, 10, CV_8UC3), RainParams(), 1).error.isEmpty());
    // A 1×1 image still renders (streaks entering from outside the picture).
    const RainRender tiny
        = renderRain(flatGrey(0.5f)(cv::Rect(0, 0, 1, 1)).clone(), preset("heavy"), 1);
    QVERIFY(tiny.error.isEmpty());
    QCOMPARE(tiny.rainy.size(), cv::Size(1, 1));
}

QTEST_GUILESS_MAIN(TestRainSynthesizer)
#include "test_rain_synthesizer.moc"
