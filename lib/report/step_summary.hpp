// The Markdown a GitHub job summary shows for a suite: a heading, one table row per case and
// the summary line. Text from a server or a file name cannot break out of its cell.
#pragma once

#include <string>
#include <string_view>

#include "report/ci_suite.hpp"

namespace bmx::report {

std::string step_summary_markdown(const CiSuite& suite);

// A table cell: | as \|, line breaks as spaces, and <, >, & as entities (job summaries render
// HTML), backticks and other Markdown left as text by a backslash.
std::string markdown_cell(std::string_view text);

}  // namespace bmx::report
