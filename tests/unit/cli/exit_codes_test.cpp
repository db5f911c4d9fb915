// The exit codes scripts rely on, from error stages.
#include <doctest/doctest.h>

#include "exit_codes.hpp"

using namespace bmx;

TEST_CASE("each error stage maps to its documented exit code") {
    CHECK(cli::exit_code_for(Error{Stage::usage, ""}) == 2);
    CHECK(cli::exit_code_for(Error{Stage::json, ""}) == 2);
    CHECK(cli::exit_code_for(Error{Stage::read, ""}) == 2);
    CHECK(cli::exit_code_for(Error{Stage::decode, ""}) == 2);
    CHECK(cli::exit_code_for(Error{Stage::key, ""}) == 2);
    CHECK(cli::exit_code_for(Error{Stage::http, "", 404}) == 1);
    CHECK(cli::exit_code_for(Error{Stage::dns, ""}) == 3);
    CHECK(cli::exit_code_for(Error{Stage::connect, ""}) == 3);
    CHECK(cli::exit_code_for(Error{Stage::tls, ""}) == 3);
    CHECK(cli::exit_code_for(Error{Stage::timeout, ""}) == 3);
    CHECK(cli::exit_code_for(Error{Stage::transport, ""}) == 3);
    CHECK(cli::exit_code_for(Error{Stage::cancelled, ""}) == 130);
}
