#include "report/github_commands.hpp"

#include <fmt/format.h>

#include "core/message_safety.hpp"

namespace bmx::report {
namespace {

std::string escaped(std::string_view raw, bool property) {
    const std::string text = safe_message(raw);  // never a key or URL userinfo
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '%': out += "%25"; break;
            case '\r': out += "%0D"; break;
            case '\n': out += "%0A"; break;
            case ':': out += property ? "%3A" : ":"; break;
            case ',': out += property ? "%2C" : ","; break;
            default: out.push_back(c);
        }
    }
    return out;
}

std::string annotation(const char* command, const CiSuite& suite, const CiCase& c) {
    std::string properties = "title=" + escape_command_property(fmt::format("{}: {}", suite.title, c.name));
    if (!c.file.empty()) properties += ",file=" + escape_command_property(c.file);
    return fmt::format("::{} {}::{}\n", command, properties, escape_command_data(c.message));
}

}  // namespace

std::string escape_command_data(std::string_view text) { return escaped(text, false); }
std::string escape_command_property(std::string_view text) { return escaped(text, true); }

std::vector<std::string> annotation_lines(const CiSuite& suite) {
    std::vector<std::string> lines;
    for (const CiCase& c : suite.cases) {
        if (c.outcome == CaseOutcome::failed) lines.push_back(annotation("error", suite, c));
        if (c.outcome == CaseOutcome::warning) lines.push_back(annotation("warning", suite, c));
    }
    return lines;
}

}  // namespace bmx::report
