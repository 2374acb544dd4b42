// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/synth/rain_params.h"

#include <QJsonValue>

#include <cmath>
#include <functional>

namespace pluvia::core {

namespace {

// A table row plus how to reach the field. Choice parameters read and write the choice index.
struct ParameterSlot {
    RainParameterInfo info;
    std::function<double(const RainParams &)> get;
    std::function<void(RainParams &, double)> set;
};

ParameterSlot number(const char *name, const char *unit, double lo, double hi,
    double RainParams::*field, const char *help, bool hiExclusive = false)
{
    ParameterSlot slot;
    slot.info.name = QLatin1String(name);
    slot.info.unit = QLatin1String(unit);
    slot.info.help = QLatin1String(help);
    slot.info.minimum = lo;
    slot.info.maximum = hi;
    slot.info.maximumExclusive = hiExclusive;
    slot.get = [field](const RainParams &p) { return p.*field; };
    slot.set = [field](RainParams &p, double v) { p.*field = v; };
    return slot;
}

const QVector<ParameterSlot> &parameterSlots()
{
    static const QVector<ParameterSlot> table = [] {
        QVector<ParameterSlot> t;
        t << number("angle", "deg", 0, 180, &RainParams::angleDeg,
            "Dominant streak angle from the +x axis, counter-clockwise", true)
          << number("angle_range", "deg", 0, 90, &RainParams::angleRangeDeg,
                 "Per image, the dominant angle is drawn uniformly in angle +/- range "
                 "(90: any direction)")
          << number("angle_jitter", "deg", 0, 45, &RainParams::angleJitterDeg,
                 "Standard deviation of each streak's angle around the dominant one")
          << number("density", "", 0, 0.05, &RainParams::density,
                 "Fraction of pixels that seed a streak (threshold on uniform noise)")
          << number("length", "px", 1, 200, &RainParams::lengthPx, "Mean streak length")
          << number("length_var", "", 0, 1, &RainParams::lengthVariation,
                 "Relative standard deviation of streak lengths")
          << number("width", "px", 0.3, 8, &RainParams::widthPx,
                 "Streak width (full width at half maximum)")
          << number("width_var", "", 0, 1, &RainParams::widthVariation,
                 "Relative standard deviation of streak widths")
          << number("intensity", "", 0, 1, &RainParams::intensity, "Mean streak peak brightness")
          << number("intensity_var", "", 0, 1, &RainParams::intensityVariation,
                 "Relative standard deviation of streak brightness")
          << number("blur", "px", 0, 10, &RainParams::blurPx,
                 "Gaussian sigma of the out-of-focus blur of the nearest rain sheet")
          << number("haze", "", 0, 0.9, &RainParams::haze,
                 "Veil strength 1 - t at the farthest point (0: no haze)")
          << number("haze_depth", "", 0, 1, &RainParams::hazeDepth,
                 "0: uniform veil; 1: veil grows with a depth proxy (image top is farther)")
          << number("airlight", "", 0, 1, &RainParams::airlight, "Brightness A of the veil");

        ParameterSlot layers;
        layers.info.name = QStringLiteral("layers");
        layers.info.help = QStringLiteral("Rain sheets at increasing depth (farther: shorter, "
                                          "thinner, dimmer, blurrier)");
        layers.info.minimum = 1;
        layers.info.maximum = 5;
        layers.info.integer = true;
        layers.get = [](const RainParams &p) { return double(p.layers); };
        layers.set = [](RainParams &p, double v) { p.layers = int(v); };
        t << layers;
        t << number("layer_spread", "deg", 0, 45, &RainParams::layerSpreadDeg,
            "Largest angle offset of the farther sheets from the dominant angle");

        ParameterSlot blend;
        blend.info.name = QStringLiteral("blend");
        blend.info.help = QStringLiteral("How rain meets the background: additive (clipped at "
                                         "1) or screen");
        blend.info.choices = QStringList { QStringLiteral("additive"), QStringLiteral("screen") };
        blend.get = [](const RainParams &p) { return p.blend == RainBlend::Screen ? 1.0 : 0.0; };
        blend.set = [](RainParams &p, double v) {
            p.blend = v > 0.5 ? RainBlend::Screen : RainBlend::Additive;
        };
        t << blend;

        const RainParams defaults;
        for (ParameterSlot &slot : t) {
            const double value = slot.get(defaults);
            slot.info.defaultText = slot.info.choices.isEmpty()
                ? QString::number(value)
                : slot.info.choices.value(int(value));
        }
        return t;
    }();
    return table;
}

const ParameterSlot *findSlot(const QString &name)
{
    for (const ParameterSlot &slot : parameterSlots()) {
        if (slot.info.name == name)
            return &slot;
    }
    return nullptr;
}

QString allowedKeys()
{
    QStringList names;
    for (const ParameterSlot &slot : parameterSlots())
        names << slot.info.name + QLatin1Char(' ') + slot.info.rangeText();
    return names.join(QLatin1String(", "));
}

} // namespace

QString RainParameterInfo::rangeText() const
{
    if (!choices.isEmpty())
        return choices.join(QLatin1String(" | "));
    if (integer)
        return QStringLiteral("%1..%2").arg(minimum).arg(maximum);
    return QStringLiteral("[%1, %2%3")
        .arg(minimum)
        .arg(maximum)
        .arg(maximumExclusive ? QLatin1Char(')') : QLatin1Char(']'));
}

const QVector<RainParameterInfo> &rainParameterTable()
{
    static const QVector<RainParameterInfo> table = [] {
        QVector<RainParameterInfo> infos;
        for (const ParameterSlot &slot : parameterSlots())
            infos << slot.info;
        return infos;
    }();
    return table;
}

QString rainParameterText(const RainParams &params, const QString &name)
{
    const ParameterSlot *slot = findSlot(name);
    if (!slot)
        return {};
    const double value = slot->get(params);
    return slot->info.choices.isEmpty() ? QString::number(value)
                                        : slot->info.choices.value(int(value));
}

QJsonObject rainParamsToJson(const RainParams &params)
{
    QJsonObject object;
    for (const ParameterSlot &slot : parameterSlots()) {
        const double value = slot.get(params);
        if (!slot.info.choices.isEmpty())
            object.insert(slot.info.name, slot.info.choices.value(int(value)));
        else if (slot.info.integer)
            object.insert(slot.info.name, int(value));
        else
            object.insert(slot.info.name, value);
    }
    return object;
}

QString applyRainOverrides(RainParams *params, const QStringList &assignments)
{
    RainParams result = *params;
    for (const QString &assignment : assignments) {
        const qsizetype equals = assignment.indexOf(QLatin1Char('='));
        if (equals <= 0)
            return QStringLiteral("'%1' is not key=value; allowed keys: %2")
                .arg(assignment, allowedKeys());
        const QString key = assignment.left(equals).trimmed();
        const QString text = assignment.mid(equals + 1).trimmed();
        const ParameterSlot *slot = findSlot(key);
        if (!slot)
            return QStringLiteral("unknown rain parameter '%1'; allowed: %2")
                .arg(key, allowedKeys());
        const RainParameterInfo &info = slot->info;
        if (!info.choices.isEmpty()) {
            const qsizetype index = info.choices.indexOf(text);
            if (index < 0)
                return QStringLiteral("%1 = '%2' is not allowed; choose one of: %3")
                    .arg(key, text, info.rangeText());
            slot->set(result, double(index));
            continue;
        }
        bool ok = false;
        const double value = text.toDouble(&ok);
        const bool inRange = ok && std::isfinite(value) && value >= info.minimum
            && (info.maximumExclusive ? value < info.maximum : value <= info.maximum);
        if (!inRange || (info.integer && value != std::floor(value)))
            return QStringLiteral("%1 = '%2' is out of range: allowed %3%4")
                .arg(key, text, info.integer ? QStringLiteral("integers ") : QString(),
                    info.rangeText());
        slot->set(result, value);
    }
    *params = result;
    return {};
}

namespace {

// The presets as --set assignments over the defaults, so a preset is read by the same parser,
// with the same range checks, as a user's overrides.
struct RainPresetSpec {
    const char *name;
    const char *description;
    const char *assignments;
};

constexpr RainPresetSpec kRainPresets[] = {
    { "light", "Rain100L-like: sparse, thin, near-vertical streaks",
        "angle_range=10 density=0.002 length=18 width=1.0 intensity=0.55" },
    { "heavy", "Rain100H-like: dense streaks in several sheets and directions, some haze",
        "angle_range=25 angle_jitter=4 density=0.008 length=32 length_var=0.4 width=2.0 "
        "width_var=0.3 intensity=0.7 intensity_var=0.25 blur=0.6 haze=0.25 layers=3 "
        "layer_spread=20" },
    { "directional",
        "RainDirection-like: one dominant angle per image, drawn uniformly in [0, 180) and "
        "recorded as the label",
        "angle_range=90 angle_jitter=1.5 density=0.003 length=28 width=1.5 intensity=0.6 "
        "blur=0.4" },
    { "realistic",
        "Real-rain look: varied lengths, widths and brightness, out-of-focus blur, "
        "depth-dependent veil",
        "angle=95 angle_range=20 angle_jitter=6 density=0.004 length=24 length_var=0.8 width=1.6 "
        "width_var=0.6 intensity=0.45 intensity_var=0.6 blur=1.2 haze=0.35 haze_depth=1.0 "
        "airlight=0.8 layers=3 layer_spread=8 blend=screen" },
};

const RainPresetSpec *findPreset(const QString &name)
{
    for (const RainPresetSpec &preset : kRainPresets) {
        if (name == QLatin1String(preset.name))
            return &preset;
    }
    return nullptr;
}

} // namespace

QStringList rainPresetNames()
{
    QStringList names;
    for (const RainPresetSpec &preset : kRainPresets)
        names << QLatin1String(preset.name);
    return names;
}

QString rainPresetDescription(const QString &name)
{
    const RainPresetSpec *preset = findPreset(name);
    return preset ? QLatin1String(preset->description) : QString();
}

std::optional<RainParams> rainPreset(const QString &name)
{
    const RainPresetSpec *preset = findPreset(name);
    if (!preset)
        return std::nullopt;
    RainParams params;
    const QString error = applyRainOverrides(&params,
        QString::fromLatin1(preset->assignments).split(QLatin1Char(' '), Qt::SkipEmptyParts));
    Q_ASSERT_X(error.isEmpty(), "rainPreset", qPrintable(error));
    return params;
}

} // namespace pluvia::core
