// Transfer: one HTTP request on a libcurl easy handle, with headers, body, form and capture.
#include "http/transfer.hpp"

#include <sys/socket.h>

#include <algorithm>
#include <cstdio>
#include <cstring>

#include <fmt/format.h>

#include "bmx_version.hpp"
#include "core/text.hpp"
#include "http/redact.hpp"
#include "http/response_budget.hpp"
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

// Sets easy options in order and keeps the first refusal; the options after it are not tried.
class EasyOptions {
public:
    explicit EasyOptions(CURL* easy) : easy_(easy) {}

    template <class Value>
    EasyOptions& set(CURLoption option, Value value) {
        if (status_) status_ = set_option(easy_, option, value);
        return *this;
    }
    Status status() const { return status_; }

private:
    CURL* easy_;
    Status status_ = Ok{};
};

Error form_error(const FormPart& part, CURLcode code) {
    return make_error(Stage::setup, fmt::format("libcurl could not build form field '{}': {}", part.name, curl_easy_strerror(code)));
}

// One multipart field: its name, then its bytes (streamed from a file, or in memory), file name and type.
Status fill_form_part(curl_mimepart* field, const FormPart& part) {
    if (CURLcode code = curl_mime_name(field, part.name.c_str()); code != CURLE_OK) return form_error(part, code);
    if (!part.file.empty()) {
        if (curl_mime_filedata(field, part.file.c_str()) != CURLE_OK)
            return make_error(Stage::read, fmt::format("{}: cannot be opened for upload", part.file.string()));
    } else if (part.shared_data) {
        if (CURLcode code = add_shared_data(field, part.shared_data); code != CURLE_OK) return form_error(part, code);
    } else if (CURLcode code = curl_mime_data(field, part.data.data(), part.data.size()); code != CURLE_OK) {
        return form_error(part, code);
    }
    if (!part.filename.empty())
        if (CURLcode code = curl_mime_filename(field, part.filename.c_str()); code != CURLE_OK) return form_error(part, code);
    if (!part.content_type.empty())
        if (CURLcode code = curl_mime_type(field, part.content_type.c_str()); code != CURLE_OK) return form_error(part, code);
    return Ok{};
}

template <class Answer>
Status read_info(CURL* easy, CURLINFO info, Answer* answer) {
    CURLcode code = curl_easy_getinfo(easy, info, answer);
    if (code != CURLE_OK)
        return make_error(Stage::transport, fmt::format("libcurl could not report on the transfer: {}", curl_easy_strerror(code)));
    return Ok{};
}

// A TLS failure in words that say which host and what to do: a host whose certificate comes
// from a private or corporate CA is trusted through --cacert (or BMX_CA_BUNDLE).
std::string tls_error_message(const HttpRequest& request, const std::string& reason) {
    auto origin = origin_of(request.url);
    const std::string host = origin ? origin->host : std::string("the server");
    const std::string trusted = request.ca_bundle.empty()
                                    ? "the system's CA store"
                                    : fmt::format("only the CAs in {}", request.ca_bundle);
    return fmt::format("TLS with {} failed ({} trusted): {}. If {} has a certificate from a private or corporate CA, "
                       "give that CA's certificate with --cacert FILE or BMX_CA_BUNDLE; verification is never turned off",
                       host, trusted, reason, host);
}

}  // namespace

Result<std::unique_ptr<Transfer>> Transfer::create(const HttpRequest& request, OpenSockets* sockets) {
    if (auto ready = ensure_curl_ready(); !ready) return ready.take_error();
    std::unique_ptr<Transfer> transfer(new Transfer(request));
    transfer->sockets_ = sockets;
    transfer->easy_.reset(curl_easy_init());
    if (!transfer->easy_) return make_error(Stage::transport, "libcurl could not create a handle (out of memory?)");
    if (auto configured = transfer->configure(); !configured) {
        Error error = configured.take_error();
        // The URL came from the server: what is wrong with it is the answer's fault, and a request was sent.
        if (request.follows_redirect && error.stage == Stage::usage)
            return make_error(Stage::answer, fmt::format("the server redirected to a URL bmx-api cannot follow: {}", error.message));
        return error;
    }
    return transfer;
}

