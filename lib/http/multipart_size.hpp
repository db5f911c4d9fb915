// multipart_body_bytes: the size of the multipart/form-data body libcurl sends for a form,
// counted before sending so that a request-size limit can be checked without sending a byte.
#pragma once

#include <cstddef>
#include <vector>

#include "http/http_types.hpp"

namespace bmx::http {

// The Content-Length libcurl sends for these parts (exact for 7.x, an upper bound after): for each part the boundary line,
// Content-Disposition (name and filename, with '"', CR and LF escaped as %22, %0D, %0A),
// Content-Type, a blank line, the bytes and CRLF; then the closing boundary. A part streamed
// from a file counts its size on disk now. tests/integration/upload_limit_test.cpp checks the
// figure against the Content-Length the dev server received.
std::size_t multipart_body_bytes(const std::vector<FormPart>& parts);

// The bytes one part adds besides its data (boundary, headers, line ends).
std::size_t multipart_part_overhead(const FormPart& part);

}  // namespace bmx::http
