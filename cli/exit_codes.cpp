// Maps error classes to the documented exit codes.
#include "exit_codes.hpp"

namespace bmx::cli {

int exit_code_for(ErrorClass error_class) {
    switch (error_class) {
        case ErrorClass::usage:
        case ErrorClass::local_input: return exit_usage;
        case ErrorClass::http: return exit_http;
        case ErrorClass::answer: return exit_answer;
        case ErrorClass::transport: return exit_transport;
        case ErrorClass::cancelled: return exit_cancelled;
        case ErrorClass::reorder: return exit_partial;
        case ErrorClass::internal: return exit_internal;
    }
    return exit_usage;
}

int exit_code_for(const Error& error) { return exit_code_for(classify(error.stage)); }

}  // namespace bmx::cli