Status Transfer::configure() {
    EasyOptions options(easy_.get());
    options.set(CURLOPT_URL, request_.url.c_str())
        .set(CURLOPT_PRIVATE, this)
        .set(CURLOPT_ERRORBUFFER, error_buffer_.data())
        .set(CURLOPT_NOSIGNAL, 1L)
        .set(CURLOPT_TIMEOUT_MS, request_.timeout_ms)
        .set(CURLOPT_CONNECTTIMEOUT_MS, request_.timeout_ms)
        // Redirects are followed by the caller, one hop at a time, so the key never follows one off-origin.
        .set(CURLOPT_FOLLOWLOCATION, 0L)
        .set(CURLOPT_SSL_VERIFYPEER, 1L)
        .set(CURLOPT_SSL_VERIFYHOST, 2L)
        .set(CURLOPT_PROTOCOLS_STR, "http,https")
        .set(CURLOPT_USERAGENT, user_agent().c_str())
        .set(CURLOPT_ACCEPT_ENCODING, "")
        .set(CURLOPT_WRITEFUNCTION, &Transfer::on_body)
        .set(CURLOPT_WRITEDATA, this)
        .set(CURLOPT_HEADERFUNCTION, &Transfer::on_header)
        .set(CURLOPT_HEADERDATA, this);
    // A declared Content-Length over the budget fails at once; on_body counts the rest (decoded).
    // Not for HEAD, whose Content-Length describes a body that never comes.
    if (request_.method != Method::head)
        options.set(CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(request_.max_response_bytes));
    // As curl's --cacert: the bundle is the whole set of CAs trusted, so the default directory
    // of hashed certificates (Debian's /etc/ssl/certs) is cleared too.
    if (!request_.ca_bundle.empty())
        options.set(CURLOPT_CAINFO, request_.ca_bundle.c_str()).set(CURLOPT_CAPATH, static_cast<const char*>(nullptr));
    if (sockets_)
        options.set(CURLOPT_OPENSOCKETFUNCTION, &Transfer::open_socket)
            .set(CURLOPT_OPENSOCKETDATA, this)
            .set(CURLOPT_CLOSESOCKETFUNCTION, &OpenSockets::close_socket)
            .set(CURLOPT_CLOSESOCKETDATA, sockets_);
    if (request_.capture_request_head)
        options.set(CURLOPT_DEBUGFUNCTION, &Transfer::on_debug).set(CURLOPT_DEBUGDATA, this).set(CURLOPT_VERBOSE, 1L);
    if (auto set = options.status(); !set) return set;
    if (auto body = configure_body(); !body) return body;
    return configure_headers();
}

Status Transfer::configure_body() {
    CURL* easy = easy_.get();
    const char* name = method_name(request_.method);
    if (request_.method == Method::head) return set_option(easy, CURLOPT_NOBODY, 1L);
    if (!request_.form.empty()) {
        if (auto form = configure_form(); !form) return form;
        if (request_.method == Method::post) return Ok{};
        return set_option(easy, CURLOPT_CUSTOMREQUEST, name);
    }
    EasyOptions options(easy);
    bool has_body = !request_.body.empty() || !request_.content_type.empty();
    if (has_body || request_.method == Method::post)
        options.set(CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request_.body.size()))
            .set(CURLOPT_POSTFIELDS, request_.body.data());
    if (request_.method == Method::get && !has_body) {
        options.set(CURLOPT_HTTPGET, 1L);
    } else if (request_.method != Method::post) {
        options.set(CURLOPT_CUSTOMREQUEST, name);
    }
    return options.status();
}

