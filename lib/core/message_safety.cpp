// Takes secrets and URL userinfo out of bmx-api's own messages, and escapes control characters.
#include "core/message_safety.hpp"

#include <algorithm>
#include <mutex>
#include <vector>

#include <fmt/format.h>

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

void replace_all(std::string& text, std::string_view from, std::string_view to) {
    for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
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
        std::size_t at = text.rfind('@', end == 0 ? 0 : end - 1);
        if (at == std::string_view::npos || at < start || at >= end) continue;
        out.append(text.substr(done, start - done));
        out.append(redacted);
        done = at;  // keeps the '@'
    }
    out.append(text.substr(done));
    return out;
}

std::string safe_message(std::string_view text) {
    std::string out = hide_url_userinfo(text);
    Secrets& all = secrets();
    std::lock_guard lock(all.mutex);
    for (const std::string& secret : all.values) replace_all(out, secret, redacted);
    return out;
}

std::string escape_control_characters(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        auto byte = static_cast<unsigned char>(text[i]);
        if (byte == '\n' || byte == '\t') {
            out.push_back(static_cast<char>(byte));
        } else if (byte < 0x20 || byte == 0x7f) {
            out += fmt::format("\\x{:02x}", byte);
        } else if (byte == 0xc2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
                   static_cast<unsigned char>(text[i + 1]) <= 0x9f) {
            out += fmt::format("\\u{:04x}", static_cast<unsigned char>(text[i + 1]));
            ++i;
        } else {
            out.push_back(static_cast<char>(byte));
        }
    }
    return out;
}

}  // namespace bmx
