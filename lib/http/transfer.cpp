// Transfer: one HTTP request on a libcurl easy handle, with headers, body, form and capture.
#include "http/transfer.hpp"

#include <algorithm>
#include <cstdio>
#include <cstring>

#include <fmt/format.h>

#include "bmx_version.hpp"
#include "core/text.hpp"
#include "http/redact.hpp"
#include "http/url.hpp"

namespace bmx::http {
namespace {

std::string user_agent() { return fmt::format("bmx-api/{} (+libcurl)", bmx::version); }

bool is_key_header(std::string_view line) { return starts_with_ci(trim(line), "x-api-key:"); }

// A form part read from a shared buffer: libcurl pulls the bytes through these callbacks, so the
// buffer the worker hashed is the one sent, and it is not copied (it may be megabytes).
struct SharedPartReader {
    std::shared_ptr<const std::string> bytes;
    std::size_t offset = 0;
};

std::size_t read_shared_part(char* buffer, std::size_t size, std::size_t count, void* arg) {
    auto* reader = static_cast<SharedPartReader*>(arg);
    std::size_t left = reader->bytes->size() - reader->offset;
    std::size_t n = std::min(left, size * count);
    std::memcpy(buffer, reader->bytes->data() + reader->offset, n);
    reader->offset += n;
    return n;
}

int seek_shared_part(void* arg, curl_off_t offset, int origin) {
    auto* reader = static_cast<SharedPartReader*>(arg);
    if (origin != SEEK_SET || offset < 0 || static_cast<std::size_t>(offset) > reader->bytes->size())
        return CURL_SEEKFUNC_CANTSEEK;
    reader->offset = static_cast<std::size_t>(offset);
    return CURL_SEEKFUNC_OK;
}

void free_shared_part(void* arg) { delete static_cast<SharedPartReader*>(arg); }

CURLcode add_shared_data(curl_mimepart* field, const std::shared_ptr<const std::string>& bytes) {
    auto* reader = new SharedPartReader{bytes, 0};
    CURLcode code = curl_mime_data_cb(field, static_cast<curl_off_t>(bytes->size()), &read_shared_part, &seek_shared_part,
                                      &free_shared_part, reader);
    if (code != CURLE_OK) delete reader;
    return code;
}

}  // namespace

Result<std::unique_ptr<Transfer>> Transfer::create(const HttpRequest& request) {
    if (auto initialized = ensure_curl_initialized(); !initialized) return initialized.take_error();
    std::unique_ptr<Transfer> transfer(new Transfer(request));
    transfer->easy_.reset(curl_easy_init());
    if (!transfer->easy_) return make_error(Stage::transport, "libcurl could not create a handle (out of memory?)");
    if (auto configured = transfer->configure(); !configured) return configured.take_error();
    return transfer;
}

Status Transfer::configure() {
    CURL* easy = easy_.get();
    curl_easy_setopt(easy, CURLOPT_URL, request_.url.c_str());
    curl_easy_setopt(easy, CURLOPT_PRIVATE, this);
    curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, error_buffer_.data());
    curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, request_.timeout_ms);
    curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS, request_.timeout_ms);
    // Redirects are followed by the caller, one hop at a time, so the key never follows one off-origin.
    curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(easy, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(easy, CURLOPT_SSL_VERIFYHOST, 2L);
    curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(easy, CURLOPT_USERAGENT, user_agent().c_str());
    curl_easy_setopt(easy, CURLOPT_ACCEPT_ENCODING, "");
    curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, &Transfer::on_body);
    curl_easy_setopt(easy, CURLOPT_WRITEDATA, this);
    curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, &Transfer::on_header);
    curl_easy_setopt(easy, CURLOPT_HEADERDATA, this);
    if (request_.capture_request_head) {
        curl_easy_setopt(easy, CURLOPT_DEBUGFUNCTION, &Transfer::on_debug);
        curl_easy_setopt(easy, CURLOPT_DEBUGDATA, this);
        curl_easy_setopt(easy, CURLOPT_VERBOSE, 1L);
    }
    if (auto body = configure_body(); !body) return body;
    return configure_headers();
}

