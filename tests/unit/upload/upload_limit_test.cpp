// The request-size limit: where it comes from, and the multipart size it is checked against.
#include <doctest/doctest.h>

#include <memory>

#include <curl/curl.h>

#include "http/multipart_size.hpp"
#include "upload/upload_limit.hpp"

using bmx::env::Environment;
using bmx::env::ProcessEnv;
using bmx::upload::resolve_upload_limit;

namespace {

Environment at(const std::string& base_url) { return Environment{"staging", base_url, "test", {}, {}}; }

}  // namespace

TEST_CASE("the hosted API's limit follows from Lambda's 6 MB and base64's 4/3") {
    CHECK(bmx::upload::hosted_max_upload_bytes == (6291456u - 65536u) * 3 / 4);
    CHECK(bmx::upload::hosted_max_upload_bytes * 4 / 3 + 65536 <= 6291456u);
}

TEST_CASE("the limit: the flag, else BMX_MAX_UPLOAD_BYTES, else the hosted figure for the built-in URLs only") {
    auto none = ProcessEnv::from_map({});
    auto staging = resolve_upload_limit(std::nullopt, none, at(bmx::env::staging_base_url));
    REQUIRE(staging);
    CHECK(staging->bytes == bmx::upload::hosted_max_upload_bytes);
    CHECK(staging->source == "the hosted API's limit");
    auto prod = resolve_upload_limit(std::nullopt, none, at(bmx::env::prod_base_url));
    REQUIRE(prod);
    CHECK(prod->bytes == bmx::upload::hosted_max_upload_bytes);
    auto local = resolve_upload_limit(std::nullopt, none, at("http://127.0.0.1:8000/api/v1"));
    REQUIRE(local);
    CHECK(local->bytes == 0);

    auto variable = ProcessEnv::from_map({{"BMX_MAX_UPLOAD_BYTES", "1000000"}});
    auto from_variable = resolve_upload_limit(std::nullopt, variable, at(bmx::env::prod_base_url));
    REQUIRE(from_variable);
    CHECK(from_variable->bytes == 1000000);
    CHECK(from_variable->source == "BMX_MAX_UPLOAD_BYTES");
    auto from_flag = resolve_upload_limit(0, variable, at(bmx::env::prod_base_url));  // 0: no limit, even on prod
    REQUIRE(from_flag);
    CHECK(from_flag->bytes == 0);
    CHECK(from_flag->source == "--max-upload-bytes");

    for (const char* bad : {"4.5MB", "-1", "1e6", " 100", "99999999999999999999", "2147483648"}) {
        CAPTURE(bad);
        auto refused = resolve_upload_limit(std::nullopt, ProcessEnv::from_map({{"BMX_MAX_UPLOAD_BYTES", bad}}),
                                            at(bmx::env::prod_base_url));
        REQUIRE_FALSE(refused);
        CHECK(refused.error().stage == bmx::Stage::usage);
    }
}

TEST_CASE("the multipart size counts every part's framing, escaped names included") {
    bmx::http::FormPart file;
    file.name = "file";
    file.filename = "a.jpg";
    file.content_type = "image/jpeg";
    file.shared_data = std::make_shared<const std::string>(1000, 'x');
    // --<boundary> CRLF, the disposition line, the type line, a blank line, the data, CRLF.
    const std::size_t boundary = curl_version_info(CURLVERSION_NOW)->version_num < 0x080000 ? 40 : 46;
    std::size_t framing = 2 + boundary + 2 + std::string("Content-Disposition: form-data; name=\"file\"; filename=\"a.jpg\"").size() +
                          2 + std::string("Content-Type: image/jpeg").size() + 2 + 2 + 2;
    CHECK(bmx::http::multipart_part_overhead(file) == framing);
    CHECK(bmx::http::multipart_body_bytes({file}) == framing + 1000 + 2 + boundary + 4);

    bmx::http::FormPart quoted = file;
    quoted.filename = "a\"b.jpg";  // sent as a%22b.jpg
    CHECK(bmx::http::multipart_part_overhead(quoted) == framing + 4);
}
