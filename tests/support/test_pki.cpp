// The test PKI, made with libcrypto's EVP and X509 calls (no openssl command needed).
#include "support/test_pki.hpp"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <cstdio>
#include <memory>
#include <stdexcept>
#include <string>

namespace bmx::testing {
namespace {

struct KeyFree {
    void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
struct CertFree {
    void operator()(X509* cert) const { X509_free(cert); }
};
struct FileClose {
    void operator()(std::FILE* file) const { std::fclose(file); }
};
using Key = std::unique_ptr<EVP_PKEY, KeyFree>;
using Cert = std::unique_ptr<X509, CertFree>;

void require(bool ok, const char* step) {
    if (!ok) throw std::runtime_error(std::string("test PKI: libcrypto refused to ") + step);
}

Key new_key() {
    Key key(EVP_EC_gen("P-256"));
    require(key != nullptr, "make a P-256 key");
    return key;
}

// Adds one v3 extension in openssl.cnf's words ("critical,CA:TRUE"), issuer and subject as given.
void add_extension(X509* cert, X509* issuer, int nid, const char* value) {
    X509V3_CTX context;
    X509V3_set_ctx_nodb(&context);
    X509V3_set_ctx(&context, issuer, cert, nullptr, nullptr, 0);
    X509_EXTENSION* extension = X509V3_EXT_conf_nid(nullptr, &context, nid, value);
    require(extension != nullptr, "build an extension");
    const int added = X509_add_ext(cert, extension, -1);
    X509_EXTENSION_free(extension);
    require(added == 1, "add an extension");
}

struct Validity {
    long not_before_seconds;  // from now
    long not_after_seconds;
};

constexpr long day = 24 * 3600;

// A v3 certificate for `key` named `common_name`, valid as given, not yet signed.
Cert new_cert(EVP_PKEY* key, const char* common_name, Validity validity) {
    Cert cert(X509_new());
    require(cert != nullptr, "make a certificate");
    require(X509_set_version(cert.get(), 2) == 1, "set the version");
    unsigned char serial[16];
    require(RAND_bytes(serial, sizeof serial) == 1, "draw a serial number");
    serial[0] &= 0x7f;  // positive
    BIGNUM* number = BN_bin2bn(serial, sizeof serial, nullptr);
    require(number != nullptr && BN_to_ASN1_INTEGER(number, X509_get_serialNumber(cert.get())) != nullptr,
            "set the serial number");
    BN_free(number);
    require(X509_gmtime_adj(X509_getm_notBefore(cert.get()), validity.not_before_seconds) != nullptr, "set notBefore");
    require(X509_gmtime_adj(X509_getm_notAfter(cert.get()), validity.not_after_seconds) != nullptr, "set notAfter");
    X509_NAME* name = X509_get_subject_name(cert.get());
    require(X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("bmx-api tests"),
                                       -1, -1, 0) == 1 &&
                X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                                           reinterpret_cast<const unsigned char*>(common_name), -1, -1, 0) == 1,
            "set the subject");
    require(X509_set_pubkey(cert.get(), key) == 1, "set the public key");
    return cert;
}

void sign(X509* cert, X509* issuer, EVP_PKEY* issuer_key) {
    require(X509_set_issuer_name(cert, X509_get_subject_name(issuer)) == 1, "set the issuer");
    require(X509_sign(cert, issuer_key, EVP_sha256()) > 0, "sign a certificate");
}

std::unique_ptr<std::FILE, FileClose> open_for_writing(const std::filesystem::path& path) {
    std::unique_ptr<std::FILE, FileClose> file(std::fopen(path.c_str(), "wb"));
    if (!file) throw std::runtime_error("test PKI: cannot write " + path.string());
    return file;
}

void write_cert(const std::filesystem::path& path, X509* cert) {
    auto file = open_for_writing(path);
    require(PEM_write_X509(file.get(), cert) == 1, "write a certificate");
}

void write_key(const std::filesystem::path& path, EVP_PKEY* key) {
    auto file = open_for_writing(path);
    require(PEM_write_PrivateKey(file.get(), key, nullptr, nullptr, 0, nullptr, nullptr) == 1, "write a key");
}

// A server certificate signed by the CA, for the names in `alt_names` ("DNS:localhost,IP:127.0.0.1").
void write_server(const std::filesystem::path& cert_path, const std::filesystem::path& key_path, X509* ca, EVP_PKEY* ca_key,
                  const char* common_name, const char* alt_names, Validity validity) {
    Key key = new_key();
    Cert cert = new_cert(key.get(), common_name, validity);
    add_extension(cert.get(), ca, NID_basic_constraints, "critical,CA:FALSE");
    add_extension(cert.get(), ca, NID_key_usage, "critical,digitalSignature");
    add_extension(cert.get(), ca, NID_ext_key_usage, "serverAuth");
    add_extension(cert.get(), ca, NID_subject_alt_name, alt_names);
    add_extension(cert.get(), ca, NID_subject_key_identifier, "hash");
    add_extension(cert.get(), ca, NID_authority_key_identifier, "keyid:always");
    sign(cert.get(), ca, ca_key);
    write_cert(cert_path, cert.get());
    write_key(key_path, key.get());
}

}  // namespace

TestPki make_test_pki(const std::filesystem::path& dir) {
    TestPki pki{dir / "ca.pem",    dir / "server.pem",  dir / "server.key", dir / "other.pem",
                dir / "other.key", dir / "expired.pem", dir / "expired.key"};
    Key ca_key = new_key();
    Cert ca = new_cert(ca_key.get(), "bmx-api test CA", {-day, 30 * day});
    add_extension(ca.get(), ca.get(), NID_basic_constraints, "critical,CA:TRUE");
    add_extension(ca.get(), ca.get(), NID_key_usage, "critical,keyCertSign,cRLSign");
    add_extension(ca.get(), ca.get(), NID_subject_key_identifier, "hash");
    sign(ca.get(), ca.get(), ca_key.get());
    write_cert(pki.ca_cert, ca.get());

    write_server(pki.server_cert, pki.server_key, ca.get(), ca_key.get(), "127.0.0.1",
                 "DNS:localhost,IP:127.0.0.1,IP:::1", {-day, 30 * day});
    write_server(pki.other_cert, pki.other_key, ca.get(), ca_key.get(), "other.invalid", "DNS:other.invalid",
                 {-day, 30 * day});
    write_server(pki.expired_cert, pki.expired_key, ca.get(), ca_key.get(), "127.0.0.1",
                 "DNS:localhost,IP:127.0.0.1,IP:::1", {-3 * day, -day});
    return pki;
}

}  // namespace bmx::testing
