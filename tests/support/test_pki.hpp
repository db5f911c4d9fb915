// A throwaway PKI for the https tests, made at test time with libcrypto: a CA, a server
// certificate for 127.0.0.1, localhost and ::1, one for another name, and an expired one.
#pragma once

#include <filesystem>

namespace bmx::testing {

// The PEM files make_test_pki writes; every certificate but the CA's is signed by that CA.
struct TestPki {
    std::filesystem::path ca_cert;       // ca.pem: the test CA (what --cacert is given)
    std::filesystem::path server_cert;   // server.pem, server.key: 127.0.0.1, localhost, ::1
    std::filesystem::path server_key;
    std::filesystem::path other_cert;    // other.pem, other.key: only other.invalid
    std::filesystem::path other_key;
    std::filesystem::path expired_cert;  // expired.pem, expired.key: 127.0.0.1 and localhost, ended yesterday
    std::filesystem::path expired_key;
};

// Writes the PKI into dir (which must exist), P-256 keys throughout; throws std::runtime_error
// when libcrypto refuses a step.
TestPki make_test_pki(const std::filesystem::path& dir);

}  // namespace bmx::testing
