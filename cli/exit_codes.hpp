// The exit codes bmx-api promises to scripts (README "Exit codes", man page EXIT STATUS).
#pragma once

#include "core/error.hpp"

namespace bmx::cli {

enum ExitCode : int {
    exit_ok = 0,
    exit_http = 1,         // the server answered >= 400
    exit_usage = 2,        // usage or local input error; nothing was sent
    exit_transport = 3,    // DNS, refused, TLS, timeout
    exit_partial = 4,      // a batch where some files failed and some succeeded, or the order could not be set
    exit_wait_timeout = 5, // --wait-until: the deadline passed with the condition still false
    exit_answer = 6,       // an answer bmx-api would not take in or could not use (stage "answer"); a request was sent
    exit_internal = 70,    // a bug in bmx-api (sysexits EX_SOFTWARE); every status known is still printed
    exit_output = 74,      // stdout or stderr could not be written (sysexits EX_IOERR)
    exit_cancelled = 130,  // interrupted by Ctrl-C, SIGTERM or SIGHUP
};

int exit_code_for(ErrorClass error_class);
int exit_code_for(const Error& error);

}  // namespace bmx::cli
