// Text that bmx-api writes in its own messages: the API key and URL userinfo taken out, and, for a
// terminal, control characters shown rather than obeyed.
#pragma once

#include <string>
#include <string_view>

namespace bmx {

// Remembers a secret (the API key) so that safe_message() takes it out of any text, even text
// the server echoed back. Thread-safe; secrets shorter than 4 bytes are not remembered, as
// hiding them would mangle ordinary words.
void remember_secret(std::string_view secret);

// `text` with every remembered secret replaced by "<redacted>" and the userinfo of every URL
// ("https://bob:hunter2@host/") replaced by "<redacted>" ("https://<redacted>@host/").
std::string safe_message(std::string_view text);

// URL userinfo alone: "scheme://user:password@host" becomes "scheme://<redacted>@host".
std::string hide_url_userinfo(std::string_view text);

// For a terminal: C0 controls other than line feed and tab, DEL, and the C1 controls (as UTF-8)
// written as visible escapes (\x1b, \x7f, \u009b), so server text cannot retitle a window,
// clear the screen or move the cursor.
std::string escape_control_characters(std::string_view text);

}  // namespace bmx
