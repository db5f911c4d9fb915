#include "report/step_summary.hpp"

#include <fmt/format.h>

#include "core/message_safety.hpp"

namespace bmx::report {
namespace {

const char* outcome_word(CaseOutcome outcome) {
    switch (outcome) {
        case CaseOutcome::passed: return "✅ passed";
        case CaseOutcome::failed: return "❌ failed";
        case CaseOutcome::skipped: return "⏭️ skipped";
        case CaseOutcome::warning: return "⚠️ warning";
    }
    return "?";
}

}  // namespace

std::string markdown_cell(std::string_view raw) {
    const std::string text = safe_message(raw);  // never a key or URL userinfo
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '|': out += "\\|"; break;
            case '\r':
            case '\n': out += ' '; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '&': out += "&amp;"; break;
            case '`':
            case '*':
            case '_':
            case '[':
            case ']':
            case '\\': out += '\\'; out += c; break;
            default:
                // No control character (a terminal escape a server sent) reaches the page.
                if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) out += "\xef\xbf\xbd";
                else out.push_back(c);
        }
    }
    return out;
}

std::string step_summary_markdown(const CiSuite& suite) {
    const bool failed = suite.count(CaseOutcome::failed) > 0;
    std::string md = fmt::format("### {}: {}\n\n", markdown_cell(suite.name), failed ? "failed" : "passed");
    md += fmt::format("| {} | Result | Time | Detail |\n| --- | --- | ---: | --- |\n", suite.cases.empty() ? "Case" : "Name");
    for (const CiCase& c : suite.cases)
        md += fmt::format("| {} | {} | {:.1f} s | {} |\n", markdown_cell(c.name), outcome_word(c.outcome), c.seconds,
                          markdown_cell(c.message));
    md += fmt::format("\n{}\n\n", markdown_cell(suite.summary));
    return md;
}

}  // namespace bmx::report
