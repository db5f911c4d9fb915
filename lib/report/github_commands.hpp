// GitHub Actions workflow commands (`::error title=T,file=F::message`), escaped as the runner
// reads them back, so that no text from a server or a file name can end a command early or
// start another one.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "report/ci_suite.hpp"

namespace bmx::report {

// A command's message: % as %25, CR as %0D, LF as %0A.
std::string escape_command_data(std::string_view text);
// A property's value (title=, file=): also : as %3A and , as %2C.
std::string escape_command_property(std::string_view text);

// One `::error ...::` line (with its "\n") for each failed case and one `::warning ...::` for
// each warning, in the suite's order; upload cases name their photo with file=.
std::vector<std::string> annotation_lines(const CiSuite& suite);

}  // namespace bmx::report
