// bmx-test-certs DIR: writes the https tests' throwaway PKI (support/test_pki.hpp) into DIR, for
// scripts such as bench/upload_bench.py that start `bmx-devserver --tls`.
#include <cstdio>
#include <exception>
#include <filesystem>

#include "support/test_pki.hpp"

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: bmx-test-certs DIR  (writes ca.pem, server.pem/.key, other.pem/.key, expired.pem/.key)\n");
        return 2;
    }
    try {
        std::filesystem::create_directories(argv[1]);
        const bmx::testing::TestPki pki = bmx::testing::make_test_pki(argv[1]);
        std::printf("%s\n", pki.ca_cert.c_str());
    } catch (const std::exception& error) {
        std::fprintf(stderr, "bmx-test-certs: %s\n", error.what());
        return 1;
    }
    return 0;
}
