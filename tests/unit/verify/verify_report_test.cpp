// The verify report's JSON shape, which scripts read, and the --checks list.
#include <doctest/doctest.h>

#include "verify/verify_options.hpp"
#include "verify/verify_report.hpp"

using namespace bmx::verify;
using nlohmann::json;

namespace {

VerifyReport sample_report() {
    VerifyReport report;
    report.environment = "prod";
    report.base_url = "https://api.bluemoxon.com/api/v1";
    report.expected_version = "3.8.0";
    report.elapsed_ms = 1234.4;
    CheckResult version{"version", CheckStatus::passed, "version 3.8.0", 2, 3000.6, bmx::http::Timing{1, 2, 3, 4, 5.04}};
    CheckResult deep{"deep", CheckStatus::warning, "degraded: queue degraded: slow", 1, 20, std::nullopt};
    CheckResult image{"image", CheckStatus::skipped, "none of the 57 books has a primary image", 1, 5, std::nullopt};
    report.checks = {version, deep, image};
    return report;
}

}  // namespace

TEST_CASE("the report has ok, environment, base_url, expected_version, elapsed_ms and one entry per check") {
    json document = report_json(sample_report(), TimingField::omitted);
    CHECK(document["ok"] == true);
    CHECK(document["environment"] == "prod");
    CHECK(document["base_url"] == "https://api.bluemoxon.com/api/v1");
    CHECK(document["expected_version"] == "3.8.0");
    CHECK(document["elapsed_ms"] == 1234);
    REQUIRE(document["checks"].size() == 3);
    json version = document["checks"][0];
    CHECK(version == json{{"name", "version"}, {"ok", true}, {"status", "passed"}, {"detail", "version 3.8.0"},
                          {"attempts", 2}, {"elapsed_ms", 3001}});
    CHECK(document["checks"][1]["status"] == "warning");
    CHECK(document["checks"][1]["ok"] == true);
    CHECK(document["checks"][2]["status"] == "skipped");
}

TEST_CASE("a failed check makes the report not ok, and no expected version is null") {
    VerifyReport report = sample_report();
    report.expected_version.reset();
    report.checks[1].status = CheckStatus::failed;
    json document = report_json(report, TimingField::omitted);
    CHECK(document["ok"] == false);
    CHECK(document["expected_version"].is_null());
    CHECK(document["checks"][1]["ok"] == false);
    CHECK(document["checks"][1]["status"] == "failed");
}

TEST_CASE("with --timing each check carries its last request's phase times, or null") {
    json document = report_json(sample_report(), TimingField::included);
    CHECK(document["checks"][0]["timing"] ==
          json{{"dns_ms", 1.0}, {"connect_ms", 2.0}, {"tls_ms", 3.0}, {"first_byte_ms", 4.0}, {"total_ms", 5.0}});
    CHECK(document["checks"][1]["timing"].is_null());
}

TEST_CASE("--checks picks checks by name, runs them in the fixed order, and refuses unknown names") {
    auto picked = parse_check_list("image, Deep,version");
    REQUIRE(picked.ok());
    CHECK(*picked == std::vector<std::string>{"version", "deep", "image"});
    auto unknown = parse_check_list("version,health");
    REQUIRE_FALSE(unknown.ok());
    CHECK(unknown.error().stage == bmx::Stage::usage);
    CHECK(unknown.error().message.find("'health'") != std::string::npos);
    CHECK_FALSE(parse_check_list(" , ").ok());
}

TEST_CASE("--timeout and --interval are seconds within bounds") {
    CHECK(*seconds_to_duration(2.5, "--interval", 0.05) == std::chrono::milliseconds(2500));
    CHECK(*seconds_to_duration(0, "--timeout", 0) == std::chrono::milliseconds(0));
    CHECK_FALSE(seconds_to_duration(0.01, "--interval", 0.05).ok());
    CHECK_FALSE(seconds_to_duration(-1, "--timeout", 0).ok());
}
