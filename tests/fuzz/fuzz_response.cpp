// libFuzzer target: a server's answer (status, headers and body) through everything that reads
// one: the error-detail formatter, the upload-answer reader and status JSON, the book's image
// listing, the page reader and merger, the pretty printer and the message safety filters.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "api/http_error.hpp"
#include "api/paginate.hpp"
#include "core/json_parse.hpp"
#include "core/json_pretty.hpp"
#include "core/message_safety.hpp"
#include "status/upload_status.hpp"
#include "upload/book_order.hpp"
#include "upload/upload_answer.hpp"

namespace {

// Input layout: two bytes of status (100..599), then header lines up to an empty line, then the body.
bmx::http::HttpResponse response_from(std::string_view input) {
    bmx::http::HttpResponse response;
    if (input.size() >= 2) {
        response.status = 100 + (static_cast<unsigned char>(input[0]) * 256 + static_cast<unsigned char>(input[1])) % 500;
        input.remove_prefix(2);
    }
    response.status_line = "HTTP/1.1 " + std::to_string(response.status) + " Fuzzed";
    while (!input.empty()) {
        std::size_t end = input.find('\n');
        std::string_view line = input.substr(0, end);
        input.remove_prefix(end == std::string_view::npos ? input.size() : end + 1);
        if (line.empty()) break;
        std::size_t colon = line.find(':');
        if (colon == std::string_view::npos) continue;
        response.headers.emplace_back(std::string(line.substr(0, colon)), std::string(line.substr(colon + 1)));
    }
    response.body = std::string(input);
    return response;
}

void read_as_upload_answer(const bmx::http::HttpResponse& response) {
    bmx::upload::FileStatus status;
    status.file = "fuzz.jpg";
    status.http_status = response.status;
    bmx::upload::OutcomeContext context{"BMX_API_KEY", "https://staging.api.bluemoxon.com:443",
                                        bmx::upload::UploadLimit{bmx::upload::hosted_max_upload_bytes, "the hosted API's limit"}};
    if (response.status >= 200 && response.status < 300) {
        auto answer = bmx::upload::read_upload_answer(response);
        if (answer) {
            if (answer->id <= 0) __builtin_trap();  // the contract: an answer taken has a positive id
            status.image_id = answer->id;
            status.answer = std::move(*answer);
            status.state = bmx::upload::UploadState::uploaded;
        } else {
            if (answer.error().stage != bmx::Stage::answer) __builtin_trap();
            status.error = answer.error();
            status.state = bmx::upload::UploadState::failed;
        }
    } else {
        status.error = bmx::upload::final_http_error(response, status, context);
        status.state = bmx::upload::UploadState::failed;
    }
    // As cli/ prints it: a message may quote server bytes that are not UTF-8, replaced there.
    (void)bmx::status::upload_status_json(status).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void read_as_page(const std::string& body) {
    nlohmann::json document = bmx::parse_json_within_depth(body);
    if (document.is_discarded()) return;
    (void)bmx::pretty_json(document, true);
    if (bmx::api::read_page_info(document)) (void)bmx::api::merge_pages({document, document}).dump();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const bool remembered = (bmx::remember_secret("tk_fuzz_secret"), true);
    (void)remembered;
    const auto response = response_from(std::string_view(reinterpret_cast<const char*>(data), size));

    bmx::Error error = bmx::api::http_error(response);
    std::string shown = bmx::escape_control_characters(bmx::safe_message(error.message));
    for (std::size_t i = 0; i < shown.size(); ++i) {  // escaped for a terminal: only LF, tab and CRLF stay
        const auto c = static_cast<unsigned char>(shown[i]);
        const bool crlf = c == '\r' && i + 1 < shown.size() && shown[i + 1] == '\n';
        if (c < 0x20 && c != '\n' && c != '\t' && !crlf) __builtin_trap();
    }
    if (shown.find("tk_fuzz_secret") != std::string::npos) __builtin_trap();                  // never repeated
    (void)bmx::api::server_warnings(response);

    read_as_upload_answer(response);
    std::vector<std::string> warnings;
    (void)bmx::upload::parse_image_listing(response.body, warnings);
    read_as_page(response.body);
    return 0;
}
