// Type-checked field reads over foreign JSON, warning on wrong types instead of throwing.
#include "core/json_fields.hpp"

#include <fmt/format.h>

namespace bmx {

const nlohmann::json* FieldReader::find(std::string_view name) const {
    if (!object.is_object()) return nullptr;
    auto found = object.find(std::string(name));
    if (found == object.end() || found->is_null()) return nullptr;
    return &*found;
}

void FieldReader::wrong_type(std::string_view name, const char* wanted) const {
    if (warnings == nullptr) return;
    warnings->push_back(fmt::format("{} has \"{}\" of type {}, not {}; it was ignored", what, name,
                                    object.at(std::string(name)).type_name(), wanted));
}

std::optional<bool> FieldReader::boolean(std::string_view name) const {
    const nlohmann::json* value = find(name);
    if (value == nullptr) return std::nullopt;
    if (value->is_boolean()) return value->get<bool>();
    wrong_type(name, "a boolean");
    return std::nullopt;
}

std::optional<long long> FieldReader::integer(std::string_view name) const {
    const nlohmann::json* value = find(name);
    if (value == nullptr) return std::nullopt;
    if (value->is_number_integer()) return value->get<long long>();
    wrong_type(name, "an integer");
    return std::nullopt;
}

std::optional<std::string> FieldReader::string(std::string_view name) const {
    const nlohmann::json* value = find(name);
    if (value == nullptr) return std::nullopt;
    if (value->is_string()) return value->get<std::string>();
    wrong_type(name, "a string");
    return std::nullopt;
}

}  // namespace bmx
