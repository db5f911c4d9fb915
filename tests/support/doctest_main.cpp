// The test binaries' entry point: doctest's own, except that a run whose filters select no test
// case fails. ctest runs each case by name in its own process, and a name that selects nothing
// (renamed since discovery, or cut at a ';' by doctest's CMake discovery) would otherwise pass
// without running a single check.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <atomic>
#include <cstdio>

namespace {

std::atomic<int> test_cases_started{0};

struct StartCounter : doctest::IReporter {
    explicit StartCounter(const doctest::ContextOptions&) {}
    void report_query(const doctest::QueryData&) override {}
    void test_run_start() override {}
    void test_run_end(const doctest::TestRunStats&) override {}
    void test_case_start(const doctest::TestCaseData&) override { ++test_cases_started; }
    void test_case_reenter(const doctest::TestCaseData&) override {}
    void test_case_end(const doctest::CurrentTestCaseStats&) override {}
    void test_case_exception(const doctest::TestCaseException&) override {}
    void subcase_start(const doctest::SubcaseSignature&) override {}
    void subcase_end() override {}
    void log_assert(const doctest::AssertData&) override {}
    void log_message(const doctest::MessageData&) override {}
    void test_case_skipped(const doctest::TestCaseData&) override {}
};

REGISTER_LISTENER("start-counter", 1, StartCounter);

}  // namespace

int main(int argc, char** argv) {
    doctest::Context context(argc, argv);
    const int result = context.run();
    if (context.shouldExit() || result != 0) return result;  // --help, --list-test-cases, failures
    if (test_cases_started == 0) {
        std::fputs("no test case matched the filters: nothing was tested\n", stderr);
        return 1;
    }
    return 0;
}
