// Transfer: one HTTP request in flight on a libcurl easy handle, owning every C resource it uses.
#pragma once

#include <array>
#include <memory>
#include <optional>

#include "core/result.hpp"
#include "http/curl_handles.hpp"
#include "http/http_types.hpp"
#include "http/open_sockets.hpp"

namespace bmx::http {

class Transfer {
public:
    // Builds the easy handle for the request. The key is attached only when the URL is on the
    // request's api_origin and key transport is allowed (https, or http to loopback). With
    // `sockets`, the connections it opens are recorded there until libcurl closes them.
    static Result<std::unique_ptr<Transfer>> create(const HttpRequest& request, OpenSockets* sockets = nullptr);

    Transfer(const Transfer&) = delete;
    Transfer& operator=(const Transfer&) = delete;
    ~Transfer() = default;

    CURL* easy() const { return easy_.get(); }
    const HttpRequest& request() const { return request_; }

    // Reads the outcome once libcurl says the transfer is done: the response, or a transport
    // error with its stage (dns, connect, tls, timeout, transport, cancelled).
    Result<HttpResponse> finish(CURLcode code);

    // Bytes of the request body handed to the kernel so far (not yet all on the wire: a socket's
    // send buffer holds megabytes on a fast LAN or loopback).
    curl_off_t bytes_sent() const;
    // The socket of the connection this transfer opened; CURL_SOCKET_BAD on a reused one
    // (libcurl names a transfer's socket only once it is done).
    curl_socket_t own_socket() const { return own_socket_; }
    // The request body's size, when libcurl knows it (0 otherwise).
    curl_off_t body_bytes() const;

private:
    explicit Transfer(HttpRequest request) : request_(std::move(request)) {}
    Status configure();
    Status configure_body();
    Status configure_form();
    Status configure_headers();
    // Whether libcurl refused a status or header line over its 100 KB limit.
    bool is_header_too_large(CURLcode code) const;

    static size_t on_body(char* data, size_t size, size_t count, void* self);
    static size_t on_header(char* data, size_t size, size_t count, void* self);
    static int on_debug(CURL*, curl_infotype type, char* data, size_t size, void* self);
    static curl_socket_t open_socket(void* self, curlsocktype purpose, curl_sockaddr* address);

    HttpRequest request_;
    EasyHandle easy_;
    HeaderList header_list_;
    MimeHandle mime_;
    HttpResponse response_;
    std::size_t header_bytes_ = 0;
    // Why on_body or on_header stopped the transfer, when one of them did.
    std::optional<Error> refused_;
    std::array<char, CURL_ERROR_SIZE> error_buffer_{};
    OpenSockets* sockets_ = nullptr;
    curl_socket_t own_socket_ = CURL_SOCKET_BAD;
};

// Maps a libcurl failure to an Error a person can act on.
Error transport_error(CURLcode code, const char* detail, long timeout_ms);

}  // namespace bmx::http
