// Type-checked reads of fields in JSON that came from elsewhere (a server's answer): a missing or
// null field is simply absent, a field of the wrong type is absent plus a warning, never a throw.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace bmx {

// Where warnings about wrong-typed fields go; "what" names the document ("the upload answer").
struct FieldReader {
    const nlohmann::json& object;
    std::string_view what;
    std::vector<std::string>* warnings = nullptr;

    std::optional<bool> boolean(std::string_view name) const;
    std::optional<long long> integer(std::string_view name) const;
    std::optional<std::string> string(std::string_view name) const;

private:
    const nlohmann::json* find(std::string_view name) const;
    void wrong_type(std::string_view name, const char* wanted) const;
};

}  // namespace bmx
