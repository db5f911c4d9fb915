#include "report/junit_xml.hpp"

#include <fmt/format.h>

#include "core/message_safety.hpp"
#include "core/utf8.hpp"

namespace bmx::report {
namespace {

constexpr std::string_view replacement = "\xef\xbf\xbd";

std::string xml_escaped(std::string_view raw, bool attribute) {
    const std::string text = safe_message(raw);  // never a key or URL userinfo
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const auto byte = static_cast<unsigned char>(text[i]);
        if (byte >= 0x80) {
            std::size_t length = utf8_sequence_length(std::string_view(text).substr(i));
            // U+FFFE and U+FFFF are not XML characters either.
            bool non_character = length == 3 && byte == 0xef && static_cast<unsigned char>(text[i + 1]) == 0xbf &&
                                 static_cast<unsigned char>(text[i + 2]) >= 0xbe;
            if (length == 0 || non_character) {
                out += replacement;
                i += length == 0 ? 1 : length;
            } else {
                out.append(text, i, length);
                i += length;
            }
            continue;
        }
        switch (text[i]) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&apos;"; break;
            case '\t': out += attribute ? "&#9;" : "\t"; break;
            case '\n': out += attribute ? "&#10;" : "\n"; break;
            case '\r': out += "&#13;"; break;
            default:
                if (byte < 0x20) out += replacement;
                else out.push_back(text[i]);
        }
        ++i;
    }
    return out;
}

std::string seconds(double value) { return fmt::format("{:.3f}", value < 0 ? 0.0 : value); }

}  // namespace

std::string xml_text(std::string_view text) { return xml_escaped(text, false); }
std::string xml_attribute(std::string_view text) { return xml_escaped(text, true); }

std::string junit_xml(const CiSuite& suite) {
    const int tests = static_cast<int>(suite.cases.size());
    const int failures = suite.count(CaseOutcome::failed);
    const int skipped = suite.count(CaseOutcome::skipped);
    std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    xml += fmt::format("<testsuites name=\"bmx-api\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"{}\" time=\"{}\">\n",
                       tests, failures, skipped, seconds(suite.seconds));
    xml += fmt::format("  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"{}\" time=\"{}\">\n",
                       xml_attribute(suite.name), tests, failures, skipped, seconds(suite.seconds));
    for (const CiCase& c : suite.cases) {
        xml += fmt::format("    <testcase classname=\"{}\" name=\"{}\" time=\"{}\"", xml_attribute(c.classname),
                           xml_attribute(c.name), seconds(c.seconds));
        switch (c.outcome) {
            case CaseOutcome::passed:
                xml += c.message.empty() ? "/>\n" : fmt::format(">\n      <system-out>{}</system-out>\n    </testcase>\n", xml_text(c.message));
                break;
            case CaseOutcome::failed:
                xml += fmt::format(">\n      <failure message=\"{}\" type=\"failed\">{}</failure>\n    </testcase>\n",
                                   xml_attribute(c.message), xml_text(c.message));
                break;
            case CaseOutcome::skipped:
                xml += fmt::format(">\n      <skipped message=\"{}\"/>\n    </testcase>\n", xml_attribute(c.message));
                break;
            case CaseOutcome::warning:
                xml += fmt::format(">\n      <system-out>warning: {}</system-out>\n    </testcase>\n", xml_text(c.message));
                break;
        }
    }
    xml += "  </testsuite>\n</testsuites>\n";
    return xml;
}

}  // namespace bmx::report
