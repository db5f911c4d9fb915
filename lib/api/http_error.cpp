// One-line descriptions of HTTP error answers, from the status and the API's "detail".
#include "api/http_error.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "api/book_routes.hpp"
#include "core/json_parse.hpp"
#include "core/message_safety.hpp"
#include "core/text.hpp"
#include "http/url.hpp"

namespace bmx::api {
namespace {

using nlohmann::json;

// What FastAPI answers, with 404, for a path that no route matches.
constexpr std::string_view fastapi_unknown_route_detail = "Not Found";

// The most of a server's words an error message quotes: more than any detail the API writes.
constexpr std::size_t max_detail_bytes = 2000;
constexpr std::size_t max_raw_body_bytes = 200;  // of an answer that is not JSON
// The part of a long text that is cleaned before it is cut (cleaning is linear in it).
constexpr std::size_t cleaned_prefix_bytes = 1024 * 1024;

// The key and URL userinfo come out before the text is cut, so a cut never leaves part of a key.
std::string quoted(std::string_view text, std::size_t limit) {
    std::string safe(trim(safe_message(text.substr(0, cleaned_prefix_bytes))));
    if (safe.size() <= limit) return safe;
    safe.resize(limit);
    return fmt::format("{}... ({} bytes in all)", safe, text.size());
}

std::string describe_validation_item(const json& item) {
    if (!item.is_object()) return item.dump();
    std::string location;
    if (auto loc = item.find("loc"); loc != item.end() && loc->is_array()) {
        for (const json& part : *loc) {
            if (!location.empty()) location += ".";
            location += part.is_string() ? part.get<std::string>() : part.dump();
        }
    }
    std::string message = item.contains("msg") && item["msg"].is_string() ? item["msg"].get<std::string>() : item.dump();
    return location.empty() ? message : location + ": " + message;
}

std::string status_text(const http::HttpResponse& response) {
    // "HTTP/1.1 404 Not Found" -> "404 Not Found"; HTTP/2 has no reason phrase.
    auto space = response.status_line.find(' ');
    if (space != std::string::npos) {
        std::string rest(trim(std::string_view(response.status_line).substr(space + 1)));
        if (!rest.empty()) return rest;
    }
    return std::to_string(response.status);
}

}  // namespace

std::string response_detail(const std::string& body) {
    json document = parse_json_within_depth(body);
    if (document.is_discarded() && json_nests_deeper_than(body, max_json_depth))
        return fmt::format("(an answer nested deeper than {} levels, not read)", max_json_depth);
    if (document.is_discarded() || !document.is_object()) return quoted(body, max_raw_body_bytes);
    auto detail = document.find("detail");
    if (detail == document.end()) return "";
    if (detail->is_string()) return quoted(detail->get_ref<const std::string&>(), max_detail_bytes);
    if (detail->is_array()) {
        std::string joined;
        for (const json& item : *detail) {
            if (!joined.empty()) joined += "; ";
            joined += describe_validation_item(item);
            if (joined.size() > cleaned_prefix_bytes) break;
        }
        return quoted(joined, max_detail_bytes);
    }
    return quoted(detail->dump(), max_detail_bytes);
}

Error http_error(const http::HttpResponse& response) {
    std::string detail = response_detail(response.body);
    std::string message = fmt::format("HTTP {}", status_text(response));
    if (response.status == 404 && detail == fastapi_unknown_route_detail) {
        message += ": route not found: check the path and the base URL";
        if (!response.effective_url.empty()) message += fmt::format(" ({})", safe_message(response.effective_url));
    } else if (!detail.empty()) {
        message += ": " + detail;
    }
    return make_error(Stage::http, std::move(message), response.status);
}

std::optional<Error> unauthorized_off_origin(const http::HttpResponse& response, std::string_view api_origin) {
    if (response.status != 401 || api_origin.empty()) return std::nullopt;
    auto origin = http::origin_of(response.effective_url);
    if (!origin || origin->to_string() == api_origin) return std::nullopt;
    std::string message = fmt::format("HTTP {} from {}, which the request was redirected to; the API key is not sent to "
                                      "another origin, so this is not a verdict on the key",
                                      status_text(response), origin->to_string());
    if (std::string detail = response_detail(response.body); !detail.empty()) message += fmt::format(" (it said: {})", detail);
    return make_error(Stage::http, std::move(message), response.status);
}

std::string next_step_for(const http::HttpResponse& response) {
    if (response.status != 404 || response_detail(response.body) != "No analysis job found for this book") return "";
    std::string_view url(response.effective_url);
    url = url.substr(0, url.find('?'));
    constexpr std::string_view books = "/books/", status = "/analysis/status";
    auto start = url.rfind(books);
    if (start == std::string_view::npos || url.size() < status.size() || url.substr(url.size() - status.size()) != status)
        return "";
    std::string_view id = url.substr(start + books.size(), url.size() - status.size() - start - books.size());
    if (!is_book_id(id)) return "";
    return fmt::format("no analysis job has been started for book {}; this starts one: bmx-api POST "
                       "/books/{}/analysis/generate-async '{{\"model\": \"opus\"}}'",
                       id, id);
}

std::vector<std::string> server_warnings(const http::HttpResponse& response) {
    std::vector<std::string> warnings;
    for (const auto& [name, value] : response.headers)
        if (iequals(name, "X-BMX-Warning"))
            for (std::string& warning : split_and_trim(value, ';')) warnings.push_back(std::move(warning));
    return warnings;
}

}  // namespace bmx::api
