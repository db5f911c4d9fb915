// OnDemandLibrary: opens a library on first use, finds its functions, and names the package
// to install when the library is missing. SHA-256 goes through it to libcrypto.
#include <doctest/doctest.h>

#include <cmath>

#include "core/on_demand_library.hpp"
#include "core/sha256.hpp"

TEST_CASE("a library that is installed opens and its functions are found") {
    bmx::OnDemandLibrary libm("libm.so.6", "libc6");
    CHECK(libm.open());
    auto* cosine = libm.function<double(double)>("cos");
    REQUIRE(static_cast<bool>(cosine));
    CHECK(cosine(0.0) == doctest::Approx(1.0));
    CHECK_FALSE(static_cast<bool>(libm.function<void()>("bmx_no_such_function")));
}

TEST_CASE("a missing library is a setup error that names the file and the package to install") {
    bmx::OnDemandLibrary missing("libbmx-not-installed.so.9", "libbmx-example");
    auto opened = missing.open();
    REQUIRE_FALSE(opened);
    CHECK(opened.error().stage == bmx::Stage::setup);
    CHECK(opened.error().message.find("cannot load libbmx-not-installed.so.9") == 0);
    CHECK(opened.error().message.find("install Debian's libbmx-example package") != std::string::npos);
    CHECK_FALSE(static_cast<bool>(missing.function<void()>("anything")));
    CHECK_FALSE(missing.open());  // asked again: the same answer, not a second attempt that might hang
}

TEST_CASE("sha256_hex, through libcrypto opened on demand, gives the standard digests") {
    auto empty = bmx::sha256_hex("");
    REQUIRE(empty);
    CHECK(*empty == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    auto abc = bmx::sha256_hex("abc");
    REQUIRE(abc);
    CHECK(*abc == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}