Status Transfer::configure_form() {
    mime_.reset(curl_mime_init(easy_.get()));
    if (!mime_) return make_error(Stage::setup, "libcurl could not create a form (out of memory?)");
    for (const FormPart& part : request_.form) {
        curl_mimepart* field = curl_mime_addpart(mime_.get());
        if (field == nullptr) return make_error(Stage::setup, "libcurl could not add a form field (out of memory?)");
        if (auto filled = fill_form_part(field, part); !filled) return filled;
    }
    return set_option(easy_.get(), CURLOPT_MIMEPOST, mime_.get());
}

Status Transfer::configure_headers() {
    auto target = origin_of(request_.url);
    if (!target) return target.take_error();
    if (request_.follows_redirect && target->scheme != "http" && target->scheme != "https")
        return make_error(Stage::usage, fmt::format("'{}' is not http or https", request_.url));
    const bool to_api_origin = !request_.api_origin.empty() && target->to_string() == request_.api_origin;
    if (request_.api_key && to_api_origin) {
        if (auto allowed = check_key_transport(request_.url); !allowed) return allowed;
        header_list_.append(("X-API-Key: " + request_.api_key->reveal()).c_str());
    }
    // A proxy would read a plain-http key in clear text (and could answer as the API), so every
    // plain-http request to the API's origin goes direct, keyed or not: one run reaches one API by
    // one route, and a keyless health check cannot report a proxy's answer as the API's. https
    // through a proxy is a CONNECT tunnel, for keyed and keyless requests alike.
    if (to_api_origin && target->scheme == "http")
        if (auto direct = set_option(easy_.get(), CURLOPT_PROXY, ""); !direct) return direct;
    if (!request_.content_type.empty() && request_.form.empty())
        header_list_.append(("Content-Type: " + request_.content_type).c_str());
    // No "Expect: 100-continue" wait: uploads start at once (the servers we talk to answer errors promptly).
    header_list_.append("Expect:");
    header_list_.append("Accept: application/json, */*;q=0.5");
    // Like libcurl on a change of host: credentials given for the API stay with the API's origin.
    bool off_api_origin = !request_.api_origin.empty() && target->to_string() != request_.api_origin;
    for (const std::string& line : request_.headers) {
        // A user-given key header would bypass the origin rule above, so it is not passed through.
        if (is_key_header(line)) continue;
        if (off_api_origin && is_credential_header(line)) continue;
        header_list_.append(line.c_str());
    }
    return set_option(easy_.get(), CURLOPT_HTTPHEADER, header_list_.get());
}

size_t Transfer::on_body(char* data, size_t size, size_t count, void* self) {
    auto* transfer = static_cast<Transfer*>(self);
    std::string& body = transfer->response_.body;
    const std::size_t budget = transfer->request_.max_response_bytes;
    // libcurl hands over decoded bytes, so a gzip, br or zstd bomb is counted as it inflates.
    if (size * count > budget - std::min(budget, body.size())) {
        transfer->refused_ = response_over_budget(budget, transfer->response_, BudgetPassed::decoded, transfer->request_.budget_advice);
        return 0;  // libcurl ends the transfer with CURLE_WRITE_ERROR
    }
    try {
        body.append(data, size * count);
    } catch (const std::bad_alloc&) {  // never through libcurl's C frames
        transfer->refused_ = make_error(Stage::answer, fmt::format("out of memory holding a {} byte answer; a smaller "
                                                                   "--max-response-mib fails sooner",
                                                                   body.size() + size * count));
        return 0;
    }
    return size * count;
}

size_t Transfer::on_header(char* data, size_t size, size_t count, void* self) {
    auto* transfer = static_cast<Transfer*>(self);
    std::string_view line(data, size * count);
    transfer->header_bytes_ += line.size();
    if (transfer->header_bytes_ > max_response_header_bytes) {
        transfer->refused_ = make_error(Stage::answer, fmt::format("the answer's headers are over {} KiB; bmx-api takes no more",
                                                                   max_response_header_bytes / 1024));
        return 0;
    }
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
    transfer->response_.request_head += redact_credential_headers(std::string_view(data, size));
    return 0;
}

