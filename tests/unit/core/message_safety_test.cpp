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