Status Transfer::configure_body() {
    CURL* easy = easy_.get();
    const char* name = method_name(request_.method);
    if (request_.method == Method::head) {
        curl_easy_setopt(easy, CURLOPT_NOBODY, 1L);
        return Ok{};
    }
    if (!request_.form.empty()) {
        mime_.reset(curl_mime_init(easy));
        for (const FormPart& part : request_.form) {
            curl_mimepart* field = curl_mime_addpart(mime_.get());
            curl_mime_name(field, part.name.c_str());
            if (!part.file.empty()) {
                if (curl_mime_filedata(field, part.file.c_str()) != CURLE_OK)
                    return make_error(Stage::read, fmt::format("{}: cannot be opened for upload", part.file.string()));
            } else if (part.shared_data) {
                if (add_shared_data(field, part.shared_data) != CURLE_OK)
                    return make_error(Stage::transport, fmt::format("libcurl could not take the form part '{}'", part.name));
            } else {
                curl_mime_data(field, part.data.data(), part.data.size());
            }
            if (!part.filename.empty()) curl_mime_filename(field, part.filename.c_str());
            if (!part.content_type.empty()) curl_mime_type(field, part.content_type.c_str());
        }
        curl_easy_setopt(easy, CURLOPT_MIMEPOST, mime_.get());
        if (request_.method != Method::post) curl_easy_setopt(easy, CURLOPT_CUSTOMREQUEST, name);
        return Ok{};
    }
    bool has_body = !request_.body.empty() || !request_.content_type.empty();
    if (has_body || request_.method == Method::post) {
        curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request_.body.size()));
        curl_easy_setopt(easy, CURLOPT_POSTFIELDS, request_.body.data());
    }
    if (request_.method == Method::get && !has_body) {
        curl_easy_setopt(easy, CURLOPT_HTTPGET, 1L);
    } else if (request_.method != Method::post) {
        curl_easy_setopt(easy, CURLOPT_CUSTOMREQUEST, name);
    }
    return Ok{};
}

Status Transfer::configure_headers() {
    auto target = origin_of(request_.url);
    if (!target) return target.take_error();
    if (request_.api_key && !request_.api_origin.empty() && target->to_string() == request_.api_origin) {
        if (auto allowed = check_key_transport(request_.url); !allowed) return allowed;
        header_list_.append(("X-API-Key: " + request_.api_key->reveal()).c_str());
    }
    if (!request_.content_type.empty() && request_.form.empty())
        header_list_.append(("Content-Type: " + request_.content_type).c_str());
    // No "Expect: 100-continue" wait: uploads start at once (the servers we talk to answer errors promptly).
    header_list_.append("Expect:");
    header_list_.append("Accept: application/json, */*;q=0.5");
    for (const std::string& line : request_.headers) {
        // A user-given key header would bypass the origin rule above, so it is not passed through.
        if (is_key_header(line)) continue;
        header_list_.append(line.c_str());
    }
    curl_easy_setopt(easy_.get(), CURLOPT_HTTPHEADER, header_list_.get());
    return Ok{};
}

size_t Transfer::on_body(char* data, size_t size, size_t count, void* self) {
    auto* transfer = static_cast<Transfer*>(self);
    transfer->response_.body.append(data, size * count);
    return size * count;
}

size_t Transfer::on_header(char* data, size_t size, size_t count, void* self) {
    auto* transfer = static_cast<Transfer*>(self);
    std::string_view line(data, size * count);
    auto trimmed = trim(line);
    if (starts_with_ci(trimmed, "HTTP/")) {
        // A new status line (after 100 Continue, say): the headers that count start here.
        transfer->response_.status_line = std::string(trimmed);
        transfer->response_.headers.clear();
        return size * count;
    }
    auto colon = trimmed.find(':');
    if (colon != std::string_view::npos)
        transfer->response_.headers.emplace_back(std::string(trim(trimmed.substr(0, colon))),
                                                 std::string(trim(trimmed.substr(colon + 1))));
    return size * count;
}

