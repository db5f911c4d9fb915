// The exit codes scripts rely on, from error stages.
#include <doctest/doctest.h>

#include "exit_codes.hpp"

using namespace bmx;

TEST_CASE("each error stage maps to its documented exit code") {
    CHECK(cli::exit_code_for(Error{"usage", ""}) == 2);
    CHECK(cli::exit_code_for(Error{"json", ""}) == 2);
    CHECK(cli::exit_code_for(Error{"read", ""}) == 2);
    CHECK(cli::exit_code_for(Error{"decode", ""}) == 2);
    CHECK(cli::exit_code_for(Error{"key", ""}) == 2);
    CHECK(cli::exit_code_for(Error{"http", "", 404}) == 1);
    CHECK(cli::exit_code_for(Error{"dns", ""}) == 3);
    CHECK(cli::exit_code_for(Error{"connect", ""}) == 3);
    CHECK(cli::exit_code_for(Error{"tls", ""}) == 3);
    CHECK(cli::exit_code_for(Error{"timeout", ""}) == 3);
    CHECK(cli::exit_code_for(Error{"transport", ""}) == 3);
    CHECK(cli::exit_code_for(Error{"cancelled", ""}) == 130);
}
