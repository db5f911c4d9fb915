// run_verify: runs the selected deploy checks in order and returns the report; never prints.
#pragma once

#include <functional>

#include "env/api_context.hpp"
#include "http/request_driver.hpp"
#include "verify/verify_options.hpp"
#include "verify/verify_report.hpp"

namespace bmx::verify {

struct VerifyHooks {
    // After each check, so a person watching sees progress during a long version poll.
    std::function<void(const CheckResult&)> on_check_done;
    // Before a request is retried (books, deep, image; the version poll is its own loop).
    std::function<void(int attempt, const std::string& reason, std::chrono::milliseconds delay)> on_retry;
};

VerifyReport run_verify(const VerifyOptions& options, const env::ApiContext& context, const VerifyHooks& hooks);

}  // namespace bmx::verify
