// Method names and response header lookup.
#include "http/http_types.hpp"

#include "core/text.hpp"

namespace bmx::http {

const char* method_name(Method method) {
    switch (method) {
        case Method::get: return "GET";
        case Method::post: return "POST";
        case Method::put: return "PUT";
        case Method::patch: return "PATCH";
        case Method::del: return "DELETE";
        case Method::head: return "HEAD";
    }
    return "GET";
}

std::optional<std::string> HttpResponse::header(std::string_view name) const {
    for (const auto& [header_name, value] : headers)
        if (iequals(header_name, name)) return value;
    return std::nullopt;
}

}  // namespace bmx::http