curl_off_t Transfer::bytes_sent() const {
    curl_off_t sent = 0;
    // Only a progress meter reads this; a transfer libcurl cannot report on counts as nothing sent yet.
    if (!read_info(easy_.get(), CURLINFO_SIZE_UPLOAD_T, &sent)) return 0;
    return sent;
}

// As libcurl's own opener does, and the socket recorded: a connection reused later keeps it.
curl_socket_t Transfer::open_socket(void* self, curlsocktype, curl_sockaddr* address) {
    auto* transfer = static_cast<Transfer*>(self);
    int type = address->socktype;
#ifdef SOCK_CLOEXEC
    type |= SOCK_CLOEXEC;  // no child process inherits the connection
#endif
    curl_socket_t socket = ::socket(address->family, type, address->protocol);
    if (socket == CURL_SOCKET_BAD) return socket;
    transfer->own_socket_ = socket;
    transfer->sockets_->opened(socket);
    return socket;
}

curl_off_t Transfer::body_bytes() const {
    curl_off_t size = 0;
    if (!read_info(easy_.get(), CURLINFO_CONTENT_LENGTH_UPLOAD_T, &size) || size < 0) return 0;
    return size;
}

bool Transfer::is_header_too_large(CURLcode code) const {
    constexpr int curle_too_large = 100;  // CURLE_TOO_LARGE, libcurl 8.6 and later
    if (static_cast<int>(code) == curle_too_large) return true;
    if (code != CURLE_OUT_OF_MEMORY || !response_.body.empty()) return false;
    // libcurl 7.88 says "out of memory" for a status or header line over its 100 KB limit; its
    // error buffer names the rejected header when it says anything.
    long request_bytes = 0;
    bool sent = read_info(easy_.get(), CURLINFO_REQUEST_SIZE, &request_bytes).ok() && request_bytes > 0;
    return sent || std::string_view(error_buffer_.data()).find("header") != std::string_view::npos;
}

Result<HttpResponse> Transfer::finish(CURLcode code) {
    if (code != CURLE_OK && refused_) return *refused_;
    if (code == CURLE_FILESIZE_EXCEEDED)
        return response_over_budget(request_.max_response_bytes, response_, BudgetPassed::declared, request_.budget_advice);
    if (is_header_too_large(code)) {
        std::string after = response_.status_line.empty() ? "" : fmt::format(" after '{}'", response_.status_line);
        return make_error(Stage::answer, fmt::format("the server sent a header line over libcurl's 100 KB limit{}", after));
    }
    if (code != CURLE_OK) {
        Error error = transport_error(code, error_buffer_.data(), request_.timeout_ms);
        if (error.stage == Stage::tls)
            error.message = tls_error_message(request_, error_buffer_[0] != '\0' ? error_buffer_.data() : curl_easy_strerror(code));
        return error;
    }
    CURL* easy = easy_.get();
    char* effective = nullptr;
    char* redirect = nullptr;
    curl_off_t dns = 0, connect = 0, tls = 0, first_byte = 0, total = 0;
    for (Status read : {read_info(easy, CURLINFO_RESPONSE_CODE, &response_.status),
                        read_info(easy, CURLINFO_EFFECTIVE_URL, &effective),
                        read_info(easy, CURLINFO_REDIRECT_URL, &redirect),
                        read_info(easy, CURLINFO_NAMELOOKUP_TIME_T, &dns),
                        read_info(easy, CURLINFO_CONNECT_TIME_T, &connect),
                        read_info(easy, CURLINFO_APPCONNECT_TIME_T, &tls),
                        read_info(easy, CURLINFO_STARTTRANSFER_TIME_T, &first_byte),
                        read_info(easy, CURLINFO_TOTAL_TIME_T, &total)})
        if (!read) return read.take_error();
    if (effective != nullptr) response_.effective_url = effective;
    if (redirect != nullptr) response_.redirect_url = redirect;
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
            return make_error(Stage::timeout, fmt::format("no complete answer within {:g} s: {}",
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
