// SPDX-License-Identifier: GPL-3.0-or-later
// Hyperparameter schemas: parsing, range checks and the messages that list what is allowed.
#include "models/framework/method_registry.h"
#include "models/framework/param_schema.h"

#include <gtest/gtest.h>

using namespace pluvia::models;

namespace {

ParamSchema sampleSchema()
{
    ParamSchema schema;
    schema.integer("batch_size", 16, 1, 64, "data", "images per step", "paper")
        .real("learning_rate", 1e-4, 1e-8, 1.0, "optimisation", "Adam lr", "paper")
        .flag("pretrain", true, "stages", "pre-train", "paper")
        .choice("gan_loss", "log", { "log", "lsgan" }, "loss", "GAN loss", "paper")
        .path("teacher", "teacher", "checkpoint of another method");
    return schema;
}

} // namespace

TEST(ParamSchema, DefaultsAreThePaperValues)
{
    const ParamSchema schema = sampleSchema();
    const Params params(schema);
    EXPECT_EQ(params.integer("batch_size"), 16);
    EXPECT_DOUBLE_EQ(params.real("learning_rate"), 1e-4);
    EXPECT_TRUE(params.flag("pretrain"));
    EXPECT_EQ(params.text("gan_loss"), "log");
    EXPECT_EQ(params.text("teacher"), "");
}

TEST(ParamSchema, OverridesAreParsedAndChecked)
{
    const ParamSchema schema = sampleSchema();
    Params params(schema);
    EXPECT_EQ(applyOverrides(schema, &params,
                  { "batch_size=4", "learning_rate=2.5e-3", "pretrain=false", "gan_loss=lsgan",
                      "teacher=/tmp/a b.pt" }),
        "");
    EXPECT_EQ(params.integer("batch_size"), 4);
    EXPECT_DOUBLE_EQ(params.real("learning_rate"), 2.5e-3);
    EXPECT_FALSE(params.flag("pretrain"));
    EXPECT_EQ(params.text("gan_loss"), "lsgan");
    EXPECT_EQ(params.text("teacher"), "/tmp/a b.pt");
}

struct BadOverride {
    const char *text;
    const char *mentions; // what the message must say
};

class ParamSchemaErrors : public ::testing::TestWithParam<BadOverride>
{
};

TEST_P(ParamSchemaErrors, MessageNamesTheKeyAndWhatIsAllowed)
{
    const ParamSchema schema = sampleSchema();
    Params params(schema);
    const Params before = params;
    const std::string error = applyOverrides(schema, &params, { GetParam().text });
    EXPECT_NE(error.find(GetParam().mentions), std::string::npos) << error;
    EXPECT_EQ(params.values(), before.values()) << "a rejected value must not be applied";
}

INSTANTIATE_TEST_SUITE_P(Cases, ParamSchemaErrors,
    ::testing::Values(BadOverride { "banana=1", "learning_rate (real [1e-08, 1]" },
        BadOverride { "banana=1", "batch_size (int [1, 64]" },
        BadOverride {
            "batch_size=0", "parameter 'batch_size': 0 is not allowed; allowed: int [1, 64]" },
        BadOverride { "batch_size=65", "[1, 64]" }, BadOverride { "batch_size=4.5", "'4.5'" },
        BadOverride { "learning_rate=2", "[1e-08, 1]" },
        BadOverride { "learning_rate=nan", "learning_rate" },
        BadOverride { "pretrain=maybe", "true|false" },
        BadOverride { "gan_loss=wgan", "{log, lsgan}" },
        BadOverride { "no-equals-sign", "not key=value" }));

TEST(ParamSchema, FormattedRealsRoundTrip)
{
    for (double value : { 1e-4, 0.1, 1.0 / 3.0, 8e-4, 123456789.125 }) {
        const std::string text = formatParamValue(value);
        EXPECT_EQ(std::strtod(text.c_str(), nullptr), value) << text;
    }
    EXPECT_EQ(formatParamValue(1e-4), "0.0001");
    EXPECT_EQ(formatParamValue(std::int64_t(-3)), "-3");
    EXPECT_EQ(formatParamValue(true), "true");
}

TEST(ParamSchema, DefaultOutsideItsRangeIsAProgrammingError)
{
    ParamSchema schema;
    EXPECT_THROW(schema.integer("n", 0, 1, 10, "g", "h", "s"), std::logic_error);
    schema.integer("n", 1, 1, 10, "g", "h", "s");
    EXPECT_THROW(schema.integer("n", 1, 1, 10, "g", "h", "s"), std::logic_error); // duplicate
}

// Every built-in method: presets apply cleanly, `paper` is first and has no overrides, `quick`
// exists, the engine's keys are present, and the validation role comes last.
TEST(MethodRegistry, BuiltInMethodsAreComplete)
{
    ASSERT_FALSE(methodIds().empty());
    for (const std::string &id : methodIds()) {
        const MethodDescription *method = findMethod(id);
        ASSERT_NE(method, nullptr) << id;
        ASSERT_GE(method->presets.size(), 2u) << id;
        EXPECT_EQ(method->presets[0].name, "paper") << id;
        EXPECT_TRUE(method->presets[0].values.empty()) << id;
        EXPECT_NE(method->preset("quick"), nullptr) << id;
        for (const Preset &preset : method->presets) {
            Params params;
            EXPECT_EQ(resolveParams(*method, preset.name, {}, &params), "") << id << preset.name;
            for (const auto &[key, value] : preset.values)
                EXPECT_EQ(params.value(key), value) << id << " " << preset.name << " " << key;
        }
        ASSERT_FALSE(method->roles.empty());
        EXPECT_EQ(method->roles.back().name, kValidationRole);
        EXPECT_FALSE(method->roles.back().required);
    }
}

TEST(MethodRegistry, UnknownPresetAndMethodListTheAllowedNames)
{
    const MethodDescription *method = findMethod("supervised");
    ASSERT_NE(method, nullptr);
    Params params;
    const std::string error = resolveParams(*method, "fast", {}, &params);
    EXPECT_NE(error.find("allowed: paper, quick"), std::string::npos) << error;

    std::string createError;
    EXPECT_EQ(createMethod("nope", params, c10::Device("cpu"), 0, &createError), nullptr);
    EXPECT_NE(createError.find("supervised"), std::string::npos) << createError;
}
