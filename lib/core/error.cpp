// Sorts error stages into the classes that cli/ maps to exit codes.
#include "core/error.hpp"

#include <array>

namespace bmx {

ErrorClass classify(std::string_view stage) {
    constexpr std::array usage{"usage", "json", "jq"};
    constexpr std::array transport{"transport", "dns", "connect", "tls", "timeout"};
    for (std::string_view s : usage)
        if (s == stage) return ErrorClass::usage;
    for (std::string_view s : transport)
        if (s == stage) return ErrorClass::transport;
    if (stage == "http") return ErrorClass::http;
    if (stage == "cancelled") return ErrorClass::cancelled;
    return ErrorClass::local_input;
}

}  // namespace bmx
