// SPDX-License-Identifier: GPL-3.0-or-later
// Parameters of the rain synthesizer, its named presets and the table the GUI form and the CLI's
// `--set key=value` are built from.
//
// Conventions: angles in degrees from the image's +x axis, counter-clockwise (the RainDirection
// label convention), direction labels in [0, 180); lengths and widths in pixels of the rendered
// image; intensities, haze and airlight as fractions of full scale ([0, 1] images).
// Everything here is plain data and reentrant.
#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QVector>

#include <optional>

namespace pluvia::core {

enum class RainBlend {
    Additive, // O = min(1, B' + rain)
    Screen, // O = 1 - (1 - B')(1 - rain): never clips, bright backgrounds show little rain
};

// One rendering recipe: noise -> thresholding (density) -> motion blur along the angle (length,
// width) -> intensity -> blur -> additive or screen blend onto the background, after an optional
// veil B' = B t + A (1 - t). Layers > 1 add farther rain sheets: shorter, thinner, dimmer, more
// blurred, with angles spread around the dominant one (whose angle is the direction label).
struct RainParams {
    double angleDeg = 90.0; // dominant angle (centre of the per-image draw), [0, 180)
    double angleRangeDeg = 0.0; // dominant angle drawn uniformly in angle ± range, [0, 90]
    double angleJitterDeg = 2.0; // per-streak angle standard deviation, [0, 45]
    double density = 0.003; // fraction of pixels that seed a streak, [0, 0.05]
    double lengthPx = 20.0; // mean streak length, [1, 200]
    double lengthVariation = 0.3; // relative standard deviation of the length, [0, 1]
    double widthPx = 1.0; // streak width (full width at half maximum), [0.3, 8]
    double widthVariation = 0.2; // relative standard deviation of the width, [0, 1]
    double intensity = 0.5; // mean streak peak brightness, [0, 1]
    double intensityVariation = 0.2; // relative standard deviation of the brightness, [0, 1]
    double blurPx = 0.3; // Gaussian sigma of out-of-focus blur, [0, 10]
    double haze = 0.0; // veil strength 1 - t at the farthest point, [0, 0.9]
    double hazeDepth = 0.0; // 0 uniform veil, 1 fully depth-dependent (top farther), [0, 1]
    double airlight = 0.85; // veil brightness A, [0, 1]
    int layers = 1; // rain sheets at increasing depth, [1, 5]
    double layerSpreadDeg = 0.0; // max angle offset of the farther sheets, [0, 45]
    RainBlend blend = RainBlend::Additive;
};

// One row of the parameter table. Choice parameters (blend) have `choices` and no range.
struct RainParameterInfo {
    QString name; // key for --set and JSON, e.g. "angle"
    QString unit; // "deg", "px", "" ...
    QString help;
    double minimum = 0.0;
    double maximum = 0.0;
    bool maximumExclusive = false; // angle: [0, 180)
    bool integer = false;
    QStringList choices;
    QString defaultText; // value in a default-constructed RainParams, as --set accepts it
    QString rangeText() const; // "[0, 180)", "1..5" or "additive | screen"
};

const QVector<RainParameterInfo> &rainParameterTable();

// Current value of parameter `name` as text ("" for an unknown name).
QString rainParameterText(const RainParams &params, const QString &name);
// Every parameter by name (numbers as doubles/ints, blend as its choice name): for provenance.
QJsonObject rainParamsToJson(const RainParams &params);

// Applies "key=value" assignments in order. Returns "" on success; otherwise leaves `params`
// unchanged and returns a message naming the offending assignment and what is allowed (the list
// of keys for an unknown key, the range or choices for a bad value).
QString applyRainOverrides(RainParams *params, const QStringList &assignments);

// Presets resembling public data: "light" (Rain100L-like sparse thin streaks), "heavy"
// (Rain100H-like dense multi-direction sheets with haze), "directional" (RainDirection-like: one
// dominant angle per image drawn uniformly in [0, 180)), "realistic" (varied streaks,
// out-of-focus blur, depth-dependent veil: plays the real-rain domain in the demo).
QStringList rainPresetNames();
QString rainPresetDescription(const QString &name); // "" for an unknown name
std::optional<RainParams> rainPreset(const QString &name);

} // namespace pluvia::core