int Transfer::on_debug(CURL*, curl_infotype type, char* data, size_t size, void* self) {
    if (type != CURLINFO_HEADER_OUT) return 0;
    auto* transfer = static_cast<Transfer*>(self);
    transfer->response_.request_head += redact_key_headers(std::string_view(data, size));
    return 0;
}

curl_off_t Transfer::bytes_sent() const {
    curl_off_t sent = 0;
    curl_easy_getinfo(easy_.get(), CURLINFO_SIZE_UPLOAD_T, &sent);
    return sent;
}

Result<HttpResponse> Transfer::finish(CURLcode code) {
    if (code != CURLE_OK) return transport_error(code, error_buffer_.data(), request_.timeout_ms);
    CURL* easy = easy_.get();
    curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &response_.status);
    char* effective = nullptr;
    curl_easy_getinfo(easy, CURLINFO_EFFECTIVE_URL, &effective);
    if (effective != nullptr) response_.effective_url = effective;
    char* redirect = nullptr;
    curl_easy_getinfo(easy, CURLINFO_REDIRECT_URL, &redirect);
    if (redirect != nullptr) response_.redirect_url = redirect;

    curl_off_t dns = 0, connect = 0, tls = 0, first_byte = 0, total = 0;
    curl_easy_getinfo(easy, CURLINFO_NAMELOOKUP_TIME_T, &dns);
    curl_easy_getinfo(easy, CURLINFO_CONNECT_TIME_T, &connect);
    curl_easy_getinfo(easy, CURLINFO_APPCONNECT_TIME_T, &tls);
    curl_easy_getinfo(easy, CURLINFO_STARTTRANSFER_TIME_T, &first_byte);
    curl_easy_getinfo(easy, CURLINFO_TOTAL_TIME_T, &total);
    response_.timing = Timing{dns / 1000.0, connect / 1000.0, tls / 1000.0, first_byte / 1000.0, total / 1000.0};
    return std::move(response_);
}

Error transport_error(CURLcode code, const char* detail, long timeout_ms) {
    std::string reason = (detail != nullptr && detail[0] != '\0') ? detail : curl_easy_strerror(code);
    switch (code) {
        case CURLE_COULDNT_RESOLVE_HOST:
        case CURLE_COULDNT_RESOLVE_PROXY: return make_error(Stage::dns, fmt::format("name lookup failed: {}", reason));
        case CURLE_COULDNT_CONNECT: return make_error(Stage::connect, fmt::format("could not connect: {}", reason));
        case CURLE_OPERATION_TIMEDOUT:
            return make_error(Stage::timeout, fmt::format("no complete answer within {:g} s (--timeout): {}",
                                                     timeout_ms / 1000.0, reason));
        case CURLE_SSL_CONNECT_ERROR:
        case CURLE_PEER_FAILED_VERIFICATION:
        case CURLE_SSL_CERTPROBLEM:
        case CURLE_SSL_CIPHER:
        case CURLE_SSL_CACERT_BADFILE:
        case CURLE_SSL_ISSUER_ERROR:
        case CURLE_SSL_PINNEDPUBKEYNOTMATCH: return make_error(Stage::tls, fmt::format("TLS failed: {}", reason));
        case CURLE_ABORTED_BY_CALLBACK: return make_error(Stage::cancelled, "cancelled before the transfer finished");
        case CURLE_GOT_NOTHING:
            return make_error(Stage::transport, fmt::format("the server closed the connection without answering: {}", reason));
        case CURLE_SEND_ERROR:
        case CURLE_RECV_ERROR:
            return make_error(Stage::transport, fmt::format("the connection broke mid-transfer: {}", reason));
        default: return make_error(Stage::transport, reason);
    }
}

}  // namespace bmx::http
