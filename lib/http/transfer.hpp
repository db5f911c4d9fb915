// Transfer: one HTTP request in flight on a libcurl easy handle, owning every C resource it uses.
#pragma once

#include <array>
#include <memory>
#include <optional>

#include "core/result.hpp"
#include "http/curl_handles.hpp"
#include "http/http_types.hpp"

namespace bmx::http {

class Transfer {
public:
    // Builds the easy handle for the request. The key is attached only when the URL is on the
    // request's api_origin and key transport is allowed (https, or http to loopback).
    static Result<std::unique_ptr<Transfer>> create(const HttpRequest& request);

    Transfer(const Transfer&) = delete;
    Transfer& operator=(const Transfer&) = delete;
    ~Transfer() = default;

    CURL* easy() const { return easy_.get(); }
    const HttpRequest& request() const { return request_; }

    // Reads the outcome once libcurl says the transfer is done: the response, or a transport
    // error with its stage (dns, connect, tls, timeout, transport, cancelled).
    Result<HttpResponse> finish(CURLcode code);

    // Bytes of the request body sent so far, for progress meters.
    curl_off_t bytes_sent() const;

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

    HttpRequest request_;
    EasyHandle easy_;
    HeaderList header_list_;
    MimeHandle mime_;
    HttpResponse response_;
    std::size_t header_bytes_ = 0;
    // Why on_body or on_header stopped the transfer, when one of them did.
    std::optional<Error> refused_;
    std::array<char, CURL_ERROR_SIZE> error_buffer_{};
};

// Maps a libcurl failure to an Error a person can act on.
Error transport_error(CURLcode code, const char* detail, long timeout_ms);

}  // namespace bmx::http
