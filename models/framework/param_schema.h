// SPDX-License-Identifier: GPL-3.0-or-later
// Hyperparameter schemas: what a method can be configured with, the paper's value of each, the
// allowed range, and named presets. One schema drives `pluvia-cli --set key=value`, the GUI's
// form, and what the store records with a run (DESIGN.md §4).
//
// Values are one of bool, integer, real or text (choices and file paths are text). Reentrant;
// value types only.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <variant>
#include <vector>

namespace pluvia::models {

enum class ParamType {
    Bool,
    Int,
    Real,
    Choice, // one of ParamSpec::choices
    Path, // a file path; "" means unset
};

using ParamValue = std::variant<bool, std::int64_t, double, std::string>;

struct ParamSpec {
    std::string name; // snake_case key, e.g. "learning_rate"
    ParamType type = ParamType::Real;
    ParamValue paperValue; // the default: the paper's value (or Pluvia's choice, see `source`)
    double min = 0.0; // Int and Real: inclusive bounds
    double max = 0.0;
    std::vector<std::string> choices; // Choice
    std::string group; // form section: "data", "network", "optimisation", "loss", ...
    std::string help; // one sentence a user can act on
    std::string source; // where the default comes from, e.g. "JRGR §3.3" or "Pluvia's choice"

    std::string rangeText() const; // "[1e-08, 1]", "{l1, mse}", "true|false", "path"
};

// A named set of values over the defaults: `paper` (no overrides), `quick`, `reference-code`.
struct Preset {
    std::string name;
    std::string description;
    std::map<std::string, ParamValue> values;
};

class ParamSchema
{
public:
    ParamSchema &add(ParamSpec spec);
    // Shorthands for add(); `min`/`max` inclusive.
    ParamSchema &real(const std::string &name, double value, double min, double max,
        const std::string &group, const std::string &help, const std::string &source);
    ParamSchema &integer(const std::string &name, std::int64_t value, std::int64_t min,
        std::int64_t max, const std::string &group, const std::string &help,
        const std::string &source);
    ParamSchema &flag(const std::string &name, bool value, const std::string &group,
        const std::string &help, const std::string &source);
    ParamSchema &choice(const std::string &name, const std::string &value,
        std::vector<std::string> choices, const std::string &group, const std::string &help,
        const std::string &source);
    ParamSchema &path(const std::string &name, const std::string &group, const std::string &help);

    const std::vector<ParamSpec> &specs() const { return m_specs; }
    const ParamSpec *find(const std::string &name) const; // nullptr when unknown

    // Every key with its type and range, one per line: what an error about a key lists.
    std::string allowedText() const;

private:
    std::vector<ParamSpec> m_specs;
};

// The values of one configuration: every key of its schema, always complete and valid.
class Params
{
public:
    Params() = default;
    explicit Params(const ParamSchema &schema); // the schema's defaults

    bool flag(const std::string &name) const;
    std::int64_t integer(const std::string &name) const;
    double real(const std::string &name) const; // also reads an Int as a real
    const std::string &text(const std::string &name) const; // Choice and Path
    const ParamValue &value(const std::string &name) const; // throws std::out_of_range

    const std::map<std::string, ParamValue> &values() const { return m_values; }
    void setUnchecked(const std::string &name, ParamValue value) { m_values[name] = value; }

private:
    std::map<std::string, ParamValue> m_values;
};

// Parses `text` as a value of `spec` and checks its range. Returns "" or a message naming the
// key and what is allowed.
std::string parseParamValue(const ParamSpec &spec, const std::string &text, ParamValue *value);
// Checks the type and range of `value` for `spec`. Returns "" or a message as above.
std::string checkParamValue(const ParamSpec &spec, const ParamValue &value);
// Sets one key after checking it. Unknown keys get a message listing every key and its range.
std::string setParam(
    const ParamSchema &schema, Params *params, const std::string &name, const ParamValue &value);
// Applies "key=value" overrides in order; stops at the first error and returns it.
std::string applyOverrides(
    const ParamSchema &schema, Params *params, const std::vector<std::string> &overrides);
// "true"/"false", integers in decimal, reals with up to 17 significant digits (round-trips).
std::string formatParamValue(const ParamValue &value);
const char *paramTypeName(ParamType type); // "bool", "int", "real", "choice", "path"

} // namespace pluvia::models
