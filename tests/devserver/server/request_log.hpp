// Every request the dev server received, in arrival order, so tests can assert what a client actually sent.
#pragma once

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <mutex>
#include <vector>

namespace bmx::devserver {

class RequestLog {
 public:
  using Sequence = std::uint64_t;

  // Called when the request's headers have arrived (before the body is read), so
  // the log order is arrival order even when handlers finish out of order.
  Sequence begin(const httplib::Request& request);
  // Called just before the response is written: adds the body, parts and status.
  void finish(Sequence sequence, const httplib::Request& request, int status);

  // [{method, path, query, headers, content_type, body_bytes, status, parts, body}]; body is
  // the first 4 KB of a PUT's body as text, null for other methods.
  nlohmann::json entries() const;
  // {requests, image_posts}, counted over the entries since the last clear().
  nlohmann::json stats() const;
  void clear();

 private:
  mutable std::mutex mutex_;
  std::vector<nlohmann::json> entries_;
  Sequence first_sequence_ = 0;  // Sequence number of entries_[0].
};

}  // namespace bmx::devserver
