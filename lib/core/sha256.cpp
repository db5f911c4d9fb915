// SHA-256 through OpenSSL's EVP interface, in libcrypto opened on first use: only uploads
// hash, and linking libcrypto cost every start of bmx-api about 0.6 ms.
#include "core/sha256.hpp"

#include <openssl/evp.h>

#include "core/on_demand_library.hpp"

namespace bmx {
namespace {

OnDemandLibrary& libcrypto() {
    static OnDemandLibrary library("libcrypto.so.3", "libssl3");
    return library;
}

std::string to_hex(const unsigned char* digest, unsigned int length) {
    static constexpr char hex[] = "0123456789abcdef";
    std::string out;
    out.reserve(length * 2);
    for (unsigned int i = 0; i < length; ++i) {
        out += hex[digest[i] >> 4];
        out += hex[digest[i] & 0x0f];
    }
    return out;
}

}  // namespace

Result<std::string> sha256_hex(std::string_view bytes) {
    static auto* const digest_function = libcrypto().function<decltype(EVP_Digest)>("EVP_Digest");
    static auto* const sha256 = libcrypto().function<decltype(EVP_sha256)>("EVP_sha256");
    if (digest_function == nullptr || sha256 == nullptr) {
        if (auto loaded = libcrypto().open(); !loaded) return loaded.take_error();
        return make_error(Stage::setup, "libcrypto.so.3 has no EVP_Digest or EVP_sha256");
    }
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (digest_function(bytes.data(), bytes.size(), digest, &length, sha256(), nullptr) != 1)
        return make_error(Stage::setup, "OpenSSL could not compute a SHA-256 digest");
    return to_hex(digest, length);
}

}  // namespace bmx
