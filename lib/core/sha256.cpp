// SHA-256 through OpenSSL's EVP interface (libcrypto).
#include "core/sha256.hpp"

#include <openssl/evp.h>

namespace bmx {
namespace {

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
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr) != 1)
        return make_error(Stage::setup, "OpenSSL could not compute a SHA-256 digest");
    return to_hex(digest, length);
}

}  // namespace bmx
