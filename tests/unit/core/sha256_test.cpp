// sha256_hex: the digest the server dedupes uploads by, through libcrypto.
#include <doctest/doctest.h>

#include "core/sha256.hpp"

TEST_CASE("sha256_hex gives the standard digests, in lowercase hex") {
    auto empty = bmx::sha256_hex("");
    REQUIRE(empty);
    CHECK(*empty == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    auto abc = bmx::sha256_hex("abc");
    REQUIRE(abc);
    CHECK(*abc == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}
