// safe_message and escape_control_characters: what bmx-api's own messages may carry.
#include <doctest/doctest.h>

#include "core/message_safety.hpp"

using bmx::escape_control_characters;
using bmx::hide_url_userinfo;
using bmx::remember_secret;
using bmx::safe_message;

TEST_CASE("a remembered secret is taken out of any message, every time it occurs") {
    CHECK(safe_message("key zk_test_Secret99 refused") == "key zk_test_Secret99 refused");  // not yet remembered
    remember_secret("zk_test_Secret99");
    CHECK(safe_message("key zk_test_Secret99 refused, zk_test_Secret99 again") ==
          "key <redacted> refused, <redacted> again");
    remember_secret("abc");  // too short to hide without mangling words
    CHECK(safe_message("abc def") == "abc def");
}

TEST_CASE("URL userinfo is hidden wherever a URL appears in a message") {
    CHECK(hide_url_userinfo("invalid URL 'http://bob:hunter2@bad host/api': Bad hostname") ==
          "invalid URL 'http://<redacted>@bad host/api': Bad hostname");
    CHECK(hide_url_userinfo("https://a@b@host.test:8443/x?y=@z") == "https://<redacted>@host.test:8443/x?y=@z");
    CHECK(hide_url_userinfo("to https://host.test/a@b and ftp://u@h") == "to https://host.test/a@b and ftp://<redacted>@h");
    CHECK(hide_url_userinfo("no url, mail bob@example.com") == "no url, mail bob@example.com");
}

TEST_CASE("control characters are escaped for a terminal, line feeds and tabs and UTF-8 text kept") {
    CHECK(escape_control_characters("\x1b]0;owned\x07\x1b[2Jdone") == "\\x1b]0;owned\\x07\\x1b[2Jdone");
    CHECK(escape_control_characters("a\rb\x7f") == "a\\x0db\\x7f");
    CHECK(escape_control_characters("line\n\tnext") == "line\n\tnext");
    CHECK(escape_control_characters("Brontë \xc2\x9b" "1m") == "Brontë \\u009b1m");
    CHECK(escape_control_characters("\xc2\xa9 1847") == "\xc2\xa9 1847");
}

TEST_CASE("a secret cut short before an ellipsis is hidden too, and a short prefix is left alone") {
    remember_secret("tk_cut_Zq8v3Xw9Pm2L");
    CHECK(safe_message(R"(Cannot iterate over string ("tk_cut_Zq8v...))") == R"(Cannot iterate over string ("<redacted>...))");
    CHECK(safe_message("tk_cut... is only a prefix of 6") == "tk_cut... is only a prefix of 6");
}

TEST_CASE("long hostile texts are cleaned in one pass each: 2 MB of '://' and 100,000 secrets") {
    std::string schemes;
    for (int i = 0; i < 700000; ++i) schemes += "://";
    CHECK(hide_url_userinfo(schemes) == schemes);
    remember_secret("tk_many_Secret42");
    std::string many;
    for (int i = 0; i < 100000; ++i) many += "tk_many_Secret42 ";
    std::string cleaned = safe_message(many);
    CHECK(cleaned.size() == std::string("<redacted> ").size() * 100000);
    CHECK(cleaned.find("Secret42") == std::string::npos);
}

TEST_CASE("CRLF line ends are kept, while a lone CR, lone C1 bytes and broken UTF-8 are escaped") {
    CHECK(escape_control_characters("line one\r\nline two\r") == "line one\r\nline two\\x0d");
    CHECK(escape_control_characters("a\x9b" "2Jb") == "a\\x9b2Jb");            // CSI as a lone 8-bit byte
    CHECK(escape_control_characters("\xc0\xaf and \xed\xa0\x80") == "\\xc0\\xaf and \\xed\\xa0\\x80");
    CHECK(escape_control_characters("\xf0\x9f\x93\x96 book") == "\xf0\x9f\x93\x96 book");
}
