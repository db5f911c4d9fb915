// A suite as JUnit XML, the form Hurl's --report-junit writes and CI systems read:
// <testsuites><testsuite name tests failures errors skipped time><testcase classname name time>
// with <failure message>, <skipped message> or, for a warning, <system-out>.
#pragma once

#include <string>
#include <string_view>

#include "report/ci_suite.hpp"

namespace bmx::report {

std::string junit_xml(const CiSuite& suite);

// Text fit for XML 1.0 character data or an attribute: &, <, >, " and ' escaped; bytes that are
// not UTF-8 and characters XML forbids (C0 controls but tab, LF and CR) as U+FFFD; in an
// attribute, tab, LF and CR as character references so they survive attribute normalisation.
std::string xml_text(std::string_view text);
std::string xml_attribute(std::string_view text);

}  // namespace bmx::report
