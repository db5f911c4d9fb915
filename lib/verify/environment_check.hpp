// The environment check: /health/version must name the environment the deploy went to.
#pragma once

#include <string>

#include "verify/check_result.hpp"
#include "verify/version_check.hpp"

namespace bmx::verify {

// Passed when the answer's "environment" equals the expected one, exactly.
Verdict judge_environment(const VersionAnswer& answer, const std::string& expected);

}  // namespace bmx::verify
