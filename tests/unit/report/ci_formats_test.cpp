// The CI formats' escaping: JUnit XML, GitHub workflow commands and job-summary cells.
#include <doctest/doctest.h>

#include "core/message_safety.hpp"
#include "report/github_commands.hpp"
#include "report/junit_xml.hpp"
#include "report/step_summary.hpp"

namespace ci_formats_test {

using namespace bmx::report;

TEST_CASE("workflow-command data escapes %, CR and LF, and properties also : and ,") {
    CHECK(escape_command_data("50% done\r\n::error::x, y: z") == "50%25 done%0D%0A::error::x, y: z");
    CHECK(escape_command_property("verify: deep, again\n") == "verify%3A deep%2C again%0A");
    CHECK(escape_command_data("%0A::error::injected") == "%250A::error::injected");
}

TEST_CASE("annotations: an ::error per failed case, a ::warning per warning, file= for upload cases") {
    CiSuite suite;
    suite.title = "bmx-api upload";
    suite.cases = {CiCase{"book 3", "a.jpg", 0.5, CaseOutcome::passed, "uploaded", "a.jpg"},
                   CiCase{"book 3", "b,c.jpg", 0.5, CaseOutcome::failed, "failed [format] not an image\nat all", "dir/b,c.jpg"},
                   CiCase{"book 3", "d.jpg", 0.5, CaseOutcome::skipped, "why", ""},
                   CiCase{"book 3", "e.jpg", 0.5, CaseOutcome::warning, "thumbnail failed", "e.jpg"}};
    auto lines = annotation_lines(suite);
    REQUIRE(lines.size() == 2);
    CHECK(lines[0] == "::error title=bmx-api upload%3A b%2Cc.jpg,file=dir/b%2Cc.jpg::failed [format] not an image%0Aat all\n");
    CHECK(lines[1] == "::warning title=bmx-api upload%3A e.jpg,file=e.jpg::thumbnail failed\n");
}

TEST_CASE("XML text escapes markup, keeps UTF-8, and turns what XML 1.0 forbids into U+FFFD") {
    CHECK(xml_text("a < b & \"c\" 'd' > e") == "a &lt; b &amp; &quot;c&quot; &apos;d&apos; &gt; e");
    CHECK(xml_text("caf\xc3\xa9\tline\nnext") == "caf\xc3\xa9\tline\nnext");
    CHECK(xml_text("esc\x1b[2J bell\x07 bad\xff") == "esc\xef\xbf\xbd[2J bell\xef\xbf\xbd bad\xef\xbf\xbd");
    CHECK(xml_text("non-char \xef\xbf\xbe") == "non-char \xef\xbf\xbd");
    CHECK(xml_attribute("two\nlines\r\tx") == "two&#10;lines&#13;&#9;x");
}

TEST_CASE("a JUnit suite counts failures and skips, and says nothing secret") {
    bmx::remember_secret("tk_test_SecretValue_123456");
    CiSuite suite;
    suite.name = "verify staging";
    suite.seconds = 1.23456;
    suite.cases = {CiCase{"verify staging", "version", 0.25, CaseOutcome::passed, "", ""},
                   CiCase{"verify staging", "books", 0.5, CaseOutcome::failed, "HTTP 401: key tk_test_SecretValue_123456", ""},
                   CiCase{"verify staging", "image", 0, CaseOutcome::skipped, "no image", ""}};
    const std::string xml = junit_xml(suite);
    CHECK(xml.find("<testsuite name=\"verify staging\" tests=\"3\" failures=\"1\" errors=\"0\" skipped=\"1\" time=\"1.235\">") !=
          std::string::npos);
    CHECK(xml.find("<testcase classname=\"verify staging\" name=\"version\" time=\"0.250\"/>") != std::string::npos);
    CHECK(xml.find("<skipped message=\"no image\"/>") != std::string::npos);
    CHECK(xml.find("HTTP 401: key &lt;redacted&gt;") != std::string::npos);
    CHECK(xml.find("SecretValue") == std::string::npos);
}

TEST_CASE("a summary cell cannot leave its cell or carry markup") {
    CHECK(markdown_cell("a | b\nc <script> & `d`") == "a \\| b c &lt;script&gt; &amp; \\`d\\`");
    CHECK(markdown_cell("esc\x1b[2J") == "esc\xef\xbf\xbd\\[2J");
}

}  // namespace ci_formats_test
