// Compares /health/version's environment with the one verify expects.
#include "verify/environment_check.hpp"

#include <fmt/format.h>

namespace bmx::verify {

Verdict judge_environment(const VersionAnswer& answer, const std::string& expected) {
    if (answer.environment.empty())
        return {CheckStatus::failed, fmt::format("expected environment {}, but /health/version named none", expected)};
    if (answer.environment != expected)
        return {CheckStatus::failed, fmt::format("expected environment {}, got {}", expected, answer.environment)};
    return {CheckStatus::passed, fmt::format("environment {}", answer.environment)};
}

}  // namespace bmx::verify
