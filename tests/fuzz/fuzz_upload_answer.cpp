// libFuzzer target: the rule that an answer is an upload only when it keeps the contract of an
// ImageUploadResponse (upload::read_upload_answer). The input is either a raw 2xx body or, to
// reach the contract's corners faster, a recipe for an object whose fields (the contract's own
// and others) take values of every JSON type. An independent reading of the contract decides
// what the answer must be, and the target traps whenever the reader disagrees: an answer taken
// that breaks the contract, one refused that keeps it, a kept field that is not what the server
// sent, or an error that is not stage answer naming the status.
#include <climits>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/json_parse.hpp"
#include "status/upload_status.hpp"
#include "upload/upload_answer.hpp"

namespace {

using nlohmann::json;

constexpr const char* string_fields[] = {"url", "thumbnail_url", "image_type", "thumbnail_status", "thumbnail_error",
                                         "message"};
constexpr const char* boolean_fields[] = {"is_primary", "duplicate"};
constexpr const char* other_names[] = {"id", "display_order", "s3_key", "original_filename", "", "ID", "url "};

// Reads the input a byte at a time; past the end, zeros.
struct Bytes {
    std::string_view data;
    std::uint8_t next() {
        if (data.empty()) return 0;
        auto byte = static_cast<std::uint8_t>(data.front());
        data.remove_prefix(1);
        return byte;
    }
    std::string text(std::size_t most) {
        std::size_t length = std::min<std::size_t>(next() % (most + 1), data.size());
        std::string taken(data.substr(0, length));
        data.remove_prefix(length);
        return taken;
    }
};

json any_value(Bytes& in) {
    switch (in.next() % 12) {
        case 0: return nullptr;
        case 1: return true;
        case 2: return false;
        case 3: return static_cast<std::int64_t>(in.next()) - 128;
        case 4: return LLONG_MAX;
        case 5: return static_cast<std::uint64_t>(LLONG_MAX) + 1 + in.next();
        case 6: return 0.5 * in.next();
        case 7: return json::array({in.text(8)});
        case 8: return json::object({{in.text(4), in.next()}});
        case 9: return "generated";
        case 10: return in.next() % 2 ? "failed" : "skipped";
        default: return in.text(24);
    }
}

std::string recipe_body(Bytes& in) {
    json object = json::object();
    for (int fields = in.next() % 12; fields > 0; --fields) {
        std::uint8_t which = in.next();
        std::string name;
        if (which % 3 == 0) name = string_fields[(which / 3) % std::size(string_fields)];
        else if (which % 3 == 1) name = boolean_fields[(which / 3) % std::size(boolean_fields)];
        else name = other_names[(which / 3) % std::size(other_names)];
        object[name] = any_value(in);
    }
    return object.dump(-1, ' ', false, json::error_handler_t::replace);  // the recipe's text may not be UTF-8
}

bool is_string_or_null(const json& object, const char* name) {
    auto found = object.find(name);
    return found == object.end() || found->is_null() || found->is_string();
}

bool is_boolean_or_null(const json& object, const char* name) {
    auto found = object.find(name);
    return found == object.end() || found->is_null() || found->is_boolean();
}

// The contract, read on its own: an object, an integer id from 1 to LLONG_MAX, every other field
// of its type or null, and thumbnail_status one of three words.
bool keeps_contract(const json& document) {
    if (!document.is_object()) return false;
    auto id = document.find("id");
    if (id == document.end() || !id->is_number_integer()) return false;
    if (id->is_number_unsigned() ? id->get<std::uint64_t>() > static_cast<std::uint64_t>(LLONG_MAX) || id->get<std::uint64_t>() == 0
                                 : id->get<std::int64_t>() <= 0)
        return false;
    for (const char* name : string_fields)
        if (!is_string_or_null(document, name)) return false;
    for (const char* name : boolean_fields)
        if (!is_boolean_or_null(document, name)) return false;
    auto status = document.find("thumbnail_status");
    if (status != document.end() && status->is_string() && *status != "generated" && *status != "failed" && *status != "skipped")
        return false;
    return true;
}

// A kept field is the server's value, or absent when the server sent none or null.
template <class T>
void check_kept(const std::optional<T>& kept, const json& document, const char* name) {
    auto found = document.find(name);
    if (found == document.end() || found->is_null()) {
        if (kept) __builtin_trap();
        return;
    }
    if (!kept || *kept != found->get<T>()) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    Bytes in{std::string_view(reinterpret_cast<const char*>(data), size)};
    const bool raw = in.next() % 2 == 0;
    bmx::http::HttpResponse response;
    response.status = 200 + in.next() % 7;  // 200..206: every 2xx is read against the contract
    response.body = raw ? std::string(in.data) : recipe_body(in);

    auto answer = bmx::upload::read_upload_answer(response);
    const json document = bmx::parse_json_within_depth(response.body);
    const bool keeps = !document.is_discarded() && keeps_contract(document);
    if (answer.ok() != keeps) __builtin_trap();
    if (!answer) {
        const bmx::Error& error = answer.error();
        if (error.stage != bmx::Stage::answer || error.http_status != response.status) __builtin_trap();
        const std::string said = "the server answered HTTP " + std::to_string(response.status) + " but not with an ImageUploadResponse (";
        if (error.message.rfind(said, 0) != 0) __builtin_trap();
        return 0;
    }
    if (answer->id != document["id"].get<long long>()) __builtin_trap();
    check_kept(answer->url, document, "url");
    check_kept(answer->thumbnail_url, document, "thumbnail_url");
    check_kept(answer->image_type, document, "image_type");
    check_kept(answer->thumbnail_status, document, "thumbnail_status");
    check_kept(answer->thumbnail_error, document, "thumbnail_error");
    check_kept(answer->message, document, "message");
    check_kept(answer->is_primary, document, "is_primary");
    check_kept(answer->duplicate, document, "duplicate");

    // The status made from it serialises as cli/ prints it, with the server's id.
    bmx::upload::FileStatus status;
    status.file = "fuzz.jpg";
    status.http_status = response.status;
    status.image_id = answer->id;
    status.answer = std::move(*answer);
    status.state = bmx::upload::UploadState::uploaded;
    json shown = bmx::status::upload_status_json(status);
    (void)shown.dump(-1, ' ', false, json::error_handler_t::replace);
    if (shown["id"] != *status.image_id) __builtin_trap();
    return 0;
}
