// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/framework/param_schema.h"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <stdexcept>

namespace pluvia::models {

namespace {

std::string formatReal(double value)
{
    // %.17g round-trips every double; try shorter forms first so 1e-4 prints as "0.0001".
    char buffer[40];
    for (int digits = 6; digits <= 17; ++digits) {
        std::snprintf(buffer, sizeof buffer, "%.*g", digits, value);
        if (std::strtod(buffer, nullptr) == value)
            break;
    }
    return buffer;
}

std::string joined(const std::vector<std::string> &items, const char *separator)
{
    std::string text;
    for (size_t i = 0; i < items.size(); ++i)
        text += (i ? separator : "") + items[i];
    return text;
}

std::string valueError(const ParamSpec &spec, const std::string &shown)
{
    return "parameter '" + spec.name + "': " + shown
        + " is not allowed; allowed: " + paramTypeName(spec.type) + " " + spec.rangeText();
}

} // namespace

const char *paramTypeName(ParamType type)
{
    switch (type) {
    case ParamType::Bool:
        return "bool";
    case ParamType::Int:
        return "int";
    case ParamType::Real:
        return "real";
    case ParamType::Choice:
        return "choice";
    case ParamType::Path:
        return "path";
    }
    return "?";
}

std::string ParamSpec::rangeText() const
{
    switch (type) {
    case ParamType::Bool:
        return "true|false";
    case ParamType::Int:
        return "[" + formatReal(min) + ", " + formatReal(max) + "]";
    case ParamType::Real:
        return "[" + formatReal(min) + ", " + formatReal(max) + "]";
    case ParamType::Choice:
        return "{" + joined(choices, ", ") + "}";
    case ParamType::Path:
        return "a file path, or empty";
    }
    return {};
}

ParamSchema &ParamSchema::add(ParamSpec spec)
{
    if (find(spec.name))
        throw std::logic_error("ParamSchema: duplicate parameter " + spec.name);
    if (!checkParamValue(spec, spec.paperValue).empty())
        throw std::logic_error("ParamSchema: default of " + spec.name + " is out of its range");
    m_specs.push_back(std::move(spec));
    return *this;
}

ParamSchema &ParamSchema::real(const std::string &name, double value, double min, double max,
    const std::string &group, const std::string &help, const std::string &source)
{
    return add({ name, ParamType::Real, value, min, max, {}, group, help, source });
}

ParamSchema &ParamSchema::integer(const std::string &name, std::int64_t value, std::int64_t min,
    std::int64_t max, const std::string &group, const std::string &help, const std::string &source)
{
    return add({ name, ParamType::Int, value, double(min), double(max), {}, group, help, source });
}

ParamSchema &ParamSchema::flag(const std::string &name, bool value, const std::string &group,
    const std::string &help, const std::string &source)
{
    return add({ name, ParamType::Bool, value, 0, 0, {}, group, help, source });
}

ParamSchema &ParamSchema::choice(const std::string &name, const std::string &value,
    std::vector<std::string> choices, const std::string &group, const std::string &help,
    const std::string &source)
{
    return add({ name, ParamType::Choice, value, 0, 0, std::move(choices), group, help, source });
}

ParamSchema &ParamSchema::path(
    const std::string &name, const std::string &group, const std::string &help)
{
    return add({ name, ParamType::Path, std::string(), 0, 0, {}, group, help, "Pluvia option" });
}

const ParamSpec *ParamSchema::find(const std::string &name) const
{
    for (const ParamSpec &spec : m_specs)
        if (spec.name == name)
            return &spec;
    return nullptr;
}

std::string ParamSchema::allowedText() const
{
    std::ostringstream text;
    for (const ParamSpec &spec : m_specs)
        text << "  " << spec.name << " (" << paramTypeName(spec.type) << " " << spec.rangeText()
             << ", default " << formatParamValue(spec.paperValue) << ")\n";
    return text.str();
}

Params::Params(const ParamSchema &schema)
{
    for (const ParamSpec &spec : schema.specs())
        m_values[spec.name] = spec.paperValue;
}

const ParamValue &Params::value(const std::string &name) const
{
    const auto it = m_values.find(name);
    if (it == m_values.end())
        throw std::out_of_range("no parameter named " + name);
    return it->second;
}

bool Params::flag(const std::string &name) const
{
    return std::get<bool>(value(name));
}

std::int64_t Params::integer(const std::string &name) const
{
    return std::get<std::int64_t>(value(name));
}

double Params::real(const std::string &name) const
{
    const ParamValue &v = value(name);
    if (const auto *i = std::get_if<std::int64_t>(&v))
        return double(*i);
    return std::get<double>(v);
}

const std::string &Params::text(const std::string &name) const
{
    return std::get<std::string>(value(name));
}

std::string checkParamValue(const ParamSpec &spec, const ParamValue &value)
{
    switch (spec.type) {
    case ParamType::Bool:
        if (!std::holds_alternative<bool>(value))
            return valueError(spec, formatParamValue(value));
        return {};
    case ParamType::Int: {
        const auto *v = std::get_if<std::int64_t>(&value);
        if (!v || double(*v) < spec.min || double(*v) > spec.max)
            return valueError(spec, formatParamValue(value));
        return {};
    }
    case ParamType::Real: {
        const auto *v = std::get_if<double>(&value);
        if (!v || !std::isfinite(*v) || *v < spec.min || *v > spec.max)
            return valueError(spec, formatParamValue(value));
        return {};
    }
    case ParamType::Choice: {
        const auto *v = std::get_if<std::string>(&value);
        for (const std::string &choice : spec.choices)
            if (v && *v == choice)
                return {};
        return valueError(spec, "'" + formatParamValue(value) + "'");
    }
    case ParamType::Path:
        if (!std::holds_alternative<std::string>(value))
            return valueError(spec, formatParamValue(value));
        return {};
    }
    return valueError(spec, formatParamValue(value));
}

std::string parseParamValue(const ParamSpec &spec, const std::string &text, ParamValue *value)
{
    switch (spec.type) {
    case ParamType::Bool:
        if (text == "true" || text == "1" || text == "yes" || text == "on")
            *value = true;
        else if (text == "false" || text == "0" || text == "no" || text == "off")
            *value = false;
        else
            return valueError(spec, "'" + text + "'");
        return {};
    case ParamType::Int: {
        char *end = nullptr;
        errno = 0;
        const long long parsed = std::strtoll(text.c_str(), &end, 10);
        if (text.empty() || *end || errno)
            return valueError(spec, "'" + text + "'");
        *value = std::int64_t(parsed);
        return checkParamValue(spec, *value);
    }
    case ParamType::Real: {
        char *end = nullptr;
        errno = 0;
        const double parsed = std::strtod(text.c_str(), &end);
        if (text.empty() || *end || errno)
            return valueError(spec, "'" + text + "'");
        *value = parsed;
        return checkParamValue(spec, *value);
    }
    case ParamType::Choice:
    case ParamType::Path:
        *value = text;
        return checkParamValue(spec, *value);
    }
    return valueError(spec, text);
}

std::string setParam(
    const ParamSchema &schema, Params *params, const std::string &name, const ParamValue &value)
{
    const ParamSpec *spec = schema.find(name);
    if (!spec)
        return "unknown parameter '" + name + "'; allowed:\n" + schema.allowedText();
    ParamValue converted = value;
    // An integer given where a real is expected (e.g. from JSON) is the same number.
    if (spec->type == ParamType::Real)
        if (const auto *i = std::get_if<std::int64_t>(&value))
            converted = double(*i);
    if (std::string error = checkParamValue(*spec, converted); !error.empty())
        return error;
    params->setUnchecked(name, converted);
    return {};
}

std::string applyOverrides(
    const ParamSchema &schema, Params *params, const std::vector<std::string> &overrides)
{
    for (const std::string &override : overrides) {
        const size_t equals = override.find('=');
        if (equals == std::string::npos || equals == 0)
            return "'" + override + "' is not key=value; allowed keys:\n" + schema.allowedText();
        const std::string name = override.substr(0, equals);
        const ParamSpec *spec = schema.find(name);
        if (!spec)
            return "unknown parameter '" + name + "'; allowed:\n" + schema.allowedText();
        ParamValue value;
        if (std::string error = parseParamValue(*spec, override.substr(equals + 1), &value);
            !error.empty())
            return error;
        params->setUnchecked(name, value);
    }
    return {};
}

std::string formatParamValue(const ParamValue &value)
{
    if (const auto *b = std::get_if<bool>(&value))
        return *b ? "true" : "false";
    if (const auto *i = std::get_if<std::int64_t>(&value))
        return std::to_string(*i);
    if (const auto *d = std::get_if<double>(&value))
        return formatReal(*d);
    return std::get<std::string>(value);
}

} // namespace pluvia::models
