// Exact bytes of names that are not UTF-8: the UTF-8 check and base64 both ways.
#include <doctest/doctest.h>

#include "core/base64.hpp"
#include "core/utf8.hpp"

namespace base64_utf8_test {

using bmx::base64_decode;
using bmx::base64_encode;
using bmx::is_valid_utf8;

TEST_CASE("well-formed UTF-8 passes and every malformed kind fails") {
    CHECK(is_valid_utf8(""));
    CHECK(is_valid_utf8("plain.jpg"));
    CHECK(is_valid_utf8("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x93\x96.jpg"));
    CHECK_FALSE(is_valid_utf8("caf\xe9.jpg"));             // Latin-1
    CHECK_FALSE(is_valid_utf8("\xc3"));                    // cut short
    CHECK_FALSE(is_valid_utf8("\xc0\xaf"));                // overlong '/'
    CHECK_FALSE(is_valid_utf8("\xed\xa0\x80"));            // a surrogate
    CHECK_FALSE(is_valid_utf8("\xf4\x90\x80\x80"));        // past U+10FFFF
    CHECK_FALSE(is_valid_utf8("\x80 lone continuation"));
}

TEST_CASE("base64 round-trips every byte and every padding length") {
    CHECK(base64_encode("") == "");
    CHECK(base64_encode("f") == "Zg==");
    CHECK(base64_encode("fo") == "Zm8=");
    CHECK(base64_encode("foo") == "Zm9v");
    CHECK(base64_encode("caf\xe9.jpg") == "Y2Fm6S5qcGc=");
    std::string all;
    for (int byte = 0; byte < 256; ++byte) all.push_back(static_cast<char>(byte));
    for (std::size_t length = 0; length <= 5; ++length) {
        std::string part = all.substr(200, length) + all;
        auto decoded = base64_decode(base64_encode(part));
        REQUIRE(decoded.has_value());
        CHECK(*decoded == part);
    }
}

TEST_CASE("text that is not padded standard base64 decodes to nothing") {
    for (const char* bad : {"Zg", "Zg=", "Z===", "Zg==Zg==", "Zm9v!A==", "Zm-_"}) {
        CAPTURE(bad);
        CHECK_FALSE(base64_decode(bad).has_value());
    }
}

}  // namespace base64_utf8_test
