// Takes secrets and URL userinfo out of bmx-api's own messages, and escapes control characters.
#include "core/message_safety.hpp"

#include <algorithm>
#include <mutex>
#include <vector>

#include <fmt/format.h>

#include "core/utf8.hpp"

namespace bmx {
namespace {

constexpr std::string_view redacted = "<redacted>";
constexpr std::size_t shortest_secret = 4;

struct Secrets {
    std::mutex mutex;
    std::vector<std::string> values;
};

Secrets& secrets() {
    static Secrets instance;
    return instance;
}

// One pass: the text is copied once, so a long message costs its length, not its length squared.
std::string replace_all(std::string_view text, std::string_view from, std::string_view to) {
    std::string out;
    out.reserve(text.size());
    std::size_t done = 0;
    for (std::size_t at = text.find(from); at != std::string_view::npos; at = text.find(from, done)) {
        out.append(text.substr(done, at - done));
        out.append(to);
        done = at + from.size();
    }
    out.append(text.substr(done));
    return out;
}

// A secret cut short by a message that abbreviates long values (jq writes "tk_live_Zq8v..."):
// its first 8 or more bytes right before "...". Looks only where "..." is, so it stays linear.
std::string hide_cut_secret(std::string_view text, const std::string& secret) {
    constexpr std::size_t shortest_prefix = 8;
    constexpr std::string_view ellipsis = "...";
    std::string out;
    std::size_t done = 0;
    for (std::size_t dots = text.find(ellipsis); dots != std::string_view::npos; dots = text.find(ellipsis, dots + 1)) {
        for (std::size_t length = std::min(secret.size() - 1, dots - done); length >= shortest_prefix; --length) {
            if (text.substr(dots - length, length) != std::string_view(secret).substr(0, length)) continue;
            out.append(text.substr(done, dots - length - done));
            out.append(redacted);
            done = dots;
            break;
        }
    }
    out.append(text.substr(done));
    return out;
}

// Where a URL's authority ends: the first '/', '?', '#', space, quote or control character.
bool ends_authority(char c) {
    return c == '/' || c == '?' || c == '#' || c == '"' || c == '\'' || c == '<' || c == '>' ||
           static_cast<unsigned char>(c) <= ' ';
}

}  // namespace

void remember_secret(std::string_view secret) {
    if (secret.size() < shortest_secret) return;
    Secrets& all = secrets();
    std::lock_guard lock(all.mutex);
    if (std::find(all.values.begin(), all.values.end(), secret) == all.values.end()) all.values.emplace_back(secret);
}

std::string hide_url_userinfo(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    std::size_t done = 0;
    for (std::size_t scheme_end = text.find("://"); scheme_end != std::string_view::npos;
         scheme_end = text.find("://", scheme_end + 3)) {
        std::size_t start = scheme_end + 3;
        std::size_t end = start;
        while (end < text.size() && !ends_authority(text[end])) ++end;
        // The last '@' within this authority only, so the scan stays linear in the text's length.
        std::size_t at = text.substr(start, end - start).rfind('@');
        if (at != std::string_view::npos) {
            out.append(text.substr(done, start - done));
            out.append(redacted);
            done = start + at;  // keeps the '@'
        }
        scheme_end = end > 3 ? end - 3 : end;  // the next "://" starts after this authority
    }
    out.append(text.substr(done));
    return out;
}

std::string safe_message(std::string_view text) {
    std::string out = hide_url_userinfo(text);
    Secrets& all = secrets();
    std::lock_guard lock(all.mutex);
    for (const std::string& secret : all.values) {
        if (out.find(secret) != std::string::npos) out = replace_all(out, secret, redacted);
        out = hide_cut_secret(out, secret);
    }
    return out;
}

std::string escape_control_characters(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        auto byte = static_cast<unsigned char>(text[i]);
        bool crlf = byte == '\r' && i + 1 < text.size() && text[i + 1] == '\n';  // a line end, as nginx writes them
        if (byte == '\n' || byte == '\t' || crlf) {
            out.push_back(static_cast<char>(byte));
        } else if (byte < 0x20 || byte == 0x7f) {
            out += fmt::format("\\x{:02x}", byte);
        } else if (byte < 0x80) {
            out.push_back(static_cast<char>(byte));
        } else if (std::size_t length = utf8_sequence_length(text.substr(i)); length == 0) {
            // Not UTF-8: a lone byte such as 0x9b is a control (CSI) to an 8-bit terminal.
            out += fmt::format("\\x{:02x}", byte);
        } else if (byte == 0xc2 && static_cast<unsigned char>(text[i + 1]) <= 0x9f) {
            out += fmt::format("\\u{:04x}", static_cast<unsigned char>(text[i + 1]));  // a C1 control
            ++i;
        } else {
            out.append(text.substr(i, length));
            i += length - 1;
        }
    }
    return out;
}

}  // namespace bmx
