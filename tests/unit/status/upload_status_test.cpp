// The upload status JSON never repeats the API key, whichever of its texts quotes the server.
#include <doctest/doctest.h>

#include "core/message_safety.hpp"
#include "status/upload_status.hpp"

using namespace bmx;

TEST_CASE("a key the server quoted is redacted in the status's error and in its warnings") {
    remember_secret("tk_status_Zq8v3Xw9");
    upload::FileStatus status;
    status.file = "cover.jpg";
    status.state = upload::UploadState::failed;
    status.error = Error{Stage::http, "HTTP 400 Bad Request: bad key tk_status_Zq8v3Xw9", 400};
    status.warnings = {"the server could not make its thumbnail: bad key tk_status_Zq8v3Xw9"};
    const std::string text = status::upload_status_json(status).dump();
    CHECK(text.find("tk_status_Zq8v3Xw9") == std::string::npos);
    CHECK(text.find("bad key <redacted>") != std::string::npos);
    CHECK(status::upload_status_json(status)["warnings"][0] == "the server could not make its thumbnail: bad key <redacted>");
}
